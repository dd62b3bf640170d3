"""Document uploads are checked by content: PDF, DOC/DOCX, XLS/XLSX, with a name that agrees."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from documents.files import check_document_file, detect_kind
from tests.factories import MINIMAL_PDF


def docx_bytes(extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
        for name in extra:
            package.writestr(name, b"x")
    return buffer.getvalue()


def xlsx_bytes():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Đơn vị"
    workbook.save(buffer)
    return buffer.getvalue()


def ole2_bytes(stream):
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + stream.encode("utf-16-le") + b"\0" * 64


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("Kế hoạch 05.pdf", MINIMAL_PDF, "pdf"),
        ("huong-dan.docx", docx_bytes(), "docx"),
        ("bang-tong-hop.xlsx", xlsx_bytes(), "xlsx"),
        ("cong-van.doc", ole2_bytes("WordDocument"), "doc"),
        ("so-lieu.XLS", ole2_bytes("Workbook"), "xls"),
    ],
)
def test_accepted_files_keep_their_kind_and_get_a_fresh_name(name, data, kind):
    checked = check_document_file(SimpleUploadedFile(name, data))
    assert checked.kind == kind
    assert checked.size == len(data)
    assert checked.original_name == name
    assert checked.content.name.endswith(f".{kind}") and checked.content.name != name
    assert " " not in checked.content.name and "ế" not in checked.content.name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\0", "Chỉ nhận tệp PDF, Word"),
        ("ke-hoach.pdf", b"<html><script>alert(1)</script></html>", "không phải PDF, Word hay Excel"),
        ("ke-hoach.pdf", docx_bytes(), "nội dung là DOCX"),
        ("bang.xlsx", docx_bytes(), "nội dung là DOCX"),
        ("macro.docx", docx_bytes(extra=["word/vbaProject.bin"]), "không phải PDF, Word hay Excel"),
        ("cut.pdf", MINIMAL_PDF[:60], "không phải PDF, Word hay Excel"),
        ("other.doc", ole2_bytes("PowerPoint Document"), "không phải PDF, Word hay Excel"),
        ("empty.pdf", b"", "Tệp rỗng"),
    ],
)
def test_other_files_are_refused_with_a_vietnamese_reason(name, data, message):
    with pytest.raises(ValidationError) as error:
        check_document_file(SimpleUploadedFile(name, data))
    assert message in " ".join(error.value.messages)


@override_settings(MAX_UPLOAD_BYTES=1000)
def test_files_over_the_limit_are_refused():
    with pytest.raises(ValidationError, match="lớn hơn"):
        check_document_file(SimpleUploadedFile("lon.pdf", MINIMAL_PDF + b" " * 2000))


def test_a_broken_zip_is_not_an_office_file():
    assert detect_kind(b"PK\x03\x04not really a zip") is None
