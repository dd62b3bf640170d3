"""Whole-page cache for anonymous readers: cost, live figures, invalidation, privacy, counting through it."""

import itertools
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Sum
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hitcount.models import Hit

from news import caching, pagecache
from news.counting import markers, stats
from news.counting.readers import VISITOR_COOKIE
from news.counting.reading import article_views
from news.models import Article, Generation, Presence, VisitCounter
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, VideoFactory, WebLinkFactory
from tests.news.readers import signed_cookie
from tests.news.sql import counter_function_calls, on_postgresql, statements

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"


_addresses = itertools.count(1)


def reader():
    """A reader's browser on a device of its own (its own address); it keeps the `lv` cookie it is given."""
    n = next(_addresses)
    return Client(headers={"User-Agent": BROWSER}, REMOTE_ADDR=f"198.19.{n // 250 % 250}.{n % 250 + 1}")


def stat(html, name):
    """A live figure as the reader sees it, e.g. "1.234"."""
    return re.search(rf'data-stat="{name}">([^<]*)<', html).group(1)


def cached_pages():
    """The page entries in the (per-process, local-memory) test cache."""
    keys = [key.split(":", 2)[2] for key in list(cache._cache) if key.split(":", 2)[2].startswith("page:")]
    return [page for page in (cache.get(key) for key in keys) if page is not None]


def body(page):
    """A kept page's body, markers in place."""
    return pagecache.fill(page.parts, pagecache.markers.encoded)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(articles):
    category = CategoryFactory(name="Hoạt động công đoàn", slug="hoat-dong-cong-doan")
    made = [
        ArticleFactory(title=f"Tin số {n}", category=category, published_at=timezone.now() - timedelta(hours=n + 1))
        for n in range(articles)
    ]
    for n in range(3):
        VideoFactory(title=f"Phim {n}")
        WebLinkFactory(title=f"Liên kết {n}")
    return category, made


# --- cost -----------------------------------------------------------------------------


@pytest.mark.parametrize("articles", [3, 30])
@pytest.mark.parametrize("page", ["home", "category", "video_list"])
def test_a_returning_reader_gets_the_list_pages_without_a_query(page, articles):
    category, _ = grow(articles)
    url = {"home": "/", "category": category.get_absolute_url(), "video_list": "/video/"}[page]
    browser = reader()
    queries_of(browser, url)  # rendered, stored; the visit counted and the cookie given

    assert queries_of(browser, url) == 0
    assert queries_of(reader(), url) > 0  # a new visitor is a new visit: written, but the page is not rendered again


@pytest.mark.parametrize("articles", [3, 30])
def test_a_returning_reader_gets_an_article_without_a_query(articles):
    _, made = grow(articles)
    url = made[len(made) // 2].get_absolute_url()
    browser = reader()
    browser.get(url)

    assert queries_of(browser, url) == 0  # "Lượt xem" from the cache, at most a few seconds old


@pytest.mark.parametrize("who", ["returning", "new"])
def test_an_article_page_asks_the_shared_cache_once(who, monkeypatch):
    _, made = grow(3)
    url = made[0].get_absolute_url()
    browser = reader()
    browser.get(url)
    reader().get(url)
    calls = []
    real = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, **kw: calls.append(keys) or real(keys, **kw))

    assert (browser if who == "returning" else reader()).get(url).status_code == 200
    # The page is in this process's memory, and so is a returning reader's marker: one read with Redis, the
    # total. A new reader's marker and the total: one read too, then the database decides.
    assert len(calls) == 1


def test_a_missing_article_neither_counts_nor_swallows_the_visit():
    grow(3)
    browser = reader()
    assert browser.get("/tin-tuc/khong-co-bai-nay/").status_code == 404
    assert browser.get("/tin-tuc/khong-co-bai-nay/").status_code == 404  # its keys were forgotten, not kept
    assert VisitCounter.objects.count() == 0 and not Hit.objects.exists()
    browser.get("/")
    assert VisitCounter.objects.get(period=VisitCounter.Period.ALL).visits == 1  # the first page view is a visit


