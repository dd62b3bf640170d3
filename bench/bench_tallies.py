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
These four write nothing to the database (the generations and the record of what changed live in the cache).

Then, unless `--mixed 0`, a mixed load for `--mixed` seconds: `--readers` processes (default 2) each request, one
after the other with `--pause` seconds between requests, the progress page, the progress page of phase 1, the
JSON tally and the district's page, while this process makes one real initiative write every `--write-every`
seconds (default 1) through the services: a submitted initiative of a random unit is returned to its author
(`transition` to trả lại, no longer counted as submitted), and at the next write sent again with its original
submission time (`transition` to đã nộp), so the figures after every second write are those before the run (the
status history keeps the two changes). Reported: p50/p99 over ALL requests and per URL, and how many requests
were the first for their URL after a write (the one that recomputes and renders; the others are served from the
cache). Settings from DJANGO_SETTINGS_MODULE (default: bench.settings), database from DATABASE_URL, cache from
REDIS_URL.
"""

import argparse
import gc
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
    parser.add_argument("--mixed", type=float, default=60, help="seconds of mixed load (0: none)")
    parser.add_argument("--only-mixed", action="store_true", help="skip the four states, run the mixed load only")
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between a reader's requests")
    parser.add_argument("--write-every", type=float, default=1.0, help="seconds between initiative writes")
    args = parser.parse_args(argv)
    setup()
    from initiatives.models import Campaign
    from initiatives.tallies import campaign_tally

    campaign = Campaign.objects.get(slug=args.slug)
    if not args.only_mixed:
        _main_states(args, campaign)
    if args.mixed > 0:
        tally = campaign_tally(campaign)
        mixed_load(campaign, tally.children(tally.root.code)[0].code, args)


def setup():
    """Django set up for the benchmark (also in each reader process of the mixed load)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        # No collectstatic run here: serve static URLs unhashed so the pages render (it does not affect timings).
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }


def _main_states(args, campaign):
    from django.core.cache import cache
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from initiatives.models import Initiative, TallyCount, TallyWeek, Unit
    from initiatives.tallies import UNITS_GENERATION_KEY, campaign_tally, tally_changed

    print(
        f"{Initiative.objects.filter(campaign=campaign).count():,} sáng kiến, {Unit.objects.count():,} đơn vị, "
        f"{TallyCount.objects.filter(campaign=campaign).count():,} dòng tổng hợp, "
        f"{TallyWeek.objects.filter(campaign=campaign).count():,} dòng theo tuần"
    )
    tally = campaign_tally(campaign)
    gc.freeze()  # as deploy/gunicorn.conf.py does once the app is loaded
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
    clock.days = 0  # the mixed load runs today


def _reader(urls, seconds, pause, results):
    """One reader process of the mixed load: [(url, ms, first after a write)] of requests for `seconds`."""
    setup()
    from django.core.cache import cache
    from django.test import Client

    from initiatives.models import Campaign
    from initiatives.tallies import tally_generation

    client = Client(raise_request_exception=False)
    campaign = Campaign.objects.get(slug=urls[0][1])
    for url, _slug, query in urls:  # a first round untimed: templates loaded, connections opened
        client.get(url, query)
    gc.freeze()  # as deploy/gunicorn.conf.py does once the app is loaded
    timings = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for url, _slug, query in urls:
            generation = tally_generation(campaign)
            # The first request of this URL at this generation, in any reader, is the one that recomputes.
            first = cache.add(f"bench:mixed:{url}:{query}:{generation}", 1, 600)
            started = time.perf_counter()
            response = client.get(url, query)
            timings.append((url + ("?giai-doan=1" if query else ""), (time.perf_counter() - started) * 1000, first))
            if response.status_code != 200:
                raise RuntimeError(f"{url} {response.status_code}")
            time.sleep(pause)
    results.put(timings)


def mixed_load(campaign, district, args):
    """Readers on the progress page, the JSON and the district's page while initiatives are written (see the module
    docstring); prints p50/p99 over all requests and per URL."""
    import multiprocessing
    import random

    from django.db import connections
    from django.urls import reverse

    from initiatives.models import Initiative
    from initiatives.services import initiatives as services

    Status = Initiative.Status
    phase = campaign.phases.order_by("number").first()
    page = reverse("initiatives:campaign", kwargs={"slug": campaign.slug})
    urls = [
        (page, campaign.slug, {}),
        (page, campaign.slug, {"giai-doan": phase.number}),
        (reverse("initiatives:tally_json", kwargs={"slug": campaign.slug}), campaign.slug, {}),
        (reverse("initiatives:unit", kwargs={"slug": campaign.slug, "code": district}), campaign.slug, {}),
    ]
    # Submitted initiatives with a submission time inside their phase's window, spread over the units.
    candidates = list(
        Initiative.objects.filter(campaign=campaign, status=Status.DA_NOP, submitted_at__isnull=False)
        .order_by()
        .values_list("pk", "unit_id")[:50000]
    )
    by_unit = {}
    for pk, unit_id in candidates:
        by_unit.setdefault(unit_id, pk)
    picks = list(by_unit.values())
    random.Random(1).shuffle(picks)
    connections.close_all()
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    readers = [
        context.Process(target=_reader, args=(urls, args.mixed, args.pause, results)) for _ in range(args.readers)
    ]
    for reader in readers:
        reader.start()
    writes, returned = 0, None  # returned: (initiative, its submission time) waiting to be sent again
    started = time.perf_counter()
    next_write = started + 5  # the readers set Django up first
    while time.perf_counter() < started + 5 + args.mixed:
        time.sleep(max(0.0, next_write - time.perf_counter()))
        next_write += args.write_every
        if returned is None:
            initiative = Initiative.objects.get(pk=picks[writes // 2 % len(picks)])
            submitted_at = initiative.submitted_at
            services.transition(by=None, initiative=initiative, to_status=Status.TRA_LAI, reason="Đo tải")
            returned = (initiative, submitted_at)
        else:
            initiative, submitted_at = returned
            services.transition(by=None, initiative=initiative, to_status=Status.DA_NOP, at=submitted_at)
            returned = None
        writes += 1
    timings = [item for _ in readers for item in results.get()]
    for reader in readers:
        reader.join()
    if returned is not None:  # leave the figures as they were
        services.transition(by=None, initiative=returned[0], to_status=Status.DA_NOP, at=returned[1])
        writes += 1
    print(
        f"Tải hỗn hợp {args.mixed:.0f} s: {args.readers} tiến trình đọc (nghỉ {args.pause} s giữa hai yêu cầu), "
        f"1 lần ghi sáng kiến mỗi {args.write_every} s ({writes} lần ghi)",
        flush=True,
    )
    groups = {"tất cả": timings}
    for url, *_rest in timings:
        groups.setdefault(url, [item for item in timings if item[0] == url])
    for label, items in groups.items():
        values = [ms for _url, ms, _first in items]
        firsts = [ms for _url, ms, first in items if first]
        print(
            f"  {label:<52} {len(values):5d} yêu cầu   p50 {statistics.median(values):7.1f} ms   "
            f"p99 {percentile(values, 0.99):7.1f} ms   max {max(values):7.1f} ms   "
            f"{len(firsts)} đầu tiên sau ghi (p50 {statistics.median(firsts) if firsts else 0:.1f} ms)",
            flush=True,
        )


if __name__ == "__main__":
    main()
