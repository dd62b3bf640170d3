"""Per-article views ("Lượt xem"), stored in django-hitcount's HitCount and Hit tables.

A view counts once per visitor (see news/visitors.py) per HITCOUNT_KEEP_HIT_ACTIVE
window; known bots never count. The package's own `HitCountMixin.hit_count`
is not used: it needs a session, reads the IP with an IPv4-only pattern, and
lets two concurrent requests both count (or crash on the first view of a new
article). Here:

- Fast path: `cache.add("hit:…", window)` per article and visitor. When the key
  is already there the visitor was counted inside the window: one SELECT of the
  total, no write.
- Database path (the key was new): in one transaction (visits.counter_transaction:
  on PostgreSQL without waiting for the disk flush), lock the article's
  HitCount row (`SELECT … FOR UPDATE`, creating it with `INSERT … ON CONFLICT DO
  NOTHING` if missing), look for this visitor's active Hit, and only if there is
  none insert the Hit and add one with `UPDATE hits = hits + 1`. The row lock
  makes the check-then-insert exact across threads, processes and app servers,
  even when each has its own local-memory cache.

The view calls `count_article_view` on every request, cached page or not.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from hitcount.models import Hit, HitCount

from . import visits
from .models import Article
from .visitors import client_ip, request_is_bot, visitor_id


def hit_window():
    """How long one counted view stays active (HITCOUNT_KEEP_HIT_ACTIVE)."""
    return timedelta(**settings.HITCOUNT_KEEP_HIT_ACTIVE)


def count_article_view(request, article, *, with_page_view=False):
    """Count this request as a view of `article` if it is one; return "Lượt xem" after it.

    `article`: the Article, or its primary key (a page from the page cache knows only that).
    `with_page_view`: the request is also the reader's page view (the article page): its
    visit and presence (news/visits.py) are decided here and written in the same
    transaction as the view, and VisitMiddleware leaves the request alone.

    Queries: a returning visitor inside the window costs 1 SELECT and no write
    (the cache remembers them). A new view costs 4: lock the HitCount row, look
    for an active Hit, insert the Hit, add one to the total (2 more for the
    first view of an article, which creates its HitCount row); with a new
    visit, 1 UPDATE of the visit counters and the presence upsert join the same
    transaction. A returning visitor the cache has forgotten costs the first 2,
    no write. A bot or a HEAD request costs 1 SELECT and counts nothing.
    """
    content_type = ContentType.objects.get_for_model(Article)
    object_pk = getattr(article, "pk", article)
    if request.method != "GET" or request_is_bot(request):  # HEAD is a link checker, not a reader
        return current_views(content_type, object_pk)

    page_view = visits.note_request_page_view(request) if with_page_view else None
    visitor = visitor_id(request)
    window = hit_window()
    key = f"hit:{content_type.pk}:{object_pk}:{visitor}"
    new_view = cache.add(key, 1, window.total_seconds())
    if not new_view and (page_view is None or not page_view.writes_due):
        return current_views(content_type, object_pk)
    views = None
    try:
        with visits.counter_transaction():
            if new_view:
                views = _record_view(
                    request, content_type=content_type, object_pk=object_pk, visitor=visitor, window=window
                )
            if page_view is not None:
                page_view.write()  # after the view: its rows are the site-wide hot spot (see PageView.write)
    except BaseException:
        # Nothing was recorded: let the next request try again.
        if new_view:
            cache.delete(key)
        if page_view is not None:
            page_view.forget()
        raise
    return views if views is not None else current_views(content_type, object_pk)


def article_views(article):
    """The article's "Lượt xem" without counting anything (1 SELECT)."""
    return current_views(ContentType.objects.get_for_model(Article), getattr(article, "pk", article))


def current_views(content_type, object_pk):
    rows = HitCount.objects.filter(content_type=content_type, object_pk=object_pk).order_by()
    return next(iter(rows.values_list("hits", flat=True)), 0)


def _record_view(request, *, content_type, object_pk, visitor, window):
    """Inside the caller's transaction: lock the total, and insert the Hit unless one is active."""
    now = timezone.now()
    hitcount = _locked_hitcount(content_type, object_pk)
    last_hit = (
        Hit.objects.filter(hitcount=hitcount, session=visitor, created__gte=now - window)
        .order_by("-created")
        .values_list("created", flat=True)
        .first()
    )
    if last_hit is not None:
        # Counted by another process or before the cache lost the key:
        # remember it for what is left of its window, then count nothing.
        remaining = (last_hit + window - now).total_seconds()
        if remaining > 0:
            cache.set(f"hit:{content_type.pk}:{object_pk}:{visitor}", 1, remaining)
        return hitcount.hits

    user = getattr(request, "user", None)
    # bulk_create, not save(): Hit.save() would add to the total with a
    # second, unlocked UPDATE of the whole row; the total is added below.
    Hit.objects.bulk_create(
        [
            Hit(
                hitcount=hitcount,
                session=visitor,
                ip=client_ip(request),
                user_agent=request.headers.get("User-Agent", "")[:255],
                user=user if user is not None and user.is_authenticated else None,
            )
        ]
    )
    HitCount.objects.filter(pk=hitcount.pk).update(hits=F("hits") + 1, modified=now)
    return hitcount.hits + 1


def _locked_hitcount(content_type, object_pk):
    """The article's HitCount row, locked until the transaction ends; created if missing.

    Two first views of a new article may both miss the row: both INSERT with
    ON CONFLICT DO NOTHING (the second waits for the first to commit and then
    inserts nothing, never an IntegrityError), and both then lock the one row.
    """
    rows = HitCount.objects.select_for_update().filter(content_type=content_type, object_pk=object_pk).order_by()
    hitcount = rows.first()
    if hitcount is None:
        HitCount.objects.bulk_create([HitCount(content_type=content_type, object_pk=object_pk)], ignore_conflicts=True)
        hitcount = rows.get()
    return hitcount


def prune_hits(*, older_than, batch_size):
    """Delete Hit rows created before `older_than`, `batch_size` at a time; return how many went.

    Each batch is its own short transaction, so a large backlog never holds
    long locks. Totals are untouched: a QuerySet delete does not run
    Hit.delete(), which would subtract each hit from its HitCount.
    """
    deleted = 0
    old_hits = Hit.objects.filter(created__lt=older_than).order_by("pk")
    while batch := list(old_hits.values_list("pk", flat=True)[:batch_size]):
        with transaction.atomic():
            deleted += Hit.objects.filter(pk__in=batch).delete()[0]
    return deleted
