"""Load benchmark of the production configuration: gunicorn + PostgreSQL + Redis on 127.0.0.1, loaded by wrk.

    .venv/bin/python bench/run.py [--duration 20] [--connections 16] [--threads 2] [--skip-generate]

One command on a machine with PostgreSQL (127.0.0.1:5432, user postgres, trust auth), Redis
(127.0.0.1:6379) and wrk (`apt-get install wrk`). It creates the database (lddsite_bench),
migrates, generates 20.000 articles (bench/generate_news.py) and 1.000 units × 1.000.000
initiatives (bench/initiatives_data.py, when present), collects static files, starts gunicorn with
deploy/gunicorn.conf.py and bench.settings, and runs one wrk load per scenario. It prints and
writes to docs/benchmarks.md: requests/s, p50/p99 latency, the ratio to a bare Django view served
by the same gunicorn, SQL queries per request, the budgets, and checks that the view and visit
counters moved by exactly the number of counted requests. See bench/README.md.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = OUT / "results.json"
WRK_DIR = "bench/wrk"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BROWSER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
)
SEARCH_QUERIES = ["công đoàn", "sáng kiến", "Tết Sum vầy", "an toan ve sinh lao dong", "Vĩnh Châu", "đối thoại"]
RETURNING_VISITORS = 1000
# Declares itself a bot (news/counting/readers.py): it counts no view and no visit.
CRAWLER_AGENT = "lddsite-bench-crawler/1.0 (bot)"
# The campaign bench/initiatives_data.py creates (1.000 units, 1.000.000 initiatives).
CAMPAIGN_SLUG = "bench-1-trieu-sang-kien"
# Budgets (2 cores, 16 connections): throughput as a share of the minimal Django project's hello world.
PUBLIC_P99_MS = 50
CAMPAIGN_P99_MS = 300


@dataclass
class Scenario:
    key: str
    title: str
    shown_path: str
    script: str
    args: list
    ratio_budget: float | None = None
    p99_budget_ms: float | None = PUBLIC_P99_MS
    counted: bool = False  # every 200 is a new view and a new visit
    server: str = "site"  # "site", "minimal" (bench/minimal/) or "no_redis" (the site with Redis stopped)
    result: dict = field(default_factory=dict)
    check: dict = field(default_factory=dict)
    queries: dict = field(default_factory=dict)


def num(value, decimals=0):
    """A number the Vietnamese way, as the rest of the site prints them: 20.000, 7,1."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


# --- Environment --------------------------------------------------------------


