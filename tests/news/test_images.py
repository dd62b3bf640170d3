"""Upload checks: only real, bounded pictures get in, re-encoded under a name from their detected format."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from news import images
from tests.factories import image_bytes

FORMATS = ["JPEG", "PNG", "WEBP", "GIF"]
POLYGLOT_TAILS = [
    b"<script>alert(document.cookie)</script>",
    b"<html><body onload=alert(1)>",
    b"<?php system($_GET['c']); ?>",
    b"\x00\x00<svg onload=alert(1)>",
]


def _codes(excinfo):
    return {error.code for error in excinfo.value.error_list}


@pytest.mark.parametrize("image_format", FORMATS)
def test_each_allowed_format_is_accepted_and_named_by_its_detected_format(image_format):
    verified = images.verify_image(io.BytesIO(image_bytes(image_format, (320, 200))))
    assert verified.name.endswith("." + images.EXTENSIONS[image_format])
    assert (verified.width, verified.height) == (320, 200)
    with Image.open(verified) as reopened:
        assert reopened.format == image_format
        assert reopened.size == (320, 200)


def test_the_clients_file_name_never_decides_the_extension():
    upload = io.BytesIO(image_bytes("PNG"))
    upload.name = "anh-dai-hoi.jpg.html"
    verified = images.verify_image(upload)
    assert verified.name.endswith(".png")
    assert "anh-dai-hoi" not in verified.name
    assert images.verify_image(io.BytesIO(image_bytes("PNG"))).name != verified.name  # fresh every time


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"%PDF-1.4\n1 0 obj\n",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        b"GIF89a<script>alert(1)</script>",
        b"\x89PNG\r\n\x1a\nnot really a png",
        b"\xff\xd8\xff\xe0 truncated jpeg",
    ],
    ids=["html", "pdf", "svg", "gif-magic-then-script", "png-magic-only", "jpeg-magic-only"],
)
def test_a_non_image_is_refused(content):
    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(io.BytesIO(content))
    assert _codes(excinfo) <= {"not_an_image", "broken_image"}


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "ICO"])
def test_formats_outside_the_list_are_refused_even_when_pillow_reads_them(image_format):
    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(io.BytesIO(image_bytes(image_format, (64, 64))))
    assert _codes(excinfo) == {"not_an_image"}


@pytest.mark.parametrize("tail", POLYGLOT_TAILS)
@pytest.mark.parametrize("image_format", FORMATS)
def test_an_image_with_a_script_appended_is_refused(image_format, tail):
    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(io.BytesIO(image_bytes(image_format) + tail))
    assert _codes(excinfo) == {"trailing_data"}
    assert "mã độc" in excinfo.value.messages[0]


def _with_comment(image_format):
    buffer = io.BytesIO()
    script = b"<script>alert(1)</script>"
    if image_format == "PNG":
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", script.decode())
        Image.new("RGB", (100, 100), "red").save(buffer, format="PNG", pnginfo=info)
    elif image_format == "GIF-animated":
        frames = [Image.new("RGB", (40, 40), (i * 60, 0, 0)) for i in range(3)]
        frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], comment=script)
    else:
        Image.new("RGB", (100, 100), "red").save(buffer, format=image_format, comment=script)
    assert script in buffer.getvalue()
    return buffer.getvalue()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "GIF", "GIF-animated"])
def test_a_script_hidden_in_the_metadata_is_not_stored(image_format):
    verified = images.verify_image(io.BytesIO(_with_comment(image_format)))
    assert b"<script>" not in verified.read()


def test_padding_after_the_image_is_tolerated():
    verified = images.verify_image(io.BytesIO(image_bytes("PNG") + b"\r\n\x00\x00"))
    assert verified.name.endswith(".png")


def test_a_phone_motion_photo_keeps_only_the_picture():
    motion = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42" + b"\x00" * 64
    verified = images.verify_image(io.BytesIO(image_bytes("JPEG") + motion))
    data = verified.read()
    assert b"ftyp" not in data
    assert data.endswith(b"\xff\xd9")


def test_oversized_bytes_are_refused_before_decoding(settings):
    settings.MAX_UPLOAD_BYTES = 1000
    noisy = Image.effect_noise((200, 200), 80).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 1000
    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(io.BytesIO(buffer.getvalue()))
    assert _codes(excinfo) == {"too_many_bytes"}
    assert "tối đa" in excinfo.value.messages[0]


def test_the_size_attribute_of_an_upload_is_checked_first(settings):
    settings.MAX_UPLOAD_BYTES = 1000

    class Huge(io.BytesIO):
        size = 10**9

    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(Huge(b"whatever"))
    assert _codes(excinfo) == {"too_many_bytes"}


def test_too_many_pixels_are_refused(settings):
    settings.MAX_IMAGE_PIXELS = 100 * 100
    images.verify_image(io.BytesIO(image_bytes("PNG", (100, 100))))
    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(io.BytesIO(image_bytes("PNG", (101, 100))))
    assert _codes(excinfo) == {"too_many_pixels"}


def test_a_decompression_bomb_is_refused_from_its_header():
    """144 megapixels packed into a few kilobytes: refused without being expanded."""
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, format="PNG", optimize=True)
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(io.BytesIO(buffer.getvalue()))
    assert _codes(excinfo) == {"too_many_pixels"}


def test_an_animation_with_too_many_frames_in_total_is_refused(settings):
    settings.MAX_IMAGE_PIXELS = 50 * 50 * 4
    frames = [Image.new("RGB", (50, 50), (i * 40, 0, 0)) for i in range(5)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(io.BytesIO(buffer.getvalue()))
    assert _codes(excinfo) == {"too_many_pixels"}


def test_an_animated_gif_keeps_its_frames():
    frames = [Image.new("RGB", (40, 30), (i * 50, 0, 0)) for i in range(4)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    verified = images.verify_image(io.BytesIO(buffer.getvalue()))
    with Image.open(verified) as reopened:
        assert reopened.n_frames == 4


def test_a_truncated_image_is_refused():
    data = image_bytes("JPEG", (400, 300))
    with pytest.raises(ValidationError):
        images.verify_image(io.BytesIO(data[: len(data) // 2]))


def test_an_empty_upload_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        images.verify_image(io.BytesIO(b""))
    assert _codes(excinfo) == {"empty"}


def test_metadata_is_stripped_and_the_photo_stood_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x010F] = "Máy ảnh"
    exif[0x8825] = {1: "N", 2: (10.0, 36.0, 0.0)}  # GPS position
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "blue").save(buffer, format="JPEG", exif=exif.tobytes())
    verified = images.verify_image(io.BytesIO(buffer.getvalue()))
    assert (verified.width, verified.height) == (100, 300)
    with Image.open(verified) as reopened:
        assert dict(reopened.getexif()) == {}


def test_max_width_scales_a_wide_picture_down():
    verified = images.verify_image(io.BytesIO(image_bytes("JPEG", (3000, 1500))), max_width=1600)
    assert (verified.width, verified.height) == (1600, 800)


def test_verify_passes_an_already_verified_image_through():
    verified = images.verify_image(io.BytesIO(image_bytes("PNG")))
    assert images.verify_image(verified) is verified


@pytest.mark.parametrize(
    ("size", "target", "expected"),
    [
        ((1600, 900), 400, (400, 225)),
        ((300, 200), 400, (300, 200)),
        ((1000, 3), 400, (400, 1)),
        ((None, None), 400, (None, None)),
    ],
)
def test_fit_width(size, target, expected):
    assert images.fit_width(*size, target) == expected


@pytest.mark.parametrize("image_format", ["PNG", "GIF"])
def test_renditions_are_jpeg_of_the_right_size_with_transparency_on_white(image_format):
    picture = Image.new("RGBA", (1200, 800), (0, 0, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format)
    content, width, height = images.make_rendition(buffer, 400, stem="anh")
    assert content.name == "anh-400w.jpg"
    assert (width, height) == (400, 267)
    with Image.open(content) as rendition:
        assert rendition.format == "JPEG" and rendition.size == (400, 267)
        assert rendition.getpixel((10, 10)) == (255, 255, 255)
