"""Time the initiative tallies on the benchmark data (see bench/initiatives_data.py).

    python bench/bench_tallies.py [--slug bench-1-trieu-sang-kien] [--repeat 30]

Reports p50 / p99 latency and the number of SQL queries for `campaign_tally()` over the whole campaign and
per phase, and for the JSON tally (GET /sang-kien/<slug>/tong-hop.json), the progress page and the page of the
first district union (standings, review backlog, weekly rank chart) through django.test.Client, each in four
states of the cache:
- cold: every generation is moved on before every timed call, the way a change of the unit tree, a target or a
  bulk change does when it commits: everything is read again;
- after a write: the campaign's generation is moved on naming one grassroots union under the district, the way
  the services do when an initiative is created, edited, moved in the workflow or deleted (`tallies.
  tally_changed(campaign_id, units=...)`): the tally re-reads that unit's own figures, the pages are rendered
  again;
- new day: the site's date is moved one day on before every timed call (a week on every seventh): the first
  request of each day, with the tally brought to the day and the pages rendered again;
- warm: the same generation every time, what every other request gets (the tally, the JSON body and the page's
  tally parts come from the cache).
Writes nothing to the database (the generations and the record of what changed live in the cache). Settings from DJANGO_SETTINGS_MODULE (default: bench.settings), database from
DATABASE_URL, cache from REDIS_URL.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


STATES = {"cold": "lạnh", "write": "sau ghi", "day": "ngày mới", "warm": "nóng"}


class Clock:
    """Moves the site's date (`timezone.localdate()` without a value) on by whole days."""

    def __init__(self):
        from django.utils import timezone

        self.days = 0
        real = timezone.localdate

        def localdate(value=None, timezone=None):
            if value is None:
                return real(timezone=timezone) + timedelta(days=self.days)
            return real(value, timezone)

        timezone.localdate = localdate


def measure(label, call, repeat, *, state, before):
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    before.get(f"{state}_start", lambda: None)()
    before["cold"]()
    call()  # warms the connection
    if state != "warm":
        before[state]()
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
        if state != "warm":
            before[state]()
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    label = f"{label} [{STATES[state]}]"
    print(
        f"{label:<56} p50 {statistics.median(timings):7.1f} ms   p99 {percentile(timings, 0.99):7.1f} ms   "
        f"max {max(timings):7.1f} ms   {query_count} truy vấn",
        flush=True,
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
    from django.core.cache import cache
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from initiatives.models import Campaign, Initiative, TallyCount, TallyWeek, Unit
    from initiatives.tallies import UNITS_GENERATION_KEY, campaign_tally, tally_changed

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

    district = tally.children(tally.root.code)[0]
    written = next((row for row in tally.children(district.code) if row.registered), district)
    clock = Clock()

    def new_day():
        clock.days += 1

    before = {
        "cold": lambda: cache.delete(UNITS_GENERATION_KEY),  # a new generation for every campaign
        "write": lambda: tally_changed(campaign.pk, units=[written.unit_id]),  # commits at once (autocommit)
        "day": new_day,
        "day_start": lambda: setattr(clock, "days", 0),  # each series from today on, within the open phase
    }
    for state in STATES:
        measure(
            "campaign_tally (cả phong trào)", lambda: campaign_tally(campaign), args.repeat, state=state, before=before
        )
        for phase in campaign.phases.all():
            measure(
                f"campaign_tally (giai đoạn {phase.number})",
                lambda p=phase: campaign_tally(campaign, p),
                args.repeat,
                state=state,
                before=before,
            )

    client = Client(raise_request_exception=False)
    district = district.code
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
        for state in STATES:
            measure(f"{label}", lambda u=url: client.get(u), args.repeat, state=state, before=before)
            measure(
                f"{label} ?giai-doan=1",
                lambda u=url: client.get(u, {"giai-doan": 1}),
                args.repeat,
                state=state,
                before=before,
            )


if __name__ == "__main__":
    main()