def ensure_django_python():
    """Re-run with the project's virtualenv when started with a Python that lacks Django.

    On a fresh checkout the virtualenv is made first, as ./scripts/test makes it (scripts/_venv.sh).
    """
    try:
        import django  # noqa: F401
    except ImportError:
        if Path(sys.executable) == VENV_PYTHON:
            sys.exit("Django is missing from .venv: remove .venv and run bench/run.py again")
        log("making the virtualenv .venv (scripts/_venv.sh requirements-dev.txt)")
        subprocess.run(
            ["bash", "-c", 'source scripts/_venv.sh "$1"', "_venv", "requirements-dev.txt"], cwd=ROOT, check=True
        )
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])  # noqa: S606 (fixed path, our own script)


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: installing the Debian package")
        subprocess.run(["apt-get", "update", "-qq"], check=False, timeout=300)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, timeout=600)
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    return shutil.which("wrk")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(args):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"{args.postgres.rstrip('/')}/{args.database}",
            "REDIS_URL": args.redis_url,
            "CACHE_KEY_PREFIX": "lddsite-bench",
            "SECRET_KEY": "bench-only-key-not-for-production-" + "k" * 32,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "MEDIA_ROOT": str(OUT / "media"),
            "STATIC_ROOT": str(OUT / "static"),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def run(cmd, env, timeout, **kwargs):
    log("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], env=env, cwd=ROOT, check=True, timeout=timeout, **kwargs)


def recreate_database(args):
    import psycopg2

    connection = psycopg2.connect(f"{args.postgres.rstrip('/')}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{args.database}"')
    connection.close()


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def machine_load():
    load = os.getloadavg()
    return f"load average {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (1, 5, 15 min)"


# --- Data -----------------------------------------------------------------------


def generate_data(args, env):
    run(
        [sys.executable, "bench/generate_news.py", "--articles", args.articles, *(["--reset"] if args.reset else [])],
        env,
        timeout=3600,
    )
    initiatives = ROOT / "bench" / "initiatives_data.py"
    if args.no_campaign:
        log("--no-campaign: no campaign data")
    elif initiatives.exists():
        run(
            [
                sys.executable,
                "bench/initiatives_data.py",
                "--units",
                1000,
                "--initiatives",
                1_000_000,
                "--slug",
                CAMPAIGN_SLUG,
            ],
            env,
            timeout=3 * 3600,
        )
    else:
        log("bench/initiatives_data.py is not there yet: the campaign scenarios are skipped")
    analyze(args)


def analyze(args):
    """VACUUM ANALYZE after the bulk load, as autovacuum would do shortly on a live site.

    Without statistics the planner takes the fresh tables for nearly empty and picks plans that
    only suit a handful of rows.
    """
    import psycopg2

    log("VACUUM ANALYZE")
    connection = psycopg2.connect(f"{args.postgres.rstrip('/')}/{args.database}")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def site_lists():
    """What the scenarios ask for: article paths, category paths, search paths, the campaign's paths."""
    from news.models import Article, Category

    articles = [a.get_absolute_url() for a in Article.objects.published().order_by("id").only("slug")]
    categories = [c.get_absolute_url() for c in Category.objects.all()]
    searches = ["/tim-kiem/?" + urllib.parse.urlencode({"q": q}) for q in SEARCH_QUERIES]
    campaign = None
    try:
        from initiatives.models import Campaign

        campaign = Campaign.objects.filter(slug=CAMPAIGN_SLUG).only("slug").first()
    except ImportError as exc:
        log(f"no campaign to load: {exc}")
    return articles, categories, searches, campaign


def counter_totals():
    """(sum of article views, number of hits, all-time visits) straight from the database."""
    from django.db.models import Sum
    from hitcount.models import Hit, HitCount

    from news.models import VisitCounter

    views = HitCount.objects.aggregate(total=Sum("hits"))["total"] or 0
    hits = Hit.objects.count()
    visits = VisitCounter.objects.filter(period=VisitCounter.Period.ALL).aggregate(total=Sum("visits"))["total"] or 0
    return {"views": views, "hits": hits, "visits": visits}


# --- Server ---------------------------------------------------------------------


class Server:
    """One gunicorn instance with deploy/gunicorn.conf.py: the site, the minimal project, or the site without Redis."""

    def __init__(self, env, port, args, *, name="gunicorn", app="lddsite.wsgi:application", ready_path="/bench/bare/"):
        self.port = port
        self.name = name
        self.ready_path = ready_path
        self.base = f"http://127.0.0.1:{port}"
        server_env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_LOG_LEVEL="warning")
        if args.workers:
            server_env["WEB_CONCURRENCY"] = str(args.workers)
        if args.gunicorn_threads:
            server_env["GUNICORN_THREADS"] = str(args.gunicorn_threads)
        self.log_file = open(OUT / f"{name}.log", "w")  # noqa: SIM115
        cmd = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", app]
        log("$ " + " ".join(cmd) + f"  (GUNICORN_BIND=127.0.0.1:{port})")
        self.process = subprocess.Popen(
            cmd, env=server_env, cwd=ROOT, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see bench/out/{self.name}.log")
            try:
                with urllib.request.urlopen(self.base + self.ready_path, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see bench/out/{self.name}.log")

    def workers(self):
        """Process ids of the master's workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log_file.close()


def get(url, headers, timeout=30):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_AGENT, **headers})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        response.read()
        return response.status, response.headers.get_all("Set-Cookie") or []


def bump_generation():
    """What any save of an article, category, video or link does: cached pages are rendered again."""
    from news import caching

    caching.bump()


def prime_pages(server, article_paths):
    """Read every article once as a crawler (which counts nothing), so each page is in the cache."""
    started = time.monotonic()

    def read(path):
        request = urllib.request.Request(server.base + path, headers={"User-Agent": CRAWLER_AGENT})  # noqa: S310
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(read, article_paths, timeout=1800))
    log(
        f"read {num(len(article_paths))} articles as a crawler in {time.monotonic() - started:.0f} s: their pages are cached"
    )


def create_returning_visitors(server, article_paths, count):
    """Visit once as `count` new visitors, each reading one article; keep each one's signed `lv` cookie.

    Returns lines "cookie<TAB>address<TAB>path" for bench/wrk/articles_returning.lua and paths.lua.
    """
    chosen = article_paths[-count:]

    def visit(i):
        path = chosen[i % len(chosen)]
        address = f"10.250.{i // 256}.{i % 256}"
        status, cookies = get(server.base + path, {"X-Forwarded-For": address})
        for cookie in cookies:
            match = re.match(r"lv=([^;]+)", cookie)
            if match and status == 200:
                return f"{match.group(1).strip(chr(34))}\t{address}\t{path}"
        raise RuntimeError(f"no lv cookie from {path} (status {status})")

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(visit, range(count), timeout=600))


# --- wrk ------------------------------------------------------------------------


def run_wrk(wrk, base, scenario, *, duration, connections, threads, args=None):
    script_args = [str(a) for a in (args if args is not None else scenario.args)]
    cmd = [
        wrk,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={WRK_DIR}/{scenario.script}",
        base + scenario.shown_path.split(" ")[0],
        "--",
        *script_args,
    ]
    completed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=duration + 60, check=False)
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            result = json.loads(line.removeprefix("BENCH_RESULT "))
            seconds = result["duration_us"] / 1e6
            result["rps"] = result["requests"] / seconds if seconds else 0.0
            result["ok_rps"] = result["ok"] / seconds if seconds else 0.0
            return result
    raise RuntimeError(f"wrk gave no result for {scenario.key}:\n{completed.stdout}\n{completed.stderr}")


def wait_idle(timeout=60):
    """Wait (at most `timeout` s) until PostgreSQL runs no query for the app: requests wrk gave up on still run."""
    from django.db import connection

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state = 'active' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.5)
    log(f"PostgreSQL still busy after {timeout} s")


def settle_totals(timeout=10):
    """Counter totals once two reads a second apart agree (counting is synchronous; this is a safety margin)."""
    from django.db import connection

    previous = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection.close()
        totals = counter_totals()
        if totals == previous:
            return totals
        previous = totals
        time.sleep(1)
    return previous


_runs = iter(range(int(time.time()) % 60000, 10**9))


def next_run():
    """A number of its own for each load of new visitors (bench/wrk/articles_new.lua RUN): new addresses."""
    return next(_runs)


def exact_check(wrk, server, scenario, args, articles, *, offset_share=0.5, kill_worker=False):
    """A run whose last seconds go to the bare view, so no counted request is left in flight when wrk stops.

    Each counted request is a new visitor reading an article: views and visits must each grow by exactly
    the number of article pages wrk received (200). With `kill_worker`, one gunicorn worker is killed
    with SIGKILL halfway: the requests it had in flight get no answer, and each of them is counted at
    most once (its write may have committed before the worker died); every answered one exactly once.
    """
    duration = args.check_duration
    before = settle_totals()
    switch_at = int(time.time()) + duration - 2  # whole seconds, as the Lua script compares with os.time()
    killed = []
    if kill_worker:

        def kill():
            workers = server.workers()
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])

        timer = threading.Timer(duration / 2, kill)
        timer.start()
    lines = len(Path(articles).read_text().splitlines())
    result = run_wrk(
        wrk,
        server.base,
        scenario,
        duration=duration,
        connections=args.connections,
        threads=args.threads,
        args=[articles, args.threads, int(lines * offset_share), switch_at, next_run()],
    )
    wait_idle()
    after = settle_totals()
    counted = result["ok"] - result.get("bare_ok", 0)
    views = after["views"] - before["views"]
    hits = after["hits"] - before["hits"]
    visits = after["visits"] - before["visits"]
    unanswered = failed_requests(result)
    if kill_worker:
        passed = bool(killed) and views == hits == visits and counted <= views <= counted + unanswered
    else:
        passed = views == counted and visits == counted and hits == counted
    return {
        "counted_requests": counted,
        "views_delta": views,
        "hits_delta": hits,
        "visits_delta": visits,
        "unanswered": unanswered,
        "killed_worker": killed[0] if killed else None,
        "passed": passed,
    }


# --- SQL queries per request -------------------------------------------------------


def query_counts(scenarios, visitors, article_paths):
    """Queries per request with django.test.Client at the benchmark's data size: cache cold, then warm."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def measure(path, cookie=None):
        client = Client(HTTP_USER_AGENT=BROWSER_AGENT)
        if cookie:
            client.cookies["lv"] = cookie
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        session_cookie = "sessionid" in response.cookies
        return response.status_code, len(queries), session_cookie

    cookie, _, returning_path = visitors[0].split("\t")
    fresh = iter(article_paths[len(article_paths) // 3 :])
    sessions = []
    for scenario in scenarios:
        key = scenario.key
        if scenario.server != "site":
            continue  # another project, or the site without Redis: measured on the site itself
        if key in ("articles_new", "articles_cold"):
            cache.clear()
            status, cold, s1 = measure(next(fresh))
            path = next(fresh)
            measure(path)  # another new visitor renders it first
            _, warm, s2 = measure(path)
        elif key == "articles_returning":
            cache.clear()
            status, cold, s1 = measure(returning_path, cookie)
            _, warm, s2 = measure(returning_path, cookie)
        else:
            path = scenario.shown_path.split(" ")[0]
            use_cookie = None if key == "bare" else cookie
            cache.clear()
            status, cold, s1 = measure(path, use_cookie)
            _, warm, s2 = measure(path, use_cookie)
        scenario.queries = {"status": status, "cold": cold, "warm": warm}
        if s1 or s2:
            sessions.append(key)
    return sessions


# --- Report ---------------------------------------------------------------------


def failed_requests(result):
    """Answers other than 200, plus requests that got no answer (timeouts, broken connections)."""
    errors = sum(result["errors"].values()) - result["errors"]["status"]
    return result["other"] + errors


def budget_verdicts(scenario, baselines):
    """[(text, met)] for a scenario; `baselines`: requests/s of {"minimal": …, "bare": …}."""
    r = scenario.result
    if r["ok"] == 0:
        return [("no page answered in time", False)]
    verdicts = []
    if failed_requests(r):
        verdicts.append((f"{failed_requests(r)} failed requests", False))
    minimal_rps = baselines.get("minimal")
    if scenario.ratio_budget is not None and minimal_rps:
        ratio = r["ok_rps"] / minimal_rps
        verdicts.append((f"≥ {num(scenario.ratio_budget, 1)} × minimal", ratio >= scenario.ratio_budget))
    if scenario.p99_budget_ms is not None:
        p99 = r["latency_us"]["p99"] / 1000
        verdicts.append((f"p99 < {num(scenario.p99_budget_ms)} ms", p99 < scenario.p99_budget_ms))
    return verdicts


def baselines_of(scenarios):
    """Requests/s of the two baselines: the minimal Django project and the site's own bare view."""
    found = {}
    for scenario in scenarios:
        if scenario.key in ("minimal", "bare") and scenario.result:
            found[scenario.key] = scenario.result["ok_rps"]
    return found


def _share(rps, baseline):
    return f"{num(rps / baseline, 2)} ×" if baseline else "–"


def table(scenarios, baselines):
    lines = [
        "| Scenario | Path | Requests/s | p50 ms | p99 ms | share of minimal Django | share of bare view "
        "| SQL queries (warm / cold cache) | non-200 | Budget |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for s in scenarios:
        r = s.result
        if not r:
            continue
        q = s.queries
        queries = f"{q['warm']} / {q['cold']}" if q else "–"
        budgets = "; ".join(f"{'✅' if ok else '❌'} {text}" for text, ok in budget_verdicts(s, baselines)) or "–"
        non_ok = failed_requests(r)
        lines.append(
            f"| {s.title} | `{s.shown_path}` | {num(r['ok_rps'])} | {num(r['latency_us']['p50'] / 1000, 1)} "
            f"| {num(r['latency_us']['p99'] / 1000, 1)} | {_share(r['ok_rps'], baselines.get('minimal'))} "
            f"| {_share(r['ok_rps'], baselines.get('bare'))} | {queries} | {num(non_ok)} | {budgets} |"
        )
    return "\n".join(lines)


def versions(args):
    import django
    import psycopg2
    import redis

    found = {"Python": platform.python_version(), "Django": django.get_version()}
    try:
        found["gunicorn"] = (
            subprocess.run(
                [sys.executable, "-m", "gunicorn", "--version"], capture_output=True, text=True, timeout=30, check=False
            )
            .stdout.split()[-1]
            .strip(")")
        )
    except (IndexError, OSError, subprocess.SubprocessError):
        pass
    with psycopg2.connect(f"{args.postgres.rstrip('/')}/postgres") as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        found["PostgreSQL"] = cursor.fetchone()[0].split()[0]
    connection.close()
    found["Redis"] = redis.Redis.from_url(args.redis_url).info("server")["redis_version"]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=30, check=False)
    match = re.search(r"wrk (\S+)", wrk_version.stdout + wrk_version.stderr)
    found["wrk"] = match.group(1) if match else "?"
    return found


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def write_report(path, *, args, scenarios, checks, sessions, machine, command, data, started, finished):
    baselines = baselines_of(scenarios)
    verdicts = [ok for s in scenarios if s.result for _, ok in budget_verdicts(s, baselines)]
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py` (see `bench/README.md`); do not edit by hand. Reproduce with:",
        "",
        "```sh",
        command,
        "```",
        "",
        f"Run {started:%d/%m/%Y %H:%M}–{finished:%H:%M} UTC. "
        f"{args.connections} connections, {args.threads} wrk threads, {args.duration} s per scenario "
        f"after a {args.warmup} s warm-up. gunicorn from `deploy/gunicorn.conf.py` "
        f"({machine['workers']}), settings `bench.settings` (production settings over plain HTTP), "
        "PostgreSQL and Redis on the same machine. wrk, gunicorn, PostgreSQL and Redis share the CPU cores, "
        "so absolute figures are low; the shares of the minimal Django project's hello world (same gunicorn "
        "settings) are what the budgets compare. The machine is shared with other work: the load average "
        "below tells how quiet it was.",
        "",
        f"Machine: {machine['cpus']} CPU cores ({machine['cpu_model']}), {machine['memory']}. "
        + ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
        + ".",
        f"Load before: {machine['load_before']}. Load after: {machine['load_after']}.",
        "",
        f"Data: {data}.",
        "",
        "## Results",
        "",
        table(scenarios, baselines),
        "",
        f"Budgets met: {sum(verdicts)} of {len(verdicts)}.",
        "",
        "Requests/s counts 200 answers. Latency is wrk's, from sending a request to the end of its answer. "
        "SQL queries are counted by a separate pass with `django.test.Client` against the same database: "
        "*warm* is the normal case (page fragments in the cache), *cold* right after the cache is emptied.",
        "",
        "## Scenarios",
        "",
        "- **Minimal Django** (`bench/minimal/`): a project as `django-admin startproject` makes it (its default "
        "middleware), one hello-world view, no query, under the same gunicorn settings: the outside baseline.",
        "- **Bare Django view** (`/bench/bare/`, in `bench/urls.py`): an `HttpResponse` through the site's full "
        "middleware stack, no template, no query: the site's own ceiling.",
        "- **… Redis stopped**: the same loads against a second instance of the site whose `REDIS_URL` points at a "
        "port where nothing listens: every answer must still be 200 and the counts exact.",
        "- **Home**, **category page 1** (the 15 categories in turn), **search** (Vietnamese queries, with and "
        "without diacritics) and the **campaign** pages are read by returning visitors: each request carries one "
        f"of {num(RETURNING_VISITORS)} signed `lv` visitor cookies captured beforehand (a reader inside the visit "
        "window costs no write).",
        "- **Articles, new visitors**: no cookie and a different article on each request, each with its own "
        "address in `X-Forwarded-For` (127.0.0.1 is the trusted proxy, as nginx would be): every request is a "
        "counted view *and* a new visit, so it writes the Hit, the article's total, three visit counters and "
        "the visitor's presence. Two loads: **page not cached** right after a content change (the runner moves "
        "the content generation on, as any save does), so every request also renders its article page; then, "
        "after a crawler (which counts nothing) has read every article once, the usual case where the page "
        "is in the cache and only the counting is left. The budget applies to the second.",
        f"- **Articles, returning visitors**: one of the {num(RETURNING_VISITORS)} cookies, each asking for the "
        "article that visitor already read: no request counts anything.",
        "",
        "## Counters",
        "",
        'After each load the runner reads the totals from PostgreSQL: the sum of `HitCount.hits` ("Lượt xem"), '
        "the number of `Hit` rows and the all-time `VisitCounter`.",
        "",
        "| Load | Counted requests (200) | Unanswered | Views added | Hits added | Visits added | Exact |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, check in checks:
        lines.append(
            f"| {name} | {num(check['counted_requests'])} | {num(check.get('unanswered', 0))} "
            f"| {num(check['views_delta'])} | {num(check['hits_delta'])} "
            f"| {num(check['visits_delta'])} | {'✅' if check['passed'] else '❌'} |"
        )
    lines += [
        "",
        "With a worker killed (SIGKILL) halfway through a run, the requests it had in flight get no answer: each "
        "of them may have been counted (its write committed before the worker died) but never twice, and every "
        "answered one exactly once, so the views added lie between the answered and the answered plus the "
        "unanswered, and views, hits and visits agree.",
        "",
        "Returning visitors and the other pages must add nothing. For new visitors wrk stops in the middle of "
        "requests it has already sent; the server still answers (and counts) them, so the exact check is a "
        f"separate {args.check_duration} s run whose last two seconds go to the bare view: no counted request is "
        "in flight when wrk stops, and every article page wrk received must be exactly one view and one visit.",
        "",
        "Anonymous pages that set a `sessionid` cookie: " + (", ".join(sessions) if sessions else "none") + ".",
        "",
    ]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():
        lines += ["## Analysis", "", notes.read_text().strip(), ""]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines), encoding="utf-8")


# --- Main -----------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Load benchmark of lddsite in its production configuration.")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per scenario (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per scenario (default 3)")
    parser.add_argument("--check-duration", type=int, default=8, help="seconds of the exact-count run (default 8)")
    parser.add_argument("--connections", type=int, default=16, help="open connections (default 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (WEB_CONCURRENCY; default from the config)")
    parser.add_argument("--gunicorn-threads", type=int, help="threads per gunicorn worker (GUNICORN_THREADS)")
    parser.add_argument("--skip-generate", action="store_true", help="reuse the existing database and data")
    parser.add_argument("--reset", action="store_true", help="regenerate the news data in the existing database")
    parser.add_argument("--articles", type=int, default=20_000, help="articles to generate (default 20000)")
    parser.add_argument("--no-campaign", action="store_true", help="leave out the campaign data and scenarios")
    parser.add_argument(
        "--sample",
        type=int,
        help="load only the first N published articles (the crawler that caches their pages reads only those)",
    )
    parser.add_argument("--database", default="lddsite_bench", help="PostgreSQL database (dropped and created)")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13", help="Redis database of its own (flushed)")
    parser.add_argument("--only", help="comma-separated scenario keys, e.g. bare,home")
    parser.add_argument("--output", default="docs/benchmarks.md", help="report file; '-' to write none")
    parser.add_argument(
        "--render-only", action="store_true", help="rewrite the report from the last run's bench/out/results.json"
    )
    args = parser.parse_args(argv)
    for name in ("duration", "warmup", "check_duration", "connections", "threads"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.check_duration < 4:
        parser.error("--check-duration must be at least 4 seconds")
    for url in (args.postgres, args.redis_url):
        host = urllib.parse.urlsplit(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            parser.error(f"only servers on this machine are benchmarked, not {host}")
    return args


def build_scenarios(articles_file, visitors_file, lists, args):
    articles, categories, searches, campaign = lists
    t = args.threads

    def write(name, paths):
        file = OUT / name
        file.write_text("\n".join(paths) + "\n")
        return file

    first_article = articles[0]
    scenarios = [
        Scenario(
            "minimal",
            "Minimal Django (startproject, hello world)",
            "/ (bench/minimal/)",
            "paths.lua",
            [write("minimal.txt", ["/"]), "-", t],
            None,
            None,
            server="minimal",
        ),
        Scenario(
            "bare",
            "Bare Django view",
            "/bench/bare/",
            "paths.lua",
            [write("bare.txt", ["/bench/bare/"]), "-", t],
            None,
            None,
        ),
        Scenario("home", "Home", "/", "paths.lua", [write("home.txt", ["/"]), visitors_file, t], 0.6),
        Scenario(
            "category",
            "Category, page 1",
            f"{categories[0]} (15 categories)",
            "paths.lua",
            [write("categories.txt", categories), visitors_file, t],
            0.6,
        ),
        # Right after a content change: every article page is rendered again by its first reader.
        Scenario(
            "articles_cold",
            "Article, new visitors, page not cached",
            f"{first_article.rsplit('/', 2)[0]}/<20.000 slugs>/",
            "articles_new.lua",
            [articles_file, t, 0],
            None,
            None,
            counted=True,
        ),
        # The usual case: the article has been read since the last content change, its page is cached.
        Scenario(
            "articles_new",
            "Article, new visitors",
            f"{first_article.rsplit('/', 2)[0]}/<20.000 slugs>/",
            "articles_new.lua",
            [articles_file, t, 0],
            0.3,
            counted=True,
        ),
        Scenario(
            "articles_returning",
            "Article, returning visitors",
            f"{first_article.rsplit('/', 2)[0]}/<their article>/",
            "articles_returning.lua",
            [visitors_file, t],
            0.6,
        ),
        # The same three loads with Redis stopped (a second instance whose REDIS_URL points at a closed port).
        Scenario(
            "home_no_redis",
            "Home, Redis stopped",
            "/",
            "paths.lua",
            [OUT / "home.txt", visitors_file, t],
            None,
            server="no_redis",
        ),
        Scenario(
            "articles_returning_no_redis",
            "Article, returning visitors, Redis stopped",
            f"{first_article.rsplit('/', 2)[0]}/<their article>/",
            "articles_returning.lua",
            [visitors_file, t],
            None,
            server="no_redis",
        ),
        Scenario(
            "articles_new_no_redis",
            "Article, new visitors, Redis stopped",
            f"{first_article.rsplit('/', 2)[0]}/<20.000 slugs>/",
            "articles_new.lua",
            [articles_file, t, 0],
            None,
            counted=True,
            server="no_redis",
        ),
    ]
    if campaign is not None and not args.no_campaign:
        progress = f"/sang-kien/{campaign.slug}/"
        tally = f"/sang-kien/{campaign.slug}/tong-hop.json"
        scenarios += [
            Scenario(
                "campaign",
                "Campaign progress",
                progress,
                "paths.lua",
                [write("campaign.txt", [progress]), visitors_file, t],
                None,
                CAMPAIGN_P99_MS,
            ),
            Scenario(
                "tally_json",
                "Campaign tally JSON",
                tally,
                "paths.lua",
                [write("tally.txt", [tally]), visitors_file, t],
                None,
                CAMPAIGN_P99_MS,
            ),
        ]
    # Last: searches that outlast wrk's timeout would otherwise still load the machine in the next scenario.
    scenarios.append(
        Scenario(
            "search",
            "Search",
            f"{searches[0]} ({len(searches)} queries)",
            "paths.lua",
            [write("search.txt", searches), visitors_file, t],
        )
    )
    if args.only:
        wanted = {k.strip() for k in args.only.split(",")}
        scenarios = [s for s in scenarios if s.key in wanted or s.key in ("bare", "minimal")]
    return scenarios


def main(argv=None):
    ensure_django_python()
    args = parse_args(argv)
    if args.render_only:
        if not RESULTS.exists():
            sys.exit("no bench/out/results.json: run the benchmark first")
        render(json.loads(RESULTS.read_text()), ROOT / args.output)
        log(f"wrote {args.output}")
        return 0
    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    started = datetime.now(UTC)
    wrk = ensure_wrk()
    OUT.mkdir(parents=True, exist_ok=True)
    env = bench_env(args)
    os.environ.update(env)
    load_before = machine_load()
    log(f"machine: {os.cpu_count()} cores, {load_before}")

    if not args.skip_generate:
        log(f"creating database {args.database}")
        recreate_database(args)
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=1800)
    if not args.skip_generate or args.reset:
        generate_data(args, env)
    else:  # the data is kept; the generator only draws the shared cover images if this checkout lacks them
        run([sys.executable, "bench/generate_news.py", "--articles", args.articles], env, timeout=600)
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, timeout=600)
    flush_redis(args.redis_url)

    import django

    django.setup()
    from django.db import connection

    from news.models import Article

    # A stop (SIGTERM) ends the run through the `finally` below, which stops the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    lists = site_lists()
    if args.sample:
        lists = (lists[0][: args.sample], *lists[1:])
    articles, _, _, campaign = lists
    if len(articles) < RETURNING_VISITORS * 2:
        sys.exit(f"only {len(articles)} published articles: generate data first (drop --skip-generate)")
    articles_file = OUT / "articles.txt"
    articles_file.write_text("\n".join(articles) + "\n")
    data = f"{num(Article.objects.published().count())} published articles in {num(len(lists[1]))} categories"
    if args.sample:
        data += f" (the loads read {num(len(articles))} of them)"
    if campaign is not None:
        from initiatives.models import Initiative, Unit

        data += (
            f"; campaign “{campaign.slug}” with {num(Initiative.objects.filter(campaign=campaign).count())} initiatives"
            f" under {num(Unit.objects.count())} units"
        )
    connection.close()

    server = Server(env, free_port(), args)
    minimal = Server(
        {**env, "DJANGO_SETTINGS_MODULE": "bench.minimal.settings"},
        free_port(),
        args,
        name="minimal",
        app="bench.minimal.wsgi:application",
        ready_path="/",
    )
    no_redis = Server({**env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}, free_port(), args, name="no-redis")
    servers = {"site": server, "minimal": minimal, "no_redis": no_redis}
    checks, sessions = [], []
    try:
        for one in servers.values():
            one.wait_ready()
        log(f"gunicorn ready on {server.base}; creating {RETURNING_VISITORS} returning visitors")
        visitors = create_returning_visitors(server, articles, RETURNING_VISITORS)
        visitors_file = OUT / "visitors.txt"
        visitors_file.write_text("\n".join(visitors) + "\n")
        scenarios = build_scenarios(str(articles_file), str(visitors_file), lists, args)
        for scenario in scenarios:
            warm_args = None
            if scenario.key == "articles_cold":
                log("content changed (generation moved on): every page is rendered again")
                bump_generation()
            if scenario.key == "articles_new":
                prime_pages(server, articles)
            if scenario.counted:
                warm_args = [articles_file, args.threads, len(articles) * 3 // 4, 0, next_run()]
                scenario.args = [articles_file, args.threads, 0, 0, next_run()]
            target = servers[scenario.server]
            log(f"{scenario.title}: warm-up {args.warmup} s")
            run_wrk(
                wrk,
                target.base,
                scenario,
                duration=args.warmup,
                connections=args.connections,
                threads=args.threads,
                args=warm_args,
            )
            before = settle_totals()
            log(f"{scenario.title}: {args.duration} s, {args.connections} connections")
            scenario.result = run_wrk(
                wrk, target.base, scenario, duration=args.duration, connections=args.connections, threads=args.threads
            )
            wait_idle()
            after = settle_totals()
            r = scenario.result
            log(
                f"  {r['ok_rps']:.0f} req/s, p50 {r['latency_us']['p50'] / 1000:.1f} ms, "
                f"p99 {r['latency_us']['p99'] / 1000:.1f} ms, 200: {r['ok']}, other: {r['other']}"
            )
            if not scenario.counted:
                check = {
                    "counted_requests": 0,
                    "views_delta": after["views"] - before["views"],
                    "hits_delta": after["hits"] - before["hits"],
                    "visits_delta": after["visits"] - before["visits"],
                }
                check["passed"] = check["views_delta"] == check["hits_delta"] == check["visits_delta"] == 0
                checks.append((scenario.title, check))
            else:
                log(f"{scenario.title}: exact-count run, {args.check_duration} s")
                check = exact_check(wrk, target, scenario, args, str(articles_file))
                checks.append((f"{scenario.title} (exact-count run)", check))
                if scenario.key in ("articles_new", "articles_new_no_redis"):
                    log(f"{scenario.title}: exact-count run with a worker killed (SIGKILL) halfway")
                    check = exact_check(
                        wrk, target, scenario, args, str(articles_file), offset_share=0.25, kill_worker=True
                    )
                    checks.append((f"{scenario.title} (a worker killed halfway)", check))
            log(f"  counters: {check}")
    finally:
        for one in servers.values():
            one.stop()

    log("counting SQL queries per request (django.test.Client)")
    sessions = query_counts(scenarios, visitors, articles)
    load_after = machine_load()
    finished = datetime.now(UTC)
    memory = "?"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{num(kib / 1024 / 1024, 1)} GiB RAM"
    except (OSError, AttributeError):
        pass
    workers = args.workers or os.cpu_count() * 2 + 1
    threads = args.gunicorn_threads or 1
    machine = {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "memory": memory,
        "versions": versions(args),
        "load_before": load_before,
        "load_after": load_after,
        "workers": f"{workers} {'gthread' if threads > 1 else 'sync'} workers"
        + (f" × {threads} threads" if threads > 1 else ""),
    }
    print()
    print(table(scenarios, baselines_of(scenarios)))
    print()
    for name, check in checks:
        print(f"{'OK  ' if check['passed'] else 'FAIL'} counters after {name}: {check}")
    if sessions:
        print("Anonymous pages set a session cookie: " + ", ".join(sessions))
    run_record = {
        "args": {k: getattr(args, k) for k in ("connections", "threads", "duration", "warmup", "check_duration")},
        "scenarios": [{**asdict(s), "args": [str(a) for a in s.args]} for s in scenarios],
        "checks": checks,
        "sessions": sessions,
        "machine": machine,
        "command": command,
        "data": data,
        "started": started.isoformat(),
        "finished": finished.isoformat(),
    }
    if args.output != "-":  # a trial run (--output -) keeps the record of the last reported one
        RESULTS.write_text(json.dumps(run_record, ensure_ascii=False, indent=1))
        render(run_record, ROOT / args.output)
        log(f"wrote {args.output}")
    return 0 if all(check["passed"] for _, check in checks) and not sessions else 1


def render(record, path):
    """Write the report from a run's record (also after the run: --render-only, e.g. when bench/NOTES.md changed)."""
    write_report(
        path,
        args=argparse.Namespace(**record["args"]),
        scenarios=[Scenario(**s) for s in record["scenarios"]],
        checks=[tuple(c) for c in record["checks"]],
        sessions=record["sessions"],
        machine=record["machine"],
        command=record["command"],
        data=record["data"],
        started=datetime.fromisoformat(record["started"]),
        finished=datetime.fromisoformat(record["finished"]),
    )


if __name__ == "__main__":
    sys.exit(main())