def test_a_new_visitor_on_a_cached_article_writes_in_one_transaction(settings):
    settings.VISIT_COUNTER_SLOTS = 1  # the visit finds its counter rows (a slot's first visit creates them)
    _, made = grow(3)
    url = made[0].get_absolute_url()
    reader().get(url)
    reader().get("/")  # the statistics' rows and the article's total exist

    with CaptureQueriesContext(connection) as captured:
        response = reader().get(url)
    assert stat(response.content.decode(), "views") == "2"
    sql = [q["sql"] for q in captured.captured_queries]
    if on_postgresql():  # all of it in one call of the counter function (migration 0006)
        assert len(counter_function_calls(captured.captured_queries)) == len(sql) == 1
        return
    # lock the total, look for an active hit, insert the hit, add to the total and to the day's views,
    # the reader's presence looked at and written, the visit counters
    assert len(statements(captured.captured_queries)) == 8
    # One transaction (a savepoint here, inside the test's own transaction) for all of them.
    assert sum(s.startswith("SAVEPOINT") for s in sql) == 1


# --- live figures ------------------------------------------------------------------------


def test_view_count_is_live_on_a_cached_article():
    _, made = grow(3)
    url = made[0].get_absolute_url()
    first = reader().get(url).content.decode()
    assert stat(first, "views") == "1"

    second = reader().get(url).content.decode()  # another new visitor, page from the cache
    assert stat(second, "views") == "2"
    assert len(cached_pages()) == 1

    browser = reader()
    browser.get(url)
    again = browser.get(url).content.decode()  # the same visitor inside the window: not counted again
    assert stat(again, "views") == "3"
    assert article_views(made[0]) == 3


def test_visit_statistics_are_live_on_a_cached_page():
    grow(3)
    browser = reader()
    assert stat(browser.get("/").content.decode(), "today") == "1"  # read after the visit was written

    reader().get("/")  # a second visitor
    reader().get("/")  # a third
    assert stat(browser.get("/").content.decode(), "today") == "1"  # inside the statistics' few seconds
    cache.delete(stats.STATS_CACHE_KEY)
    stats.forget()

    html = browser.get("/").content.decode()
    assert stat(html, "today") == "3"
    assert stat(html, "online") == "3"


def test_statistics_use_the_thousand_separator(settings):
    settings.VISIT_STARTING_TOTAL = 11_799_552
    grow(3)
    browser = reader()
    browser.get("/")
    cache.delete(stats.STATS_CACHE_KEY)
    stats.forget()
    assert stat(browser.get("/").content.decode(), "total") == "11.799.553"


def test_no_marker_ever_reaches_a_reader():
    category, made = grow(3)
    browser = reader()
    for url in ["/", category.get_absolute_url(), made[0].get_absolute_url(), "/video/"] * 2:
        assert "[[live:" not in browser.get(url).content.decode()


def test_cached_page_keeps_markers_not_figures():
    _, made = grow(3)
    reader().get(made[0].get_absolute_url())
    (page,) = cached_pages()
    assert page.subject == (made[0].slug, made[0].pk)
    assert "views" in page.parts and "total" in page.parts and "most_read" in page.parts
    assert b"data-stat" in body(page)


# --- invalidation -------------------------------------------------------------------------


def test_an_edited_article_title_shows_at_once_everywhere():
    category, made = grow(3)
    article = made[0]
    browser = reader()
    urls = ["/", category.get_absolute_url(), article.get_absolute_url()]
    for url in urls:
        assert "Tin số 0" in browser.get(url).content.decode()

    article.title = "Tiêu đề đã sửa"
    article.save()

    for url in urls:
        html = browser.get(url).content.decode()
        assert "Tiêu đề đã sửa" in html and "Tin số 0" not in html


@pytest.mark.django_db(transaction=True)
def test_an_edit_has_a_generation_of_its_own_until_it_commits_and_moves_it_on_for_everyone():
    _, made = grow(3)
    before = caching.generation()
    with transaction.atomic():
        made[0].title = "Tin số 0 đã sửa"
        made[0].save()
        # This transaction sees its own edit: what it renders is kept apart from what others read.
        during = caching.generation()
        assert during != before
        made[1].title = "Tin số 1 đã sửa"
        made[1].save()
        assert caching.generation() not in (before, during)
        assert Generation.objects.get().number == before  # others still read the committed number
    after = caching.generation()
    assert after not in (before, during)
    assert Generation.objects.get().number == after


def test_a_renamed_category_shows_at_once():
    category, made = grow(3)
    browser = reader()
    browser.get(made[0].get_absolute_url())
    category.name = "Chuyên mục mới"
    category.save()
    assert "Chuyên mục mới" in browser.get(made[0].get_absolute_url()).content.decode()


def test_a_new_video_and_an_edited_link_show_at_once():
    grow(3)
    browser = reader()
    browser.get("/")
    VideoFactory(title="Phim vừa đăng", published_on=timezone.localdate())
    link = WebLinkFactory(title="Liên kết cũ")
    link.title = "Liên kết đã sửa"
    link.save()

    html = browser.get("/").content.decode()
    assert "Phim vừa đăng" in html and "Liên kết đã sửa" in html


