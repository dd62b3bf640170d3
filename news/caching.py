"""Invalidation of cached page fragments through a content "generation" number.

Fragments that show articles, categories, videos or links are cached under a key
that includes `generation()`. Any save or delete of those models bumps the
number, so every such fragment is rebuilt on its next render; old entries simply
expire. Scheduled articles need no cron job either: the earliest future publish
time is remembered, and once it has passed the generation moves on by itself.

Whole anonymous pages (news/pagecache.py) are checked against the same number.
Live figures (view counts, visit statistics) are never put in these fragments.
"""

import time
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.cache.backends import redis as django_redis
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


def _fresh_number():
    """A starting number no earlier generation used, so stale fragments are never picked up again."""
    return int(time.time() * 1000)


def bump():
    """Move to a new generation: every fragment keyed by the old one is left to expire."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_number(), _KEY_TIMEOUT)
    cache.delete(NEXT_PUBLISH_KEY)


def _next_publish_time():
    """The earliest publish time still in the future among published articles (or None)."""
    from news.models import Article

    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def generation(values=None):
    """The current generation, moved on when a scheduled article has come out since it was set.

    `values`: what a caller already read with `cache.get_many` including GENERATION_KEY and
    NEXT_PUBLISH_KEY (the page cache reads them with the page, in one round trip).
    """
    if values is None:
        values = cache.get_many([GENERATION_KEY, NEXT_PUBLISH_KEY])
    number = values.get(GENERATION_KEY)
    if number is None:
        number = _fresh_number()
        cache.set(GENERATION_KEY, number, _KEY_TIMEOUT)
    scheduled = values.get(NEXT_PUBLISH_KEY)
    if scheduled is None:
        scheduled = _next_publish_time() or _NOTHING_SCHEDULED
        cache.set(NEXT_PUBLISH_KEY, scheduled, _KEY_TIMEOUT)
    if isinstance(scheduled, datetime) and scheduled <= timezone.now():
        bump()
        number = cache.get(GENERATION_KEY, number)
        cache.set(NEXT_PUBLISH_KEY, _next_publish_time() or _NOTHING_SCHEDULED, _KEY_TIMEOUT)
    return number


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


# --- The Redis cache backend ---------------------------------------------------------------


class _RedisCacheClient(django_redis.RedisCacheClient):
    """Django's client, keeping one `redis.Redis` per connection pool instead of building one per command.

    Django makes a new `redis.Redis` for every cache call, and its constructor fills a table of
    about 170 reply parsers: some 70 µs, more than the round trip itself. A `redis.Redis`
    over a pool is safe to share between threads (each command borrows a connection).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return client


class RedisCache(django_redis.RedisCache):
    """`django.core.cache.backends.redis.RedisCache` with its clients reused (CACHES in settings)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _RedisCacheClient
        self._exchange_script = None
        self._raise_script = None

    def exchange(self, *, get, add, touch):
        """`exchange()` (below) as one command: a script that reads, renews and adds on the server.

        A script rather than a pipeline: the same single round trip, but one command to encode and
        one reply to parse, which costs the client less than MGET, EXPIRE and SET replies one by one.
        """
        # make_key, not make_and_validate_key: these are the project's own keys, and the memcached
        # checks of every character cost more than the rest of the call.
        keys = [self.make_key(key) for key in (*get, *touch, *add)]
        timeouts = [self.get_backend_timeout(timeout) for timeout in (*touch.values(), *add.values())]
        serializer = self._cache._serializer
        if self._exchange_script is None:
            self._exchange_script = self._cache.get_client(write=True).register_script(_EXCHANGE)
        raw_values, renewals, additions = self._exchange_script(
            keys=keys,
            args=[len(get), len(touch), len(add), serializer.dumps(1), *timeouts],
            client=self._cache.get_client(write=True),
        )
        values = {key: serializer.loads(raw) for key, raw in zip(get, raw_values, strict=True) if raw is not None}
        renewed = {key for key, reply in zip(touch, renewals, strict=True) if reply}
        added = {key for key, reply in zip(add, additions, strict=True) if reply}
        return Exchange(values=values, added=added, renewed=renewed)

    def raise_to(self, key, value, timeout):
        """`raise_to()` (below) as one atomic script on the Redis server."""
        if self._raise_script is None:
            self._raise_script = self._cache.get_client(write=True).register_script(_RAISE_TO)
        self._raise_script(
            keys=[self.make_key(key)],
            args=[int(value), self.get_backend_timeout(timeout)],
            client=self._cache.get_client(write=True),
        )


# KEYS: the keys to read, then those to renew, then those to add; ARGV: how many of each, the value
# added, then the timeout of each key renewed and of each key added. Renewals come before additions,
# so a key both renewed and added tells a running window (renewed) from a new one (added).
_EXCHANGE = """
local n_get, n_touch, n_add = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local values, renewed, added = {}, {}, {}
if n_get > 0 then
  values = redis.call('MGET', unpack(KEYS, 1, n_get))
end
for i = 1, n_touch do
  renewed[i] = redis.call('EXPIRE', KEYS[n_get + i], ARGV[4 + i])
end
for i = 1, n_add do
  local set = redis.call('SET', KEYS[n_get + n_touch + i], ARGV[4], 'EX', ARGV[4 + n_touch + i], 'NX')
  added[i] = set and 1 or 0
end
return {values, renewed, added}
"""

# Set KEYS[1] to ARGV[1] unless it holds a larger number; either way it expires in ARGV[2] seconds.
# (Django's Redis serializer stores integers as plain numbers, so the script can compare them.)
_RAISE_TO = """
local current = tonumber(redis.call('GET', KEYS[1]))
if current == nil or current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
else
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
"""


def raise_to(key, value, timeout):
    """Set the cached number `key` to `value` unless it already holds a larger one (a running total only grows).

    Two requests that counted one view each may reach the cache in the opposite order of their
    commits; the larger total, the later one, must stay. Atomic with Redis; other backends
    compare and set in two steps (one process, tests and development).
    """
    atomic = getattr(cache, "raise_to", None)
    if atomic is not None:
        atomic(key, value, timeout)
        return
    current = cache.get(key)
    cache.set(key, value if current is None else max(current, value), timeout)


# --- Several cache operations in one round trip -----------------------------------------------


@dataclass
class Exchange:
    """What `exchange` found: the values read, the keys it added and the keys whose timeout it renewed."""

    values: dict
    added: set
    renewed: set


def exchange(*, get=(), add=None, touch=None):
    """`cache.get_many(get)`, then `cache.touch(key, timeout)` for each of `touch` and `cache.add(key, 1, timeout)`
    for each of `add` ({key: seconds}), in that order; with Redis as one command (a script: each renewal
    and each add is atomic, as with the separate calls). Other backends make the calls one by one.
    Nothing asked, nothing sent.

    A page costs one of these instead of up to nine separate commands.
    """
    add = add or {}
    touch = touch or {}
    if not (get or add or touch):
        return Exchange(values={}, added=set(), renewed=set())
    batch = getattr(cache, "exchange", None)
    if batch is not None:
        return batch(get=list(get), add=add, touch=touch)
    values = cache.get_many(list(get)) if get else {}
    renewed = {key for key, timeout in touch.items() if cache.touch(key, timeout)}
    added = {key for key, timeout in add.items() if cache.add(key, 1, timeout)}
    return Exchange(values=values, added=added, renewed=renewed)
