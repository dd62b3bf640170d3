"""Counting and serving when the shared cache fails: Redis down, Redis slow, Redis back; a worker killed mid-write.

Failures are caused for real: the cache points at a closed port, at a socket that never answers,
or at a private redis-server this test starts and stops on a port of its own (never the shared
one); the worker is a separate Python process killed with SIGKILL while its write waits for a row
lock on PostgreSQL.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg2
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from hitcount.models import Hit, HitCount

from news import caching, pagecache, sharedcache
from news.counting import markers, stats
from news.counting.readers import address_id
from news.counting.reading import article_views
from news.models import VisitCounter
from news.sharedcache import PausingConnection
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.news.readers import BROWSER

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_cache(port):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "lddsite-failures",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.1,
                "SOCKET_TIMEOUT": 0.25,
                "IGNORE_EXCEPTIONS": True,
                "CONNECTION_POOL_KWARGS": {"connection_class": PausingConnection},  # as in production
            },
        }
    }


def forget_process_state():
    caching.forget()
    pagecache.forget()
    stats.forget()
    markers.forget()
    sharedcache.pause.end()


@pytest.fixture
def site():
    category = CategoryFactory(name="Hoạt động công đoàn", slug="hoat-dong")
    article = ArticleFactory(title="Đại hội Công đoàn tỉnh", category=category)
    return category, article


def reader(address):
    return Client(headers={"User-Agent": BROWSER}, REMOTE_ADDR=address)


def visits_total():
    return stats.compute_site_stats(now=article_time())["total"]


def article_time():
    from django.utils import timezone

    return timezone.now()


# --- Redis down: a closed port ----------------------------------------------------------------------


def test_with_redis_down_every_page_answers_and_counts_stay_exact(site, django_user_model):
    category, article = site
    from initiatives.models import Campaign  # noqa: F401 (the app's pages are part of the site)

    with override_settings(CACHES=redis_cache(free_port())):  # nothing listens there
        forget_process_state()
        browser = reader("203.0.113.10")
        pages = ["/", category.get_absolute_url(), article.get_absolute_url(), "/tim-kiem/?q=cong+doan", "/video/"]
        pages += ["/sang-kien/", "/quan-tri/login/"]
        for url in pages:
            assert browser.get(url).status_code == 200, url
        assert browser.get("/khong-co-trang-nay/").status_code == 404

        # Exact through the database's own checks: the same reader again, the same reader without its
        # cookie (same address and browser), then another reader.
        browser.get(article.get_absolute_url())
        reader("203.0.113.10").get(article.get_absolute_url())
        html = reader("203.0.113.11").get(article.get_absolute_url()).content.decode()
        assert article_views(article) == 2
        assert 'data-stat="views">2<' in html
        assert visits_total() == 2
        assert Hit.objects.count() == 2


def test_with_redis_down_pages_come_from_process_memory_and_returning_readers_cost_one_read(site):
    category, article = site
    with override_settings(CACHES=redis_cache(free_port())):  # nothing listens there
        forget_process_state()
        browser = reader("203.0.113.13")
        for url in ["/", category.get_absolute_url(), article.get_absolute_url()]:
            browser.get(url)  # rendered; this process keeps the page under the generation the database holds
            browser.get(url)  # answered from memory
            with CaptureQueriesContext(connection) as again:
                html = browser.get(url).content.decode()
            # Nothing rendered and nothing decided again: at most the generation's once-a-second read, and on
            # the article the exact total, which Redis would have given.
            sqls = [q["sql"] for q in again.captured_queries if "news_generation" not in q["sql"]]
            assert sqls == ([] if url != article.get_absolute_url() else [sqls[0]]), url
            assert all(sql.startswith('SELECT "hitcount_hit_count"."hits"') for sql in sqls)
            assert article.title in html
        assert article_views(article) == 1
        assert visits_total() == 1


def test_with_redis_slow_a_process_waits_once_then_leaves_it_alone_for_a_pause(site, settings):
    settings.REDIS_PAUSE_SECONDS = 600  # the whole test within one pause
    _, article = site
    accepted = []
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        silent.settimeout(0.05)
        done = threading.Event()

        def accept():
            while not done.is_set():
                try:
                    accepted.append(silent.accept()[0])
                except OSError:
                    pass

        acceptor = threading.Thread(target=accept, daemon=True)
        acceptor.start()
        try:
            with override_settings(CACHES=redis_cache(silent.getsockname()[1])):
                forget_process_state()
                for n in range(5):
                    assert reader(f"203.0.113.{50 + n}").get(article.get_absolute_url()).status_code == 200
        finally:
            done.set()
            acceptor.join(5)
            for connection_to_us in accepted:
                connection_to_us.close()
    assert article_views(article) == 5
    assert len(accepted) == 1  # one try timed out; every later call failed at once instead of waiting


# --- Redis stopped and started again: a private server --------------------------------------------------


@pytest.fixture
def private_redis():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()

    class Server:
        process = None

        def start(self):
            self.process = subprocess.Popen(  # noqa: S603 (our own arguments)
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    return
                except OSError:
                    time.sleep(0.05)
            raise RuntimeError("the private redis-server did not start")

        def stop(self):
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    server = Server()
    server.port = port
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def test_counting_goes_on_while_redis_is_stopped_and_the_fast_path_comes_back_by_itself(site, private_redis):
    _, article = site
    url = article.get_absolute_url()
    with override_settings(CACHES=redis_cache(private_redis.port)):
        forget_process_state()
        browser = reader("203.0.113.20")
        browser.get(url)
        browser.get(url)
        with CaptureQueriesContext(connection) as fast:
            assert browser.get(url).status_code == 200
        assert fast.captured_queries == []  # a returning reader: everything from the caches

        private_redis.stop()
        for n in range(3):
            assert reader(f"203.0.113.{30 + n}").get(url).status_code == 200
            assert browser.get(url).status_code == 200
        assert article_views(article) == 4

        private_redis.start()  # empty, as after a restart
        caching.forget()  # as one second later: the generation is read again, the pause is over
        sharedcache.pause.end()
        browser.get(url)  # the database finds the reader's hit; the cache remembers it again
        with CaptureQueriesContext(connection) as back:
            html = browser.get(url).content.decode()
        assert back.captured_queries == []
        assert 'data-stat="views">4<' in html
        assert article_views(article) == 4


def commands_sent(server, call):
    """The commands this site sent to the Redis `server` while `call()` ran, as MONITOR sees them (those run
    inside a script not included)."""
    import redis

    seen = []
    started = threading.Event()
    end = f"end-of-watch-{time.monotonic_ns()}"
    ender = redis.Redis(port=server.port)
    ender.ping()  # connected before the watch starts

    def watch():
        with redis.Redis(port=server.port).monitor() as monitor:
            started.set()
            for command in monitor.listen():
                if end in command["command"]:
                    return
                if command.get("client_type") != "lua":
                    seen.append(command["command"].split()[0])

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started.wait(5)
    time.sleep(0.1)  # MONITOR is registered once the server has answered it
    call()
    ender.get(end)
    watcher.join(5)
    return seen


def test_a_new_reader_costs_two_round_trips_with_redis_and_a_returning_one_one(site, private_redis, monkeypatch):
    _, article = site
    url = article.get_absolute_url()
    monkeypatch.setattr(stats, "STATS_SECONDS", 600)  # the sidebar's figures stay in memory through the test
    with override_settings(CACHES=redis_cache(private_redis.port)):
        forget_process_state()
        reader("203.0.113.40").get(url)
        reader("203.0.113.41").get(url)  # the page and the figures are in this process; Redis knows the script
        newcomer = reader("203.0.113.42")
        # One read (is this reader counted?), then, after the commit, one script: the marker, the total, the minute.
        assert commands_sent(private_redis, lambda: newcomer.get(url)) == ["MGET", "EVALSHA"]
        # Returning: its marker is known in this process; the total is read (the same on every app server).
        assert commands_sent(private_redis, lambda: newcomer.get(url)) == ["MGET"]
        assert article_views(article) == 3
        assert cache.ttl(f"views:article:{article.slug}") > 0
        assert cache.get(f"views:article:{article.slug}") == 3


# --- A worker killed between deciding and committing (PostgreSQL) -------------------------------------

CHILD = """
import sys
import django

