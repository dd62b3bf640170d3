"""How the public templates are put together: article URLs, the cached chrome, article cards, small tags."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, clear_script_prefix, include, path, reverse, set_script_prefix
from django.utils import timezone

from news.models import Article, Category
from news.templatetags import cards
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, VideoFactory, WebLinkFactory

pytestmark = pytest.mark.django_db


def render(source, **context):
    request = RequestFactory().get("/", context.pop("query", {}))
    return Template("{% load news_tags cards %}" + source).render(Context({"request": request, **context}))


# --- article and category URLs -------------------------------------------------------


def test_absolute_urls_are_what_reverse_gives():
    article = ArticleFactory(title="Đại hội Công đoàn tỉnh")

    assert article.get_absolute_url() == reverse("news:article", kwargs={"slug": article.slug})
    assert article.category.get_absolute_url() == reverse("news:category", kwargs={"slug": article.category.slug})


def test_absolute_urls_follow_the_script_prefix():
    article = ArticleFactory(slug="dai-hoi")
    article.get_absolute_url()
    set_script_prefix("/cong-thong-tin/")
    try:
        assert article.get_absolute_url() == "/cong-thong-tin/tin-tuc/dai-hoi/"
    finally:
        clear_script_prefix()
    assert article.get_absolute_url() == "/tin-tuc/dai-hoi/"


def no_view(request, slug):
    raise AssertionError("only reversed")


# The URLconf of test_absolute_urls_follow_a_new_urlconf (ROOT_URLCONF=__name__): the same names, other paths.
moved_news = [path("bai/<slug:slug>.html", no_view, name="article"), path("muc/<slug:slug>/", no_view, name="category")]
urlpatterns = [path("", include((moved_news, "news")))]


def test_absolute_urls_follow_a_new_urlconf():
    article = ArticleFactory(slug="dai-hoi", category=CategoryFactory(slug="thoi-su"))
    article.get_absolute_url()

    with override_settings(ROOT_URLCONF=__name__):
        assert article.get_absolute_url() == "/bai/dai-hoi.html"
        assert article.category.get_absolute_url() == "/muc/thoi-su/"
    assert article.get_absolute_url() == "/tin-tuc/dai-hoi/"


def test_a_slug_the_url_pattern_refuses_is_refused_as_before():
    with pytest.raises(NoReverseMatch):
        Article(slug="đại-hội").get_absolute_url()
    with pytest.raises(NoReverseMatch):
        Category(slug="").get_absolute_url()


# --- the chrome: menu, sidebar videos and links, footer -------------------------------


def chrome_keys():
    return [key for key in cache._cache if ":news:chrome:" in key]


def test_chrome_is_cached_once_and_the_menu_rendered_once_per_current_section(client):
    thoi_su = CategoryFactory(name="Thời sự", slug="thoi-su")
    ArticleFactory(title="Tin thời sự", category=thoi_su)

    client.get("/")
    client.get("/")
    client.get(thoi_su.get_absolute_url())

    assert len(chrome_keys()) == 2  # the sidebar with the footer; the menu
    [menu_key] = [key for key in chrome_keys() if key.endswith(":menu")]
    assert set(cache.get(menu_key.split(":", 2)[2])["nav"]) == {"/", "/chuyen-muc/thoi-su/"}


class ReadsCountingCache(LocMemCache):
    """The tests' cache, noting what each read asks for: one entry per round trip a shared cache would make."""

    reads = []

    def get(self, key, default=None, version=None):
        self.reads.append(key)
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        self.reads.append(list(keys))
        missing = object()
        found = {key: LocMemCache.get(self, key, missing, version) for key in keys}  # not counted again
        return {key: value for key, value in found.items() if value is not missing}


@override_settings(CACHES={"default": {"BACKEND": f"{__name__}.ReadsCountingCache", "LOCATION": "reads"}})
def test_chrome_is_read_in_one_round_trip(client):
    client.force_login(UserFactory())  # no page cache: every request renders the page
    client.get("/")  # and stores the chrome
    ReadsCountingCache.reads.clear()

    client.get("/")

    chrome_reads = [keys for keys in ReadsCountingCache.reads if ":chrome:" in str(keys)]
    assert len(chrome_reads) == 1 and len(chrome_reads[0]) == 2


