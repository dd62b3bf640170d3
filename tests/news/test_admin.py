"""The editors' admin in Vietnamese: lists, search, preview, cover upload, categories, videos, links."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from news import services
from news.models import Article, Category, Video
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory, image_bytes, image_upload

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:news_article_changelist")
ADD_URL = reverse("admin:news_article_add")


@pytest.fixture
def editor(db):
    return StaffFactory(username="bientap", groups=[services.EDITORS_GROUP])


@pytest.fixture
def publisher(db):
    return StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP])


def article_form(category, **overrides):
    now = timezone.localtime()
    data = {
        "title": "Hội thao công nhân lao động Khu công nghiệp",
        "slug": "",
        "category": category.pk,
        "sapo": "Hơn 500 công nhân tham gia.",
        "body": "<p>Nội dung.</p>",
        "cover_caption": "",
        "cover_credit": "",
        "author": "ANH KHOA",
        "source_name": "",
        "source_url": "",
        "status": "draft",
        "published_at_0": now.strftime("%d/%m/%Y"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "_save": "Lưu",
    }
    data.update(overrides)
    return data


def test_changelist_in_vietnamese_with_filters_and_preview_links(client, editor):
    draft = ArticleFactory(status="draft", title="Bản nháp tin Đại hội")
    ArticleFactory(status="published", published_at=timezone.now() + timedelta(days=1), title="Tin hẹn giờ")
    client.force_login(editor)
    page = client.get(CHANGELIST_URL).content.decode()
    for text in ["Nháp", "Hẹn giờ đăng", "Chờ duyệt (0)", "Xem trước", "Trạng thái", "Chuyên mục", "Lượt xem"]:
        assert text in page, text
    assert draft.get_absolute_url() in page
    for parameter in ["trang_thai=draft", "trang_thai=scheduled", "is_featured__exact=1", "published_at__gte="]:
        assert parameter in page, parameter


def test_changelist_queries_do_not_grow_with_articles(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    ArticleFactory.create_batch(3)
    with django_assert_max_num_queries(13) as small:  # the status filter counts the queue in one query
        client.get(CHANGELIST_URL)
    ArticleFactory.create_batch(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(CHANGELIST_URL)


def test_search_is_accent_insensitive(client, editor):
    ArticleFactory(title="Công đoàn tỉnh chăm lo Tết")
    ArticleFactory(title="Hội thao", sapo="Vận động viên thi kéo co.", body="<p>Giải thể thao.</p>")
    client.force_login(editor)
    for query in ["cong doan", "CÔNG ĐOÀN", "chăm lo"]:
        page = client.get(CHANGELIST_URL, {"q": query}).content.decode()
        assert "Công đoàn tỉnh chăm lo Tết" in page, query
        assert "Hội thao</a>" not in page, query


def test_the_change_form_offers_a_preview_of_a_draft(client, editor):
    draft = ArticleFactory(status="draft")
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_change", args=[draft.pk])).content.decode()
    assert "Xem trước" in page and draft.get_absolute_url() in page
    assert "django-ckeditor-widget" in page
    assert reverse("ckeditor_upload") in page


def test_the_change_form_links_a_live_article_to_its_page(client, publisher):
    live = ArticleFactory(status="published")
    client.force_login(publisher)
    page = client.get(reverse("admin:news_article_change", args=[live.pk])).content.decode()
    assert "Xem trên trang" in page and live.get_absolute_url() in page


def test_created_by_and_times_are_read_only(client, editor):
    client.force_login(editor)
    page = client.get(ADD_URL).content.decode()
    for field in ("created_by", "created_at", "updated_at", "search_text", "cover_thumb"):
        assert f'name="{field}"' not in page, field


def test_a_cover_uploaded_in_the_form_is_verified_and_rendered(client, editor):
    client.force_login(editor)
    category = CategoryFactory()
    cover = image_upload("anh-hoi-thao.webp", "JPEG", (1920, 1080))
    form = article_form(category, cover_caption="Vận động viên thi kéo co.", cover_credit="Ảnh: Minh Khoa")
    response = client.post(ADD_URL, {**form, "cover": cover})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover.name.endswith(".jpg") and "anh-hoi-thao" not in article.cover.name
    assert (article.cover_width, article.cover_height) == (1920, 1080)
    assert article.cover_thumb and article.cover_large
    assert article.cover_credit == "Minh Khoa"
    assert article.slug == "hoi-thao-cong-nhan-lao-dong-khu-cong-nghiep"


def test_a_hostile_cover_gets_a_form_error_in_vietnamese(client, editor):
    client.force_login(editor)
    cover = image_upload("anh.jpg", extra=b"<script>alert(1)</script>")
    response = client.post(ADD_URL, {**article_form(CategoryFactory()), "cover": cover})
    assert response.status_code == 200
    assert "dữ liệu lạ" in response.content.decode()
    assert not Article.objects.exists()


def test_the_body_is_sanitized_whatever_the_form_sent(client, editor):
    client.force_login(editor)
    body = '<p>Tin</p><script>alert(1)</script><img src="x" onerror="alert(1)">'
    client.post(ADD_URL, article_form(CategoryFactory(), body=body))
    assert Article.objects.get().body == "<p>Tin</p>"


def test_an_editor_is_told_the_article_stays_a_draft(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, article_form(CategoryFactory()), follow=True)
    assert "(Nháp). Bấm “Lưu và gửi duyệt” khi xong." in response.content.decode()


def test_category_slug_is_generated_when_left_empty(client):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.post(
        reverse("admin:news_category_add"),
        {"name": "An toàn vệ sinh lao động", "slug": "", "order": 5, "description": ""},
    )
    assert response.status_code == 302
    assert Category.objects.get().slug == "an-toan-ve-sinh-lao-dong"


def test_video_admin_refuses_a_fake_thumbnail_and_a_non_youtube_link(client, editor):
    client.force_login(editor)
    url = reverse("admin:news_video_add")
    data = {"title": "Phim tư liệu", "published_on": timezone.localdate().strftime("%d/%m/%Y"), "is_published": "on"}
    response = client.post(
        url,
        {**data, "youtube_url": "https://vimeo.com/1", "thumbnail": SimpleUploadedFile("a.jpg", b"<html></html>")},
    )
    page = response.content.decode()
    assert "Không nhận ra đường dẫn YouTube" in page
    assert "không phải là ảnh" in page
    response = client.post(
        url,
        {
            **data,
            "youtube_url": "https://youtu.be/dQw4w9WgXcQ",
            "thumbnail": SimpleUploadedFile("a.gif", image_bytes("PNG", (1280, 720))),
        },
    )
    assert response.status_code == 302
    assert Video.objects.get().thumbnail.name.endswith(".png")


def test_an_editor_may_add_web_links_but_not_delete_them(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:news_weblink_add"), {"title": "Báo Lao Động", "url": "laodong.vn", "order": 1, "is_active": "on"}
    )
    assert response.status_code == 302
    from news.models import WebLink

    link = WebLink.objects.get()
    assert link.url == "https://laodong.vn"
    assert client.post(reverse("admin:news_weblink_delete", args=[link.pk]), {"post": "yes"}).status_code == 403


def test_the_preview_link_opens_a_draft_for_staff_only(client, editor):
    draft = ArticleFactory(status="draft", title="Bản nháp chưa duyệt")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Bản nháp chưa duyệt" in response.content.decode()


@pytest.mark.parametrize("groups", [[services.EDITORS_GROUP], [services.PUBLISHERS_GROUP]])
def test_view_only_staff_read_a_category_page_without_an_error(client, groups):
    from django.contrib.auth.models import Permission

    category = CategoryFactory(name="Hoạt động công đoàn")
    user = StaffFactory(groups=groups)
    user.user_permissions.add(Permission.objects.get(codename="view_category"))
    user.user_permissions.remove(*Permission.objects.filter(codename="change_category"))
    client.force_login(user)

    response = client.get(reverse("admin:news_category_change", args=[category.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Hoạt động công đoàn" in html
    assert 'name="slug"' not in html and 'type="submit"' not in html.split('id="category_form"', 1)[-1]
