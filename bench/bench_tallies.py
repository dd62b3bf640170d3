"""Time the initiative tallies on the benchmark data (see bench/initiatives_data.py).

    python bench/bench_tallies.py [--slug bench-1-trieu-sang-kien] [--repeat 30]

Reports p50 / p99 latency and the number of SQL queries for `campaign_tally()` over the whole campaign and
per phase, and for the JSON tally (GET /sang-kien/<slug>/tong-hop.json), the progress page and the page of the
first district union (standings, review backlog, weekly rank chart) through django.test.Client, each twice:
- cold: the tally's generation is moved on before every timed call (what `tallies.tally_changed()` does when a
  write commits), so the figures are those of the first request after a write;
- warm: the same generation every time, what every other request gets (the tally, the JSON body and the page's
  tally parts come from the cache).
Writes nothing to the database. Settings from DJANGO_SETTINGS_MODULE (default: bench.settings), database from
DATABASE_URL, cache from REDIS_URL.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(label, call, repeat, *, cold):
    from django.core.cache import cache
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from initiatives.tallies import UNITS_GENERATION_KEY

    def after_a_write():
        cache.delete(UNITS_GENERATION_KEY)  # a new generation for every campaign, as a committed write gives

    after_a_write()
    call()  # warms the connection
    if cold:
        after_a_write()
    reset_queries()
    request_started.disconnect(reset_queries)  # a request would otherwise empty the query log being read
    try:
        with CaptureQueriesContext(connection) as queries:
            call()
        query_count = len(queries)  # read now: the log is a live view that later requests empty
    finally:
        request_started.connect(reset_queries)
    timings = []
    for _ in range(repeat):
        if cold:
            after_a_write()
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    label = f"{label} [{'lạnh' if cold else 'nóng'}]"
    print(
        f"{label:<52} p50 {statistics.median(timings):7.1f} ms   p99 {percentile(timings, 0.99):7.1f} ms   "
        f"max {max(timings):7.1f} ms   {query_count} truy vấn"
    )
    return timings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", default="bench-1-trieu-sang-kien")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from initiatives.models import Campaign, Initiative, TallyCount, TallyWeek, Unit
    from initiatives.tallies import campaign_tally

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        # No collectstatic run here: serve static URLs unhashed so the pages render (it does not affect timings).
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    campaign = Campaign.objects.get(slug=args.slug)
    print(
        f"{Initiative.objects.filter(campaign=campaign).count():,} sáng kiến, {Unit.objects.count():,} đơn vị, "
        f"{TallyCount.objects.filter(campaign=campaign).count():,} dòng tổng hợp, "
        f"{TallyWeek.objects.filter(campaign=campaign).count():,} dòng theo tuần"
    )
    tally = campaign_tally(campaign)
    print(
        f"gốc {tally.root.name}: {tally.root.registered:,} đăng ký, {tally.root.submitted:,} đã nộp, {len(tally.rows)} dòng"
    )

    for cold in (True, False):
        measure("campaign_tally (cả phong trào)", lambda: campaign_tally(campaign), args.repeat, cold=cold)
        for phase in campaign.phases.all():
            measure(
                f"campaign_tally (giai đoạn {phase.number})",
                lambda p=phase: campaign_tally(campaign, p),
                args.repeat,
                cold=cold,
            )

    client = Client(raise_request_exception=False)
    district = tally.children(tally.root.code)[0].code
    pages = [
        ("initiatives:tally_json", {"slug": campaign.slug}, "GET tong-hop.json"),
        ("initiatives:campaign", {"slug": campaign.slug}, "GET trang tiến độ"),
        ("initiatives:unit", {"slug": campaign.slug, "code": district}, "GET trang đơn vị"),
    ]
    for name, kwargs, label in pages:
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            print(f"{label}: bỏ qua, chưa có đường dẫn {name}")
            continue
        response = client.get(url)
        if response.status_code != 200:
            print(f"{label}: bỏ qua, {url} trả về {response.status_code}")
            continue
        for cold in (True, False):
            measure(f"{label}", lambda u=url: client.get(u), args.repeat, cold=cold)
            measure(f"{label} ?giai-doan=1", lambda u=url: client.get(u, {"giai-doan": 1}), args.repeat, cold=cold)


if __name__ == "__main__":
    main()
