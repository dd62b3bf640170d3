"""Whole public pages for anonymous readers, from the cache, with the live figures put in per request.

A page is rendered once per content generation (news/caching.py) with markers where the
live figures go: the article's "Lượt xem" and the sidebar's "Thống kê truy cập". The HTML
is stored cut at the markers; each later request costs one cache round trip (the page, the
generation, the next scheduled publish time and the statistics read together, the visit's window
renewed) and one join that puts in the current figures, formatted like `{{ n }}` (11.799.553).

Counting is not affected: the article view counts the view on every request before it
answers (news/counters.py), and VisitMiddleware sees every response, cached or not. What
differs between visitors never enters the cache: only the body is stored, never headers or
cookies (the `lv` cookie is set on each response object by the middleware), and a page
that asked for a CSRF token or set a cookie while rendering is not stored at all.

Served from the cache: GET and HEAD by readers who are not logged in. Not cached: logged-in
users (staff see preview links and banners), answers other than 200, query strings the
page does not know how to normalise (they are answered by the view itself, uncached).
"""

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.translation import get_language

from . import caching, visits

PAGE_TIMEOUT = caching.FRAGMENT_TIMEOUT
# Part of every key: change it when CachedPage changes, so a new release never reads an old entry.
PAGE_FORMAT = 2
STAT_NAMES = ("online", "today", "week", "total")
_PAGE_NUMBER = re.compile(r"[0-9]{1,6}")
# Longest text parameter kept (the search view reads at most this many characters of "q").
TEXT_PARAM_LENGTH = 200


class _Markers:
    """Placeholders for the live figures, unguessable so that no article text can contain one."""

    @cached_property
    def token(self):
        return salted_hmac("news.pagecache.markers", "live figures").hexdigest()[:16]

    def text(self, name):
        return f"[[live:{name}:{self.token}]]"

    @cached_property
    def stats(self):
        """What `{% visit_stats %}` gives a page rendered for the cache, instead of the figures."""
        return {name: self.text(name) for name in STAT_NAMES}

    @cached_property
    def views(self):
        return self.text("views")

    @cached_property
    def encoded(self):
        return {name: self.text(name).encode() for name in (*STAT_NAMES, "views")}

    @cached_property
    def pattern(self):
        names = "|".join((*STAT_NAMES, "views"))
        return re.compile(rf"\[\[live:({names}):{self.token}\]\]".encode())


markers = _Markers()


@dataclass(frozen=True)
class CachedPage:
    generation: int
    # The body cut at its markers: text, figure name, text, figure name, …, text (`split_at_markers`),
    # so that putting the figures in is one join instead of a search of the whole page per figure.
    parts: tuple
    content_type: str
    # The published article the page shows: its view is counted on every request.
    article_pk: int | None = None

    @property
    def body(self):
        """The body as rendered, with its markers."""
        return b"".join(part if n % 2 == 0 else markers.encoded[part] for n, part in enumerate(self.parts))


def split_at_markers(body):
    """`body` as (text, name, text, name, …, text), cut at each live figure's marker."""
    parts = markers.pattern.split(body)
    return tuple(part if n % 2 == 0 else part.decode() for n, part in enumerate(parts))


