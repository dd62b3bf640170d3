"""Site-wide visit statistics ("Thống kê truy cập"), the middleware that feeds them, and the sidebar block."""

import types
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.counting import stats as visits
from news.counting import writes
from news.counting.middleware import ReadingMiddleware
from news.counting.readers import VISITOR_COOKIE
from news.counting.reading import Reading, article_views
from news.counting.stats import compute_site_stats, site_stats
from news.models import Presence, VisitCounter
from tests.factories import ArticleFactory, UserFactory
from tests.news.readers import BROWSER, GOOGLEBOT, reader_request
from tests.news.sql import assert_counter_writes, statements

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args):
    return datetime(*args, tzinfo=LOCAL)


class Clock:
    """Moves `timezone.now()` and the local-memory cache's clock together."""

    def __init__(self, monkeypatch):
        self.now = timezone.now()
        self.offset = 0.0
        real_time = locmem.time.time
        fake_time = types.SimpleNamespace(time=lambda: real_time() + self.offset)
        monkeypatch.setattr(locmem, "time", fake_time)
        monkeypatch.setattr(cache_base, "time", fake_time)
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **delta):
        step = timedelta(**delta)
        self.now += step
        self.offset += step.total_seconds()


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def counters():
    found = {}
    for c in VisitCounter.objects.all():
        found[(c.period, c.start)] = found.get((c.period, c.start), 0) + c.visits
    return found


def add_visit(*, now, slot=0):
    writes.add_visit(periods=visits.period_starts(now), slot=slot)


class Browser:
    """A reader's browser seen by the counting alone: it keeps the `lv` cookie it is given."""

    _addresses = iter(range(1, 10**6))

    def __init__(self):
        n = next(self._addresses)
        self.address = f"198.20.{n // 250 % 250}.{n % 250 + 1}"
        self.cookie = None

    def view(self):
        """One page view; True when it started a visit."""
        request = reader_request(remote=self.address)
        if self.cookie is not None:
            request.COOKIES[VISITOR_COOKIE] = self.cookie
        reading = Reading(request)
        reading.cache_ops()
        reading.settle(page_view=True)
        response = HttpResponse("<p>Trang</p>")
        reading.set_cookie(response)
        if VISITOR_COOKIE in response.cookies:
            self.cookie = response.cookies[VISITOR_COOKIE].value
        return reading.new_visit


def new_visitor():
    return Browser()


def record_page_view(*, visitor):
    return visitor.view()


def stats_now():
    return compute_site_stats(now=timezone.now())


# --- what a visit is ---------------------------------------------------------------


def test_first_page_view_is_a_visit(clock):
    assert record_page_view(visitor=new_visitor())
    assert stats_now() == {"online": 1, "today": 1, "week": 1, "total": 1}


def test_page_views_within_thirty_minutes_are_one_visit(clock):
    visitor = new_visitor()
    record_page_view(visitor=visitor)
    clock.advance(minutes=29)
    assert not record_page_view(visitor=visitor)
    assert stats_now()["today"] == 1


def test_a_page_view_after_thirty_one_quiet_minutes_is_a_new_visit(clock):
    visitor = new_visitor()
    record_page_view(visitor=visitor)
    clock.advance(minutes=31)
    assert record_page_view(visitor=visitor)
    assert stats_now()["total"] == 2


def test_the_thirty_minutes_slide_with_each_page_view(clock):
    visitor = new_visitor()
    record_page_view(visitor=visitor)
    for _ in range(3):
        clock.advance(minutes=20)
        assert not record_page_view(visitor=visitor)
    clock.advance(minutes=31)
    assert record_page_view(visitor=visitor)


def test_two_visitors_are_two_visits(clock):
    record_page_view(visitor=new_visitor())
    record_page_view(visitor=new_visitor())
    assert stats_now() == {"online": 2, "today": 2, "week": 2, "total": 2}


def test_a_failed_count_does_not_swallow_the_visit(clock, monkeypatch):
    visitor = new_visitor()

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(writes, "write", broken)
    with pytest.raises(RuntimeError):
        record_page_view(visitor=visitor)
    monkeypatch.undo()
    assert record_page_view(visitor=visitor)


