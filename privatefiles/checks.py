"""What an attachment really is, read from its bytes: PDF, DOCX, XLSX, JPEG or PNG, or refused.

- PDF: starts with the `%PDF-` header and has an end-of-file marker (`%%EOF`) near its end, so an HTML page
  or a script named `.pdf` is refused;
- DOCX and XLSX: a ZIP archive with the Office Open XML parts of a Word document (`word/document.xml`) or an
  Excel workbook (`xl/workbook.xml`); macro-enabled files (a `vbaProject.bin` part) are refused, and so is an
  archive that would expand beyond `MAX_EXPANSION` times its size (a "ZIP bomb");
- JPEG and PNG: verified and re-encoded by `news.images.verify_image` (real pictures only, nothing glued
  after them, bounded pixels), which also drops camera metadata such as a GPS position;
- anything else (an executable renamed `.pdf`, an old `.doc`, a `.zip`) is refused, and so is a file over
  `settings.ATTACHMENT_MAX_BYTES`.

The stored name's extension comes from what was found, never from the name the client sent.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from news.images import verify_image


@dataclass(frozen=True)
class Kind:
    code: str
    extension: str
    content_type: str
    label: str
    inline: bool  # shown in the browser (PDF, pictures) rather than downloaded


KINDS = {
    kind.code: kind
    for kind in (
        Kind("pdf", "pdf", "application/pdf", "PDF", True),
        Kind("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", False),
        Kind("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", False),
        Kind("jpeg", "jpg", "image/jpeg", "JPEG", True),
        Kind("png", "png", "image/png", "PNG", True),
    )
}
# What the file input offers (a hint for the browser; the server decides from the bytes).
ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
MAX_EXPANSION = 100
_PDF_TAIL = 2048


@dataclass(frozen=True)
class CheckedFile:
    """Bytes that passed the checks, their kind, and the name to show (the client's stem, the real extension)."""

    content: bytes
    kind: Kind
    display_name: str

    @property
    def size(self):
        return len(self.content)

    def as_file(self, name):
        return ContentFile(self.content, name=name)


def check_attachment(upload):
    """A `CheckedFile` from an uploaded file, or `ValidationError` saying in Vietnamese what is wrong."""
    client_name = PurePath(getattr(upload, "name", "") or "tep").name
    limit = settings.ATTACHMENT_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_large(client_name, size, limit)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(client_name, len(data), limit)
    if not data:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": client_name}, code="empty")
    kind = _identify(data)
    if kind is None:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải PDF, DOCX, XLSX, JPEG hay PNG (hệ thống xét nội dung tệp, không xét tên). "
                "Hãy lưu lại đúng định dạng rồi gửi lại."
            )
            % {"name": client_name},
            code="kind",
        )
    if kind.code in {"jpeg", "png"}:
        image = verify_image(io.BytesIO(data))
        if image.image_format not in {"JPEG", "PNG"}:  # pragma: no cover - _identify saw a JPEG or PNG header
            raise ValidationError(_("Ảnh chỉ nhận JPEG hoặc PNG."), code="kind")
        data = image.read()
    stem = PurePath(client_name).stem[:150] or "tep"
    return CheckedFile(content=data, kind=kind, display_name=f"{stem}.{kind.extension}")


def _identify(data):
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-_PDF_TAIL:]:
        return KINDS["pdf"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def _office_kind(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            expanded = sum(member.file_size for member in members)
            if expanded > MAX_EXPANSION * max(len(data), 1):
                return None
            if "[Content_Types].xml" not in names or any(n.lower().endswith("vbaproject.bin") for n in names):
                return None
            content_types = archive.read("[Content_Types].xml").lower()
            if b"macroenabled" in content_types:
                return None
            if archive.testzip() is not None:
                return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, EOFError, NotImplementedError):
        return None
    if "word/document.xml" in names:
        return KINDS["docx"]
    if "xl/workbook.xml" in names:
        return KINDS["xlsx"]
    return None


def _too_large(name, size, limit):
    return ValidationError(
        _("Tệp “%(name)s” nặng %(size)s, vượt mức tối đa %(limit)s.")
        % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        code="too_large",
    )
