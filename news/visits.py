"""Site-wide visit statistics, "Thống kê truy cập": online now, today, this week, all time.

A visit is a visitor's first page view after VISIT_GAP without one. The gap is
a sliding window kept in the cache (`visit:<visitor>`, renewed on every page
view), so deciding costs no query. Each new visit adds one to three
VisitCounter rows (today, this week, all time) with `UPDATE visits = visits + 1`;
reading the statistics is one look-up of those three rows and one indexed count
of Presence rows seen in the last five minutes. Neither grows with history.

Exactness: the cache decides what is a new visit. With Redis (REDIS_URL) every
app server shares it and `cache.add` is atomic, so each visit is counted once.
With the local-memory cache each process keeps its own window, so a visitor
whose page views land on different processes, or who returns right after a
restart, is counted again. The counter rows themselves never lose or double an
increment, whatever the cache.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from .models import Presence, VisitCounter
from .visitors import request_is_bot

VISIT_GAP = timedelta(minutes=30)
ONLINE_WINDOW = timedelta(minutes=5)
# Presence.last_seen is written at most this often per visitor.
PRESENCE_INTERVAL = timedelta(minutes=1)
# The statistics shown in the sidebar are at most this many seconds old.
STATS_CACHE_SECONDS = 5
STATS_CACHE_KEY = "visits:stats"
ALL_TIME_START = date(1970, 1, 1)


def record_page_view(*, visitor, now=None):
    """Note a public page view by `visitor`; return True when it starts a new visit.

    A returning visitor inside the gap costs no query (cache only); a new visit
    costs 3 UPDATEs of the counter rows (plus an INSERT and a repeated UPDATE
    for each row that does not exist yet: the first visit of a day or week);
    the Presence upsert costs 1 INSERT … ON CONFLICT at most once a minute.
    """
    now = now or timezone.now()
    gap = VISIT_GAP.total_seconds()
    key = f"visit:{visitor}"
    # touch() renews the window of a visit in progress; add() is atomic, so of
    # two simultaneous first views only one starts the visit.
    is_new = not cache.touch(key, gap) and cache.add(key, 1, gap)
    if is_new:
        try:
            add_visit(now=now)
        except BaseException:
            cache.delete(key)
            raise
    if cache.add(f"seen:{visitor}", 1, PRESENCE_INTERVAL.total_seconds()):
        mark_present(visitor=visitor, now=now)
    return is_new


def period_starts(now):
    """(period, start) of the VisitCounter rows a visit at `now` belongs to, in local time."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    return [
        (VisitCounter.Period.ALL, ALL_TIME_START),
        (VisitCounter.Period.WEEK, monday),
        (VisitCounter.Period.DAY, today),
    ]


@transaction.atomic
def add_visit(*, now):
    """Add one visit to today's, this week's and the all-time counters.

    Rows are updated one at a time in a fixed order (all, week, day), so two
    concurrent visits lock them in the same order and cannot deadlock. A
    missing row is created with ON CONFLICT DO NOTHING (a concurrent visit may
    create it first) and then updated like the others.
    """
    for period, start in period_starts(now):
        counter = VisitCounter.objects.filter(period=period, start=start)
        if not counter.update(visits=F("visits") + 1):
            VisitCounter.objects.bulk_create([VisitCounter(period=period, start=start)], ignore_conflicts=True)
            counter.update(visits=F("visits") + 1)


def mark_present(*, visitor, now):
    """Record that `visitor` was seen at `now` (one INSERT … ON CONFLICT DO UPDATE)."""
    Presence.objects.bulk_create(
        [Presence(visitor=visitor, last_seen=now)],
        update_conflicts=True,
        unique_fields=["visitor"],
        update_fields=["last_seen"],
    )


def site_stats():
    """{"online", "today", "week", "total"} for the sidebar, at most STATS_CACHE_SECONDS old (2 queries when stale)."""
    stats = cache.get(STATS_CACHE_KEY)
    if stats is None:
        stats = compute_site_stats(now=timezone.now())
        cache.set(STATS_CACHE_KEY, stats, STATS_CACHE_SECONDS)
    return stats


def compute_site_stats(*, now):
    starts = period_starts(now)
    wanted = Q()
    for period, start in starts:
        wanted |= Q(period=period, start=start)
    visits = {
        (period, start): count
        for period, start, count in VisitCounter.objects.filter(wanted).values_list("period", "start", "visits")
    }
    all_time, week, day = (visits.get(key, 0) for key in starts)
    return {
        "online": Presence.objects.filter(last_seen__gte=now - ONLINE_WINDOW).count(),
        "today": day,
        "week": week,
        "total": all_time + settings.VISIT_STARTING_TOTAL,
    }


# --- Which requests are page views ------------------------------------------


def is_page_view(request, response):
    """True for a person's successful GET of a public HTML page.

    Not counted: other methods, non-200 answers, anything but text/html (feeds,
    robots.txt, sitemap.xml, JSON, CSV and XLSX downloads), static and media
    files, the admin and the editor's upload views, background requests
    (XMLHttpRequest, prefetch) and bots.
    """
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path.startswith(_excluded_prefixes()):
        return False
    headers = request.headers
    if headers.get("X-Requested-With") == "XMLHttpRequest":
        return False
    if "prefetch" in headers.get("Sec-Purpose", "") or "prefetch" in headers.get("Purpose", ""):
        return False
    return not request_is_bot(request)


def _excluded_prefixes():
    return (
        settings.STATIC_URL,
        settings.MEDIA_URL,
        reverse("admin:index"),
        reverse("ckeditor_upload"),
        reverse("ckeditor_browse"),
    )


def prune_presence(*, older_than):
    """Forget visitors last seen before `older_than` ("Đang online" only looks back five minutes)."""
    return Presence.objects.filter(last_seen__lt=older_than).delete()[0]