# --- periods in local time -----------------------------------------------------------


def test_today_starts_at_local_midnight_not_utc():
    # 23:59 local and 00:00 local are different days, though in UTC (16:59 and 17:00) they are the same.
    add_visit(now=local(2024, 3, 13, 23, 59))
    add_visit(now=local(2024, 3, 14, 0, 0))
    add_visit(now=local(2024, 3, 14, 6, 59))  # 23:59 UTC the day before
    stats = compute_site_stats(now=local(2024, 3, 14, 12, 0))
    assert stats["today"] == 2
    assert stats["week"] == 3  # Wednesday and Thursday of the same week
    assert stats["total"] == 3


def test_week_starts_on_monday_at_local_midnight():
    sunday_night = local(2024, 3, 17, 23, 59, 59)
    monday_morning = local(2024, 3, 18, 0, 0)
    add_visit(now=sunday_night)
    add_visit(now=monday_morning)
    monday_stats = compute_site_stats(now=local(2024, 3, 18, 8, 0))
    assert monday_stats["today"] == 1
    assert monday_stats["week"] == 1
    assert monday_stats["total"] == 2
    sunday_stats = compute_site_stats(now=sunday_night)
    assert sunday_stats["week"] == 1
    assert (VisitCounter.Period.WEEK, local(2024, 3, 11).date()) in counters()
    assert (VisitCounter.Period.WEEK, local(2024, 3, 18).date()) in counters()


def test_a_new_day_starts_at_zero():
    add_visit(now=local(2024, 3, 14, 10, 0))
    stats = compute_site_stats(now=local(2024, 3, 15, 0, 0, 1))
    assert stats["today"] == 0
    assert stats["week"] == 1


@override_settings(VISIT_STARTING_TOTAL=11_799_553)
def test_total_adds_the_starting_total():
    add_visit(now=timezone.now())
    assert stats_now()["total"] == 11_799_554


@override_settings(VISIT_STARTING_TOTAL=100)
def test_total_adds_a_seeded_all_time_row_and_the_setting():
    VisitCounter.objects.create(period=VisitCounter.Period.ALL, start=visits.ALL_TIME_START, slot=3, visits=11_799_553)
    add_visit(now=timezone.now())
    assert stats_now()["total"] == 11_799_654


# --- online ---------------------------------------------------------------------------


def test_online_counts_visitors_seen_in_the_last_five_minutes(clock):
    now = timezone.now()
    Presence.objects.create(visitor="a", last_seen=now - timedelta(minutes=4, seconds=59))
    Presence.objects.create(visitor="b", last_seen=now - timedelta(minutes=5, seconds=1))
    Presence.objects.create(visitor="c", last_seen=now)
    assert stats_now()["online"] == 2


def test_presence_is_written_at_most_once_a_minute(clock):
    visitor = new_visitor()
    record_page_view(visitor=visitor)
    first_seen = Presence.objects.get().last_seen
    clock.advance(seconds=30)
    with CaptureQueriesContext(connection) as ctx:
        record_page_view(visitor=visitor)
    assert ctx.captured_queries == []
    clock.advance(seconds=31)
    record_page_view(visitor=visitor)
    assert Presence.objects.get().last_seen == first_seen + timedelta(seconds=61)


def test_visitor_quiet_for_six_minutes_is_no_longer_online(clock):
    record_page_view(visitor=new_visitor())
    clock.advance(minutes=6)
    assert stats_now()["online"] == 0


# --- cost -----------------------------------------------------------------------------


def test_returning_visitor_costs_nothing(clock):
    visitor = new_visitor()
    record_page_view(visitor=visitor)
    clock.advance(minutes=2)  # past the presence interval, too
    record_page_view(visitor=visitor)
    with CaptureQueriesContext(connection) as ctx:
        record_page_view(visitor=visitor)
    assert ctx.captured_queries == []