def test_chrome_shows_a_change_at_once(client):
    VideoFactory(title="Phim cũ")
    WebLinkFactory(title="Liên kết cũ")
    reader = UserFactory()  # logged in: the page cache stays out of the way, the chrome cache does not
    client.force_login(reader)
    assert "Phim cũ" in client.get("/tim-kiem/").content.decode()

    VideoFactory(title="Phim mới")
    WebLinkFactory(title="Liên kết mới")
    CategoryFactory(name="Chuyên mục mới", slug="chuyen-muc-moi")

    html = client.get("/tim-kiem/").content.decode()
    assert "Phim mới" in html and "Liên kết mới" in html
    assert '<a href="/chuyen-muc/chuyen-muc-moi/">Chuyên mục mới</a>' in html


def test_the_menu_marks_the_current_category_only_on_its_pages(client):
    thoi_su = CategoryFactory(name="Thời sự", slug="thoi-su")
    article = ArticleFactory(category=thoi_su)

    marked = '<a href="/chuyen-muc/thoi-su/" aria-current="page">Thời sự</a>'
    assert marked in client.get(thoi_su.get_absolute_url()).content.decode()
    assert marked in client.get(article.get_absolute_url()).content.decode()
    assert marked not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "path, marked",
    [
        ("/", "/"),
        ("/video/", "/video/"),
        ("/sang-kien/", "/sang-kien/"),
        ("/sang-kien/khong-co/", "/sang-kien/"),
        ("/tim-kiem/?q=abc", None),
    ],
)
def test_the_menu_marks_the_section_of_every_page(client, path, marked):
    CategoryFactory(name="Thời sự", slug="thoi-su")

    html = client.get(path).content.decode()

    menu = html[html.index('<nav class="main-nav"') : html.index("</nav>")]
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', menu)
    assert current == ([marked] if marked else [])


def test_the_menu_lists_every_section_once():
    from news import menu

    items = menu.menu_items([CategoryFactory(name="Thời sự", slug="thoi-su")])

    assert [label for label, _url in items] == [
        "Trang chủ",
        "Thời sự",
        "Sáng kiến",
        "Phim tư liệu",
        "Văn bản",
        "Hỏi đáp pháp luật",
        "Giới thiệu",
        "Liên hệ",
    ]
    assert menu.current_url(items, "/van-ban/05-kh-ldld/") == "/van-ban/"
    assert menu.current_url(items, "/gioi-thieu/co-cau-to-chuc/") == "/gioi-thieu/"
    assert menu.current_url(items, "/chuyen-muc/thoi-su/?page=2") == "/chuyen-muc/thoi-su/"
    assert menu.current_url(items, "/khong-co/") == ""


def test_video_list_leaves_the_sidebar_videos_out_but_keeps_links_and_statistics(client):
    VideoFactory(title="Phim tư liệu mới")
    WebLinkFactory(title="Tổng Liên đoàn")

    html = client.get(reverse("news:video_list")).content.decode()

    sidebar = html[html.index('<aside class="sidebar"') :]
    assert "side-videos" not in sidebar
    assert "Tổng Liên đoàn" in sidebar and 'data-stat="online"' in sidebar


def test_statistics_stay_live_outside_the_chrome(client):
    client.get("/")
    parts = {}
    for key in chrome_keys():
        parts.update(cache.get(key.split(":", 2)[2]))

    menus = parts.pop("nav")
    assert set(parts) == {"items", "sidebar_videos", "sidebar_links", "footer"}
    assert not any("data-stat" in html for html in [*menus.values(), *parts.values()] if isinstance(html, str))


# --- article cards ------------------------------------------------------------------------


