"""Whole public pages for anonymous readers, kept per content generation, with live parts put in per request.

A page is rendered with markers where its live parts go (the article's "Lượt xem", the
sidebar's "Thống kê truy cập", the "Đọc nhiều" block) and kept cut at the markers; answering
it again costs one join that puts in the current values, given by the caller (`Page.answer`).
This module knows pages, keys and generations; what the live parts hold is the caller's.

Two tiers: each process keeps pages in its own memory (an LRU of at most PAGE_CACHE_MB of page
bodies, and SEARCH_CACHE_ENTRIES search result pages), and ordinary pages also go to the shared
cache (Redis), so another process renders a page once per generation at most. A page is
current while its generation is the shared one (news/caching.py, read at most once a second
per process).

`serve` also reads, in the same round trip, the keys its caller hands over (`cache_ops`: what
the reading of this request needs to know), and gives their values back on the Page.

Early answers: once a page has been answered by the full middleware stack, the headers of that
answer are kept with it, in this process and (ordinary pages) in Redis under the generation, and
the next anonymous GET or HEAD of the same URL, in any process, is answered by ReadingMiddleware
before the URL resolver and the rest of the middleware (`early`), with those same headers. After
a release, `manage.py refresh_pages` moves the generation on, so no page or headers of the old
release are answered.

Served from the cache: GET and HEAD by readers who are not logged in. Never kept: answers
other than 200, pages that set a cookie or asked for a CSRF token, `private`/`no-store`
answers, query strings the page does not know how to normalise.
"""

import contextvars
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import get_language

from . import caching
from .lru import LRU

PAGE_TIMEOUT = caching.FRAGMENT_TIMEOUT
# Part of every key: change it when CachedPage changes, so a new release never reads an old entry.
PAGE_FORMAT = 3
_PAGE_NUMBER = re.compile(r"[0-9]{1,6}")
# Longest text parameter kept (the search view reads at most this many characters of "q").
TEXT_PARAM_LENGTH = 200


# --- Markers ----------------------------------------------------------------------------------


class _Markers:
    """Placeholders for the live parts, unguessable so that no article text can contain one."""

    @cached_property
    def token(self):
        return salted_hmac("news.pagecache.markers", "live figures").hexdigest()[:16]

    def text(self, name):
        return f"[[live:{name}:{self.token}]]"

    def encoded(self, name):
        return self.text(name).encode()

    @cached_property
    def pattern(self):
        return re.compile(rf"\[\[live:([a-z_]+):{self.token}\]\]".encode())


markers = _Markers()
# While `serve` renders: "kept" for a page that may be kept whole, "fresh" for one that is not.
_marking = contextvars.ContextVar("news.pagecache.marking", default=None)


def rendering_with_markers():
    """True while `serve` renders a page: templates then write markers instead of live values."""
    return _marking.get() is not None


def rendering_for_cache():
    """True while `serve` renders a page it may keep whole (its parts need no fragment cache of their own)."""
    return _marking.get() == "kept"


def split_at_markers(body):
    """`body` as (text, name, text, name, …, text), cut at each live part's marker."""
    parts = markers.pattern.split(body)
    return tuple(part if n % 2 == 0 else part.decode() for n, part in enumerate(parts))


def fill(parts, live):
    """The body of `parts` with `live(name)` (bytes) put in at each marker."""
    return b"".join(part if n % 2 == 0 else live(part) for n, part in enumerate(parts))


# --- What is kept -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CachedPage:
    generation: int
    parts: tuple  # the body cut at its markers (split_at_markers)
    content_type: str
    subject: tuple | None = None  # (slug, pk) of the article the page shows


def _page_bytes(page):
    return sum(len(part) for part in page.parts) + 512  # the body, and the entry around it


# Pages in this process, by the memory their bodies take (PAGE_CACHE_MB).
_pages = LRU(lambda: settings.PAGE_CACHE_MB * 2**20, _page_bytes)
_search_pages = LRU(lambda: settings.SEARCH_CACHE_ENTRIES)
# URL as asked → EarlyEntry (where its page is, headers of its full answer): what `early` answers. The page
# itself stays in its tier (and leaves with it); this index only keeps headers.
EARLY_URLS = 20_000
_early = LRU(lambda: EARLY_URLS)
# The page `serve` answered for this request (request, search, key, page), until ReadingMiddleware has seen the
# full answer.
_answered = contextvars.ContextVar("news.pagecache.answered", default=None)


