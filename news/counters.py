"""Per-article views ("Lượt xem"), stored in django-hitcount's HitCount and Hit tables.

A view counts once per visitor (see news/visitors.py) per HITCOUNT_KEEP_HIT_ACTIVE
window; known bots never count. The package's own `HitCountMixin.hit_count`
is not used: it needs a session, reads the IP with an IPv4-only pattern, and
lets two concurrent requests both count (or crash on the first view of a new
article). Here:

- Fast path: one cache round trip (`caching.exchange`) adds the key
  `hit:…` per article and visitor for the window, decides the page view's visit
  and presence, and reads the total shown. When the key was already there the
  visitor was counted inside the window: no write, and the total comes from the
  cache (`views:…`, which every counted view raises to its exact new total, so it
  trails the database only by requests still committing; read again from the
  database every VIEWS_CACHE_SECONDS).
- Database path (the key was new): in one transaction (on PostgreSQL one
  statement, the function of migration 0006, news/counter_sql.py; elsewhere
  visits.counter_transaction with the ORM), lock the article's HitCount row
  (`SELECT … FOR UPDATE`, creating it with `INSERT … ON CONFLICT DO NOTHING` if
  missing), look for this visitor's active Hit, and only if there is none insert
  the Hit and add one with `UPDATE hits = hits + 1`. The row lock makes the
  check-then-insert exact across threads, processes and app servers, even when
  each has its own local-memory cache. Both commit without waiting for the disk
  unless COUNTER_SYNCHRONOUS_COMMIT is on.

The view calls `count_article_view` on every request, cached page or not.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from hitcount.models import Hit, HitCount

from . import caching, counter_sql, visits
from .models import Article
from .visitors import client_ip, request_is_bot, visitor_id


def hit_window():
    """How long one counted view stays active (HITCOUNT_KEEP_HIT_ACTIVE)."""
    return timedelta(**settings.HITCOUNT_KEEP_HIT_ACTIVE)


# "Lượt xem" shown to a reader whose view is not counted comes from the cache, where every counted
# view raises it to the exact new total; it is read again from the database after this many seconds.
VIEWS_CACHE_SECONDS = 60


def count_article_view(request, article, *, with_page_view=False):
    """Count this request as a view of `article` if it is one; return "Lượt xem" after it.

    `with_page_view`: the request is also the reader's page view (the article page): its
    visit and presence (news/visits.py) are decided here and written in the same
    transaction as the view, and VisitMiddleware leaves the request alone.

    Cost: one cache round trip decides everything (the visitor's key for this article, the
    visit's window and presence, the total shown); the article page sends it together with
    its page-cache read (`article_ops`, `count_decided`). A returning visitor inside the window
    then costs no query: the total comes from the cache, kept current by every counted view
    (one SELECT when it is not there). A new view is written in one statement on PostgreSQL
    (news/counter_sql.py); elsewhere in one transaction of 4 statements (lock the HitCount row,
    look for an active Hit, insert the Hit, add one; 2 more for the first view of an article),
    with the visit and presence writes. A returning visitor the cache has forgotten is found by
    that same check and counted nothing. A bot or a HEAD request counts nothing.
    """
    ops = article_ops(request, article.slug, with_page_view=with_page_view)
    found = caching.exchange(get=ops.get, add=ops.add, touch=ops.touch)
    return count_decided(request, ops, found, article.pk)


@dataclass(frozen=True)
class ArticleOps:
    """The cache operations that decide a view of the article `slug` (and the request's page view).

    Keyed by the slug, which is in the URL, so that the page cache can send them with its own
    read before it knows the article (a published article's slug never changes).
    """

    slug: str
    visitor: str
    window: timedelta
    counts: bool  # a reader's GET: bots and HEAD requests count nothing
    page_ops: visits.CacheOps | None

    @property
    def hit_key(self):
        return f"hit:article:{self.slug}:{self.visitor}"

    @property
    def views_key(self):
        return f"views:article:{self.slug}"

    @property
    def get(self):
        return [self.views_key]

    @property
    def add(self):
        if not self.counts:
            return {}
        return {self.hit_key: self.window.total_seconds(), **(self.page_ops.add if self.page_ops else {})}

    @property
    def touch(self):
        return self.page_ops.touch if self.page_ops else {}

    def forget(self, found):
        """Nothing was recorded (a 404, a failed write): remove the keys this decision added, so the
        next request decides again."""
        cache.delete_many([key for key in self.add if key in found.added])


def article_ops(request, slug, *, with_page_view=True):
    """What the cache must be asked to count this request as a view of the article `slug` (see ArticleOps)."""
    counts = request.method == "GET" and not request_is_bot(request)  # HEAD is a link checker, not a reader
    page_ops = visits.note_request_page_view(request) if counts and with_page_view else None
    return ArticleOps(slug=slug, visitor=visitor_id(request), window=hit_window(), counts=counts, page_ops=page_ops)


def count_decided(request, ops, found, object_pk):
    """Write what `found` (the cache's answer to `ops`) says is due for the article `object_pk`; return its total.

    On failure nothing is recorded and the cache forgets the decision, so the next request tries again.
    """
    content_type = ContentType.objects.get_for_model(Article)
    new_view = ops.hit_key in found.added
    page_view = ops.page_ops.decide(found) if ops.page_ops else None
    if not new_view and (page_view is None or not page_view.writes_due):
        return shown_views(content_type, object_pk, key=ops.views_key, found=found.values)
    try:
        views = _write_counts(
            request,
            view=_View(content_type, object_pk, ops.visitor, ops.window, ops.hit_key) if new_view else None,
            page_view=page_view,
        )
    except BaseException:
        ops.forget(found)
        raise
    if views is None:
        return shown_views(content_type, object_pk, key=ops.views_key, found=found.values)
    caching.raise_to(ops.views_key, views, VIEWS_CACHE_SECONDS)
    return views


class _View(NamedTuple):
    """An article view to write: the article, the visitor, the counting window, the visitor's key in the cache."""

    content_type: ContentType
    object_pk: int
    visitor: str
    window: timedelta
    hit_key: str


def _write_counts(request, *, view, page_view):
    """Write the view (a _View), if any, and the page view's counters together.

    Returns the article's total when a view was given. On PostgreSQL one statement
    (news/counter_sql.py), elsewhere the ORM inside one counter transaction.
    """
    now = page_view.now if page_view is not None else timezone.now()
    if counter_sql.available():
        article_view = None
        if view is not None:
            ip, user_agent, user = _reader(request)
            article_view = counter_sql.ArticleView(
                content_type_id=view.content_type.pk,
                object_pk=view.object_pk,
                since=now - view.window,
                ip=ip,
                user_agent=user_agent,
                user_id=user.pk if user is not None else None,
            )
        result = counter_sql.count_page_view(
            now=now,
            visitor=page_view.visitor if page_view is not None else view.visitor,
            view=article_view,
            present=page_view is not None and page_view.present,
            periods=page_view.periods if page_view is not None else (),
        )
        if article_view is not None and not result.counted:
            _remember_counted(view, last_hit=result.last_hit, now=now)
        return result.views
    views = None
    with visits.counter_transaction():
        if view is not None:
            views = _record_view(request, view)
        if page_view is not None:
            page_view.write()  # after the view: its rows are the site-wide hot spot (see PageView.write)
    return views


def article_views(article):
    """The article's "Lượt xem" without counting anything (1 SELECT)."""
    return current_views(ContentType.objects.get_for_model(Article), getattr(article, "pk", article))


def shown_views(content_type, object_pk, *, key, found):
    """The total shown to a reader whose view is not counted: from what was read of the cache, else one SELECT."""
    views = found.get(key)
    if views is None:
        views = current_views(content_type, object_pk)
        caching.raise_to(key, views, VIEWS_CACHE_SECONDS)
    return views


def current_views(content_type, object_pk):
    rows = HitCount.objects.filter(content_type=content_type, object_pk=object_pk).order_by()
    return next(iter(rows.values_list("hits", flat=True)), 0)


def _reader(request):
    """(address, User-Agent, logged-in user or None) that a Hit records of the reader."""
    user = getattr(request, "user", None)
    return (
        client_ip(request),
        request.headers.get("User-Agent", "")[:255],
        user if user and user.is_authenticated else None,
    )


def _remember_counted(view, *, last_hit, now):
    """The visitor was counted by another process or before the cache lost the key: remember it
    for what is left of its window."""
    remaining = (last_hit + view.window - now).total_seconds()
    if remaining > 0:
        cache.set(view.hit_key, 1, remaining)


def _record_view(request, view):
    """Inside the caller's transaction: lock the total, and insert the Hit unless one is active."""
    now = timezone.now()
    hitcount = _locked_hitcount(view.content_type, view.object_pk)
    last_hit = (
        Hit.objects.filter(hitcount=hitcount, session=view.visitor, created__gte=now - view.window)
        .order_by("-created")
        .values_list("created", flat=True)
        .first()
    )
    if last_hit is not None:
        _remember_counted(view, last_hit=last_hit, now=now)
        return hitcount.hits

    ip, user_agent, user = _reader(request)
    # bulk_create, not save(): Hit.save() would add to the total with a
    # second, unlocked UPDATE of the whole row; the total is added below.
    Hit.objects.bulk_create([Hit(hitcount=hitcount, session=view.visitor, ip=ip, user_agent=user_agent, user=user)])
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