@pytest.mark.parametrize("days_of_history", [3, 30])
def test_new_visit_costs_one_statement_on_postgresql_three_elsewhere_however_long_the_history(
    clock, days_of_history, settings
):
    settings.VISIT_COUNTER_SLOTS = 1
    for days in range(days_of_history):
        add_visit(now=timezone.now() - timedelta(days=days))
    before = counters()
    with CaptureQueriesContext(connection) as ctx:
        record_page_view(visitor=new_visitor())
    # the reader's presence row looked at, its upsert, 1 UPDATE of the three counter rows
    assert_counter_writes(ctx.captured_queries, orm_statements=3, orm_writes=2)
    after = counters()
    assert [after[key] - before[key] for key in visits.period_starts(timezone.now())] == [1, 1, 1]


def test_first_visit_of_the_day_creates_the_rows_once():
    add_visit(now=local(2024, 3, 14, 10, 0))
    with CaptureQueriesContext(connection) as ctx:
        add_visit(now=local(2024, 3, 15, 10, 0))
    # One UPDATE finds the all and week rows; the day row: SELECT which exist, INSERT, UPDATE.
    assert len(statements(ctx.captured_queries)) == 4
    assert counters()[(VisitCounter.Period.DAY, local(2024, 3, 15).date())] == 1


@pytest.mark.parametrize("days_of_history", [3, 30])
def test_statistics_cost_two_queries_and_are_cached(clock, days_of_history):
    for days in range(days_of_history):
        add_visit(now=timezone.now() - timedelta(days=days))
        Presence.objects.create(visitor=f"v{days}", last_seen=timezone.now() - timedelta(minutes=days))
    with CaptureQueriesContext(connection) as ctx:
        first = site_stats()
    assert len(ctx.captured_queries) == 2
    record_page_view(visitor=new_visitor())
    with CaptureQueriesContext(connection) as ctx:
        assert site_stats() == first  # served from the cache
    assert ctx.captured_queries == []
    clock.advance(seconds=visits.STATS_SECONDS + 1)
    visits.forget()  # this process's copy ends by its own clock (time.monotonic), which the test cannot move
    assert site_stats()["today"] == first["today"] + 1


# --- the middleware -------------------------------------------------------------------


def html_page(request):
    return HttpResponse("<p>Trang</p>")


def through_middleware(request, view=html_page):
    return ReadingMiddleware(view)(request)


def visits_counted():
    return stats_now()["total"]