def kept_page_bytes():
    """What this process's ordinary pages weigh (at most PAGE_CACHE_MB MiB)."""
    return _pages.weight


def kept_search_pages():
    """How many search result pages this process keeps (at most SEARCH_CACHE_ENTRIES)."""
    return len(_search_pages)


def forget():
    """Empty this process's tiers (tests)."""
    _pages.clear()
    _search_pages.clear()
    _early.clear()


# --- Serving --------------------------------------------------------------------------------------


@dataclass
class Page:
    """A page to answer: from the cache or just rendered, with the values of the caller's cache keys."""

    parts: tuple | None  # None: a rendered answer without markers to fill (not HTML, not 200)
    content_type: str
    subject: tuple | None
    values: dict
    rendered: object = None  # the view's own response, when the page was rendered for this request
    headers: list = field(default_factory=list)  # an early answer's headers

    @property
    def subject_pk(self):
        return self.subject[1] if self.subject else None

    @property
    def is_page_view(self):
        """A public HTML page answered with 200."""
        if self.rendered is None:
            return True
        return self.parts is not None

    def answer(self, live):
        """The response, with `live(name)` put in at each marker."""
        if self.rendered is not None:
            if self.parts is not None:
                self.rendered.content = fill(self.parts, live)
            return self.rendered
        body = fill(self.parts, live)
        response = HttpResponse(body, content_type=self.content_type)
        for name, value in self.headers:
            response[name] = value
        if self.headers:
            response["Content-Length"] = str(len(body))
        return response


def applies(request):
    """True for a request the page cache may answer: a GET or HEAD by someone not logged in."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True  # no session, no user: nothing to look up
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def serve(request, render, *, cache_ops=None, params=(), text_params=(), search=False, keep=None, subject=None):
    """The Page for this request: from the cache when it applies and is current, else `render()`.

    `cache_ops`: an object whose `keys` the caller needs read from the shared cache; their
    values come back as `Page.values` (read with the page, or alone). `params`: the query
    parameters the page depends on ("page"), the others dropped, so that `?utm_source=…` makes
    no new entry; a value that is not a page number is answered by `render()`, uncached.
    `text_params`: parameters whose text the page shows ("q"), kept as typed (trimmed, cut at
    TEXT_PARAM_LENGTH). `search`: keep the page in this process only, among SEARCH_CACHE_ENTRIES.
    `keep(response)`: whether a rendered page may be kept. `subject()`: (slug, pk) of the
    article shown, asked once the page is rendered.
    """
    keys = list(cache_ops.keys) if cache_ops is not None else []
    generation = caching.generation() if applies(request) else None
    query = _normalised_query(request, params, text_params) if generation is not None else None
    if query is None:
        return _rendered(render, values=_read(keys), subject=subject, kept=False)
    if query != request.META.get("QUERY_STRING", ""):
        request.GET = QueryDict(query)
    key = _page_key(request, query)
    local = _search_pages if search else _pages
    page = local.get(key)
    if page is not None and page.generation != generation:
        page = None
    if page is None and not search:
        values = _read([key, *keys])
        page = values.pop(key, None)
        if page is not None and page.generation == generation:
            local.put(key, page)
        else:
            page = None
    else:
        values = _read(keys)
    if page is not None:
        _answered.set((request, search, key, page))
        return Page(parts=page.parts, content_type=page.content_type, subject=page.subject, values=values)
    found = _rendered(render, values=values, subject=subject, kept=True)
    response = found.rendered
    if found.parts is not None and _may_share(request, response) and (keep is None or keep(response)):
        page = CachedPage(
            generation=generation, parts=found.parts, content_type=response["Content-Type"], subject=found.subject
        )
        local.put(key, page)
        if not search:
            cache.set(key, page, PAGE_TIMEOUT)
        _answered.set((request, search, key, page))
    return found


def _read(keys):
    return cache.get_many(keys) if keys else {}


def _rendered(render, *, values, subject, kept):
    """Render with markers; the Page of the view's own response."""
    token = _marking.set("kept" if kept else "fresh")
    try:
        response = render()
        if hasattr(response, "render"):
            response.render()
    finally:
        _marking.reset(token)
    html = (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
    )
    return Page(
        parts=split_at_markers(response.content) if html else None,
        content_type=response.get("Content-Type", ""),
        subject=subject() if html and subject is not None else None,
        values=values,
        rendered=response,
    )


