"""What a reading writes, in one transaction: the article view, the reader's presence, a new visit.

The rules come from Python (news/counting/reading.py decides what may be due: the counting
window, the visit gap, the periods, the local day, the slot); the database only checks what no
cache can be trusted with, under row locks, so that the figures are exact across threads,
processes and app servers whatever the cache remembers:

- an article view counts unless the reader has a Hit of the article since `since`: the
  article's HitCount row is locked (created with ON CONFLICT DO NOTHING when missing), the
  Hit inserted, the total and the article's row of the day (ArticleDayViews) raised by one;
- a page view that may start a visit (`visit_since` given) locks the reader's Presence row: the
  visit is new unless the reader was seen after `visit_since`; two tabs opened at the same
  moment wait for each other's lock and count one visit;
- a new visit adds one to one slot (VisitCounter.slot) of today, this week and all time.

On PostgreSQL this is one call of `news_count_reading` (migration 0008): one round trip. Elsewhere
(SQLite) the same statements go through the ORM in `counter_transaction()`. Counter transactions
commit without waiting for the disk unless COUNTER_SYNCHRONOUS_COMMIT is on.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from hitcount.models import Hit, HitCount

from news.models import ArticleDayViews, Presence, VisitCounter


@dataclass(frozen=True)
class ArticleView:
    """An article view to count, unless the reader has a Hit of it since `since`."""

    content_type_id: int
    article_pk: int
    since: datetime
    day: date  # the local day whose ArticleDayViews row the view adds to


@dataclass(frozen=True)
class PageView:
    """The page view's part: presence, and a visit when one may start."""

    present: bool  # write the reader's Presence row
    visit_since: datetime | None  # a visit may start: it does unless the reader was seen after this
    periods: tuple  # ((period, start), …) of the VisitCounter rows a new visit adds to
    slot: int


@dataclass(frozen=True)
class Written:
    views: int | None  # the article's total after this request (None without an article view)
    counted: bool  # this request added the view
    last_hit: datetime | None  # when not counted: the reader's active Hit
    new_visit: bool


@contextmanager
def counter_transaction():
    """`transaction.atomic()` for counter writes; on PostgreSQL committed without waiting for the disk
    (`SET LOCAL synchronous_commit TO OFF`) unless COUNTER_SYNCHRONOUS_COMMIT is on. Only the
    outermost transaction sets it, and only for itself: content writes keep full durability."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql" and not settings.COUNTER_SYNCHRONOUS_COMMIT:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def write(*, now, reader, view=None, page_view=None):
    """Write a reading: `view` (ArticleView or None) and `page_view` (PageView or None) of `reader`."""
    if connection.vendor == "postgresql":
        return _call_function(now=now, reader=reader, view=view, page_view=page_view)
    with counter_transaction():
        views, counted, last_hit = _record_view(now=now, reader=reader, view=view) if view else (None, False, None)
        new_visit = _record_page_view(now=now, reader=reader, page_view=page_view) if page_view else False
    return Written(views=views, counted=counted, last_hit=last_hit, new_visit=new_visit)


def _call_function(*, now, reader, view, page_view):
    synchronous = settings.COUNTER_SYNCHRONOUS_COMMIT or connection.in_atomic_block
    periods = page_view.periods if page_view else ()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT views, counted, last_hit, new_visit FROM news_count_reading("
            "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::varchar[], %s::date[], %s)",
            [
                synchronous,
                now,
                reader.id,
                view.content_type_id if view else None,
                view.article_pk if view else None,
                view.since if view else None,
                view.day if view else None,
                reader.address,
                reader.agent,
                reader.user_id,
                bool(page_view and page_view.present),
                page_view.visit_since if page_view else None,
                [str(period) for period, _ in periods],
                [start for _, start in periods],
                page_view.slot if page_view else 0,
            ],
        )
        views, counted, last_hit, new_visit = cursor.fetchone()
    return Written(views=views, counted=counted, last_hit=last_hit, new_visit=new_visit)


# --- The same with the ORM (SQLite) ----------------------------------------------------------


def _record_view(*, now, reader, view):
    """Lock the total, and insert the Hit unless one is active: (total, counted, last active hit)."""
    hitcount = _locked_hitcount(view.content_type_id, view.article_pk)
    last_hit = (
        Hit.objects.filter(hitcount=hitcount, session=reader.id, created__gte=view.since)
        .order_by("-created")
        .values_list("created", flat=True)
        .first()
    )
    if last_hit is not None:
        return hitcount.hits, False, last_hit
    # bulk_create, not save(): Hit.save() would add to the total with a second, unlocked UPDATE.
    Hit.objects.bulk_create(
        [
            Hit(
                hitcount=hitcount,
                session=reader.id,
                ip=reader.address,
                user_agent=reader.agent,
                user_id=reader.user_id,
                created=now,
            )
        ]
    )
    HitCount.objects.filter(pk=hitcount.pk).update(hits=F("hits") + 1, modified=now)
    day = ArticleDayViews.objects.filter(article_id=view.article_pk, day=view.day)
    if not day.update(views=F("views") + 1):
        ArticleDayViews.objects.create(article_id=view.article_pk, day=view.day, views=1)
    return hitcount.hits + 1, True, None


def _locked_hitcount(content_type_id, object_pk):
    """The article's HitCount row, locked until the transaction ends; created if missing."""
    rows = HitCount.objects.select_for_update().filter(content_type_id=content_type_id, object_pk=object_pk).order_by()
    hitcount = rows.first()
    if hitcount is None:
        HitCount.objects.bulk_create(
            [HitCount(content_type_id=content_type_id, object_pk=object_pk)], ignore_conflicts=True
        )
        hitcount = rows.get()
    return hitcount


