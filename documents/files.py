"""Document files checked by what they contain, not by their name.

A PDF starts with `%PDF-`; DOC and XLS are OLE2 compound files holding a
"WordDocument" or a "Workbook"/"Book" stream; DOCX and XLSX are ZIP packages
with `[Content_Types].xml` and `word/document.xml` or `xl/workbook.xml`, and
no macros. The extension must agree with the content; the stored name is
fresh, so nothing the uploader typed becomes a path on the server.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from news.slugs import vietnamese_slugify

PDF, DOC, DOCX, XLS, XLSX = "pdf", "doc", "docx", "xls", "xlsx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOC: "application/msword",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLS: "application/vnd.ms-excel",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LABELS = {PDF: "PDF", DOC: "Word", DOCX: "Word", XLS: "Excel", XLSX: "Excel"}
ACCEPT = ",".join(f".{kind}" for kind in CONTENT_TYPES)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_STREAMS = {DOC: ["WordDocument"], XLS: ["Workbook", "Book"]}
_ZIP_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


@dataclass
class CheckedFile:
    content: ContentFile
    kind: str
    size: int
    original_name: str


def check_document_file(upload):
    """A verified copy of `upload` under a fresh name, or a ValidationError in Vietnamese."""
    original = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1]
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if extension not in CONTENT_TYPES:
        raise ValidationError(_("Chỉ nhận tệp PDF, Word (DOC, DOCX) hoặc Excel (XLS, XLSX)."))
    data = _read_bounded(upload)
    kind = detect_kind(data)
    if kind is None:
        raise ValidationError(_("Nội dung tệp không phải PDF, Word hay Excel hợp lệ (tệp hỏng hoặc bị đổi đuôi)."))
    if kind != extension:
        raise ValidationError(
            _("Tệp có đuôi .%(extension)s nhưng nội dung là %(kind)s; hãy lưu lại đúng định dạng.")
            % {"extension": extension, "kind": kind.upper()}
        )
    stem = vietnamese_slugify(original.rsplit(".", 1)[0], max_length=60) or "van-ban"
    name = f"{stem}-{uuid.uuid4().hex[:8]}.{kind}"
    return CheckedFile(content=ContentFile(data, name=name), kind=kind, size=len(data), original_name=original)


def detect_kind(data):
    """PDF, DOC, DOCX, XLS or XLSX by content, or None."""
    if data.startswith(b"%PDF-"):
        return PDF if b"%%EOF" in data[-2048:] else None
    if data.startswith(_OLE2):
        for kind, streams in _OLE_STREAMS.items():
            if any(stream.encode("utf-16-le") in data for stream in streams):
                return kind
        return None
    if data.startswith(b"PK\x03\x04"):
        return _office_package(data)
    return None


def _office_package(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names or any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    for kind, part in _ZIP_PARTS.items():
        if part in names:
            return kind
    return None


def _read_bounded(upload):
    limit = settings.MAX_UPLOAD_BYTES
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if len(data) > limit:
        raise ValidationError(_("Tệp lớn hơn %(size)s MB, không nhận được.") % {"size": f"{limit / 1024 / 1024:.0f}"})
    if not data:
        raise ValidationError(_("Tệp rỗng."))
    return data
