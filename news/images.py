"""Uploaded images: verified with Pillow, re-encoded, stored under a fresh name, with renditions.

Every image that enters the site (article covers, video thumbnails, pictures
uploaded from CKEditor) goes through `verify_image()`:

- the upload is at most `settings.MAX_UPLOAD_BYTES` bytes and at most
  `settings.MAX_IMAGE_PIXELS` pixels (checked from the header, before any
  decoding, so a decompression bomb is refused without being expanded);
- Pillow must recognise it as JPEG, PNG, WebP or GIF (nothing else is even
  tried), `verify()` it, then decode it completely;
- bytes after the image's end marker (a script or HTML page glued to a
  picture, a "polyglot") are refused;
- the pixels are re-encoded, so what is stored carries no metadata (camera
  EXIF, GPS position) and nothing but the picture, under a fresh random name
  whose extension comes from the detected format, never from the client.

Renditions (`RENDITION_WIDTHS`) are made once, when a cover is saved, and
their sizes follow from the original's by `fit_width()`.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Pillow format name → stored extension.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
RENDITION_WIDTHS = {"thumb": 400, "large": 960}
MAX_GIF_FRAMES = 300
JPEG_QUALITY = 88
RENDITION_QUALITY = 82

_HARMLESS_PADDING = b"\x00\r\n\t "


class VerifiedImage(ContentFile):
    """Re-encoded image bytes that passed `verify_image()`, named `<random>.<detected extension>`."""

    def __init__(self, content, *, image_format, width, height):
        self.image_format = image_format
        self.extension = EXTENSIONS[image_format]
        self.width = width
        self.height = height
        super().__init__(content, name=f"{uuid.uuid4().hex}.{self.extension}")


def verify_image(upload, *, max_width=None):
    """A `VerifiedImage` from `upload` (any file-like object), or `ValidationError` in Vietnamese.

    `max_width` scales a wider (still) picture down while re-encoding it.
    """
    if isinstance(upload, VerifiedImage):
        return upload
    data = _read_bounded(upload)
    image_format, width, height, frames = _inspect(data)
    _check_nothing_after_the_image(data, image_format)
    try:
        with Image.open(io.BytesIO(data), formats=_FORMATS_TO_TRY) as image:
            image.load()
            content, width, height = _reencode(image, image_format, max_width=max_width, frames=frames)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(_("Tệp ảnh bị hỏng hoặc không đọc trọn được."), code="broken_image") from exc
    return VerifiedImage(content, image_format=image_format, width=width, height=height)


def fit_width(width, height, target_width):
    """Size of a picture `width`×`height` scaled to at most `target_width` wide (never enlarged)."""
    if not width or not height:
        return None, None
    if width <= target_width:
        return width, height
    return target_width, max(1, round(height * target_width / width))


def make_rendition(source, target_width, *, stem, image_format="JPEG"):
    """A still picture of `source` (a stored, verified image file) at most `target_width` wide.

    Returns `(ContentFile named "<stem>-<width>w.<ext>", width, height)`; JPEG
    unless `image_format` says otherwise (transparency is kept there).
    """
    source.seek(0)
    with Image.open(source, formats=_FORMATS_TO_TRY) as image:
        width, height = fit_width(image.width, image.height, target_width)
        if image.format == "JPEG":
            image.draft("RGB", (width, height))
        if image_format == "JPEG":
            picture = _flatten(image)
        else:
            image.seek(0)
            picture = image.convert("RGBA")
        if picture.size != (width, height):
            picture = picture.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        buffer = io.BytesIO()
        options = {"quality": RENDITION_QUALITY, "optimize": True, "progressive": True}
        picture.save(buffer, format=image_format, **(options if image_format == "JPEG" else {}))
    name = f"{stem}-{target_width}w.{EXTENSIONS[image_format]}"
    return ContentFile(buffer.getvalue(), name=name), width, height


def image_size(source):
    """(width, height) of a stored image, read from its header."""
    source.seek(0)
    with Image.open(source, formats=_FORMATS_TO_TRY) as image:
        return image.size


# --- checks -----------------------------------------------------------------

_FORMATS_TO_TRY = list(EXTENSIONS)


def _read_bounded(upload):
    limit = settings.MAX_UPLOAD_BYTES
    too_big = ValidationError(
        _("Ảnh quá lớn: tối đa %(limit)s.") % {"limit": filesizeformat(limit)}, code="too_many_bytes"
    )
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise too_big
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_big
    if not data:
        raise ValidationError(_("Tệp tải lên rỗng."), code="empty")
    return data


def _inspect(data):
    """Format, size and frame count from the header; refuses other formats and too many pixels."""
    not_an_image = ValidationError(_("Tệp không phải là ảnh JPEG, PNG, WebP hoặc GIF hợp lệ."), code="not_an_image")
    too_many_pixels = ValidationError(
        _("Ảnh có quá nhiều điểm ảnh: tối đa %(limit)s megapixel.") % {"limit": settings.MAX_IMAGE_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=_FORMATS_TO_TRY) as image:
                image_format = "JPEG" if image.format == "MPO" else image.format
                width, height = image.size
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise too_many_pixels
                frames = getattr(image, "n_frames", 1)
                if frames > MAX_GIF_FRAMES or width * height * frames > settings.MAX_IMAGE_PIXELS:
                    raise too_many_pixels
            with Image.open(io.BytesIO(data), formats=_FORMATS_TO_TRY) as image:
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many_pixels from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise not_an_image from exc
    if image_format not in EXTENSIONS or not width or not height:
        raise not_an_image
    return image_format, width, height, frames


def _check_nothing_after_the_image(data, image_format):
    end = _END_FINDERS[image_format](data)
    if end is None:
        raise ValidationError(_("Tệp ảnh bị hỏng hoặc không đọc trọn được."), code="broken_image")
    trailing = data[end:]
    if not trailing.strip(_HARMLESS_PADDING):
        return
    if image_format == "JPEG" and _is_camera_payload(trailing):
        return  # dropped by re-encoding; see _is_camera_payload
    raise ValidationError(
        _(
            "Tệp ảnh có dữ liệu lạ nối sau phần ảnh (có thể là mã độc). "
            "Hãy mở ảnh bằng phần mềm xem ảnh, lưu lại rồi tải lên lần nữa."
        ),
        code="trailing_data",
    )


def _is_camera_payload(trailing):
    """Phones append a second JPEG (multi-picture) or a short MP4 ("motion photo") after the picture.

    Such files are accepted; re-encoding keeps only the picture.
    """
    return trailing.startswith(b"\xff\xd8") or trailing[4:8] == b"ftyp" or trailing.startswith(b"MotionPhoto_Data")


def _jpeg_end(data):
    """Offset just after the EOI marker, walking segments and entropy-coded data."""
    if not data.startswith(b"\xff\xd8"):
        return None
    pos, n = 2, len(data)
    while pos < n:
        if data[pos] != 0xFF:
            return None
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            return pos
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue
        if pos + 2 > n:
            return None
        pos += int.from_bytes(data[pos : pos + 2], "big")
        if marker != 0xDA:
            continue
        # Entropy-coded data runs until a marker that is neither stuffing (FF00) nor a restart (FFD0–FFD7).
        while True:
            pos = data.find(b"\xff", pos)
            if pos < 0 or pos + 1 >= n:
                return None
            following = data[pos + 1]
            if following == 0x00 or 0xD0 <= following <= 0xD7:
                pos += 2
            elif following == 0xFF:
                pos += 1
            else:
                break
    return None


def _png_end(data):
    """Offset just after the IEND chunk."""
    pos, n = 8, len(data)
    while pos + 12 <= n:
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunk_type = data[pos + 4 : pos + 8]
        pos += 12 + length
        if chunk_type == b"IEND":
            return pos if pos <= n else None
    return None


def _gif_end(data):
    """Offset just after the trailer (0x3B), walking the blocks."""
    n = len(data)
    if n < 13:
        return None
    pos = 13 + _colour_table_size(data[10])
    while pos < n:
        block = data[pos]
        if block == 0x3B:
            return pos + 1
        if block == 0x21:  # extension: label, then sub-blocks
            pos = _skip_sub_blocks(data, pos + 2)
        elif block == 0x2C:  # image: descriptor, local colour table, LZW code size, sub-blocks
            if pos + 10 > n:
                return None
            pos = _skip_sub_blocks(data, pos + 10 + _colour_table_size(data[pos + 9]) + 1)
        else:
            return None
        if pos is None:
            return None
    return None


def _colour_table_size(flags):
    return 3 * (2 ** ((flags & 0x07) + 1)) if flags & 0x80 else 0


def _skip_sub_blocks(data, pos):
    n = len(data)
    while pos < n:
        size = data[pos]
        pos += 1
        if size == 0:
            return pos
        pos += size
    return None


def _webp_end(data):
    """Offset just after the RIFF container (its size field counts from byte 8)."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    size = int.from_bytes(data[4:8], "little")
    return 8 + size + (size & 1)