def _record_page_view(*, now, reader, page_view):
    """Presence, and the visit when one may start; True when it did."""
    new_visit = False
    if page_view.visit_since is not None:
        seen = Presence.objects.select_for_update().filter(visitor=reader.id).values_list("last_seen", flat=True)
        last_seen = seen.first()
        new_visit = last_seen is None or last_seen < page_view.visit_since
    if page_view.present or page_view.visit_since is not None:
        mark_present(visitor=reader.id, now=now)
    if new_visit:
        add_visit(periods=page_view.periods, slot=page_view.slot)
    return new_visit


def mark_present(*, visitor, now):
    """Record that `visitor` was seen at `now` (one INSERT … ON CONFLICT DO UPDATE)."""
    Presence.objects.bulk_create(
        [Presence(visitor=visitor, last_seen=now)],
        update_conflicts=True,
        unique_fields=["visitor"],
        update_fields=["last_seen"],
    )


def add_visit(*, periods, slot):
    """Add one visit to `slot` of each of `periods` ((period, start), …): one UPDATE, rows locked in key order.

    A row missing (the first visit of a day, a week or a slot) is created with ON CONFLICT DO
    NOTHING (a concurrent visit may create it first) and then given its visit like the others.
    """
    with transaction.atomic(savepoint=False):
        if _add_one(periods, slot) == len(periods):
            return
        present = set(_slot_rows(periods, slot).values_list("period", "start"))
        missing = [(period, start) for period, start in periods if (period, start) not in present]
        VisitCounter.objects.bulk_create(
            [VisitCounter(period=period, start=start, slot=slot) for period, start in missing], ignore_conflicts=True
        )
        _add_one(missing, slot)


def _slot_rows(periods, slot):
    wanted = Q()
    for period, start in periods:
        wanted |= Q(period=period, start=start)
    return VisitCounter.objects.filter(wanted, slot=slot)


def _add_one(periods, slot):
    """One UPDATE adding a visit to the rows, locked in primary-key order (no deadlock); how many it found."""
    locked = _slot_rows(periods, slot).order_by("pk").select_for_update().values("pk")
    return VisitCounter.objects.filter(pk__in=locked).update(visits=F("visits") + 1)


# --- Keeping the tables small ---------------------------------------------------------------


def prune_hits(*, older_than, batch_size):
    """Delete Hit rows created before `older_than`, `batch_size` at a time; return how many went.

    Each batch is its own short transaction. Totals and the views per day are untouched: a
    QuerySet delete does not run Hit.delete(), which would subtract each hit from its HitCount.
    """
    deleted = 0
    old_hits = Hit.objects.filter(created__lt=older_than).order_by("pk")
    while batch := list(old_hits.values_list("pk", flat=True)[:batch_size]):
        with transaction.atomic():
            deleted += Hit.objects.filter(pk__in=batch).delete()[0]
    return deleted


def prune_presence(*, older_than):
    """Forget readers last seen before `older_than` (older than any visit gap and "Đang online")."""
    return Presence.objects.filter(last_seen__lt=older_than).delete()[0]
