"""New visits on two app servers at high concurrency: the visit counters in one row per period, or spread over slots.

    .venv/bin/python bench/visit_slots.py [--slots 1,8] [--duration 15] [--connections 32]

Needs the database bench/run.py made (`--database`, same default) and wrk. For each slot count it
starts two gunicorn instances of the site (`bench.settings`, `VISIT_COUNTER_SLOTS=N`) sharing one
PostgreSQL and one Redis, and loads both at once with new visitors on the home page (no cookie,
an address of their own: every request is a new visit, which adds one to today's, this week's and
the all-time counter). It prints requests/s, p99 and whether the visits added equal the answers.
"""

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import run as bench  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slots", default="1,8", help="slot counts to compare (default 1,8)")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per slot count (default 15)")
    parser.add_argument("--connections", type=int, default=32, help="connections per server (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads per server (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server (default 2)")
    parser.add_argument("--gunicorn-threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--database", default="lddsite_bench")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    return parser.parse_args(argv)


def visits():
    from django.db import connection
    from django.db.models import Sum

    from news.models import VisitCounter

    connection.close()
    return VisitCounter.objects.filter(period=VisitCounter.Period.ALL).aggregate(n=Sum("visits"))["n"] or 0


def main(argv=None):
    bench.ensure_django_python()
    args = parse_args(argv)
    args.articles = 0
    wrk = bench.ensure_wrk()
    bench.OUT.mkdir(parents=True, exist_ok=True)
    env = bench.bench_env(args)
    import os

    os.environ.update(env)
    import django

    django.setup()
    home = bench.OUT / "home-only.txt"
    home.write_text("/\n")
    scenario = bench.Scenario("home_new", "Home, new visitors", "/", "articles_new.lua", [])
    rows = []
    for slots in [int(n) for n in args.slots.split(",")]:
        server_env = {**env, "VISIT_COUNTER_SLOTS": str(slots)}
        servers = [
            bench.Server(server_env, bench.free_port(), args, name=f"slots-{slots}-{name}") for name in ("a", "b")
        ]
        try:
            for server in servers:
                server.wait_ready()
            before = visits()
            results = [None, None]
            switch_at = int(time.time()) + args.duration - 2
            runs = [bench.next_run(), bench.next_run()]

            def load(index, server, results=results, switch_at=switch_at, runs=runs):
                results[index] = bench.run_wrk(
                    wrk,
                    server.base,
                    scenario,
                    duration=args.duration,
                    connections=args.connections,
                    threads=args.threads,
                    args=[home, args.threads, 0, switch_at, runs[index]],
                )

            threads = [threading.Thread(target=load, args=(i, s)) for i, s in enumerate(servers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            bench.wait_idle()
            added = visits() - before
        finally:
            for server in servers:
                server.stop()
        answered = sum(r["ok"] - r.get("bare_ok", 0) for r in results)
        seconds = max(r["duration_us"] for r in results) / 1e6
        p99 = max(r["latency_us"]["p99"] for r in results) / 1000
        rows.append((slots, answered / seconds, p99, answered, added, sum(bench.failed_requests(r) for r in results)))
        bench.log(f"slots {slots}: {answered / seconds:.0f} new visits/s, p99 {p99:.1f} ms, visits added {added}")
    print("| slots | new visits/s (both servers) | p99 ms | answered | visits added | unanswered |")
    print("|---:|---:|---:|---:|---:|---:|")
    for slots, rps, p99, answered, added, failed in rows:
        print(f"| {slots} | {bench.num(rps)} | {bench.num(p99, 1)} | {answered} | {added} | {failed} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
