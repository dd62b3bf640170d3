"""Invalidation of cached page fragments through a content "generation" number.

Fragments that show articles, categories, videos or links are cached under a key
that includes `generation()`. Any save or delete of those models bumps the
number, so every such fragment is rebuilt on its next render; old entries simply
expire. Scheduled articles need no cron job either: the earliest future publish
time is remembered, and once it has passed the generation moves on by itself.

Whole anonymous pages (news/pagecache.py) are checked against the same number.
Live figures (view counts, visit statistics) are never put in these fragments.

Each process reads the shared number at most once every GENERATION_CHECK_SECONDS: an edit
reaches the other processes and app servers up to that much later, the process that made it
at once. When the shared cache cannot be reached `generation()` is None, and nothing is served
from or kept in a cache that depends on it.
"""

import threading
import time
from datetime import datetime

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

GENERATION_KEY = "news:generation"
NEXT_PUBLISH_KEY = "news:next-publish"
# Cached "nothing scheduled" (None cannot be told apart from a cache miss).
_NOTHING_SCHEDULED = "none"
# How long fragments and the values above stay in the cache (seconds).
FRAGMENT_TIMEOUT = 60 * 60
_KEY_TIMEOUT = 24 * 60 * 60
# How often a process reads the shared generation (seconds).
GENERATION_CHECK_SECONDS = 1.0


class _Known:
    """This process's last reading of the generation, good until a deadline (time.monotonic()) or until
    the next scheduled article comes out, whichever is first."""

    def __init__(self):
        self.lock = threading.Lock()
        self.kept = (None, 0.0, None)

    def get(self):
        """The number, UNAVAILABLE (the shared cache failed a moment ago), or None (read it again)."""
        number, until, scheduled = self.kept
        if time.monotonic() >= until:
            return None
        if isinstance(scheduled, datetime) and scheduled <= timezone.now():
            return None
        return number

    def keep(self, number, scheduled=None):
        """Remember `number` (or UNAVAILABLE) for GENERATION_CHECK_SECONDS; None forgets."""
        with self.lock:
            until = time.monotonic() + GENERATION_CHECK_SECONDS if number is not None else 0.0
            self.kept = (number, until, scheduled)

    def forget(self):
        self.keep(None)


_known = _Known()
# The shared cache could not be reached: not asked again for GENERATION_CHECK_SECONDS.
UNAVAILABLE = "unavailable"


def _fresh_number():
    """A starting number no earlier generation used, so stale fragments are never picked up again."""
    return int(time.time() * 1000)


def bump():
    """Move to a new generation: every fragment keyed by the old one is left to expire.

    This process knows the new number at once; the others within GENERATION_CHECK_SECONDS.
    """
    try:
        number = cache.incr(GENERATION_KEY)
    except ValueError:
        number = _fresh_number()
        cache.set(GENERATION_KEY, number, _KEY_TIMEOUT)
    cache.delete(NEXT_PUBLISH_KEY)
    _known.forget()
    return number


def _next_publish_time():
    """The earliest publish time of a scheduled article (or None)."""
    from news.models import Article

    return Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()


def generation():
    """The current generation (None when the shared cache cannot be reached), read at most once a
    GENERATION_CHECK_SECONDS per process (also when it could not be reached: a slow Redis is not
    waited for on every call); moved on when a scheduled article has come out."""
    number = _known.get()
    if number is not None:
        return None if number == UNAVAILABLE else number
    values = cache.get_many([GENERATION_KEY, NEXT_PUBLISH_KEY])
    number = values.get(GENERATION_KEY)
    if number is None:
        # add() answers True or False; with django-redis ignoring a connection error it answers None.
        if cache.add(GENERATION_KEY, _fresh_number(), _KEY_TIMEOUT) is None:
            _known.keep(UNAVAILABLE)
            return None
        number = cache.get(GENERATION_KEY)
        if number is None:
            _known.keep(UNAVAILABLE)
            return None
    scheduled = values.get(NEXT_PUBLISH_KEY)
    if scheduled is None:
        scheduled = _next_publish_time() or _NOTHING_SCHEDULED
        cache.set(NEXT_PUBLISH_KEY, scheduled, _KEY_TIMEOUT)
    if isinstance(scheduled, datetime) and scheduled <= timezone.now():
        bump()
        number = cache.get(GENERATION_KEY, number)
        scheduled = _next_publish_time() or _NOTHING_SCHEDULED
        cache.set(NEXT_PUBLISH_KEY, scheduled, _KEY_TIMEOUT)
    _known.keep(number, scheduled)
    return number


def forget():
    """Read the shared generation again on the next call (tests)."""
    _known.forget()


def _content_changed(sender, **kwargs):
    """Move on now, and again once the change is committed.

    A reader between the save and the commit still sees the old rows; a page rendered then would
    be stored under the new generation and outlive the change. The second move retires it. (Outside
    a transaction the commit has already happened and the second call runs at once: harmless.)
    """
    bump()
    transaction.on_commit(bump)


def connect_signals():
    """Called from NewsConfig.ready(): bump the generation whenever published content changes."""
    from news.models import Article, Category, Video, WebLink

    for model in (Article, Category, Video, WebLink):
        uid = f"news.caching.{model.__name__}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.delete")


# --- A running total that only grows ----------------------------------------------------------

# Set KEYS[1] to ARGV[1] unless it holds a larger number; either way it expires in ARGV[2] seconds.
# (django-redis stores integers as plain numbers, so the script can compare them.)
_RAISE_TO = """
local current = tonumber(redis.call('GET', KEYS[1]))
if current == nil or current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
else
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
"""
_raise_script = {}


def raise_to(key, value, timeout):
    """Set the cached number `key` to `value` unless it already holds a larger one (a running total only grows).

    Two requests that counted one view each may reach the cache in the opposite order of their
    commits; the larger total, the later one, must stay. Atomic with Redis (a script through
    django-redis's own connection); other backends compare and set in two steps (one process:
    tests and development). A cache that cannot be reached is left alone.
    """
    connection = _redis_connection()
    if connection is None:
        current = cache.get(key)
        cache.set(key, value if current is None else max(current, value), timeout)
        return
    from redis.exceptions import RedisError

    try:
        script = _raise_script.get(id(connection))
        if script is None:
            script = _raise_script[id(connection)] = connection.register_script(_RAISE_TO)
        script(keys=[cache.make_key(key)], args=[int(value), int(timeout)], client=connection)
    except RedisError:
        pass  # the cache accelerates; the database keeps the total


def _redis_connection():
    """django-redis's client connection when the cache is django-redis, else None."""
    from django_redis import get_redis_connection
    from django_redis.cache import RedisCache

    if not isinstance(caches["default"], RedisCache):
        return None
    return get_redis_connection("default")
