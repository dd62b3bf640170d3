"""CKEditor's image upload: images only, verified, for article editors, answerable in a same-origin frame."""

import io
import json
import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import path, re_path, reverse
from django.views.static import serve
from PIL import Image

from news import services
from tests.factories import StaffFactory, image_upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("ckeditor_upload")
BROWSE_URL = reverse("ckeditor_browse")


@pytest.fixture
def editor_client(client):
    client.force_login(StaffFactory(username="bientap", groups=[services.EDITORS_GROUP]))
    return client


def _uploaded_files(settings):
    folder = settings.MEDIA_ROOT / settings.CKEDITOR_UPLOAD_PATH
    return {str(p) for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def _stored_path(url, settings):
    assert url.startswith(settings.MEDIA_URL)
    return url[len(settings.MEDIA_URL) :]


def test_an_image_is_stored_re_encoded_under_its_detected_extension(editor_client, settings):
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload("Ảnh hội nghị.gif", "PNG", (2400, 1200))})
    assert response.status_code == 200
    answer = response.json()
    assert answer["uploaded"] == 1
    assert re.fullmatch(r"/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}\.png", answer["url"])
    stored = _stored_path(answer["url"], settings)
    with default_storage.open(stored, "rb") as file, Image.open(file) as picture:
        assert picture.format == "PNG"
        assert picture.size == (1600, 800)  # inline pictures are bounded for phones
    assert default_storage.exists(stored.replace(".png", "_thumb.png"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bai.html", b"<html><script>alert(1)</script></html>", "không phải là ảnh"),
        ("tai-lieu.pdf", b"%PDF-1.4 a document", "không phải là ảnh"),
        ("anh.jpg", None, "dữ liệu lạ"),
    ],
    ids=["html", "pdf", "jpeg-with-script-appended"],
)
def test_a_non_image_or_polyglot_is_refused_with_a_vietnamese_message(editor_client, settings, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = (
        image_upload(name, extra=b"<script>alert(1)</script>") if content is None else SimpleUploadedFile(name, content)
    )
    before = _uploaded_files(settings)
    response = editor_client.post(UPLOAD_URL, {"upload": upload})
    answer = response.json()
    assert answer["uploaded"] == 0
    assert message in answer["error"]["message"]
    assert _uploaded_files(settings) == before


def test_an_oversized_upload_is_refused(editor_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_UPLOAD_BYTES = 2000
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 80).convert("RGB").save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 2000
    response = editor_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("lon.png", buffer.getvalue())})
    assert response.json()["uploaded"] == 0
    assert "quá lớn" in response.json()["error"]["message"]


def test_too_many_pixels_are_refused(editor_client, settings):
    settings.MAX_IMAGE_PIXELS = 10_000
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload(size=(200, 200))})
    assert response.json()["uploaded"] == 0
    assert "điểm ảnh" in response.json()["error"]["message"]


def test_the_dialog_gets_a_callback_script_in_a_same_origin_frame(editor_client):
    response = editor_client.post(UPLOAD_URL + "?CKEditorFuncNum=3&langCode=vi", {"upload": image_upload()})
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    body = response.content.decode()
    assert re.search(r"callFunction\('3', '/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}\.jpg', ''\)", body)


def test_a_hostile_callback_number_cannot_break_out_of_the_script(editor_client):
    response = editor_client.post(UPLOAD_URL + "?CKEditorFuncNum=1');alert(1)//</script>", {"upload": image_upload()})
    body = response.content.decode()
    assert "');alert(1)" not in body
    assert body.count("</script>") == 1


def test_a_refusal_reaches_the_dialog_too(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        UPLOAD_URL + "?CKEditorFuncNum=7", {"upload": SimpleUploadedFile("x.svg", b"<svg onload=alert(1)>")}
    )
    body = response.content.decode()
    assert "callFunction('7', ''," in body
    assert "<svg" not in body


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(UPLOAD_URL).status_code == 405


def test_missing_file_gets_an_explanation(editor_client):
    assert editor_client.post(UPLOAD_URL, {}).json() == {"uploaded": 0, "error": {"message": "Chưa chọn tệp ảnh."}}


def test_a_cross_site_post_is_refused(editor_client):
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload()}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload()}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload()}, headers={"Origin": "null"})
    assert response.status_code == 403
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload()}, headers={"Origin": "http://testserver"})
    assert response.status_code == 200


def test_a_trusted_sibling_origin_may_upload(editor_client, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://quantri.congdoan.example.vn"]
    response = editor_client.post(
        UPLOAD_URL,
        {"upload": image_upload()},
        headers={"Origin": "https://quantri.congdoan.example.vn", "Sec-Fetch-Site": "same-site"},
    )
    assert response.status_code == 200


def test_browse_is_for_article_editors_only(editor_client):
    assert Client().get(BROWSE_URL).status_code == 302
    editor_client.post(UPLOAD_URL, {"upload": image_upload()})
    page = editor_client.get(BROWSE_URL)
    assert page.status_code == 200
    assert page["X-Frame-Options"] == "SAMEORIGIN"
    staff = Client()
    staff.force_login(StaffFactory(username="nhanvien"))
    assert staff.get(BROWSE_URL).status_code == 403


def test_the_json_answer_is_valid_json_with_the_file_name(editor_client):
    answer = json.loads(editor_client.post(UPLOAD_URL, {"upload": image_upload()}).content)
    assert answer["fileName"].endswith(".jpg") and answer["url"].endswith(answer["fileName"])


# --- media served by Django (development) carries nosniff ----------------------------------


urlpatterns = [
    path("", lambda request: None),
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": None}),
]


def test_uploaded_media_is_served_with_nosniff(editor_client, settings):
    url = editor_client.post(UPLOAD_URL, {"upload": image_upload()}).json()["url"]
    urlpatterns[1].default_args["document_root"] = settings.MEDIA_ROOT
    with override_settings(ROOT_URLCONF=__name__):
        response = editor_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_paste_and_drop_post_to_an_address_that_answers_json(editor_client):
    """CKEditor's own fallback made "/ckeditor/upload/&responseType=json" (a 404); the form gives it `uploadUrl`."""
    page = editor_client.get(reverse("admin:news_article_add")).content.decode()
    config = json.loads(re.search(r'data-config="([^"]+)"', page).group(1).replace("&quot;", '"'))
    assert config["uploadUrl"] == "/ckeditor/upload/?responseType=json"
    assert "admin/js/ckeditor-vi.js" in page

    answer = editor_client.post(config["uploadUrl"], {"upload": image_upload()})
    assert answer.status_code == 200 and answer.json()["uploaded"] == 1
