"""Short MP4 clips for the demo's "Phim tư liệu", made on this machine with ffmpeg's test sources.

The demo must play offline, so it does not point at videos elsewhere: each clip is
a few seconds of ffmpeg's `testsrc2` picture with a tone, H.264 and AAC in an MP4
with its index at the front (plays in every browser, starts before it is all
loaded). Without ffmpeg (Debian package `ffmpeg`, which `scripts/demo` installs
when it runs as root) there are no clips, and the demo says so.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path


def available():
    return shutil.which("ffmpeg") is not None


def make_clip(*, seconds=6, tone=440, size="480x270"):
    """The bytes of a `seconds`-long MP4 clip, or None when ffmpeg is missing or fails."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "clip.mp4"
        command = [
            ffmpeg, "-v", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25:duration={seconds}",
            "-f", "lavfi", "-i", f"sine=frequency={tone}:duration={seconds}",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "32", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "48k", "-movflags", "+faststart", "-shortest", str(target),
        ]  # fmt: skip
        try:
            subprocess.run(command, check=True, timeout=120, capture_output=True)  # noqa: S603 (fixed arguments)
        except (OSError, subprocess.SubprocessError):
            return None
        return target.read_bytes()
