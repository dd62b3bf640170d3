"""The connection to the shared cache (Redis), which pauses after a failure.

django-redis gives up on a call after REDIS_CONNECT_TIMEOUT_MS / REDIS_TIMEOUT_MS and the caller
gets a miss. A Redis that is down answers a refused connection at once, but one that hangs (a full
network buffer, a paused server) would cost every call the whole timeout. So after a connection
error or a timeout, every connection of this process fails at once for REDIS_PAUSE_SECONDS, and one
call after the pause tries again: a slow Redis costs each process one timeout a pause, not one per
call. Set as the connection class of django-redis's pool (settings: CACHES … CONNECTION_POOL_KWARGS).
"""

import threading
import time

from django.conf import settings
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

_FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class _Pause:
    def __init__(self):
        self.until = 0.0
        self.lock = threading.Lock()

    def check(self):
        if time.monotonic() < self.until:
            raise RedisConnectionError("Redis paused after a failure")

    def start(self):
        with self.lock:
            self.until = time.monotonic() + settings.REDIS_PAUSE_SECONDS

    def end(self):
        """Forget a pause (tests)."""
        self.until = 0.0


pause = _Pause()


class PausingConnection(Connection):
    """A redis-py connection that fails at once while the process's pause lasts, and starts one on failure."""

    def connect_check_health(self, *args, **kwargs):
        pause.check()
        try:
            return super().connect_check_health(*args, **kwargs)
        except _FAILURES:
            pause.start()
            raise

    def send_packed_command(self, *args, **kwargs):
        pause.check()
        try:
            return super().send_packed_command(*args, **kwargs)
        except _FAILURES:
            pause.start()
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except _FAILURES:
            pause.start()
            raise
