"""What readings remember once their write has committed, and read before they decide.

Three kinds of key, named by reading.py:
- `hit:article:<slug>:<reader>`: the reader's view of the article is counted; the value is when the
  view's window ends;
- `seen:<reader>`: the reader's page view was recorded; the value is when that stops mattering
  (a minute later);
- `views:article:<slug>`: the article's "Lượt xem", a total that only grows.
Times are milliseconds since 1970 (plain integers, which Redis scripts can compare).

Two tiers for the markers. Each process keeps the markers it wrote or read in an LRU of
READING_MEMORY_ENTRIES entries, each until the end its value says, so a returning reader's marker
costs no round trip; what the process does not hold is read from Redis in the same round trip as
the page (pagecache.serve). Totals live in Redis alone: every app server shows the same, exact
figure. After a commit both tiers are written, Redis in one round trip.

Markers are written only after the commit they stand for: a process that dies before its commit
leaves none, and a process that lost its memory (a restart) asks Redis or, failing that, the
database, which decides under its row locks (writes.py).
"""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache, caches

from news.lru import LRU

# Redis keeps a total this long; it is read from the database again afterwards.
VIEWS_SHARED_SECONDS = 60
# Below this a marker's value is not a time (an entry written by an older release): used, not kept.
_EPOCH_MS_FLOOR = 10**12

_memory = LRU(lambda: settings.READING_MEMORY_ENTRIES)


def ms(moment: datetime):
    return int(moment.timestamp() * 1000)


def known(keys, now):
    """{key: value} of the markers among `keys` that this process holds and that still hold at `now`."""
    at = ms(now)
    found = {}
    for key in keys:
        until = _memory.get(key)
        if until is not None and at < until:
            found[key] = until
    return found


def learn(values, now):
    """Keep the markers the shared cache answered, each until its own end (totals are not kept)."""
    at = ms(now)
    for key, value in values.items():
        if not key.startswith("views:") and isinstance(value, int) and value > max(at, _EPOCH_MS_FLOOR):
            _memory.put(key, value)


def remember(now, *, marks=(), totals=()):
    """After a commit: each (key, until) of `marks` holds until `until` (ms); each (key, number) of
    `totals` is raised to `number` in Redis unless it holds more. Redis in one round trip."""
    at = ms(now)
    for key, until in marks:
        if until > at:
            _memory.put(key, until)
    marks = [(key, until, until - at) for key, until in marks if until > at]
    _write_shared(marks, totals)


def forget():
    """Drop this process's memory (tests)."""
    _memory.clear()


# --- The shared tier --------------------------------------------------------------------------------

# One round trip for everything a commit lets the shared cache know. ARGV[1] = how many of the KEYS are
# marks; then a (value, time to live) pair per key. A mark is set with its time to live in milliseconds;
# a total is set unless the key holds a larger number, and expires in its time to live in seconds.
# (django-redis stores integers as plain numbers, so the script can compare them.)
_WRITE = """
local marks = tonumber(ARGV[1])
for i = 1, #KEYS do
  local value, ttl = ARGV[2 * i], ARGV[2 * i + 1]
  if i <= marks then
    redis.call('SET', KEYS[i], value, 'PX', ttl)
  else
    local current = tonumber(redis.call('GET', KEYS[i]))
    if current == nil or current < tonumber(value) then
      redis.call('SET', KEYS[i], value, 'EX', ttl)
    else
      redis.call('EXPIRE', KEYS[i], ttl)
    end
  end
end
"""
_scripts = {}


def _write_shared(marks, totals):
    """One script call: each mark with its time to live (ms), each total raised (see _WRITE).

    A total only grows: two requests that counted one view each may reach Redis in the opposite order of
    their commits, and the larger total, the later one, must stay. Other cache backends (tests,
    development: one process) compare and set in two steps. A Redis that cannot be reached is left alone:
    the database keeps every figure.
    """
    if not marks and not totals:
        return
    connection = _redis_connection()
    if connection is None:
        for key, until, ttl in marks:
            cache.set(key, until, ttl / 1000)
        for key, number in totals:
            current = cache.get(key)
            cache.set(key, number if current is None else max(current, number), VIEWS_SHARED_SECONDS)
        return
    from redis.exceptions import RedisError

    keys, args = [], [len(marks)]
    for key, until, ttl in marks:
        keys.append(cache.make_key(key))
        args += [int(until), int(ttl)]
    for key, number in totals:
        keys.append(cache.make_key(key))
        args += [int(number), VIEWS_SHARED_SECONDS]
    try:
        script = _scripts.get(id(connection))
        if script is None:
            script = _scripts[id(connection)] = connection.register_script(_WRITE)
        script(keys=keys, args=args, client=connection)
    except RedisError:
        pass  # the cache accelerates; the database keeps the figures


def _redis_connection():
    """django-redis's client connection when the cache is django-redis, else None."""
    from django_redis import get_redis_connection
    from django_redis.cache import RedisCache

    if not isinstance(caches["default"], RedisCache):
        return None
    return get_redis_connection("default")
