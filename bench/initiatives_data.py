"""Benchmark data for the initiative tallies: a province-like unit tree and a million initiatives.

    python bench/initiatives_data.py [--units 1000] [--initiatives 1000000] [--slug bench-1-trieu-sang-kien]

Builds (replacing an earlier run with the same slug) a campaign with two phases (about five and fifteen months,
the second one open today, so that pace and at-risk figures are computed), a tree of `--units` units with
member counts under one provincial federation (district and sector unions, grassroots unions beneath them, some
with sub-units of their own) spread over 20 emulation clusters, quotas and plans per unit and phase, and
`--initiatives` initiatives spread unevenly over the units (a few big unions file most of them), the kinds,
sectors and statuses, with registrations crowding towards the end of each phase. Initiatives, their authors
and their history are written by `services.create_in_bulk` (PostgreSQL's COPY), which then rebuilds the
running totals exactly from them. Settings come from DJANGO_SETTINGS_MODULE (default: bench.settings) and
the database from DATABASE_URL.
"""

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CLUSTERS = 20


def phases_around(today):
    """Two phases like the real campaign's (about five and fifteen months), the second one open today."""
    return [
        (today - timedelta(days=600), today - timedelta(days=450)),
        (today - timedelta(days=449), today + timedelta(days=60)),
    ]