def _may_share(request, response):
    """Whether this response's body is the same for every anonymous reader."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a cookie or a CSRF token belongs to one visitor
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


# --- Early answers ------------------------------------------------------------------------------

_FILE_PREFIXES = tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix and prefix != "/")


def early(request, cache_ops):
    """The Page for a URL already answered in full, or None (then the stack runs).

    The URL's entry (its page's key and the headers of its full answer) comes from this process's
    index, else from the shared one in Redis (ordinary pages only), where every process puts what it
    answered in full, under the current generation; the page comes from this process's tier, else
    from Redis with the caller's keys in the same round trip. `cache_ops(slug)`: the caller's keys
    for the page's article (None for other pages). Only for GET and HEAD without a session cookie,
    on a host ALLOWED_HOSTS accepts, when no HTTPS redirect is due and the site speaks one language
    (so the URL alone decides the answer).
    """
    key = _early_key(request)
    if key is None:
        return None
    generation = caching.generation()
    entry = _early.get(key)
    if not isinstance(entry, EarlyEntry):
        if entry == ("asked", generation):
            return None  # Redis had nothing for this URL under this generation: not asked again until the next
        shared_key = _shared_early_key(key, generation)
        entry = cache.get(shared_key) if shared_key else None
        if not isinstance(entry, EarlyEntry):
            _early.put(key, ("asked", generation))
            return None
        _early.put(key, entry)
    tier = _search_pages if entry.search else _pages
    page = tier.get(entry.page_key)
    ops = cache_ops(entry.subject[0] if entry.subject else None)
    keys = list(ops.keys)
    if page is None or page.generation != generation:
        if entry.search:
            return None  # search pages live in this process only
        values = _read([entry.page_key, *keys])
        page = values.pop(entry.page_key, None)
        if not isinstance(page, CachedPage) or page.generation != generation:
            return None
        tier.put(entry.page_key, page)
    else:
        values = _read(keys)
    return Page(
        parts=page.parts, content_type=page.content_type, subject=page.subject, values=values, headers=entry.headers
    )


@dataclass(frozen=True)
class EarlyEntry:
    """What answers a URL early: where its page is kept, and the headers of its full answer."""

    search: bool
    page_key: str
    subject: tuple | None
    headers: list


def finish(request, response):
    """Called with every full answer (by ReadingMiddleware): keep its headers for `early`, in this process
    and, for an ordinary page, in Redis under the page's generation."""
    answered = _answered.get()
    if answered is None:
        return
    _answered.set(None)
    asked, search, page_key, page = answered
    if asked is not request or response.status_code != 200 or response.cookies:
        return
    key = _early_key(request)
    if key is None:
        return
    headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
    entry = EarlyEntry(search=search, page_key=page_key, subject=page.subject, headers=headers)
    _early.put(key, entry)
    shared_key = None if search else _shared_early_key(key, page.generation)
    if shared_key:
        cache.set(shared_key, entry, PAGE_TIMEOUT)


def _shared_early_key(key, generation):
    """Redis's key for a URL's entry; none for a generation of one transaction's own (a string)."""
    return f"early:{PAGE_FORMAT}:{generation}:{key}" if isinstance(generation, int) else None


def _early_key(request):
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if request.path.startswith(_FILE_PREFIXES):
        return None  # static files and media are never pages
    if len(settings.LANGUAGES) != 1 or (settings.SECURE_SSL_REDIRECT and not request.is_secure()):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    raw = f"{request.scheme}://{host}{request.path}?{request.META.get('QUERY_STRING', '')}|{timezone.localdate()}"
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


# --- Keys -----------------------------------------------------------------------------------------


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
