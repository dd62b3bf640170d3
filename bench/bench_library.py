"""Time the public initiatives library (list, searches, a unit filter, the JSON) on many approved initiatives.

    python bench/bench_library.py [--generate 200000] [--repeat 20]

`--generate N` first writes N approved initiatives (one in ten confidential) into the campaign
"bench-thu-vien" under the units already there (or one unit made for it), with `Initiative.objects.bulk_create`,
which fills the folded search text as every write does; without it the campaign must exist. Then each
request runs through django.test.Client and reports p50 / p99 and its number of SQL queries. Settings from
DJANGO_SETTINGS_MODULE (default: bench.settings), database from DATABASE_URL.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SLUG = "bench-thu-vien"
WORDS = (
    "cải tiến quy trình máy bóc vỏ tôm tiết kiệm điện nước giờ công phần mềm quản lý hồ sơ đoàn viên lưỡi dao "
    "hợp kim băng tải phân loại lúa gạo giảm chi phí nâng cao năng suất an toàn lao động bảo trì thiết bị"
).split()


def generate(count):
    from django.db import transaction

    from initiatives.models import Campaign, Initiative, Phase, Unit

    campaign, _ = Campaign.objects.get_or_create(
        slug=SLUG,
        defaults={"name": "Thư viện (đo tốc độ)", "starts_on": date(2022, 1, 1), "ends_on": date(2026, 12, 31)},
    )
    phase, _ = Phase.objects.get_or_create(
        campaign=campaign, number=1, defaults={"opens_on": date(2022, 1, 1), "closes_on": date(2026, 12, 31)}
    )
    units = list(Unit.objects.values_list("pk", flat=True)) or [Unit.objects.create(code="bench-tv", name="Đơn vị").pk]
    rng = random.Random(12)
    start = datetime(2022, 1, 3, 8, 0).astimezone()
    statuses = ["thong_qua"] * 8 + ["de_nghi_khen", "duoc_tang_bang"]
    done = 0
    while done < count:
        batch = []
        for i in range(done, min(count, done + 5000)):
            moment = start + timedelta(minutes=i)
            batch.append(
                Initiative(
                    campaign=campaign,
                    phase=phase,
                    unit_id=rng.choice(units),
                    key=f"TV-{i:07d}",
                    title=" ".join(rng.choices(WORDS, k=8)).capitalize(),
                    kind=rng.choice(["ky_thuat", "quan_ly", "tac_nghiep", "ung_dung", "nghien_cuu"]),
                    sector=rng.choice(["hanh_chinh", "su_nghiep", "san_xuat"]),
                    summary=" ".join(rng.choices(WORDS, k=60)),
                    effect=" ".join(rng.choices(WORDS, k=25)),
                    benefit_value=rng.randrange(0, 50_000_000, 100_000),
                    status=rng.choice(statuses),
                    confidential=i % 10 == 0,
                    registered_at=moment,
                    submitted_at=moment,
                )
            )
        with transaction.atomic():
            Initiative.objects.bulk_create(batch, batch_size=1000)
        done += len(batch)
        print(f"  {done:,} / {count:,}", flush=True)
    return campaign


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(label, client, url, params, repeat):
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, params)  # warms the connection and checks the answer
    assert response.status_code == 200, (label, response.status_code)
    request_started.disconnect(reset_queries)  # a request would otherwise empty the query log being read
    try:
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        query_count = len(queries)
    finally:
        request_started.connect(reset_queries)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, params)
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"{label:<44} p50 {statistics.median(timings):7.1f} ms   p99 {percentile(timings, 0.99):7.1f} ms   "
        f"{query_count} truy vấn"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.storage import storages
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from initiatives.models import Campaign, Initiative, Unit

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    # No collectstatic run here: serve static URLs unhashed so the pages render (it does not affect timings).
    # The storages were read already (the attachments' field names its storage), so the entry is replaced there.
    storages.backends["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages._storages.pop("staticfiles", None)
    campaign = generate(args.generate) if args.generate else Campaign.objects.get(slug=SLUG)
    approved = Initiative.objects.approved().filter(campaign=campaign)
    print(f"{connection.vendor}: {approved.count():,} sáng kiến được thông qua trong “{campaign.name}”")
    unit = Unit.objects.filter(depth=1).first() or Unit.objects.first()
    client = Client(raise_request_exception=True)
    page = reverse("initiatives:library", kwargs={"slug": campaign.slug})
    data = reverse("initiatives:library_json", kwargs={"slug": campaign.slug})
    measure("thư viện, trang 1", client, page, {}, args.repeat)
    measure("thư viện, trang 50", client, page, {"page": 50}, args.repeat)
    measure("tìm một từ phổ biến (“cai tien”)", client, page, {"q": "cai tien"}, args.repeat)
    measure("tìm ba từ (“bang tai phan loai”)", client, page, {"q": "bang tai phan loai"}, args.repeat)
    measure("tìm không có (“xyzxyz”)", client, page, {"q": "xyzxyz"}, args.repeat)
    measure(f"lọc đơn vị {unit.code} và cấp dưới", client, page, {"don-vi": unit.code}, args.repeat)
    measure("thu-vien.json, tìm “tiet kiem dien”", client, data, {"q": "tiet kiem dien"}, args.repeat)


if __name__ == "__main__":
    main()
