"""Attachments are judged by their content: the five accepted kinds pass, impostors and oversized files do not."""

import pytest
from django.core.exceptions import ValidationError

from privatefiles.checks import check_attachment
from tests.privatefiles import samples


@pytest.mark.parametrize("code", list(samples.GOOD))
def test_each_accepted_kind_passes_and_keeps_its_real_extension(code):
    name, make = samples.GOOD[code]
    checked = check_attachment(samples.upload(name, make()))
    assert checked.kind.code == code
    assert checked.display_name.rsplit(".", 1)[1] == checked.kind.extension
    assert checked.size > 0


def test_the_extension_comes_from_the_content_not_the_name():
    checked = check_attachment(samples.upload("quyet-dinh.pdf", samples.GOOD["png"][1]()))
    assert checked.kind.code == "png" and checked.display_name == "quyet-dinh.png"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("quyet-dinh.pdf", samples.EXECUTABLE),  # a renamed executable
        ("quyet-dinh.pdf", samples.HTML_PAGE),  # an HTML page named .pdf
        ("thuyet-minh.docx", samples.HTML_PAGE),
        ("thuyet-minh.docx", samples.docx_bytes(macro=True)),  # macro-enabled Word file
        ("thuyet-minh.docx", samples.zip_bomb_bytes()),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"khong phai anh" * 10),  # a JPEG header on garbage
        ("cu.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n"),  # a PDF header without an end: truncated or forged
    ],
)
def test_impostors_are_refused_in_vietnamese(name, content):
    with pytest.raises(ValidationError) as error:
        check_attachment(samples.upload(name, content))
    message = " ".join(error.value.messages)
    assert name in message or "ảnh" in message.lower()


def test_an_html_page_named_pdf_is_refused_with_the_accepted_kinds():
    with pytest.raises(ValidationError) as error:
        check_attachment(samples.upload("quyet-dinh.pdf", samples.HTML_PAGE))
    assert "không phải PDF, DOCX, XLSX, JPEG hay PNG" in error.value.messages[0]


def test_an_oversized_file_is_refused_with_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        check_attachment(samples.upload("lon.pdf", samples.pdf_bytes("x" * 2000)))
    assert "vượt mức tối đa" in error.value.messages[0] and "1000" in error.value.messages[0].replace(".", "")


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="rỗng"):
        check_attachment(samples.upload("trong.pdf", b""))
