"""What the public pages show of reading: "Thống kê truy cập" and "Đọc nhiều".

"Thống kê truy cập": "Đang online" is the number of readers seen in the last five minutes
(Presence), "Hôm nay" the visits since local midnight (Asia/Ho_Chi_Minh), "Trong tuần" since
Monday 00:00, "Tất cả" all time plus VISIT_STARTING_TOTAL. Reading them is one indexed sum over
the slots of three VisitCounter periods and one indexed count of Presence: neither grows with
history. They are at most STATS_SECONDS old: computed at most that often, shared through the
cache and kept that long in each process.

"Đọc nhiều": the articles most read in the last MOST_READ_DAYS local days (ArticleDayViews), at
most MOST_READ_SECONDS old, from the cache.
"""

import threading
import time
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone

from news import caching
from news.models import Article, ArticleDayViews, Presence, VisitCounter

VISIT_GAP = timedelta(minutes=30)
ONLINE_WINDOW = timedelta(minutes=5)
STATS_SECONDS = 5
STATS_CACHE_KEY = "visits:stats"
ALL_TIME_START = date(1970, 1, 1)
MOST_READ_DAYS = 7
MOST_READ_LIMIT = 5
MOST_READ_SECONDS = 60


def period_starts(now):
    """(period, start) of the VisitCounter periods a visit at `now` belongs to, in local time."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    return (
        (VisitCounter.Period.ALL, ALL_TIME_START),
        (VisitCounter.Period.WEEK, monday),
        (VisitCounter.Period.DAY, today),
    )


class _Memo:
    """One value (for one key) per process until its deadline (time.monotonic()), shared between threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._kept = (None, None, 0.0)

    def get(self, key):
        kept_key, value, until = self._kept
        return value if kept_key == key and time.monotonic() < until else None

    def keep(self, key, value, seconds):
        with self._lock:
            self._kept = (key, value, time.monotonic() + seconds)

    def clear(self):
        self._kept = (None, None, 0.0)


_stats = _Memo()
_most_read = _Memo()


def site_stats():
    """{"online", "today", "week", "total"}, at most STATS_SECONDS old (2 queries when stale everywhere)."""
    return _fresh(_stats, STATS_CACHE_KEY, STATS_SECONDS, lambda: compute_site_stats(now=timezone.now()))


def _fresh(memo, key, seconds, compute):
    """`compute()`, at most `seconds` old: from this process's memory, else the shared cache, else computed.

    The shared value carries when it was computed, so a process keeps it only for what is left of
    its `seconds`, and what a reader sees is never older than that, whichever process answers.
    """
    value = memo.get(key)
    if value is not None:
        return value
    now = time.time()
    shared = cache.get(key)
    if not isinstance(shared, dict) or not now - seconds < shared.get("at", 0) <= now:
        shared = {"at": now, "value": compute()}
        cache.set(key, shared, seconds)
    memo.keep(key, shared["value"], seconds - (now - shared["at"]))
    return shared["value"]


def compute_site_stats(*, now):
    starts = period_starts(now)
    wanted = Q()
    for period, start in starts:
        wanted |= Q(period=period, start=start)
    sums = {
        (period, start): total
        for period, start, total in VisitCounter.objects.filter(wanted)
        .values_list("period", "start")
        .annotate(total=Sum("visits"))
        .order_by()
    }
    all_time, week, day = (sums.get(key, 0) for key in starts)
    return {
        "online": Presence.objects.filter(last_seen__gte=now - ONLINE_WINDOW).count(),
        "today": day,
        "week": week,
        "total": all_time + settings.VISIT_STARTING_TOTAL,
    }


def most_read(*, days=MOST_READ_DAYS, limit=MOST_READ_LIMIT):
    """[{"title", "url", "views"}, …]: the published articles most read in the last `days` local days.

    At most MOST_READ_SECONDS old (one query when stale everywhere).
    """
    today = timezone.localdate()
    # Keyed by the content generation too: an article unpublished or retitled leaves the list at once.
    return _fresh(
        _most_read,
        f"news:most-read:{caching.generation()}:{today.isoformat()}:{days}:{limit}",
        MOST_READ_SECONDS,
        lambda: compute_most_read(since=today - timedelta(days=days - 1), limit=limit),
    )


def compute_most_read(*, since, limit):
    """The top `limit` published articles by views counted from the local day `since` on (one query)."""
    rows = (
        ArticleDayViews.objects.filter(day__gte=since, article__in=Article.objects.published())
        .values("article_id", "article__title", "article__slug")
        .annotate(total=Sum("views"))
        .order_by("-total", "article_id")[:limit]
    )
    return [
        {
            "title": row["article__title"],
            "url": Article(slug=row["article__slug"]).get_absolute_url(),
            "views": row["total"],
        }
        for row in rows
    ]


def forget():
    """Drop what this process remembers (tests, and after a content change that may hide an article)."""
    _stats.clear()
    _most_read.clear()
