"""Site-wide visit statistics, "Thống kê truy cập": online now, today, this week, all time.

A visit is a visitor's first page view after VISIT_GAP without one. The gap is
a sliding window kept in the cache (`visit:<visitor>`, renewed on every page
view), so deciding costs no query. Each new visit adds one to three
VisitCounter rows (today, this week, all time) with one `UPDATE visits = visits + 1`;
reading the statistics is one look-up of those three rows and one indexed count
of Presence rows seen in the last five minutes. Neither grows with history.
The writes of a page view (presence, visit) are one transaction, which an
article page shares with its view count (news/counters.py).

Exactness: the cache decides what is a new visit. With Redis (REDIS_URL) every
app server shares it and `cache.add` is atomic, so each visit is counted once.
With the local-memory cache each process keeps its own window, so a visitor
whose page views land on different processes, or who returns right after a
restart, is counted again. The counter rows themselves never lose or double an
increment, whatever the cache.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone

from . import caching, counter_sql
from .models import Presence, VisitCounter
from .visitors import request_is_bot, visitor_id

VISIT_GAP = timedelta(minutes=30)
ONLINE_WINDOW = timedelta(minutes=5)
# Presence.last_seen is written at most this often per visitor.
PRESENCE_INTERVAL = timedelta(minutes=1)
# The statistics shown in the sidebar are at most this many seconds old.
STATS_CACHE_SECONDS = 5
STATS_CACHE_KEY = "visits:stats"
ALL_TIME_START = date(1970, 1, 1)


@contextmanager
def counter_transaction():
    """`transaction.atomic()` for the counters' writes (visits, presence, article views).

    On PostgreSQL the commit does not wait for the write-ahead log to reach the disk
    (`SET LOCAL synchronous_commit TO OFF`) unless COUNTER_SYNCHRONOUS_COMMIT is on. A crash
    of the database server (not of the app) can then lose the last fraction of a second of
    counter updates; it never corrupts them or leaves half a transaction. Only the outermost
    transaction sets it, and only for itself: content writes keep full durability.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql" and not settings.COUNTER_SYNCHRONOUS_COMMIT:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


@dataclass
class PageView:
    """What one page view must write, decided from the cache alone (no query)."""

    visitor: str
    now: datetime
    new_visit: bool
    present: bool  # the Presence row is due (at most once a PRESENCE_INTERVAL)
    _keys: list = field(default_factory=list)

    @property
    def writes_due(self):
        return self.new_visit or self.present

    @property
    def periods(self):
        """The VisitCounter rows (period, start) this page view adds a visit to."""
        return period_starts(self.now) if self.new_visit else []

    def write(self):
        """The writes with the ORM, inside the caller's counter_transaction(): presence, then the visit counters.

        The counter rows come last: every new visit on the site updates the all-time row, so
        its lock is held only from that UPDATE to the commit. (On PostgreSQL the same writes
        go in one statement: news/counter_sql.py.)
        """
        if self.present:
            mark_present(visitor=self.visitor, now=self.now)
        if self.new_visit:
            add_visit(now=self.now)

    def forget(self):
        """Nothing was written: let the next page view decide again."""
        cache.delete_many(self._keys)


@dataclass(frozen=True)
class CacheOps:
    """The cache operations that decide a page view, to be sent with a caller's own (`caching.exchange`)."""

    visitor: str
    add: dict
    touch: dict

    def decide(self, found, *, now=None):
        """The PageView, from what `caching.exchange` answered to these operations.

        The visit's key is renewed first, then added: renewed means a visit in progress; not
        renewed but added means this page view starts a visit; neither means another request
        started it a moment ago. Presence is due when its one-minute key could be added.
        """
        visit, seen = _visit_key(self.visitor), _seen_key(self.visitor)
        new_visit = visit in self.add and visit not in found.renewed and visit in found.added
        present = seen in self.add and seen in found.added
        keys = ([visit] if new_visit else []) + ([seen] if present else [])
        return PageView(
            visitor=self.visitor, now=now or timezone.now(), new_visit=new_visit, present=present, _keys=keys
        )


def page_view_ops(*, visitor, seen=False, renewed=False):
    """What the cache must be asked about a page view by `visitor`.

    `seen`: the presence key was read earlier in this request; `renewed`: the visit's window was
    renewed earlier in this request (see `read_ahead`). Either spares its part of the question.
    """
    gap = VISIT_GAP.total_seconds()
    add, touch = {}, {}
    if not renewed:
        visit = _visit_key(visitor)
        touch[visit] = gap
        add[visit] = gap
    if not seen:
        add[_seen_key(visitor)] = PRESENCE_INTERVAL.total_seconds()
    return CacheOps(visitor=visitor, add=add, touch=touch)


def plan_page_view(*, visitor, now=None, seen=False, renewed=False):
    """Decide from the cache (one round trip at most) whether this page view starts a visit and whether presence is due."""
    ops = page_view_ops(visitor=visitor, seen=seen, renewed=renewed)
    return ops.decide(caching.exchange(add=ops.add, touch=ops.touch), now=now)


def _visit_key(visitor):
    return f"visit:{visitor}"


def _seen_key(visitor):
    return f"seen:{visitor}"


def read_ahead(request):
    """(keys to read, {key: timeout} to renew) that a caller may send with its own cache round trip.

    The presence key merely limits presence writes to one a minute, so a value read a moment
    earlier is as good. The visit's window is renewed (it slides with every page view) when this
    request may be a page view; renewing it a moment early, or for a page that then answers
    with an error, only keeps a visit in progress open, never starts one. Pass what came back
    to `remember_read_ahead`.
    """
    visitor = visitor_id(request)
    renew = {_visit_key(visitor): VISIT_GAP.total_seconds()} if is_page_view_request(request) else {}
    return [_seen_key(visitor)], renew


