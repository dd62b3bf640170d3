"""Fabricated requests of readers, bots and logged-in users for the counter tests."""

import itertools
import secrets
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from news.counting.readers import VISITOR_COOKIE, set_visitor_cookie
from news.counting.reading import Reading

BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def new_visitor():
    return secrets.token_hex(16)


def signed_cookie(visitor, seen=None):
    """The `lv` cookie value the middleware would have given `visitor`, last recorded at `seen`."""
    response = HttpResponse()
    set_visitor_cookie(response, visitor, seen or timezone.now() - timedelta(days=1))
    return response.cookies[VISITOR_COOKIE].value


_addresses = itertools.count(1)


def reader_request(
    visitor=None, *, user=None, agent=BROWSER, remote=None, path="/tin-tuc/bai-viet/", seen=None, **extra
):
    """A GET as a browser sends it; `visitor` None means a reader without a cookie (from `remote`,
    a new address each time when not given). `seen`: when the cookie says the last page view was recorded
    (a day ago when not given: the next page view may start a visit)."""
    if remote is None:
        n = next(_addresses)
        remote = f"198.18.{n // 250 % 250}.{n % 250 + 1}"
    request = RequestFactory().get(path, HTTP_USER_AGENT=agent, REMOTE_ADDR=remote, **extra)
    if visitor is not None:
        request.COOKIES[VISITOR_COOKIE] = signed_cookie(visitor, seen)
    request.user = user or AnonymousUser()
    return request


def count_view(request, article, *, page_view=False):
    """What the article page does with its reading: the view counted (or not); returns "Lượt xem".

    `page_view`: also settle the request's page view (visit, presence), as the page does; left out
    by default so that a test of the views sees their cost alone."""
    reading = Reading(request)
    reading.cache_ops(article=article.slug)
    return reading.settle(article_pk=article.pk, page_view=page_view)


def page_view(request):
    """A page view of another public page; returns its settled Reading (`.new_visit`)."""
    reading = Reading(request)
    reading.cache_ops()
    reading.settle(page_view=True)
    return reading


def show_stats(stats):
    """Make the sidebar show `stats` ({"online", "today", "week", "total"}) as if just computed."""
    import time

    from django.core.cache import cache

    from news.counting import stats as counting_stats

    cache.set(counting_stats.STATS_CACHE_KEY, {"at": time.time(), "value": stats}, counting_stats.STATS_SECONDS)
    counting_stats.forget()