@pytest.fixture
def card_article():
    ArticleFactory(
        title="Hội nghị <tổng kết>",
        sapo="Một hai ba " * 20,
        category=CategoryFactory(name="Thời sự", slug="thoi-su"),
        published_at=timezone.now() - timedelta(days=1),
    )
    Article.objects.update(
        cover="covers/anh.jpg",
        cover_thumb="renditions/anh-thumb.jpg",
        cover_large="renditions/anh-large.jpg",
        cover_width=1500,
        cover_height=1000,
    )
    return Article.objects.select_related("category").get()


def test_card_shows_the_article(card_article):
    html = render("{% article_card article show_sapo=True show_category=True %}", article=card_article)

    assert f'<a class="card-img" href="{card_article.get_absolute_url()}"' in html
    assert 'src="/media/renditions/anh-thumb.jpg" alt="" width="400" height="267" loading="lazy"' in html
    assert '<a class="card-cat" href="/chuyen-muc/thoi-su/">Thời sự</a>' in html
    assert "Hội nghị &lt;tổng kết&gt;" in html
    assert html.count("Một") == 14 and "Một …</p>" in html  # cut at 40 words
    local = timezone.localtime(card_article.published_at)
    assert f'<time datetime="{local.isoformat()}">{local:%H:%M %d/%m/%Y}</time>' in html


def test_lead_card_has_the_large_picture(card_article):
    html = render("{% article_card article large=True %}", article=card_article)

    assert 'class="card card-large"' in html
    assert (
        'src="/media/renditions/anh-large.jpg" srcset="/media/renditions/anh-thumb.jpg 400w, '
        '/media/renditions/anh-large.jpg 960w" sizes="(min-width: 900px) 800px, 100vw" alt="" width="960" '
        'height="640" decoding="async" fetchpriority="high"' in html
    )
    assert "card-sapo" not in html and "card-cat" not in html


def test_card_shows_an_edit_at_once(card_article):
    render("{% article_card article %}", article=card_article)

    Article.objects.update(title="Tiêu đề đã sửa")  # no save(), no new content generation
    edited = Article.objects.select_related("category").get()

    assert "Tiêu đề đã sửa" in render("{% article_card article %}", article=edited)


def test_card_is_rendered_once_for_the_same_values(card_article):
    cards._rendered.cache_clear()
    for _ in range(3):
        render("{% article_card article show_sapo=True %}", article=card_article)

    assert cards._rendered.cache_info().misses == 1


def test_card_follows_a_changed_setting(card_article):
    before = render("{% article_card article %}", article=card_article)

    with override_settings(MEDIA_URL="/tep/"):
        assert 'src="/tep/renditions/anh-thumb.jpg"' in render("{% article_card article %}", article=card_article)
    assert render("{% article_card article %}", article=card_article) == before


# --- small tags ---------------------------------------------------------------------------


def test_search_box_shows_the_search_words_escaped():
    assert render("{% search_query %}", query={"q": 'công "đoàn" <b>'}) == "công &quot;đoàn&quot; &lt;b&gt;"
    assert render("{% search_query %}") == ""


def test_page_url_keeps_the_other_parameters():
    html = render("{% page_url 3 %}|{% page_url 1 %}", query={"q": "công đoàn", "page": "2", "x": ["1", "2"]})

    assert (
        html
        == "?q=c%C3%B4ng+%C4%91o%C3%A0n&amp;page=3&amp;x=1&amp;x=2|?q=c%C3%B4ng+%C4%91o%C3%A0n&amp;page=1&amp;x=1&amp;x=2"
    )


def test_page_url_adds_the_page_when_missing():
    assert render("{% page_url 2 %}", query={"q": "a"}) == "?q=a&amp;page=2"


def test_related_news_are_cached_apart_only_when_the_page_is_not(client):
    article = ArticleFactory()

    client.get(article.get_absolute_url())  # an anonymous reader: the whole page goes into the page cache
    assert not [key for key in cache._cache if "article_more" in key]

    client.force_login(UserFactory())
    client.get(article.get_absolute_url())
    assert [key for key in cache._cache if "article_more" in key]
