"""One reading: what a request counts, decided once and settled with one write.

ReadingMiddleware (news/counting/middleware.py) makes a `Reading` for every request
(`request.reading`). A public page asks the page cache for itself and hands it the keys the
reading needs from the shared cache (`reading.cache_ops(article=slug)`), which the page cache
reads with its own; then `reading.settle(...)` decides from what came back and from the `lv`
cookie, writes at most once (news/counting/writes.py) and, once that write has committed, tells
the shared cache what was decided. Pages that do not go through the page cache are settled by
the middleware from their response.

- "Lượt xem": a view counts once per reader per HIT_WINDOW_MINUTES. This process and the shared
  cache remember `hit:article:<slug>:<reader>` only after the Hit has committed (markers.py), so
  a returning reader costs no query, and no round trip once this process knows it; when the key
  is missing (a new reader, another app server, an emptied or unreachable cache, a worker that
  died before its commit) the database decides under the article's row lock, and an already
  counted reader is counted nothing.
- "Thống kê truy cập": the cookie says when the reader's last page view was recorded. Inside a
  minute nothing is written; inside the visit gap (30 minutes) the reader's presence is
  written; after it, or without a cookie, the database decides whether a visit starts
  (writes.py). A reader without a usable cookie is known by address and User-Agent. After each
  such write both tiers remember for a minute that the reader was recorded (`seen:<reader>`),
  asked only when the cookie cannot tell, so a client that drops or never updates its cookie
  writes at most once a minute too.
- Bots, HTTP libraries, prefetch and prerender, HEAD and other methods count nothing
  (readers.counts).
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone
from hitcount.models import HitCount

from news.models import Article

from . import markers, readers, stats, writes

# Presence is written at most this often per reader.
PRESENCE_INTERVAL = timedelta(minutes=1)


def hit_window():
    """How long one counted view stays active (HIT_WINDOW_MINUTES)."""
    return timedelta(**settings.HITCOUNT_KEEP_HIT_ACTIVE)


@dataclass(frozen=True)
class CacheOps:
    """The shared-cache keys a reading needs read before it settles (sent with the page cache's own read)."""

    keys: tuple
    hit_key: str | None = None
    views_key: str | None = None
    seen_key: str | None = None


class Reading:
    """Who reads, whether this request counts, and what it wrote (see the module's docstring)."""

    def __init__(self, request):
        self.request = request
        self.now = timezone.now()
        self.settled = False
        self.views = None  # the article's "Lượt xem" once settled
        self.new_visit = False
        self._ops = None
        self._known = {}  # what this process already knows of the ops' keys (markers.known)
        self._cookie_due = False

    @cached_property
    def counts(self):
        """Whether this request may count at all (readers.counts)."""
        return readers.counts(self.request)

    @cached_property
    def reader(self):
        """Read on first use: by then AuthenticationMiddleware has set request.user (when it runs)."""
        return readers.reader_of(self.request)

    def cache_ops(self, *, article=None):
        """The keys to read for this request, `article` being the slug of the article shown (if any)."""
        reader = self.reader
        hit_key = f"hit:article:{article}:{reader.id}" if article is not None and self.counts else None
        views_key = f"views:article:{article}" if article is not None else None
        # Whether the reader was recorded in the last minute, when its cookie cannot tell (no cookie, or
        # a cookie older than a minute: a client that does not keep its cookies still writes once a minute).
        fresh = reader.seen is not None and self.now - reader.seen < PRESENCE_INTERVAL
        seen_key = f"seen:{reader.id}" if self.counts and not fresh else None
        wanted = [key for key in (hit_key, views_key, seen_key) if key]
        self._known = markers.known(wanted, self.now)
        self._ops = CacheOps(
            keys=tuple(key for key in wanted if key not in self._known),
            hit_key=hit_key,
            views_key=views_key,
            seen_key=seen_key,
        )
        return self._ops

    def settle(self, *, values=None, article_pk=None, page_view=True):
        """Decide and write what this request counts; return the article's "Lượt xem" (None without one).

        `values`: what the shared cache answered to `cache_ops()` (read here when not given);
        `article_pk`: the published article shown; `page_view`: the answer is a public HTML page.
        Settles once: later calls return the same.
        """
        if self.settled:
            return self.views
        self.settled = True
        if article_pk is None and not (page_view and self.counts):
            return None  # nothing to count, nothing to show
        ops = self._ops or self.cache_ops()
        if values is None:
            values = cache.get_many(list(ops.keys)) if ops.keys else {}
        markers.learn(values, self.now)
        values = {**self._known, **values}
        view = self._view_due(values, article_pk)
        page = self._page_view_due(values) if page_view and self.counts else None
        if view is None and page is None:
            totals = []
            self.views = self._shown_views(values, article_pk, totals)
            if totals:
                markers.remember(self.now, totals=totals)
            return self.views
        written = writes.write(now=self.now, reader=self.reader, view=view, page_view=page)
        # Committed: from here on both tiers may remember it, in one round trip.
        self.new_visit = written.new_visit
        marks, totals = [], []
        if view is not None:
            window_end = self.now + hit_window() if written.counted else written.last_hit + hit_window()
            marks.append((ops.hit_key, markers.ms(window_end)))
            totals.append((ops.views_key, written.views))
            self.views = written.views
        else:
            self.views = self._shown_views(values, article_pk, totals)
        if page is not None:
            self._cookie_due = True
            if ops.seen_key:
                marks.append((ops.seen_key, markers.ms(self.now + PRESENCE_INTERVAL)))
        markers.remember(self.now, marks=marks, totals=totals)
        return self.views

    def settle_response(self, response):
        """Settle a request the page cache did not answer: a page view when it is a public HTML page."""
        self.settle(page_view=is_page(response))

    def set_cookie(self, response):
        """Give the reader its cookie (id and when its page view was recorded) when it is due or missing."""
        if not self.counts:
            return
        reader = self.reader
        if self._cookie_due or (not reader.has_cookie and is_page(response)):
            seen = self.now if self._cookie_due else reader.seen or self.now
            readers.set_visitor_cookie(response, reader.anonymous_id, seen)

    # --- what is due ---------------------------------------------------------------------------

    def _view_due(self, values, article_pk):
        ops = self._ops
        if article_pk is None or ops.hit_key is None or ops.hit_key in values:
            return None
        return writes.ArticleView(
            content_type_id=_article_type().pk,
            article_pk=article_pk,
            since=self.now - hit_window(),
            day=timezone.localdate(self.now),
        )

    def _page_view_due(self, values):
        reader = self.reader
        seen = reader.seen
        if seen is not None and self.now - seen < PRESENCE_INTERVAL:
            return None  # recorded a moment ago, says the reader's own cookie
        if self._ops.seen_key in values:
            return None  # recorded a moment ago, says the shared cache
        visit_may_start = seen is None or self.now - seen >= stats.VISIT_GAP
        return writes.PageView(
            present=True,
            visit_since=self.now - stats.VISIT_GAP if visit_may_start else None,
            periods=stats.period_starts(self.now) if visit_may_start else (),
            slot=random.randrange(settings.VISIT_COUNTER_SLOTS),  # noqa: S311 (spreading writes, not a secret)
        )

    def _shown_views(self, values, article_pk, totals):
        """The article's "Lượt xem" from what the tiers answered, else from the database (then added to
        `totals`, for the tiers to remember)."""
        if article_pk is None:
            return None
        key = self._ops.views_key
        views = values.get(key) if key else None
        if views is None:
            views = article_views(article_pk)
            if key:
                totals.append((key, views))
        return views


def is_page(response):
    """A public HTML page: a 200 answer with an HTML body."""
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
    )


def _article_type():
    return ContentType.objects.get_for_model(Article)


def article_views(article):
    """An article's "Lượt xem" (an Article or its primary key) without counting anything (1 SELECT)."""
    rows = HitCount.objects.filter(content_type=_article_type(), object_pk=getattr(article, "pk", article)).order_by()
    return next(iter(rows.values_list("hits", flat=True)), 0)
