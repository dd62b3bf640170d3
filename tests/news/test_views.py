"""Public pages: home, category, article (with staff preview), videos, robots.txt, error pages."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news import caching, views
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, VideoFactory, WebLinkFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"


@pytest.fixture
def client():
    """A reader's browser (a request without a User-Agent is treated as a script and never counted)."""
    return Client(headers={"User-Agent": BROWSER})


def jpeg(width, height):
    """A real JPEG photo upload of the given size."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 30, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


@pytest.fixture
def staff_client(client):
    user = UserFactory(username="bientap", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article", content_type__app_label="news"))
    client.force_login(user)
    return client


# --- home -------------------------------------------------------------------


def test_home_shows_featured_articles_and_newest_per_category(client):
    thoi_su = CategoryFactory(name="Thời sự", slug="thoi-su", order=1)
    phong_trao = CategoryFactory(name="Phong trào", slug="phong-trao", order=2)
    ArticleFactory(title="Đại hội Công đoàn tỉnh", category=thoi_su, is_featured=True, published_at=ago(hours=1))
    for n in range(6):
        ArticleFactory(title=f"Tin phong trào số {n}", category=phong_trao, published_at=ago(days=n + 1))

    html = client.get(reverse("news:home")).content.decode()

    assert "Đại hội Công đoàn tỉnh" in html
    assert 'class="card card-large"' in html
    # The category block: its four newest not already in "Tin mới" or the featured block.
    block = html[html.index('id="cat-phong-trao"') :]
    for n in range(5, 6):
        assert f"Tin phong trào số {n}" in block
    assert "Tin phong trào số 0" not in block  # shown in "Tin mới" above
    assert reverse("news:category", kwargs={"slug": "phong-trao"}) in html


def test_home_opens_with_the_newest_articles_of_every_category(client):
    thoi_su = CategoryFactory(name="Thời sự", slug="thoi-su", order=1)
    phong_trao = CategoryFactory(name="Phong trào", slug="phong-trao", order=2)
    for n in range(8):
        ArticleFactory(title=f"Tin thời sự số {n}", category=thoi_su, published_at=ago(days=n + 2))
    ArticleFactory(title="Tin vừa đăng", category=phong_trao, published_at=ago(minutes=5))
    ArticleFactory(title="Tin nháp", category=phong_trao, status=Article.Status.DRAFT, published_at=ago(minutes=1))

    html = client.get(reverse("news:home")).content.decode()

    newest = html[html.index('id="newest-title"') : html.index("</section>", html.index('id="newest-title"'))]
    assert html.index('id="newest-title"') < html.index('id="featured-title"') < html.index('id="cat-thoi-su"')
    assert newest.index("Tin vừa đăng") < newest.index("Tin thời sự số 0")
    assert "Tin thời sự số 4" in newest and "Tin thời sự số 5" not in newest  # six in all
    assert "Tin nháp" not in html


def test_home_hides_drafts_and_scheduled_articles(client):
    ArticleFactory(title="Bài đã đăng")
    ArticleFactory(title="Bài nháp bí mật", status=Article.Status.DRAFT)
    ArticleFactory(title="Bài hẹn giờ ngày mai", published_at=timezone.now() + timedelta(days=1))

    html = client.get(reverse("news:home")).content.decode()

    assert "Bài đã đăng" in html
    assert "Bài nháp bí mật" not in html
    assert "Bài hẹn giờ ngày mai" not in html


def test_home_cached_lists_change_when_an_article_is_saved(client):
    article = ArticleFactory(title="Tiêu đề cũ")
    assert "Tiêu đề cũ" in client.get("/").content.decode()

    article.title = "Tiêu đề mới"
    article.save()

    html = client.get("/").content.decode()
    assert "Tiêu đề mới" in html
    assert "Tiêu đề cũ" not in html


def test_scheduled_article_appears_on_cached_home_once_its_time_has_come(client, monkeypatch):
    start = timezone.now()
    ArticleFactory(title="Tin hẹn giờ", published_at=start + timedelta(minutes=5))
    assert "Tin hẹn giờ" not in client.get("/").content.decode()
    before = caching.generation()

    # Six minutes later, with no save in between: the cached lists must not hide it any longer.
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=6))

    assert "Tin hẹn giờ" in client.get("/").content.decode()
    assert caching.generation() != before


def test_nav_shows_categories_in_order(client):
    CategoryFactory(name="Hoạt động", slug="hoat-dong", order=2)
    CategoryFactory(name="Thời sự", slug="thoi-su", order=1)

    html = client.get("/").content.decode()

    nav = html[html.index('class="main-nav"') :]
    assert nav.index("Thời sự") < nav.index("Hoạt động")


def test_sidebar_has_videos_with_pager_links_and_visit_stats(client):
    for n in range(40):
        VideoFactory(title=f"Phim số {n}", published_on=timezone.localdate() - timedelta(days=n))
    WebLinkFactory(title="Tổng Liên đoàn Lao động Việt Nam", url="https://congdoan.example.vn/")
    WebLinkFactory(title="Liên kết đã ẩn", status="draft")

    html = client.get("/").content.decode()

    assert "Phim tư liệu" in html
    assert "Phim số 0" in html and "Phim số 5" in html
    assert "Phim số 6" not in html  # six per page
    for number in range(2, 6):
        assert f'href="/video/?page={number}"' in html
    assert 'href="/video/?page=6"' in html  # the "…" link
    assert "Tổng Liên đoàn Lao động Việt Nam" in html
    assert "Liên kết đã ẩn" not in html
    assert "Thống kê truy cập" in html
    assert 'data-stat="total"' in html


# --- category ---------------------------------------------------------------


def test_category_lists_its_published_articles_newest_first(client):
    category = CategoryFactory(name="Chính sách", slug="chinh-sach")
    ArticleFactory(title="Tin cũ hơn", category=category, published_at=ago(days=2))
    ArticleFactory(title="Tin mới hơn", category=category, published_at=ago(days=1))
    ArticleFactory(title="Tin chuyên mục khác")
    ArticleFactory(title="Nháp chính sách", category=category, status=Article.Status.DRAFT)

    response = client.get(reverse("news:category", kwargs={"slug": "chinh-sach"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Tin mới hơn") < html.index("Tin cũ hơn")
    assert "Tin chuyên mục khác" not in html
    assert "Nháp chính sách" not in html
    assert reverse("news:category_feed", kwargs={"slug": "chinh-sach"}) in html
    assert '<a href="/chuyen-muc/chinh-sach/" aria-current="page">Chính sách</a>' in html


def test_category_pagination(client):
    category = CategoryFactory(slug="phong-trao")
    for n in range(views.ARTICLES_PER_PAGE + 3):
        ArticleFactory(title=f"Bài số {n:02d} ", category=category, published_at=ago(hours=n + 1))
    url = reverse("news:category", kwargs={"slug": "phong-trao"})

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert "Bài số 00 " in first and "Bài số 12 " not in first
    assert "Bài số 12 " in second and "Bài số 14 " in second and "Bài số 00 " not in second
    assert 'href="?page=2"' in first
    assert client.get(url, {"page": "last"}).status_code == 200
    assert client.get(url, {"page": 99}).status_code == 404
    assert client.get(url, {"page": "abc"}).status_code == 404


def test_unknown_category_is_404_in_vietnamese(client):
    response = client.get(reverse("news:category", kwargs={"slug": "khong-co"}))

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


# --- article ----------------------------------------------------------------


def test_article_page_shows_every_part(client):
    category = CategoryFactory(name="Hoạt động công đoàn", slug="hoat-dong")
    published_at = timezone.make_aware(timezone.datetime(2024, 7, 19, 9, 5))
    article = ArticleFactory(
        title="Trao kỉ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn",
        sapo="Công đoàn Viên chức tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm 2024.",
        body="<p>Các CĐCS tặng <em>3.662 phần quà</em>.</p>",
        category=category,
        published_at=published_at,
        author="PHƯƠNG ANH",
        source_name="Báo Lao Động",
        source_url="https://laodong.example.vn/bai-viet",
        cover=jpeg(1500, 1000),
        cover_caption="Quang cảnh hội nghị.",
        cover_credit="Anh Khoa",
    )

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and article.title in html
    assert "09:05 19/07/2024" in html
    assert "<strong>Công đoàn Viên chức tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm 2024.</strong>" in html
    assert "<em>3.662 phần quà</em>" in html  # body is output as stored (sanitized when saved)
    article.refresh_from_db()
    assert re.search(rf'<figure class="cover">\s*<img src="{article.cover_large.url}"', html)
    assert 'width="960" height="640"' in html  # the article-width rendition, not the 1500 px original
    assert "Quang cảnh hội nghị." in html and "Ảnh: Anh Khoa" in html
    assert "PHƯƠNG ANH" in html
    assert 'Nguồn:\n    <a href="https://laodong.example.vn/bai-viet" rel="nofollow noopener"' in html
    assert re.search(r'Lượt xem: <strong data-stat="views">1</strong>', html)
    assert "Quay lại" in html and f'href="{category.get_absolute_url()}" data-back' in html
    assert "Bản xem trước" not in html


def test_article_open_graph_and_canonical(client):
    article = ArticleFactory(title="Hội nghị tổng kết", sapo="Đoạn dẫn của bài.", cover=jpeg(1200, 800))

    html = client.get(article.get_absolute_url()).content.decode()

    url = f"http://testserver{article.get_absolute_url()}"
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Hội nghị tổng kết">' in html
    assert '<meta property="og:description" content="Đoạn dẫn của bài.">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:image" content="http://testserver{article.cover_large.url}">' in html
    assert (
        f'<meta property="article:published_time" content="{article.published_at.astimezone().isoformat()}'[:60] in html
    )
    assert f'<link rel="canonical" href="{url}">' in html


def test_view_count_goes_up_for_a_new_visitor_not_for_a_repeat(client):
    article = ArticleFactory()

    first = client.get(article.get_absolute_url()).content.decode()
    again = client.get(article.get_absolute_url()).content.decode()
    # Another reader: another address (a reader without a cookie is known by address and User-Agent).
    other_reader = Client(headers={"User-Agent": BROWSER}, REMOTE_ADDR="203.0.113.77")
    other_visitor = other_reader.get(article.get_absolute_url()).content.decode()

    assert 'data-stat="views">1<' in first
    assert 'data-stat="views">1<' in again
    assert 'data-stat="views">2<' in other_visitor


def test_related_news_same_category_published_before_newest_first(client):
    category = CategoryFactory()
    older = [
        ArticleFactory(title=f"Tin liên quan {n}", category=category, published_at=ago(days=n + 2)) for n in range(10)
    ]
    article = ArticleFactory(title="Bài đang đọc", category=category, published_at=ago(days=1))
    ArticleFactory(title="Tin mới hơn cùng mục", category=category, published_at=ago(hours=1))
    ArticleFactory(title="Tin mục khác", published_at=ago(days=3))
    ArticleFactory(title="Nháp cùng mục", category=category, status=Article.Status.DRAFT, published_at=ago(days=3))

    html = client.get(article.get_absolute_url()).content.decode()

    table = html[html.index("<table>") : html.index("</table>")]
    assert '<th scope="col">Các tin liên quan</th>' in table and "Ngày đăng</th>" in table
    shown = re.findall(r"Tin liên quan (\d+)<", table)
    assert shown == [str(n) for n in range(8)]  # eight rows, newest first
    assert older[0].published_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y") in table
    assert "Tin mới hơn cùng mục" not in table
    assert "Tin mục khác" not in table
    assert "Nháp cùng mục" not in table


def test_previous_and_next_are_neighbours_in_time_across_the_site(client):
    before = ArticleFactory(title="Bài trước đó", published_at=ago(days=3))
    ArticleFactory(title="Bài nháp ở giữa", status=Article.Status.DRAFT, published_at=ago(days=2))
    article = ArticleFactory(title="Bài giữa", published_at=ago(days=2))
    after = ArticleFactory(title="Bài sau đó", published_at=ago(days=1))
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(days=1))

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'href="{before.get_absolute_url()}" rel="prev"' in html
    assert f'href="{after.get_absolute_url()}" rel="next"' in html
    assert "Bài hẹn giờ" not in html and "Bài nháp ở giữa" not in html


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_article_is_404_to_the_public(client, state):
    article = ArticleFactory(**state)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert article.title not in response.content.decode()


def test_unpublished_article_is_404_to_staff_without_view_permission(client):
    client.force_login(UserFactory(username="nhanvien", is_staff=True))
    article = ArticleFactory(status=Article.Status.DRAFT)

    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("state", "banner"),
    [
        ({"status": Article.Status.DRAFT}, "bài chưa xuất bản"),
        ({"published_at": timezone.now() + timedelta(days=1)}, "bài hẹn giờ đăng lúc"),
    ],
    ids=["draft", "scheduled"],
)
def test_staff_preview_shows_banner_is_not_cached_and_not_counted(staff_client, state, banner):
    article = ArticleFactory(title="Bài chờ duyệt", **state)

    response = staff_client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bản xem trước" in html and banner in html
    assert "Bài chờ duyệt" in html
    assert "no-store" in response["Cache-Control"]
    assert 'data-stat="views"' not in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    from news.counting.reading import article_views

    assert article_views(article) == 0


def test_staff_sees_published_articles_without_banner(staff_client):
    article = ArticleFactory()

    html = staff_client.get(article.get_absolute_url()).content.decode()

    assert "Bản xem trước" not in html
    assert 'data-stat="views"' in html


def test_article_body_is_output_as_stored_html(client):
    article = ArticleFactory(body="<p>Đoạn <strong>một</strong></p><table><tr><td>1</td></tr></table>")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<p>Đoạn <strong>một</strong></p><table>" in html


# --- search, videos, robots, errors -----------------------------------------


def test_video_list_paginates_and_embeds(client):
    VideoFactory(title="Phim YouTube", youtube_url="https://youtu.be/abcDEF12345")
    VideoFactory(title="Phim MP4", youtube_url="", file="videos/2024/phim.mp4")
    VideoFactory(title="Phim ẩn", status="review")
    for n in range(8):
        VideoFactory(title=f"Phim cũ {n}", published_on=timezone.localdate() - timedelta(days=n + 1))

    first = client.get(reverse("news:video_list")).content.decode()
    second = client.get(reverse("news:video_list"), {"page": 2}).content.decode()

    assert 'href="https://www.youtube.com/watch?v=abcDEF12345"' in first
    assert 'data-youtube-id="abcDEF12345"' in first
    assert '<source src="/media/videos/2024/phim.mp4" type="video/mp4">' in first
    assert "Phim ẩn" not in first + second
    assert "Phim cũ 7" in second
    assert client.get(reverse("news:video_list"), {"page": 9}).status_code == 404


def test_robots_txt_disallows_admin_and_search_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /quan-tri/" in body
    assert "Disallow: /tim-kiem/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_404_page_is_vietnamese(client):
    response = client.get("/khong-ton-tai/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_500_page_needs_no_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = views.server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert "Đã xảy ra lỗi" in html
    assert '<html lang="vi">' in html
