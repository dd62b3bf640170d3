"""`computed_once`: one computation of a cached value per key, however many requests miss it at the same moment.

The first request to miss takes a short lock in the cache (`cache.add`, an atomic SET NX with Redis), computes,
stores the value and frees the lock; the others poll the cache for that value instead of computing it too. The
keys name the generation the value belongs to, so a waiter only ever receives figures of its own generation.
The cache only accelerates: when it cannot be reached, or the wait runs out, a request computes on its own.
"""

import contextlib
import time
import uuid

from django.core.cache import cache

LOCK_TIMEOUT = 5  # seconds; a computer that dies frees its lock after this
WAIT = 2.0  # seconds a request waits for another one's result before computing it itself
POLL = 0.02  # seconds between two looks at the cache while waiting


def computed_once(key, compute, timeout):
    """(value, computed here) for `key`: `compute()` stored under `key` for `timeout` seconds, computed here only
    when no other request is computing it, or when waiting for that request's value runs out."""
    lock_key = f"{key}:computing"
    token = uuid.uuid4().hex
    try:
        locked = cache.add(lock_key, token, LOCK_TIMEOUT)
    except Exception:  # the cache is unreachable: compute, as without one
        locked = None
    if locked is False:  # another request is computing it
        value = _wait_for(key, lock_key)
        if value is not None:
            return value, False
    elif locked:
        value = cache.get(key)  # stored between this request's miss and its lock
        if value is not None:
            _release(lock_key, token)
            return value, False
    try:
        value = compute()
        cache.set(key, value, timeout)
    finally:
        if locked:
            _release(lock_key, token)
    return value, True


def _wait_for(key, lock_key):
    """The value stored under `key` by the request holding `lock_key`; None when the wait runs out or the lock is
    freed without a value (its computation failed)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        time.sleep(POLL)
        try:
            found = cache.get_many([key, lock_key])
        except Exception:
            return None
        if found.get(key) is not None:
            return found[key]
        if lock_key not in found:
            return None
    return None


def _release(lock_key, token):
    with contextlib.suppress(Exception):  # an unreachable cache frees the lock by its timeout
        if cache.get(lock_key) == token:
            cache.delete(lock_key)
