"""Time (and optionally profile) whole requests in one process, without gunicorn or wrk.

    .venv/bin/python bench/inprocess.py SCENARIO [REQUESTS] [--profile tottime|cumtime]

Runs against the database, Redis and lists of the last `bench/run.py` (its default servers;
bench/out/articles.txt and visitors.txt), through Django's WSGI handler with the full middleware stack, as a browser would
send the request. Scenarios:

  bare       the bare view (bench/urls.py)
  home       the home page, a returning visitor
  category   a category page, a returning visitor
  returning  an article the visitor has read (counts nothing)
  new        a new visitor on an article read before (page cached): a counted view and a visit
  cold       a new visitor on an article picked at random (mostly not cached): render and count
  search     the six search queries of the load test in turn

Numbers vary with what else the machine does; compare runs made back to back.
"""

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

BROWSER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile"
SEARCHES = ["công đoàn", "sáng kiến", "Tết Sum vầy", "an toan ve sinh lao dong", "Vĩnh Châu", "đối thoại"]


def environ(path, *, cookie=None, address=None):
    path, _, query = path.partition("?")
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": urllib.parse.unquote(path),
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_USER_AGENT": BROWSER_AGENT,
        "HTTP_ACCEPT_LANGUAGE": "vi-VN,vi;q=0.9",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    if cookie:
        env["HTTP_COOKIE"] = f"lv={cookie}"
    if address:  # 127.0.0.1 is the trusted proxy in bench.settings
        env["HTTP_X_FORWARDED_FOR"] = address
    return env


def request_for(scenario, n, visitors, articles):
    """The WSGI environ of request number `n` of `scenario`."""
    cookie, address, read = visitors[n % len(visitors)]
    fresh = f"10.{200 + n // 65536 % 50}.{n // 256 % 256}.{n % 256}"  # a new visitor's own address
    if scenario == "bare":
        return environ("/bench/bare/")
    if scenario == "home":
        return environ("/", cookie=cookie)
    if scenario == "category":
        return environ("/chuyen-muc/tin-tuc-su-kien/", cookie=cookie)
    if scenario == "returning":
        return environ(read, cookie=cookie, address=address)
    if scenario == "new":
        return environ(read, address=fresh)
    if scenario == "cold":
        return environ(random.choice(articles), address=fresh)  # noqa: S311 (not security)
    return environ("/tim-kiem/?" + urllib.parse.urlencode({"q": SEARCHES[n % len(SEARCHES)]}), cookie=cookie)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("scenario", choices=["bare", "home", "category", "returning", "new", "cold", "search"])
    parser.add_argument("requests", type=int, nargs="?", default=1000)
    parser.add_argument(
        "--profile",
        choices=["tottime", "cumtime", "parts"],
        help="print a cProfile of a second pass (parts: its time added up by part of the path)",
    )
    parser.add_argument("--database", default="lddsite_bench", help="the database bench/run.py used (--database)")
    args = parser.parse_args()

    from bench import run as runner

    os.environ.update(
        runner.bench_env(runner.parse_args(["--database", args.database]))
    )  # the runner's settings, database and Redis
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    visitors = [line.split("\t") for line in (OUT / "visitors.txt").read_text().splitlines() if line]
    articles = [line for line in (OUT / "articles.txt").read_text().splitlines() if line]
    # New visitors get addresses no earlier run used (each run starts at a random place among 3,2 million).
    counter = iter(range(random.randrange(50 * 65536), 10**9))

    def call():
        statuses = []
        request = request_for(args.scenario, next(counter), visitors, articles)
        b"".join(app(request, lambda status, headers: statuses.append(status)))
        return statuses[0]

    first = call()
    for _ in range(50):  # connections, templates, caches
        call()
    started = time.perf_counter()
    for _ in range(args.requests):
        call()
    elapsed = time.perf_counter() - started
    print(f"{args.scenario}: {elapsed / args.requests * 1000:.2f} ms per request ({first})")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            call()
        profile.disable()
        if args.profile == "parts":
            print_parts(pstats.Stats(profile), args.requests)
        else:
            pstats.Stats(profile).sort_stats(args.profile).print_stats(35)


# Where a function's own time goes, by the first pattern its file or name matches.
PARTS = [
    ("PostgreSQL (libpq call, ORM)", ("psycopg2", "/django/db/")),
    ("Redis (socket I/O, redis-py, django-redis)", ("_socket.socket", "/redis/", "/django_redis/")),
    ("templates", ("/django/template/",)),
    ("page cache, live parts", ("/news/pagecache.py", "/news/live.py", "/news/lru.py", "/news/caching.py")),
    ("counting (readers, reading, markers, stats)", ("/news/counting/",)),
    ("signed cookie, response, headers", ("/django/core/signing", "/django/http/", "http/cookies", "hmac", "hashlib")),
    (
        "Django handler, middleware stack, URL resolver",
        (
            "/django/core/handlers/",
            "/django/urls/",
            "/django/middleware/",
            "/django/utils/deprecation",
            "/csp/",
            "/axes/",
            "/allauth/",
            "/django_otp/",
            "/simple_history/",
            "/whitenoise/",
            "/security/",
            "/django/contrib/",
        ),
    ),
    (
        "formats, translation, time zones",
        (
            "/django/utils/formats",
            "/django/utils/translation",
            "zoneinfo",
            "/django/utils/timezone",
            "/asgiref/",
            "numberformat",
        ),
    ),
]


def print_parts(stats, requests):
    """The profile's own times added up by part, in milliseconds per request and as shares of the whole."""
    totals = dict.fromkeys([name for name, _ in PARTS] + ["other Python"], 0.0)

    def part_of(filename, function):
        where = f"{filename} {function}"
        return next((name for name, patterns in PARTS if any(p in where for p in patterns)), None)

    for (filename, _line, function), (_cc, _nc, own, _cum, callers) in stats.stats.items():
        part = part_of(filename, function)
        if part is None and filename == "~" and callers:
            # A built-in (getattr, dict.get, str.encode …): its time goes to the parts that called it.
            called = sum(entry[2] for entry in callers.values()) or 1
            for (c_file, _c_line, c_function), entry in callers.items():
                totals[part_of(c_file, c_function) or "other Python"] += own * entry[2] / called
            continue
        totals[part or "other Python"] += own
    whole = sum(totals.values())
    print(f"{'part':<50} {'ms/request':>10} {'share':>7}")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"{name:<50} {seconds / requests * 1000:>10.3f} {seconds / whole:>7.1%}")
    print(f"{'all (profiled)':<50} {whole / requests * 1000:>10.3f}")


if __name__ == "__main__":
    main()
