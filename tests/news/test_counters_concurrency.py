"""Counters under real concurrency on PostgreSQL: many simultaneous requests, exact totals.

Each scenario runs with three caches:
- "locmem": the fast path on (one process, shared by its threads);
- "none": DummyCache, so every request takes the database path. This is what
  several app servers with separate local caches amount to at worst, and it
  proves that the row lock, not the cache, keeps the hit totals exact;
- "redis": the production cache (skipped when no Redis answers on 127.0.0.1).
"""

import os
import threading

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.test import override_settings
from django.utils import timezone
from hitcount.models import Hit, HitCount

from news.counting import markers
from news.counting.middleware import ReadingMiddleware
from news.counting.reading import article_views
from news.counting.stats import compute_site_stats
from news.models import VisitCounter
from tests.factories import ArticleFactory
from tests.news.readers import count_view, new_visitor, page_view, reader_request

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 32
# Emptied by the tests: the REDIS_URL database given to the test run, else one no server setting uses.
REDIS_LOCATION = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"

CACHES = {
    "locmem": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "concurrency"}},
    "none": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
    "redis": {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_LOCATION,
            "KEY_PREFIX": "lddsite-test",
        }
    },
}


def redis_answers():
    try:
        import redis

        return redis.Redis.from_url(REDIS_LOCATION, socket_connect_timeout=0.5).ping()
    except Exception:
        return False


@pytest.fixture(params=["locmem", "none", "redis"])
def cache_kind(request):
    if request.param == "redis" and not redis_answers():
        pytest.skip("no Redis at 127.0.0.1:6379")
    with override_settings(CACHES=CACHES[request.param]):
        cache.clear()
        markers.forget()
        yield request.param
        cache.clear()
        markers.forget()


def run_together(calls):
    """Run each zero-argument call in its own thread, all released at once; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def worker(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except BaseException as exc:  # collected and re-raised in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request never finished (deadlock?)"
    assert errors == []
    return results


def viewer(request, article):
    return lambda: count_view(request, article)


@pytest.fixture
def article():
    article = ArticleFactory(slug="dem-dong-thoi")
    article_views(article)  # warm the content-type cache outside the threads
    return article


def test_distinct_visitors_on_one_article_count_exactly(cache_kind, article):
    count_view(reader_request(new_visitor()), article)  # the HitCount row exists
    results = run_together([viewer(reader_request(new_visitor()), article) for _ in range(THREADS)])
    assert article_views(article) == THREADS + 1
    assert Hit.objects.count() == THREADS + 1
    # Every counted view saw its own increment under the row lock.
    assert sorted(results) == list(range(2, THREADS + 2))


def test_one_visitor_many_simultaneous_requests_count_once(cache_kind, article):
    visitor = new_visitor()
    results = run_together([viewer(reader_request(visitor), article) for _ in range(THREADS)])
    assert article_views(article) == 1
    assert Hit.objects.count() == 1
    assert set(results) <= {0, 1}


def test_first_views_of_a_brand_new_article_neither_crash_nor_get_lost(cache_kind, article):
    assert not HitCount.objects.exists()
    results = run_together([viewer(reader_request(new_visitor()), article) for _ in range(THREADS)])
    assert HitCount.objects.count() == 1
    assert article_views(article) == THREADS
    assert sorted(results) == list(range(1, THREADS + 1))


def test_some_visitors_each_sending_several_requests(cache_kind, article):
    visitors = [new_visitor() for _ in range(8)]
    calls = [viewer(reader_request(visitor), article) for visitor in visitors for _ in range(THREADS // 8)]
    run_together(calls)
    assert article_views(article) == 8
    assert set(Hit.objects.values_list("session", flat=True)) == set(visitors)


def test_simultaneous_new_visits_add_exactly_to_every_period(cache_kind):
    now = timezone.now()
    page_view(reader_request(new_visitor()))  # the counter rows exist for some
    before = compute_site_stats(now=now)
    run_together([lambda: page_view(reader_request(new_visitor())).new_visit for _ in range(THREADS)])
    after = compute_site_stats(now=now)
    for period in ("today", "week", "total"):
        assert after[period] - before[period] == THREADS


def test_simultaneous_first_visits_of_a_new_day_create_each_row_once(cache_kind):
    run_together([lambda: page_view(reader_request(new_visitor())).new_visit for _ in range(THREADS)])
    per_period = VisitCounter.objects.values("period").annotate(total=Sum("visits"), rows=Count("id"))
    assert sorted(row["total"] for row in per_period) == [THREADS] * 3
    # one row per period and slot (a unique constraint), however many visits created them at once
    assert all(row["rows"] <= settings.VISIT_COUNTER_SLOTS for row in per_period)


def test_one_visitor_many_simultaneous_page_views_is_one_visit(cache_kind):
    # The reader's presence row decides, under its lock: exact without any cache too.
    visitor = new_visitor()
    results = run_together([lambda: page_view(reader_request(visitor)).new_visit for _ in range(THREADS)])
    assert results.count(True) == 1
    assert compute_site_stats(now=timezone.now())["total"] == 1


def test_whole_request_path_through_the_middleware(cache_kind, article):
    """Readers without cookies open an article at once: each is a view and a visit, each gets a cookie."""

    def article_page(request):
        request.reading.cache_ops(article=article.slug)
        views = request.reading.settle(article_pk=article.pk)
        return HttpResponse(f"<p>Lượt xem: {views}</p>")

    middleware = ReadingMiddleware(article_page)
    requests = [reader_request() for _ in range(THREADS)]
    responses = run_together([lambda request=request: middleware(request) for request in requests])
    assert article_views(article) == THREADS
    assert compute_site_stats(now=timezone.now())["today"] == THREADS
    assert len({response.cookies["lv"].value for response in responses}) == THREADS


def test_article_views_and_their_visits_in_one_transaction_count_exactly(cache_kind):
    """New readers of two articles, returning readers and plain page views at once: no deadlock, exact totals."""
    first, second = ArticleFactory(slug="cung-luc-mot"), ArticleFactory(slug="cung-luc-hai")
    article_views(first)
    returning = new_visitor()
    count_view(reader_request(returning), first, page_view=True)
    before = compute_site_stats(now=timezone.now())

    def article_page(article, visitor=None):
        return lambda: count_view(reader_request(visitor), article, page_view=True)

    calls = [article_page(first) for _ in range(THREADS // 4)]
    calls += [article_page(second) for _ in range(THREADS // 4)]
    calls += [article_page(first, returning) for _ in range(THREADS // 4)]
    calls += [lambda: page_view(reader_request(new_visitor())).new_visit for _ in range(THREADS // 4)]
    run_together(calls)

    assert article_views(first) == THREADS // 4 + 1
    assert article_views(second) == THREADS // 4
    assert Hit.objects.count() == THREADS // 2 + 1
    after = compute_site_stats(now=timezone.now())
    # The returning reader starts no new visit, whatever the cache: its presence row decides.
    new_visits = THREADS // 4 * 3
    for period in ("today", "week", "total"):
        assert after[period] - before[period] == new_visits