def applies(request):
    """True for a request the page cache may answer: a GET or HEAD by someone not logged in."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True  # no session, no user: nothing to look up
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def rendering_for_cache(request):
    """True while a page is being rendered for the cache (templates then write markers, not figures)."""
    return getattr(request, "_page_cache_render", False)


def lookup(request, *, params=(), text_params=(), ops=None):
    """The cache's answer for this request as a `Lookup`, or None when the page cache does not apply.

    `params`: the query parameters the page depends on ("page"); the others are dropped, so
    that `?utm_source=…` neither makes a new cache entry nor changes what is rendered. A
    value that is not a page number gives None (the view answers it, with a 404 or "last").
    `text_params`: parameters whose text the page shows ("q" of the search page), kept as they
    are (spaces at either end dropped, cut at TEXT_PARAM_LENGTH as the view cuts them).
    `ops`: the page's own cache operations (an article's `counters.ArticleOps`: its view and the
    page view), sent in the same round trip; their answer is `Lookup.found`. Without them the
    page view's keys are read ahead (`visits.read_ahead`).
    """
    if not applies(request):
        return None
    query = _normalised_query(request, params, text_params)
    if query is None:
        return None
    if query != request.META.get("QUERY_STRING", ""):
        from django.http import QueryDict

        request.GET = QueryDict(query)
    key = _page_key(request, query)
    # One round trip for the page, what decides whether it is current, the statistics to
    # put in, and what the page view's counting would otherwise ask separately.
    if ops is None:
        extra, renew = visits.read_ahead(request)
        add = {}
    else:
        extra, add, renew = ops.get, ops.add, ops.touch
    found = caching.exchange(
        get=[key, caching.GENERATION_KEY, caching.NEXT_PUBLISH_KEY, visits.STATS_CACHE_KEY, *extra],
        add=add,
        touch=renew,
    )
    if ops is None:
        visits.remember_read_ahead(request, found)
    values = found.values
    generation = caching.generation(values)
    request._content_generation = generation  # the context processor and fragment caches use it
    page = values.get(key)
    if page is not None and page.generation != generation:
        page = None
    return Lookup(key=key, generation=generation, page=page, stats=values.get(visits.STATS_CACHE_KEY), found=found)


def serve(request, render, *, params=(), text_params=()):
    """Answer with `render()` (a view's response), from the page cache when it applies."""
    found = lookup(request, params=params, text_params=text_params)
    if found is None:
        return render()
    if found.page is not None:
        return found.respond(found.page)
    return found.store_and_respond(request, render)


@dataclass
class Lookup:
    key: str
    generation: int
    page: CachedPage | None
    stats: dict | None
    found: caching.Exchange

    def respond(self, page, *, views=None):
        """A response with `page`'s body and the current live figures."""
        from django.http import HttpResponse

        return HttpResponse(self.fill(page.parts, views=views), content_type=page.content_type)

    def store_and_respond(self, request, render, *, article_pk=None, views=None):
        """Render the page with markers, keep it when it may be shared, and answer with the figures put in.

        `article_pk` and `views`: functions giving the article shown and its "Lượt xem",
        called once the page is rendered (the view finds them while rendering).
        """
        request._page_cache_render = True
        try:
            response = render()
            if hasattr(response, "render"):
                response.render()
        finally:
            request._page_cache_render = False
        if response.status_code != 200 or response.streaming:
            return response
        parts = split_at_markers(response.content)
        if _may_share(request, response):
            page = CachedPage(
                generation=self.generation,
                parts=parts,
                content_type=response["Content-Type"],
                article_pk=article_pk() if article_pk else None,
            )
            cache.set(self.key, page, PAGE_TIMEOUT)
        response.content = self.fill(parts, views=views() if views else None)
        return response

    def fill(self, parts, *, views=None):
        """The body of `parts` (`split_at_markers`) with the figures put in (statistics at most STATS_CACHE_SECONDS old)."""
        stats = self.stats
        if stats is None:
            stats = self.stats = visits.site_stats()
        figures = {name: localize(stats[name]).encode() for name in STAT_NAMES}
        if views is not None:
            figures["views"] = localize(views).encode()
        return b"".join(
            part if n % 2 == 0 else figures.get(part) or markers.encoded[part] for n, part in enumerate(parts)
        )


def _may_share(request, response):
    """Whether this response's body is the same for every anonymous reader."""
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a cookie or a CSRF token belongs to one visitor
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


def _normalised_query(request, params, text_params=()):
    """The query string reduced to `params` and `text_params`, in a fixed form; None if a `params` value is
    not a page number or a parameter is repeated."""
    parts = []
    for name in text_params:
        values = request.GET.getlist(name)
        if len(values) > 1:
            return None
        if values and (text := values[0].strip()[:TEXT_PARAM_LENGTH]):
            parts.append(urlencode({name: text}))
    for name in params:
        values = request.GET.getlist(name)
        if not values:
            continue
        if len(values) > 1 or not _PAGE_NUMBER.fullmatch(values[0]):
            return None
        number = int(values[0])
        if number < 1:
            return None
        if number > 1:  # ?page=1 is the first page
            parts.append(f"{name}={number}")
    return "&".join(parts)


def _page_key(request, query):
    """Scheme, host, path, normalised query, language and local date (a video dated today appears at midnight)."""
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}|{get_language()}|{timezone.localdate()}"
    return f"page:{PAGE_FORMAT}:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()