def test_a_scheduled_article_appears_when_due(monkeypatch):
    category, _ = grow(3)
    start = timezone.now()
    scheduled = ArticleFactory(title="Tin hẹn giờ", category=category, published_at=start + timedelta(minutes=5))
    browser = reader()
    assert "Tin hẹn giờ" not in browser.get("/").content.decode()
    assert browser.get(scheduled.get_absolute_url()).status_code == 404

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=6))

    assert "Tin hẹn giờ" in browser.get("/").content.decode()
    assert "Tin hẹn giờ" in browser.get(category.get_absolute_url()).content.decode()
    assert browser.get(scheduled.get_absolute_url()).status_code == 200


def test_an_unpublished_article_leaves_the_cache_at_once():
    _, made = grow(3)
    article = made[0]
    browser = reader()
    assert browser.get(article.get_absolute_url()).status_code == 200

    article.status = Article.Status.DRAFT
    article.save()

    assert browser.get(article.get_absolute_url()).status_code == 404
    assert "Tin số 0" not in browser.get("/").content.decode()


def test_a_draft_never_reaches_the_cache_or_the_public():
    category, _ = grow(3)
    draft = ArticleFactory(title="Bài nháp bí mật", category=category, status=Article.Status.DRAFT)
    browser = reader()
    for url in ["/", category.get_absolute_url(), draft.get_absolute_url()] * 2:
        assert "Bài nháp bí mật" not in browser.get(url).content.decode()
    assert all(b"B\xc3\xa0i nh\xc3\xa1p b\xc3\xad m\xe1\xba\xadt" not in body(page) for page in cached_pages())


# --- who gets what -----------------------------------------------------------------------------


