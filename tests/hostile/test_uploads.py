"""Uploads that are not what they claim are refused with a Vietnamese message, and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news import images, videofiles
from news.models import Video
from tests.factories import StaffFactory
from tests.hostile.corpus import HOSTILE_IMAGES, HOSTILE_VIDEOS, mp4

pytestmark = pytest.mark.django_db


def stored_files(settings, folder):
    root = settings.MEDIA_ROOT / folder
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize("case", sorted(HOSTILE_VIDEOS))
def test_hostile_videos_fail_the_mp4_check(case):
    with pytest.raises(ValidationError) as refused:
        videofiles.verify_mp4(ContentFile(HOSTILE_VIDEOS[case], name="phim.mp4"))
    assert refused.value.messages == ["Tệp video phải là MP4 thật (H.264/AAC), không phải tệp khác đổi tên."]


def test_a_real_box_structure_passes():
    videofiles.verify_mp4(ContentFile(mp4(), name="phim.mp4"))
    large = mp4()[:-72] + b"\x00\x00\x00\x01mdat" + (16 + 64).to_bytes(8, "big") + b"\x00" * 64  # 64-bit size
    videofiles.verify_mp4(ContentFile(large, name="phim.mp4"))


@pytest.fixture
def editor_client(client):
    client.force_login(StaffFactory(groups=["Duyệt bài"]))
    return client


def video_form(upload):
    return {
        "title": "Phim tư liệu",
        "youtube_url": "",
        "file": upload,
        "published_on": "01/12/2024",
        "is_published": "on",
    }


@pytest.mark.parametrize("case", ["html behind an ftyp box", "mdat runs past the end", "no moov"])
def test_the_admin_refuses_a_hostile_video_and_stores_nothing(editor_client, settings, case):
    response = editor_client.post(
        reverse("admin:news_video_add"), video_form(SimpleUploadedFile("phim.mp4", HOSTILE_VIDEOS[case], "video/mp4"))
    )
    assert response.status_code == 200
    assert "Tệp video phải là MP4 thật" in response.content.decode()
    assert Video.objects.count() == 0
    assert stored_files(settings, "videos") == []


def test_the_admin_refuses_a_video_over_the_limit(editor_client, settings):
    settings.MAX_VIDEO_BYTES = 1024
    response = editor_client.post(
        reverse("admin:news_video_add"), video_form(SimpleUploadedFile("phim.mp4", mp4(mdat_bytes=4096), "video/mp4"))
    )
    assert "Tệp video quá lớn" in response.content.decode()
    assert Video.objects.count() == 0


def test_the_admin_stores_a_real_mp4_under_a_random_name(editor_client, settings):
    response = editor_client.post(
        reverse("admin:news_video_add"), video_form(SimpleUploadedFile("<script>.mp4", mp4(), "video/mp4"))
    )
    assert response.status_code == 302
    (stored,) = stored_files(settings, "videos")
    assert len(stored.stem) == 32 and stored.suffix == ".mp4"
    assert stored.read_bytes() == mp4()


@pytest.mark.parametrize("case", sorted(HOSTILE_IMAGES))
def test_hostile_images_are_refused(case):
    with pytest.raises(ValidationError) as refused:
        images.verify_image(ContentFile(HOSTILE_IMAGES[case], name="anh.jpg"))
    assert refused.value.messages and all(message[0].isupper() for message in refused.value.messages)


@pytest.mark.parametrize("case", sorted(HOSTILE_IMAGES))
def test_the_editor_upload_refuses_hostile_images_and_stores_nothing(editor_client, settings, case):
    response = editor_client.post(
        reverse("ckeditor_upload"), {"upload": SimpleUploadedFile("anh.jpg", HOSTILE_IMAGES[case], "image/jpeg")}
    )
    assert response.json()["uploaded"] == 0
    assert stored_files(settings, "uploads") == []
