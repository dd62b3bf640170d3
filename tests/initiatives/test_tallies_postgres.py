"""On PostgreSQL: concurrent writers through the services keep the running totals exact."""

import threading
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from initiatives import services
from initiatives.models import Campaign, Initiative, Phase, Unit
from initiatives.tallies import campaign_tally
from tests.initiatives.test_tallies import as_comparable, brute_force, running_totals

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WRITERS = 6
PER_WRITER = 12


def test_concurrent_creates_and_transitions_keep_the_totals_exact():
    campaign = Campaign.objects.create(name="Đồng thời", starts_on=date(2022, 1, 8), ends_on=date(2023, 9, 1))
    phase = Phase.objects.create(campaign=campaign, number=1, opens_on=date(2022, 1, 8), closes_on=date(2023, 9, 1))
    province = Unit.objects.create(code="tinh", name="LĐLĐ tỉnh")
    units = [Unit.objects.create(code=f"cs-{n}", name=f"CĐCS {n}", parent=province) for n in range(3)]
    start = timezone.make_aware(datetime.combine(date(2022, 1, 10), time(9)))
    errors = []
    barrier = threading.Barrier(WRITERS)

    def writer(w):
        try:
            barrier.wait()
            for n in range(PER_WRITER):
                at = start + timedelta(days=n)
                initiative = services.create_initiative(
                    by=None,
                    campaign=campaign,
                    phase=phase,
                    unit=units[(w + n) % len(units)],  # every writer hits the same few rows
                    key=f"W{w}-{n}",
                    title=f"Sáng kiến {w}-{n}",
                    kind="ky_thuat" if n % 2 else "quan_ly",
                    sector="san_xuat",
                    benefit_value=1000 * n,
                    registered_at=at,
                    authors=[("Trần Văn Bình", "")],
                )
                for step in ["da_nop", "dang_xet", "thong_qua"][: n % 4]:
                    services.transition(by=None, initiative=initiative, to_status=step, at=at + timedelta(hours=1))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Initiative.objects.filter(campaign=campaign).count() == WRITERS * PER_WRITER
    tally = campaign_tally(campaign)
    assert tally.root.registered == WRITERS * PER_WRITER
    assert as_comparable(tally) == brute_force(campaign, None)
    assert as_comparable(campaign_tally(campaign, phase)) == brute_force(campaign, phase)
    incremental = running_totals(campaign)
    services.after_bulk_change(campaign=campaign)
    assert running_totals(campaign) == incremental
    assert connection.vendor == "postgresql"