_END_FINDERS = {"JPEG": _jpeg_end, "PNG": _png_end, "GIF": _gif_end, "WEBP": _webp_end}


# --- re-encoding ------------------------------------------------------------


def _reencode(image, image_format, *, max_width, frames):
    """The picture alone, in its own format: no EXIF, comments or trailing bytes; upright."""
    buffer = io.BytesIO()
    icc_profile = image.info.get("icc_profile")
    if frames > 1:
        _save_animation(image, image_format, buffer)
        return buffer.getvalue(), image.width, image.height
    picture = ImageOps.exif_transpose(image)
    picture.info = {}  # Pillow would write comments, EXIF or XMP found here back out
    if max_width and picture.width > max_width:
        picture = picture.resize(fit_width(picture.width, picture.height, max_width), Image.Resampling.LANCZOS)
    if image_format == "JPEG":
        if picture.mode not in ("L", "RGB"):
            picture = picture.convert("RGB")
        picture.save(
            buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=icc_profile
        )
    elif image_format == "PNG":
        picture.save(
            buffer, format="PNG", optimize=picture.width * picture.height <= 4_000_000, icc_profile=icc_profile
        )
    elif image_format == "WEBP":
        if picture.mode not in ("RGB", "RGBA"):
            picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
        picture.save(buffer, format="WEBP", quality=JPEG_QUALITY, icc_profile=icc_profile)
    else:
        picture.save(buffer, format="GIF")
    return buffer.getvalue(), picture.width, picture.height


def _save_animation(image, image_format, buffer):
    """Every frame, with its timing, and nothing else (no comments or other metadata)."""
    loop = image.info.get("loop", 0)
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        copy = frame.convert("RGBA")
        copy.info = {}
        frames.append(copy)
    options = {"save_all": True, "append_images": frames[1:], "loop": loop, "duration": durations}
    if image_format == "WEBP":
        options["quality"] = JPEG_QUALITY
    frames[0].save(buffer, format=image_format, **options)


def _flatten(image):
    """An RGB copy of the first frame, transparent parts on white."""
    image.seek(0)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