django.setup()
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from news.counting.reading import Reading
from news.models import Article

article = Article.objects.get(pk=int(sys.argv[1]))
request = RequestFactory().get(article.get_absolute_url(), HTTP_USER_AGENT=sys.argv[2], REMOTE_ADDR=sys.argv[3])
request.user = AnonymousUser()
reading = Reading(request)
reading.cache_ops(article=article.slug)
print("deciding", flush=True)
reading.settle(article_pk=article.pk)
print("settled", flush=True)
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_before_its_commit_leaves_no_marker_and_the_retry_counts():
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.skip("needs REDIS_URL: the worker and the test share the cache")
    article = ArticleFactory(slug="bai-viet-worker-bi-giet")
    assert reader("203.0.113.50").get(article.get_absolute_url()).status_code == 200  # another reader's view
    assert HitCount.objects.filter(object_pk=article.pk).exists()  # the total's row, which the blocker locks
    address, agent = "203.0.113.51", BROWSER
    hit_key = f"hit:article:{article.slug}:{address_id(address, agent)}"
    settings_dict = connection.settings_dict
    database_url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    )

    with override_settings(CACHES=redis_cache_url(redis_url)):
        cache.delete(hit_key)
        blocker = psycopg2.connect(database_url)
        try:
            with blocker.cursor() as cursor:  # holds the article's total: the worker's write waits for it
                cursor.execute("SELECT id FROM hitcount_hit_count WHERE object_pk = %s FOR UPDATE", [article.pk])
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, "-c", CHILD, str(article.pk), agent, address],
                cwd=ROOT,
                env={
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "lddsite.settings.test",
                    "TEST_CACHE": "redis",
                    "DATABASE_URL": database_url,
                    "CACHE_KEY_PREFIX": "lddsite-failures",
                },
                stdout=subprocess.PIPE,
                text=True,
            )
            assert worker.stdout.readline().strip() == "deciding"
            wait_for_lock_waiter(blocker)
            worker.send_signal(signal.SIGKILL)  # mid-write: decided, not committed
            worker.wait(timeout=10)
        finally:
            blocker.rollback()
            blocker.close()

        assert cache.get(hit_key) is None  # nothing remembered of a write that never answered
        retry = reader(address).get(article.get_absolute_url())
        assert retry.status_code == 200
        assert Hit.objects.filter(session=address_id(address, agent)).count() == 1  # counted, once
        assert article_views(article) == 2
        assert 'data-stat="views">2<' in retry.content.decode()