@pytest.fixture
def staff_browser():
    user = UserFactory(username="bientap", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article", content_type__app_label="news"))
    browser = reader()
    browser.force_login(user)
    return browser


def test_staff_get_pages_rendered_for_them_and_never_stored(staff_browser):
    category, made = grow(3)
    draft = ArticleFactory(title="Bài chờ duyệt", category=category, status=Article.Status.DRAFT)
    for url in ["/", category.get_absolute_url(), made[0].get_absolute_url(), draft.get_absolute_url()]:
        response = staff_browser.get(url)
        assert response.status_code == 200
        assert "[[live:" not in response.content.decode()
    assert cached_pages() == []
    assert "Bản xem trước" in staff_browser.get(draft.get_absolute_url()).content.decode()


def test_a_staff_preview_is_not_served_to_the_public(staff_browser):
    category, _ = grow(3)
    draft = ArticleFactory(title="Bài chờ duyệt", category=category, status=Article.Status.DRAFT)
    staff_browser.get(draft.get_absolute_url())
    assert reader().get(draft.get_absolute_url()).status_code == 404


def test_new_visitors_sharing_a_cached_page_each_get_their_own_cookie_and_count_once():
    _, made = grow(3)
    url = made[0].get_absolute_url()
    total_before = stats.compute_site_stats(now=timezone.now())["total"]
    first, second = reader(), reader()
    one = first.get(url)
    two = second.get(url)  # from the cache

    assert VISITOR_COOKIE in one.cookies and VISITOR_COOKIE in two.cookies
    assert one.cookies[VISITOR_COOKIE].value != two.cookies[VISITOR_COOKIE].value
    first.get(url)
    second.get(url)  # returning: neither view nor visit counted again
    assert article_views(made[0]) == 2
    assert Hit.objects.count() == 2
    assert set(Hit.objects.values_list("session", flat=True)) == {
        one.cookies[VISITOR_COOKIE].value.split(":")[0],
        two.cookies[VISITOR_COOKIE].value.split(":")[0],
    }
    assert stats.compute_site_stats(now=timezone.now())["total"] == total_before + 2


def test_cached_pages_hold_no_cookie_visitor_or_csrf_token():
    category, made = grow(3)
    browser = reader()
    for url in ["/", category.get_absolute_url(), made[0].get_absolute_url(), "/video/"]:
        browser.get(url)
    visitor = Hit.objects.get().session
    pages = cached_pages()
    assert len(pages) == 4
    for page in pages:
        assert set(vars(page)) == {"generation", "parts", "content_type", "subject"}
        assert b"csrfmiddlewaretoken" not in body(page) and b"csrftoken" not in body(page)
        assert visitor.encode() not in body(page)


def test_a_page_that_set_a_cookie_or_used_a_csrf_token_is_not_stored():
    request = RequestFactory().get("/")
    response = HttpResponse("<p>trang</p>")
    assert pagecache._may_share(request, response)

    response.set_cookie("theo-doi", "1")
    assert not pagecache._may_share(request, response)

    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not pagecache._may_share(request, HttpResponse("<p>trang</p>"))


def test_bots_and_head_requests_get_the_cached_page_but_count_nothing():
    _, made = grow(3)
    url = made[0].get_absolute_url()
    reader().get(url)
    bot = Client(headers={"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})
    assert bot.get(url).status_code == 200
    assert reader().head(url).status_code == 200
    assert article_views(made[0]) == 1


# --- query strings ------------------------------------------------------------------------------


def test_unknown_parameters_neither_split_the_cache_nor_reach_the_page():
    category, _ = grow(3)
    browser = reader()
    browser.get("/")
    html = browser.get("/?q=%3Cb%3Ehack%3C/b%3E&utm_source=zalo").content.decode()
    assert "hack" not in html
    browser.get(category.get_absolute_url() + "?page=1&fbclid=abc")
    browser.get(category.get_absolute_url())
    assert len(cached_pages()) == 2


def test_each_page_number_is_its_own_entry_and_bad_numbers_are_not_cached():
    category, _ = grow(30)
    browser = reader()
    first = browser.get(category.get_absolute_url()).content.decode()
    second = browser.get(category.get_absolute_url() + "?page=2").content.decode()
    assert "Tin số 0" in first and "Tin số 0" not in second
    assert "Tin số 12" in second
    assert browser.get(category.get_absolute_url() + "?page=99").status_code == 404
    assert browser.get(category.get_absolute_url() + "?page=abc").status_code == 404
    assert browser.get(category.get_absolute_url() + "?page=last").status_code == 200
    assert len(cached_pages()) == 2


def test_search_results_are_cached_per_query_and_page_and_follow_edits():
    _, made = grow(30)
    browser = reader()
    url = "/tim-kiem/?q=Tin+s%E1%BB%91"
    first = browser.get(url).content.decode()
    assert "Tin số 0" in first
    assert queries_of(browser, url) == 0
    assert queries_of(browser, url + "&utm_source=zalo") == 0  # other parameters are dropped
    assert "Tin số 12" in browser.get(url + "&page=2").content.decode()
    other = browser.get("/tim-kiem/?q=Phim").content.decode()
    assert "Tin số 0" not in other  # each query is its own entry

    made[0].title = "Tin số 0 đã sửa"
    made[0].save()
    assert "Tin số 0 đã sửa" in browser.get(url).content.decode()


def test_a_search_query_is_shown_as_typed_and_escaped_from_the_cache():
    grow(3)
    for _ in range(2):
        html = reader().get("/tim-kiem/?q=%3Cb%3ETin%3C/b%3E").content.decode()
        assert "&lt;b&gt;Tin&lt;/b&gt;" in html and "<b>Tin</b>" not in html
    assert "“Tin”" not in reader().get("/tim-kiem/?q=%3Cb%3ETin%3C/b%3E").content.decode()
    assert "cong doan" in reader().get("/tim-kiem/?q=cong+doan").content.decode()


def test_presence_is_written_once_the_cookie_says_its_minute_is_over():
    grow(3)
    browser = reader()
    browser.get("/")
    (presence,) = Presence.objects.all()
    Presence.objects.update(last_seen=presence.last_seen - timedelta(minutes=3))
    browser.get("/")
    assert Presence.objects.get().last_seen < presence.last_seen  # inside its minute, says the cookie: not written

    browser.cookies[VISITOR_COOKIE] = signed_cookie(presence.visitor, timezone.now() - timedelta(minutes=2))
    browser.get("/")
    assert Presence.objects.get().last_seen < presence.last_seen  # the shared cache saw it a moment ago

    cache.delete(f"seen:{presence.visitor}")  # the minute is over there too, and in this process
    markers.forget()
    browser.get("/")
    assert Presence.objects.get().last_seen >= presence.last_seen
    assert VisitCounter.objects.aggregate(total=Sum("visits"))["total"] == 3  # one visit: today, week, all time


def test_refresh_pages_after_a_release_moves_the_generation_on():
    from io import StringIO

    from django.core.management import call_command

    before = caching.generation()
    out = StringIO()
    call_command("refresh_pages", "--dry-run", stdout=out)
    assert str(before) in out.getvalue() and caching.generation() == before
    call_command("refresh_pages", stdout=out)
    assert caching.generation() != before
    assert Generation.objects.get().number == caching.generation()
