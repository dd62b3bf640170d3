"""Checks of uploaded MP4 videos: size, and the ISO base media box structure.

An MP4 is a sequence of boxes, each starting with its size (4 bytes, big-endian; 1 = a 64-bit size
follows the type, 0 = to the end of the file) and a four-letter type. A real video starts with `ftyp`
and holds `moov` (the index) and `mdat` (the media). Every top-level box must lie inside the file.
An HTML or script file that merely begins with the letters "ftyp" fails here.
"""

import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# ftyp carries a brand, a version and compatible brands: small in every real file.
MAX_FTYP_BYTES = 4096
MAX_TOP_LEVEL_BOXES = 10_000

NOT_MP4 = _("Tệp video phải là MP4 thật (H.264/AAC), không phải tệp khác đổi tên.")


def verify_mp4(file):
    """Raise ValidationError unless `file` (an uploaded file) is an MP4 within MAX_VIDEO_BYTES."""
    size = file.size
    if size > settings.MAX_VIDEO_BYTES:
        raise ValidationError(
            _("Tệp video quá lớn (%(size)s); tối đa %(limit)s. Hãy nén lại hoặc đăng lên YouTube."),
            code="video_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(settings.MAX_VIDEO_BYTES)},
        )
    file.seek(0)
    try:
        types = top_level_boxes(file, size)
    finally:
        file.seek(0)
    if not types or types[0] != b"ftyp" or b"moov" not in types or b"mdat" not in types:
        raise ValidationError(NOT_MP4, code="not_mp4")


def top_level_boxes(file, size):
    """The types of the top-level boxes, in order; [] when the structure is broken or runs out of the file."""
    types = []
    position = 0
    while position < size:
        if len(types) >= MAX_TOP_LEVEL_BOXES:
            return []
        file.seek(position)
        header = file.read(8)
        if len(header) < 8:
            return []
        box_size, box_type = struct.unpack(">I4s", header)
        header_size = 8
        if box_size == 1:
            large = file.read(8)
            if len(large) < 8:
                return []
            box_size = struct.unpack(">Q", large)[0]
            header_size = 16
        elif box_size == 0:
            box_size = size - position  # to the end of the file
        if not _is_box_type(box_type) or box_size < header_size or position + box_size > size:
            return []
        if box_type == b"ftyp" and (types or box_size > MAX_FTYP_BYTES or box_size < 16):
            return []
        types.append(box_type)
        position += box_size
    return types


def _is_box_type(box_type):
    return all(0x20 <= byte < 0x7F for byte in box_type)