def redis_cache_url(url):
    found = redis_cache(0)
    found["default"]["LOCATION"] = url
    return found


def wait_for_lock_waiter(blocker, timeout=90):
    """Until a backend waits for a lock on the counter function's call (the worker's write)."""
    deadline = time.monotonic() + timeout
    with blocker.cursor() as cursor:
        while time.monotonic() < deadline:
            # The blocker's open transaction keeps its first look at pg_stat_activity: ask for a fresh one.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
                ["%news_count_reading%"],
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the worker's write never reached the database")


# --- Search results kept: bounded, only found and only for readers ----------------------------------------


def test_search_pages_are_kept_only_when_found_for_readers_and_within_their_bound(settings):
    settings.SEARCH_CACHE_ENTRIES = 20
    for n in range(3):
        ArticleFactory(title=f"Công đoàn cơ sở số {n}")
    browser = reader("203.0.113.60")
    for n in range(60):
        assert browser.get(f"/tim-kiem/?q=cong+doan+{n % 3}").status_code == 200
        browser.get(f"/tim-kiem/?q=khong+co+ket+qua+{n}")  # nothing found: never kept
    bot = Client(headers={"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})
    for n in range(30):
        bot.get(f"/tim-kiem/?q=so+{n}")
    assert pagecache.kept_search_pages() == 3
    for n in range(60):
        browser.get(f"/tim-kiem/?q=so+{n}")  # found ("số 0", "số 1" …) or not: never more than the bound
    assert pagecache.kept_search_pages() <= 20
    assert not [key for key in cache._cache if ":page:" in key and "tim-kiem" in key]


def test_pages_kept_in_process_memory_stay_within_their_size_and_the_latest_are_answered_early(settings):
    settings.PAGE_CACHE_MB = 1
    category = CategoryFactory()
    articles = [ArticleFactory(category=category, body="<p>" + "Công đoàn cơ sở. " * 2000 + "</p>") for _ in range(40)]
    browser = reader("203.0.113.61")
    for article in articles:
        assert browser.get(article.get_absolute_url()).status_code == 200
    kept = pagecache.kept_page_bytes()
    assert 512 * 1024 < kept <= 2**20  # about 35 KB a page: some, not all, of the 40 pages
    with CaptureQueriesContext(connection) as queries:
        html = browser.get(articles[-1].get_absolute_url()).content.decode()
    assert articles[-1].title in html
    assert not [query for query in queries.captured_queries if "news_article" in query["sql"]]


def test_search_pages_are_never_put_in_the_shared_cache():
    ArticleFactory(title="Công đoàn cơ sở")
    reader("203.0.113.61").get("/tim-kiem/?q=cong+doan")
    shared_pages = [cache.get(key.split(":", 2)[2]) for key in list(cache._cache) if ":page:" in key]
    assert shared_pages == []
    assert pagecache.kept_search_pages() == 1


# --- Early answers -----------------------------------------------------------------------------------


def test_an_early_answer_carries_the_headers_of_the_full_answer(site, monkeypatch):
    _, article = site
    url = article.get_absolute_url()
    reader("203.0.113.70").get(url)  # rendered and kept
    full = reader("203.0.113.71").get(url)  # from the page cache, through the whole stack: headers kept

    from django.urls.resolvers import URLResolver

    def no_resolving(*args, **kwargs):
        raise AssertionError("the URL resolver ran")

    monkeypatch.setattr(URLResolver, "resolve", no_resolving)
    early = reader("203.0.113.72").get(url)
    assert early.status_code == 200
    assert {k: v for k, v in early.items() if k != "Content-Length"} == {
        k: v for k, v in full.items() if k != "Content-Length"
    }
    assert early["Content-Length"] == str(len(early.content))
    assert "lv" in early.cookies and early.cookies["lv"]["httponly"]
    assert article_views(article) == 3


@pytest.mark.django_db(transaction=True)  # committed content: the generation is the one every process reads
def test_a_url_answered_in_full_by_one_process_is_answered_early_by_the_others(site, monkeypatch):
    category, article = site
    urls = ["/", category.get_absolute_url(), article.get_absolute_url()]
    full = {}
    for url in urls:
        reader("203.0.113.80").get(url)  # rendered and kept
        full[url] = reader("203.0.113.81").get(url)  # through the whole stack: its entry goes to Redis too

    from django.urls.resolvers import URLResolver

    def no_resolving(*args, **kwargs):
        raise AssertionError("the URL resolver ran")

    pagecache.forget()  # another process: nothing of these pages in its memory
    monkeypatch.setattr(URLResolver, "resolve", no_resolving)
    for url in urls:
        early = reader("203.0.113.82").get(url)
        assert early.status_code == 200
        assert early.content.decode().count(article.title) >= 1
        assert {k: v for k, v in early.items() if k != "Content-Length"} == {
            k: v for k, v in full[url].items() if k != "Content-Length"
        }
    assert article_views(article) == 3

    # A content change: the shared entries of the old generation are not used.
    monkeypatch.undo()
    article.title = "Tiêu đề mới"
    article.save()
    pagecache.forget()
    html = reader("203.0.113.83").get(article.get_absolute_url()).content.decode()
    assert "Tiêu đề mới" in html


@pytest.mark.django_db(transaction=True)
def test_a_url_that_is_no_page_is_looked_up_in_redis_once_per_generation(site, monkeypatch):
    asked = []
    real = cache.get

    def get(key, *args, **kwargs):
        if key.startswith("early:"):
            asked.append(key)
        return real(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get)
    for _ in range(3):
        assert reader("203.0.113.90").get("/khong-co-trang-nay/").status_code == 404
    assert len(asked) == 1
    ArticleFactory(title="Tin mới")  # a new generation: asked again, once
    for _ in range(3):
        reader("203.0.113.90").get("/khong-co-trang-nay/")
    assert len(asked) == 2


def test_only_get_and_head_without_a_session_are_answered_early(site, monkeypatch):
    _, article = site
    url = article.get_absolute_url()
    reader("203.0.113.73").get(url)
    reader("203.0.113.74").get(url)
    calls = []
    real = pagecache.serve
    monkeypatch.setattr(pagecache, "serve", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    reader("203.0.113.75").get(url)
    reader("203.0.113.75").head(url)
    assert calls == []  # answered before the view
    reader("203.0.113.75").post(url)
    staff = Client(headers={"User-Agent": BROWSER})
    staff.force_login(UserFactory(is_staff=True))
    assert staff.get(url).status_code == 200
    assert len(calls) == 1  # the staff page went down the stack (the POST never reached the page cache)


def test_an_edit_is_shown_at_once_by_the_process_that_made_it(site):
    _, article = site
    url = article.get_absolute_url()
    reader("203.0.113.76").get(url)
    reader("203.0.113.77").get(url)
    article.title = "Tiêu đề đã sửa"
    article.save()
    assert "Tiêu đề đã sửa" in reader("203.0.113.78").get(url).content.decode()


def test_visit_counters_are_spread_over_slots_and_summed(settings):
    settings.VISIT_COUNTER_SLOTS = 4
    for n in range(40):
        reader(f"203.0.114.{n + 1}").get("/")
    per_slot = VisitCounter.objects.filter(period=VisitCounter.Period.ALL)
    assert sum(per_slot.values_list("visits", flat=True)) == 40
    assert 1 < per_slot.count() <= 4
    assert stats.compute_site_stats(now=article_time())["total"] == 40