def test_public_page_view_counts_a_visit_and_sets_the_cookie():
    response = through_middleware(reader_request())
    assert visits_counted() == 1
    cookie = response.cookies[VISITOR_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_a_page_view_inside_its_minute_gets_no_new_cookie():
    browser = Browser()
    browser.view()
    request = reader_request(remote=browser.address)
    request.COOKIES[VISITOR_COOKIE] = browser.cookie
    response = through_middleware(request)
    assert VISITOR_COOKIE not in response.cookies
    assert visits_counted() == 1


def test_cookie_carries_the_id_the_article_view_was_counted_under():
    article = ArticleFactory(slug="bai-viet-dem-truy-cap")

    def article_page(request):
        request.reading.cache_ops(article=article.slug)
        request.reading.settle(article_pk=article.pk)
        return HttpResponse("<p>Bài viết</p>")

    response = through_middleware(reader_request(), view=article_page)
    cookie_value = response.cookies[VISITOR_COOKIE].value
    again = reader_request()  # another address: only the cookie tells it is the same reader
    again.COOKIES[VISITOR_COOKIE] = cookie_value
    through_middleware(again, view=article_page)

    assert article_views(article) == 1
    assert visits_counted() == 1


def test_a_reader_without_cookies_is_known_by_address_and_user_agent():
    article = ArticleFactory(slug="bai-viet-khong-cookie")

    def article_page(request):
        request.reading.cache_ops(article=article.slug)
        request.reading.settle(article_pk=article.pk)
        return HttpResponse("<p>Bài viết</p>")

    for _ in range(30):  # the cookie is dropped every time
        through_middleware(reader_request(remote="203.0.113.40"), view=article_page)
    assert article_views(article) == 1
    assert visits_counted() == 1

    other_phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
    through_middleware(reader_request(remote="203.0.113.40", agent=other_phone), view=article_page)
    assert article_views(article) == 2  # two phones behind one address are two readers
    assert visits_counted() == 2


def test_logged_in_user_is_counted_by_account():
    user = UserFactory()
    through_middleware(reader_request(user=user))
    assert Presence.objects.get().visitor == f"u:{user.pk}"


@pytest.mark.parametrize(
    ("path", "view", "method"),
    [
        ("/", lambda r: HttpResponse("không thấy", status=404), "get"),
        ("/", lambda r: HttpResponse(status=302), "get"),
        ("/api/", lambda r: JsonResponse({"ok": True}), "get"),
        ("/rss/", lambda r: HttpResponse("<rss/>", content_type="application/rss+xml"), "get"),
        ("/robots.txt", lambda r: HttpResponse("User-agent: *", content_type="text/plain"), "get"),
        ("/quan-tri/", html_page, "get"),
        ("/ckeditor/browse/", html_page, "get"),
        ("/static/css/site.css", html_page, "get"),
        ("/media/covers/a.html", html_page, "get"),
        ("/", html_page, "post"),
        ("/", html_page, "head"),
    ],
)
def test_requests_that_are_not_page_views_count_no_visit(path, view, method):
    request = reader_request(path=path)
    request.method = method.upper()
    through_middleware(request, view=view)
    assert visits_counted() == 0
    assert not Presence.objects.exists()


@pytest.mark.parametrize(
    ("agent", "headers"),
    [
        (GOOGLEBOT, {}),
        ("axios/1.6.7", {}),
        ("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", {}),
        ("PostmanRuntime/7.36.1", {}),
        ("HTTPie/3.2.2", {}),
        (BROWSER, {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}),
        (BROWSER, {"HTTP_SEC_PURPOSE": "prefetch"}),
        (BROWSER, {"HTTP_SEC_PURPOSE": "prefetch;prerender"}),
    ],
)
def test_bots_libraries_background_requests_and_prefetches_count_nothing(agent, headers):
    article = ArticleFactory()

    def article_page(request):
        request.reading.cache_ops(article=article.slug)
        request.reading.settle(article_pk=article.pk)
        return HttpResponse("<p>Bài viết</p>")

    response = through_middleware(reader_request(agent=agent, **headers), view=article_page)
    assert visits_counted() == 0
    assert article_views(article) == 0
    assert VISITOR_COOKIE not in response.cookies


# --- the sidebar block ---------------------------------------------------------------


@override_settings(VISIT_STARTING_TOTAL=11_799_553)
def test_sidebar_block_shows_each_figure_with_thousand_separators():
    for _ in range(3):
        record_page_view(visitor=new_visitor())
    request = reader_request()
    request.user = AnonymousUser()
    html = render_to_string("includes/visit_stats.html", request=request)
    assert "Thống kê truy cập" in html
    for label in ("Đang online", "Hôm nay", "Trong tuần", "Tất cả"):
        assert label in html
    assert 'data-stat="online">3<' in html
    assert 'data-stat="today">3<' in html
    assert 'data-stat="week">3<' in html
    assert 'data-stat="total">11.799.556<' in html


def test_two_tabs_opened_together_after_the_gap_count_one_visit(clock):
    browser = Browser()
    browser.view()
    clock.advance(minutes=31)
    # Both tabs carry the same cookie, which says a visit may start: the presence row decides.
    tabs = [Browser(), Browser()]
    for tab in tabs:
        tab.address, tab.cookie = browser.address, browser.cookie
    assert [tab.view() for tab in tabs] == [True, False]
    assert visits_counted() == 2


def test_a_reader_without_cookies_writes_at_most_once_a_minute_on_any_page():
    through_middleware(reader_request(remote="203.0.113.41"))
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(5):
            through_middleware(reader_request(remote="203.0.113.41"))
    assert ctx.captured_queries == []  # the shared cache says it was recorded a moment ago
    assert visits_counted() == 1