def remember_read_ahead(request, found):
    """Keep what `caching.exchange` answered to `read_ahead(request)` for this request's page view."""
    visitor = visitor_id(request)
    request._visitor_seen = _seen_key(visitor) in found.values
    request._visit_renewed = _visit_key(visitor) in found.renewed


def _read_ahead_of(request):
    return {"seen": getattr(request, "_visitor_seen", False), "renewed": getattr(request, "_visit_renewed", False)}


def record_request_page_view(request):
    """Note the page view of `request` (VisitMiddleware); return True when it starts a new visit."""
    view = plan_page_view(visitor=visitor_id(request), **_read_ahead_of(request))
    write_page_view(view)
    return view.new_visit


def record_page_view(*, visitor, now=None):
    """Note a public page view by `visitor`; return True when it starts a new visit.

    A returning visitor inside the gap costs one cache round trip and no query; a new visit
    costs one statement on PostgreSQL (news/counter_sql.py), elsewhere one UPDATE of the three
    counter rows (plus an INSERT and an UPDATE when a row does not exist yet: the first visit
    of a day or week) and the Presence upsert at most once a minute, in one transaction.
    """
    view = plan_page_view(visitor=visitor, now=now)
    write_page_view(view)
    return view.new_visit


def write_page_view(view):
    """Write what `view` needs, in one transaction; on failure the cache forgets the decision."""
    if not view.writes_due:
        return
    try:
        if counter_sql.available():
            counter_sql.count_page_view(now=view.now, visitor=view.visitor, present=view.present, periods=view.periods)
        else:
            with counter_transaction():
                view.write()
    except BaseException:
        view.forget()
        raise


def note_request_page_view(request):
    """The cache operations deciding the page view of `request`, if it is one (see is_page_view); else None.

    For a view that writes its own counters in the same transaction (an article's
    view count): the middleware then leaves this request alone.
    """
    if not is_page_view_request(request):
        return None
    request._page_view_noted = True
    return page_view_ops(visitor=visitor_id(request), **_read_ahead_of(request))


def page_view_noted(request):
    return getattr(request, "_page_view_noted", False)


def period_starts(now):
    """(period, start) of the VisitCounter rows a visit at `now` belongs to, in local time."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    return [
        (VisitCounter.Period.ALL, ALL_TIME_START),
        (VisitCounter.Period.WEEK, monday),
        (VisitCounter.Period.DAY, today),
    ]


def _rows(starts):
    wanted = Q()
    for period, start in starts:
        wanted |= Q(period=period, start=start)
    return VisitCounter.objects.filter(wanted)


def add_visit(*, now):
    """Add one visit to today's, this week's and the all-time counters: one UPDATE of the three rows.

    The rows are locked in primary-key order by a subselect (`… WHERE id IN (SELECT id …
    ORDER BY id FOR UPDATE)`), so concurrent visits take the locks in the same order and
    cannot deadlock. When a row is missing (the first visit of a day or a week) it is
    created with ON CONFLICT DO NOTHING (a concurrent visit may create it first) and then
    given its visit like the others.
    """
    starts = period_starts(now)
    with transaction.atomic(savepoint=False):  # inside a counter_transaction() it adds no savepoint
        if _add_one(starts) == len(starts):
            return
        present = set(_rows(starts).values_list("period", "start"))
        missing = [(period, start) for period, start in starts if (period, start) not in present]
        VisitCounter.objects.bulk_create(
            [VisitCounter(period=period, start=start) for period, start in missing], ignore_conflicts=True
        )
        _add_one(missing)


def _add_one(starts):
    """One UPDATE adding a visit to the rows of `starts`, locking them in primary-key order; how many it found.

    A plain `UPDATE … WHERE` locks rows in the order it meets them on disk, which
    changes as rows are rewritten; two visits could then wait for each other.
    """
    locked = _rows(starts).order_by("pk").select_for_update().values("pk")
    return VisitCounter.objects.filter(pk__in=locked).update(visits=F("visits") + 1)


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
    visits = {(period, start): count for period, start, count in _rows(starts).values_list("period", "start", "visits")}
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
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return is_page_view_request(request)


def is_page_view_request(request):
    """The request's half of is_page_view: what can be known before the page is rendered."""
    if request.method != "GET":
        return False
    if request.path.startswith(_excluded_prefixes()):
        return False
    meta = request.META  # not request.headers, which copies every header on first use: this runs on every request
    if meta.get("HTTP_X_REQUESTED_WITH") == "XMLHttpRequest":
        return False
    if "prefetch" in meta.get("HTTP_SEC_PURPOSE", "") or "prefetch" in meta.get("HTTP_PURPOSE", ""):
        return False
    return not request_is_bot(request)


def _excluded_prefixes():
    return _prefixes(settings.STATIC_URL, settings.MEDIA_URL, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=8)
def _prefixes(static_url, media_url, script_prefix, urlconf):
    """Worked out once per configuration: reversing URLs on every request is measurable."""
    return (
        static_url,
        media_url,
        reverse("admin:index", urlconf=urlconf),
        reverse("ckeditor_upload", urlconf=urlconf),
        reverse("ckeditor_browse", urlconf=urlconf),
    )


def prune_presence(*, older_than):
    """Forget visitors last seen before `older_than` ("Đang online" only looks back five minutes)."""
    return Presence.objects.filter(last_seen__lt=older_than).delete()[0]
