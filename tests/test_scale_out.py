"""Two app servers, one PostgreSQL, one Redis: exact counters and the same pages from either server.

Two real gunicorn instances (deploy/gunicorn.conf.py, 2 workers × 2 threads each) run against
the test database; the test fires concurrent requests at both from threads, as new visitors
(no cookie) and as returning visitors whose cookie goes to both servers, then reads the
counters from the database. An edit made through the ORM here must show on both servers'
next answer: the cache they share is the invalidation channel.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.test import override_settings
from hitcount.models import Hit, HitCount

from news.models import VisitCounter
from tests.factories import ArticleFactory, CategoryFactory

REDIS_URL = os.environ.get("REDIS_URL", "")
SHARED_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "lddsite-scale-out",
    }
}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
REQUEST_TIMEOUT = 30
START_TIMEOUT = 60

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not REDIS_URL.startswith("redis://"),
        reason="needs the shared Redis the app servers use: set REDIS_URL=redis://127.0.0.1:6379/<n> (CI sets it)",
    ),
]


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _test_database_url():
    """The database pytest-django created (test_<name>), as a URL the servers can use."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "postgres")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class AppServer:
    def __init__(self, env, log_dir, name):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_dir) / f"{name}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "lddsite.wsgi:application"],
            env=dict(env, GUNICORN_BIND=f"127.0.0.1:{self.port}"),
            cwd=settings.BASE_DIR,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.base + "/robots.txt", timeout=2):  # noqa: S310 (127.0.0.1)
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in {START_TIMEOUT} s:\n{self.log_path.read_text()}")

    def log_tail(self):
        self._log.flush()
        return self.log_path.read_text()[-4000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture
def app_servers(transactional_db, tmp_path_factory):
    """Two gunicorn instances on free ports sharing the test database and Redis, stopped before the tables are emptied.

    One pair per test: emptying the tables between tests recreates the content types under new ids,
    which servers that outlived the previous test would still hold in their in-process cache.
    """
    database_url = _test_database_url()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(settings.BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "lddsite.settings.test",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "TEST_CACHE": "redis",
        "CACHE_KEY_PREFIX": SHARED_CACHE["default"]["KEY_PREFIX"],
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "ALLOWED_HOSTS": "127.0.0.1",
        "TRUSTED_PROXIES": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    log_dir = tmp_path_factory.mktemp("gunicorn")
    # This process writes through the same Redis as the servers, so its edits invalidate their pages.
    with override_settings(CACHES=SHARED_CACHE):
        cache.clear()
        servers = [AppServer(env, log_dir, "a"), AppServer(env, log_dir, "b")]
        try:
            for server in servers:
                server.wait_ready()
            yield servers
        finally:
            for server in servers:
                server.stop()


def fetch(server, path, *, cookie=None, address=None):
    """GET `path` as a browser; returns (status, body, the `lv` cookie the answer set or None)."""
    headers = {"User-Agent": BROWSER, "Accept": "text/html"}
    if cookie:
        headers["Cookie"] = f"lv={cookie}"
    if address:
        headers["X-Forwarded-For"] = address
    request = urllib.request.Request(server.base + path, headers=headers)  # noqa: S310 (127.0.0.1)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
            status, body, cookies = response.status, response.read().decode(), response.headers.get_all("Set-Cookie")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), None
    for header in cookies or []:
        match = re.match(r'lv="?([^";]+)"?', header)
        if match:
            return status, body, match.group(1)
    return status, body, None


def concurrently(calls, workers=8):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(call) for call in calls]
        return [future.result(timeout=REQUEST_TIMEOUT * 2) for future in futures]


def shown_views(body):
    match = re.search(r'data-stat="views"[^>]*>\s*([\d.]+)', body)
    assert match, "the page shows no view count"
    return int(match.group(1).replace(".", ""))


def all_time_visits():
    return VisitCounter.objects.filter(period=VisitCounter.Period.ALL).aggregate(n=Sum("visits"))["n"] or 0


def test_both_servers_answer_without_a_session(app_servers):
    for server in app_servers:
        status, body, _ = fetch(server, "/")
        assert status == 200
        assert 'data-stat="total"' in body
    request = urllib.request.Request(app_servers[0].base + "/", headers={"User-Agent": BROWSER})  # noqa: S310
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
        cookies = " ".join(response.headers.get_all("Set-Cookie") or [])
    assert "sessionid" not in cookies
    assert "lv=" in cookies


def test_counters_are_exact_across_two_servers(app_servers):
    article = ArticleFactory()
    path = article.get_absolute_url()
    a, b = app_servers
    visits_before = all_time_visits()

    # 12 visitors arrive on the home page, alternately on each server: 12 visits, no article view yet.
    arrivals = concurrently([lambda i=i: fetch(app_servers[i % 2], "/", address=f"10.1.0.{i + 1}") for i in range(12)])
    assert [status for status, _, _ in arrivals] == [200] * 12
    cookies = [cookie for _, _, cookie in arrivals]
    assert all(cookies) and len(set(cookies)) == 12

    # Each of them now opens the article four times at once, twice on each server: one view each.
    returning = concurrently(
        [
            lambda cookie=cookie, server=server: fetch(server, path, cookie=cookie)
            for cookie in cookies
            for server in (a, b, a, b)
        ]
    )
    assert [status for status, _, _ in returning] == [200] * 48
    assert all(cookie is None for _, _, cookie in returning), "a returning visitor was given a new cookie"

    # 20 new visitors (no cookie, each its own address) read it on either server: one view and one visit each.
    new = concurrently([lambda i=i: fetch(app_servers[i % 2], path, address=f"10.2.0.{i + 1}") for i in range(20)])
    assert [status for status, _, _ in new] == [200] * 20

    hitcount = HitCount.objects.get(object_pk=article.pk)
    assert hitcount.hits == 12 + 20
    assert Hit.objects.filter(hitcount=hitcount).count() == 12 + 20
    assert all_time_visits() - visits_before == 12 + 20
    # Both servers show the same, exact figure to a returning visitor.
    for server in app_servers:
        status, body, _ = fetch(server, path, cookie=cookies[0])
        assert status == 200
        assert shown_views(body) == 32
    assert HitCount.objects.get(object_pk=article.pk).hits == 32


def test_an_edit_shows_on_both_servers_within_a_second(app_servers):
    category = CategoryFactory(name="Hoạt động công đoàn", slug="hoat-dong-cong-doan")
    article = ArticleFactory(category=category, title="Hội nghị tổng kết công tác công đoàn", is_featured=True)
    path = article.get_absolute_url()
    for server in app_servers:  # both servers have the pages in the shared cache now
        for page in (path, "/", category.get_absolute_url()):
            status, body, _ = fetch(server, page)
            assert status == 200, server.log_tail()
            assert "Hội nghị tổng kết công tác công đoàn" in body

    article.title = "Hội nghị tổng kết đã sửa tiêu đề"
    article.save()
    category.name = "Chuyên mục đã đổi tên"
    category.save()
    # Each process keeps pages in its memory and reads the shared generation at most once a second
    # (GENERATION_CHECK_SECONDS of the servers' settings).
    time.sleep(1.2)

    for server in app_servers:
        for page in (path, "/", category.get_absolute_url()):
            status, body, _ = fetch(server, page)
            assert status == 200, server.log_tail()
            assert "Hội nghị tổng kết đã sửa tiêu đề" in body, (server.base, page)
            assert "Hội nghị tổng kết công tác công đoàn" not in body, (server.base, page)
            assert "Chuyên mục đã đổi tên" in body, (server.base, page)