STATUS_WEIGHTS = {
    "dang_ky": 14,
    "da_nop": 30,
    "dang_xet": 14,
    "thong_qua": 26,
    "khong_thong_qua": 5,
    "de_nghi_khen": 8,
    "duoc_tang_bang": 3,
}
KIND_WEIGHTS = {"ky_thuat": 30, "quan_ly": 25, "tac_nghiep": 25, "ung_dung": 15, "nghien_cuu": 5}
SECTOR_WEIGHTS = {"hanh_chinh": 25, "su_nghiep": 35, "san_xuat": 40}
SUBMITTED = {"da_nop", "dang_xet", "thong_qua", "khong_thong_qua", "de_nghi_khen", "duoc_tang_bang"}
APPROVED = {"thong_qua", "de_nghi_khen", "duoc_tang_bang"}
DISTRICTS = [
    ("ldld_huyen", "LĐLĐ thị xã Vĩnh Châu"),
    ("ldld_huyen", "LĐLĐ huyện Trần Đề"),
    ("ldld_huyen", "LĐLĐ thành phố Sóc Trăng"),
    ("ldld_huyen", "LĐLĐ thị xã Ngã Năm"),
    ("ldld_huyen", "LĐLĐ huyện Mỹ Tú"),
    ("ldld_huyen", "LĐLĐ huyện Kế Sách"),
    ("ldld_huyen", "LĐLĐ huyện Long Phú"),
    ("ldld_huyen", "LĐLĐ huyện Châu Thành"),
    ("ldld_huyen", "LĐLĐ huyện Mỹ Xuyên"),
    ("ldld_huyen", "LĐLĐ huyện Thạnh Trị"),
    ("ldld_huyen", "LĐLĐ huyện Cù Lao Dung"),
    ("cd_nganh", "Công đoàn Ngành Giáo dục"),
    ("cd_nganh", "Công đoàn Ngành Y tế"),
    ("cd_nganh", "Công đoàn Ngành Giao thông - Xây dựng"),
    ("cd_vien_chuc", "Công đoàn Viên chức tỉnh"),
    ("cd_kcn", "Công đoàn Các Khu công nghiệp tỉnh"),
]


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def build_units(prefix, count, rng):
    """A tree of `count` units: the province, its district and sector unions, grassroots unions (some nested)."""
    from initiatives.models import Unit

    old = Unit.objects.filter(code__startswith=f"{prefix}-")
    for depth in sorted(set(old.values_list("depth", flat=True)), reverse=True):
        old.filter(depth=depth).delete()
    province = Unit.objects.create(
        code=f"{prefix}-tinh", name="LĐLĐ tỉnh (dữ liệu thử tải)", kind="ldld_tinh", member_count=180_000
    )
    middle = [
        Unit(
            code=f"{prefix}-{n:02d}",
            name=name,
            kind=kind,
            parent=province,
            order=n,
            member_count=rng.randint(3_000, 30_000),
        )
        for n, (kind, name) in enumerate(DISTRICTS[: max(1, min(len(DISTRICTS), count - 1))], start=1)
    ]
    Unit.objects.bulk_create(middle)
    grassroots, remaining = [], count - 1 - len(middle)
    for n in range(remaining):
        parent = middle[n % len(middle)] if n % 10 else province  # every tenth directly under the province
        grassroots.append(
            Unit(
                code=f"{prefix}-cs-{n:05d}",
                name=f"CĐCS đơn vị số {n + 1}",
                kind="cdcs",
                parent=parent,
                order=n,
                member_count=rng.randint(20, 2000),
            )
        )
    # A fifth of the grassroots unions sit one level deeper, under another grassroots union.
    Unit.objects.bulk_create(grassroots[: len(grassroots) * 4 // 5], batch_size=1000)
    deeper = grassroots[len(grassroots) * 4 // 5 :]
    upper = grassroots[: max(1, len(grassroots) // 5)]
    for n, unit in enumerate(deeper):
        unit.parent = upper[n % len(upper)]
    Unit.objects.bulk_create(deeper, batch_size=1000)
    Unit.objects.rebuild_paths()
    return list(Unit.objects.filter(code__startswith=f"{prefix}-").order_by("pk"))


def new_initiatives(phases, units, count, rng, today):
    """Yield `count` `services.NewInitiative`s spread unevenly over `units`, with one author each."""
    from initiatives import services

    weights = [1 / (rank + 3) ** 0.9 for rank in range(len(units))]
    rng.shuffle(weights)
    statuses, status_w = zip(*STATUS_WEIGHTS.items(), strict=True)
    kinds, kind_w = zip(*KIND_WEIGHTS.items(), strict=True)
    sectors, sector_w = zip(*SECTOR_WEIGHTS.items(), strict=True)
    chosen_units = rng.choices(units, weights=weights, k=count)
    chosen_status = rng.choices(statuses, weights=status_w, k=count)
    chosen_kind = rng.choices(kinds, weights=kind_w, k=count)
    chosen_sector = rng.choices(sectors, weights=sector_w, k=count)
    for n in range(count):
        phase = phases[0] if rng.random() < 0.3 else phases[1]
        span = (min(phase.closes_on, today) - phase.opens_on).days
        day = phase.opens_on + timedelta(days=int(span * rng.random() ** 0.6))  # crowding towards the deadline
        registered = datetime(day.year, day.month, day.day, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(600))
        status = chosen_status[n]
        submitted = None
        if status in SUBMITTED:
            wait = timedelta(days=rng.randint(0, 20), minutes=rng.randrange(300))
            end = min(phase.closes_on, today)
            last = datetime(end.year, end.month, end.day, 1, tzinfo=UTC)
            submitted = min(registered + wait, last)
        yield services.NewInitiative(
            phase=phase,
            unit=chosen_units[n],
            key=f"B{n:08d}",
            title=f"Sáng kiến thử tải số {n}",
            kind=chosen_kind[n],
            sector=chosen_sector[n],
            status=status,
            registered_at=registered,
            submitted_at=submitted,
            benefit_value=rng.randrange(1, 500) * 100_000 if rng.random() < 0.4 else None,
            rejection_reason="Chưa đủ tính mới" if status == "khong_thong_qua" else "",
            authors=[(f"Tác giả {n}", "Công nhân")],
        )


def generate(*, units=1000, initiatives=1_000_000, slug="bench-1-trieu-sang-kien", seed=2022):
    from django.db import connection
    from django.utils import timezone

    from initiatives import services
    from initiatives.models import Campaign, Cluster, ClusterMember, Phase, Target

    rng = random.Random(seed)
    started = time.perf_counter()
    today = timezone.localdate()
    windows = phases_around(today)
    old = Campaign.objects.filter(slug=slug).first()
    if old:
        _delete_campaign(old)
    campaign = Campaign.objects.create(
        name="1 triệu sáng kiến (dữ liệu thử tải)",
        slug=slug,
        starts_on=windows[0][0],
        ends_on=windows[1][1],
        national_target=1_000_000,
    )
    phases = [
        Phase.objects.create(campaign=campaign, number=n, name=f"Giai đoạn {n}", opens_on=opens, closes_on=closes)
        for n, (opens, closes) in enumerate(windows, start=1)
    ]
    tree = build_units(slug[:30], units, rng)
    campaign.root_unit = tree[0]
    campaign.save(update_fields=["root_unit"])
    print(f"{len(tree)} đơn vị ({time.perf_counter() - started:.1f} s)", flush=True)

    per_unit = max(1, initiatives // max(1, len(tree)))
    Target.objects.bulk_create(
        Target(unit=unit, campaign=campaign, phase=phase, kind=kind, value=value)
        for unit in tree
        for phase in [*phases, None]
        for kind, value in [("chi_tieu", rng.randint(per_unit // 4, per_unit)), ("ke_hoach", per_unit)]
    )
    clusters = Cluster.objects.bulk_create(
        Cluster(campaign=campaign, code=f"cum-{n:02d}", name=f"Cụm thi đua số {n}", order=n)
        for n in range(1, CLUSTERS + 1)
    )
    ClusterMember.objects.bulk_create(
        (
            ClusterMember(cluster=clusters[n % CLUSTERS], campaign=campaign, unit=unit)
            for n, unit in enumerate(tree[1:])
        ),
        batch_size=1000,
    )
    services.create_in_bulk(campaign=campaign, initiatives=new_initiatives(phases, tree, initiatives, rng, today))
    print(
        f"ghi xong sáng kiến, tác giả, lịch sử và số liệu tổng hợp ({time.perf_counter() - started:.1f} s)", flush=True
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"tính lại số liệu tổng hợp xong ({time.perf_counter() - started:.1f} s)", flush=True)
    return campaign


def _delete_campaign(campaign):
    """Remove an earlier run quickly: raw DELETEs for the big tables, then the campaign itself."""
    from django.db import connection, transaction

    from initiatives.models import Author, Initiative, StatusChange, TallyCount, TallyWeek

    table = Initiative._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (Author, StatusChange):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE initiative_id IN "
                f"(SELECT id FROM {table} WHERE campaign_id = %s)",
                [campaign.pk],
            )
        for model in (Initiative, TallyCount, TallyWeek):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE campaign_id = %s", [campaign.pk])
        campaign.delete()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--initiatives", type=int, default=1_000_000)
    parser.add_argument("--slug", default="bench-1-trieu-sang-kien")
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args(argv)
    setup_django()
    campaign = generate(units=args.units, initiatives=args.initiatives, slug=args.slug, seed=args.seed)
    print(f"Phong trào: {campaign.slug}")


if __name__ == "__main__":
    main()
