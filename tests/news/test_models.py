"""Articles stay consistent on every save: slug, sanitized body, search text, cover renditions."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from news import images
from news.models import Article, Category, Video
from news.models.content import youtube_id
from tests.factories import ArticleFactory, CategoryFactory, VideoFactory, image_bytes, image_upload

pytestmark = pytest.mark.django_db


# --- slugs ------------------------------------------------------------------


def test_slug_is_made_on_the_server_from_the_vietnamese_title():
    article = ArticleFactory(title="Đại hội Công đoàn tỉnh Đồng Tháp", slug="")
    assert article.slug == "dai-hoi-cong-doan-tinh-dong-thap"


def test_duplicate_titles_get_distinct_slugs():
    slugs = [ArticleFactory(title="Hội nghị Ban Chấp hành", slug="").slug for _ in range(3)]
    assert slugs == ["hoi-nghi-ban-chap-hanh", "hoi-nghi-ban-chap-hanh-2", "hoi-nghi-ban-chap-hanh-3"]


def test_a_long_title_gives_a_bounded_slug():
    article = ArticleFactory(title=("Chăm lo đời sống đoàn viên " * 9).strip(), slug="")
    assert len(article.slug) <= 160
    assert not article.slug.endswith("-")


def test_a_title_without_letters_still_gets_a_slug_and_fails_clean():
    article = ArticleFactory(title="!!!", slug="")
    assert article.slug == "bai-viet"
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "Tiêu đề cần có chữ hoặc số." in excinfo.value.message_dict["title"]


def test_a_draft_slug_follows_its_retitling():
    article = ArticleFactory(title="Tin nháp ban đầu", slug="", status="draft")
    article = Article.objects.get(pk=article.pk)
    article.title = "Hội thao công nhân lao động"
    article.save()
    assert article.slug == "hoi-thao-cong-nhan-lao-dong"


def test_a_published_slug_never_changes_with_the_title():
    article = ArticleFactory(title="Tuyên dương đoàn viên tiêu biểu", slug="")
    article = Article.objects.get(pk=article.pk)
    article.title = "Tuyên dương 50 đoàn viên tiêu biểu năm 2024"
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "tuyen-duong-doan-vien-tieu-bieu"


def test_a_slug_the_editor_typed_is_kept():
    article = ArticleFactory(title="Tin nháp", slug="", status="draft")
    article = Article.objects.get(pk=article.pk)
    article.title = "Tin nháp đã sửa"
    article.slug = "duong-dan-rieng"
    article.save()
    assert article.slug == "duong-dan-rieng"


def test_category_slug_is_made_from_its_name_when_empty():
    category = Category.objects.create(name="Pháp luật - Chính sách", slug="")
    assert category.slug == "phap-luat-chinh-sach"


# --- published, scheduled, draft ---------------------------------------------


def test_published_scheduled_and_draft_semantics():
    now = timezone.now()
    live = ArticleFactory(status="published", published_at=now - timedelta(minutes=1))
    scheduled = ArticleFactory(status="published", published_at=now + timedelta(hours=2))
    draft = ArticleFactory(status="draft", published_at=now - timedelta(days=1))

    assert list(Article.objects.published()) == [live]
    assert list(Article.objects.scheduled()) == [scheduled]
    assert list(Article.objects.drafts()) == [draft]
    assert live.is_published() and not live.is_scheduled()
    assert scheduled.is_scheduled() and not scheduled.is_published()
    assert not draft.is_published() and not draft.is_scheduled()


def test_a_scheduled_article_appears_once_its_time_comes():
    article = ArticleFactory(status="published", published_at=timezone.now() + timedelta(hours=1))
    assert not Article.objects.published().exists()
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=2)):
        assert list(Article.objects.published()) == [article]


# --- body and search text ------------------------------------------------------


def test_body_is_sanitized_on_every_save_whatever_was_sent():
    article = ArticleFactory(body='<p onclick="x()">Tin <script>alert(1)</script>mới</p>')
    assert article.body == "<p>Tin mới</p>"
    Article.objects.filter(pk=article.pk).update(body="<p>ok</p><iframe src='https://evil.example/'></iframe>")
    article = Article.objects.get(pk=article.pk)
    article.save()
    assert Article.objects.get(pk=article.pk).body == "<p>ok</p>"


def test_search_text_is_folded_title_sapo_and_body_text():
    article = ArticleFactory(title="Công Đoàn tỉnh", sapo="Chăm lo Tết", body="<p>Người <strong>lao động</strong></p>")
    assert article.search_text == "cong doan tinh cham lo tet nguoi lao dong"


def test_save_with_update_fields_keeps_derived_fields_in_step():
    article = ArticleFactory(title="Tin cũ")
    article.title = "Tin mới về Công đoàn"
    article.save(update_fields=["title"])
    assert "tin moi ve cong doan" in Article.objects.get(pk=article.pk).search_text


# --- clean() -----------------------------------------------------------------


def test_source_url_without_a_name_is_fine_and_shows_the_url():
    article = ArticleFactory.build(category=CategoryFactory(), source_url="https://laodong.vn/cong-doan/abc.ldo")
    article.full_clean()
    assert article.source_label == "https://laodong.vn/cong-doan/abc.ldo"
    article.source_name = "Báo Lao Động"
    assert article.source_label == "Báo Lao Động"


def test_clean_explains_problems_in_vietnamese():
    article = ArticleFactory.build(
        category=CategoryFactory(), source_url="ftp://laodong.vn/x", cover_caption="Quang cảnh hội nghị"
    )
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    errors = excinfo.value.message_dict
    assert errors["source_url"] == ["Đường dẫn nguồn phải bắt đầu bằng http:// hoặc https://."]
    assert errors["cover"] == ["Đã có chú thích hoặc tác giả ảnh nhưng chưa có ảnh đại diện."]


def test_clean_drops_prefixes_the_page_adds_itself():
    article = ArticleFactory.build(
        category=CategoryFactory(),
        title="  Hội   nghị  ",
        cover="covers/2024/03/anh.jpg",
        cover_credit="Ảnh: Minh Khoa",
        source_name="Nguồn: Báo Lao Động",
    )
    article.full_clean()
    assert (article.title, article.cover_credit, article.source_name) == ("Hội nghị", "Minh Khoa", "Báo Lao Động")


# --- cover and renditions ----------------------------------------------------------


def test_a_new_cover_is_verified_renamed_and_rendered_once_with_sizes():
    article = ArticleFactory(cover=image_upload("anh-goc.png", "JPEG", (1600, 1000)))
    assert article.cover.name.startswith("covers/") and article.cover.name.endswith(".jpg")
    assert "anh-goc" not in article.cover.name
    assert (article.cover_width, article.cover_height) == (1600, 1000)
    assert (article.cover_thumb_width, article.cover_thumb_height) == (400, 250)
    assert (article.cover_large_width, article.cover_large_height) == (960, 600)
    for field, size in (("cover_thumb", (400, 250)), ("cover_large", (960, 600))):
        with getattr(article, field).open("rb") as stored, Image.open(stored) as rendition:
            assert rendition.size == size


def test_renditions_are_not_made_again_on_later_saves_or_reads():
    article = ArticleFactory(cover=image_upload(size=(1200, 800)))
    with mock.patch.object(images, "make_rendition", wraps=images.make_rendition) as make:
        article = Article.objects.get(pk=article.pk)
        article.title = "Tiêu đề mới"
        article.save()
        Article.objects.published().get(pk=article.pk).cover_thumb.url  # noqa: B018 - a read
        assert make.call_count == 0
        article.cover = image_upload(size=(800, 800))
        article.save()
        assert make.call_count == 2


def test_replacing_the_cover_replaces_renditions_and_removes_the_old_ones(django_capture_on_commit_callbacks):
    article = ArticleFactory(cover=image_upload(size=(1200, 800)))
    old_thumb = article.cover_thumb.name
    article = Article.objects.get(pk=article.pk)
    with django_capture_on_commit_callbacks(execute=True):
        article.cover = image_upload(size=(500, 500))
        article.save()
    assert article.cover_thumb.name != old_thumb
    assert not default_storage.exists(old_thumb)
    assert (article.cover_width, article.cover_thumb_width, article.cover_thumb_height) == (500, 400, 400)


def test_removing_the_cover_forgets_renditions_and_sizes():
    article = ArticleFactory(cover=image_upload())
    article = Article.objects.get(pk=article.pk)
    article.cover = ""
    article.save()
    article.refresh_from_db()
    assert not article.cover_thumb and not article.cover_large
    assert article.cover_width is None and article.cover_thumb_width is None


def test_a_small_cover_is_never_enlarged():
    article = ArticleFactory(cover=image_upload(size=(300, 200)))
    assert (article.cover_thumb_width, article.cover_large_width) == (300, 300)


def test_a_hostile_cover_is_refused_even_outside_the_admin():
    with pytest.raises(ValidationError):
        ArticleFactory(cover=ContentFile(image_bytes("PNG") + b"<script>alert(1)</script>", name="a.png"))
    assert not Article.objects.exists()


# --- videos ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://vimeo.com/123456", ""),
        ("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", ""),
        ("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", ""),
        ("https://www.youtube.com/watch?v=<script>", ""),
    ],
)
def test_youtube_id(url, expected):
    assert youtube_id(url) == expected


def test_video_embeds_through_the_privacy_enhanced_player():
    video = VideoFactory(youtube_url="https://youtu.be/dQw4w9WgXcQ")
    assert video.embed_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


def test_video_clean_refuses_a_non_youtube_link():
    video = Video(title="Phim", youtube_url="https://vimeo.com/123456")
    with pytest.raises(ValidationError) as excinfo:
        video.full_clean()
    assert "Không nhận ra đường dẫn YouTube" in excinfo.value.message_dict["youtube_url"][0]


def test_video_thumbnail_is_verified_and_bounded():
    video = VideoFactory(thumbnail=image_upload("thumb.gif", "PNG", (1280, 720)))
    assert video.thumbnail.name.endswith(".png")
    with video.thumbnail.open("rb") as stored, Image.open(stored) as picture:
        assert picture.size == (640, 360)
    video = Video.objects.get(pk=video.pk)
    assert (video.thumbnail_width, video.thumbnail_height) == (640, 360)  # kept for the templates' width/height
    with pytest.raises(ValidationError):
        VideoFactory(thumbnail=ContentFile(b"<html></html>", name="x.jpg"))


def test_an_uploaded_video_must_be_mp4_and_gets_a_fresh_name():
    from tests.hostile.corpus import mp4

    first = Video.objects.create(title="Phim", file=ContentFile(mp4(), name="phim <x>.html"))
    second = Video.objects.create(title="Phim", file=ContentFile(mp4(), name="phim <x>.html"))
    for video in (first, second):
        name = video.file.name.rsplit("/", 1)[-1]
        assert video.file.name.startswith("videos/") and re.fullmatch(r"[0-9a-f]{32}\.mp4", name)
    assert first.file.name != second.file.name
    with pytest.raises(ValidationError):
        Video.objects.create(title="Phim", file=ContentFile(b"<html><script>1</script>", name="phim.mp4"))
