"""Private files are served by Django in development and handed to nginx with X-Accel-Redirect in production."""

import pytest
from django.core.files.base import ContentFile

from privatefiles.serving import private_file_response
from privatefiles.storage import new_name, private_storage


def store(content=b"%PDF-1.4 noi dung %%EOF"):
    return private_storage().save(new_name("thu", "pdf"), ContentFile(content))


def test_private_storage_is_outside_the_public_media_folder(settings):
    root = private_storage().path("x")
    assert not root.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(NotImplementedError):
        private_storage().url("x")


def test_without_accel_prefix_django_streams_the_file(settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = ""
    name = store()
    response = private_file_response(
        name=name, download_name="Quyết định.pdf", content_type="application/pdf", inline=True
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.4 noi dung %%EOF"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith('inline; filename="quyet-dinh.pdf";')
    assert "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf" in response["Content-Disposition"]


def test_with_accel_prefix_nginx_sends_the_file(settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    name = store()
    response = private_file_response(
        name=name,
        download_name="bang-tinh.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        inline=False,
    )
    assert response["X-Accel-Redirect"] == f"/_private/{name}"
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment;")
