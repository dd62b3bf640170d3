"""Bulk creation: initiatives with their authors and history, and running totals equal to a recount."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from initiatives import services
from initiatives.models import Author, Initiative, StatusChange
from initiatives.services import bulk
from initiatives.tallies import campaign_tally
from tests.factories import CampaignFactory, PhaseFactory, UnitFactory

from ..test_tallies import as_comparable, brute_force

pytestmark = pytest.mark.django_db

S = Initiative.Status


def moment(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def setting():
    campaign = CampaignFactory(starts_on=date(2022, 1, 8), ends_on=date(2023, 9, 1))
    phase = PhaseFactory(campaign=campaign, number=1, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    root = UnitFactory(code="tinh", name="LĐLĐ tỉnh")
    units = [UnitFactory(code=f"cs-{n}", name=f"CĐCS {n}", parent=root) for n in range(3)]
    return campaign, phase, root, units


def items(phase, units, count):
    statuses = [S.DANG_KY, S.DA_NOP, S.THONG_QUA, S.KHONG_THONG_QUA, S.DUOC_TANG_BANG]
    for n in range(count):
        status = statuses[n % len(statuses)]
        registered = moment(date(2022, 1, 10) + timedelta(days=n % 90))
        yield services.NewInitiative(
            phase=phase,
            unit=units[n % len(units)],
            key=f"K-{n:05d}",
            title=f"Sáng kiến\tcó ký tự lạ \\ số {n}\n",
            kind="quan_ly",
            sector="san_xuat",
            status=status,
            registered_at=registered,
            submitted_at=None if status == S.DANG_KY else registered + timedelta(days=3),
            benefit_value=1_000_000 if n % 2 else None,
            rejection_reason="Trùng nội dung" if status == S.KHONG_THONG_QUA else "",
            authors=[(f"Tác giả {n}", "Kỹ sư"), ("Lê Thị Bình", "")],
        )


def check_written(campaign, phase, root, count):
    assert Initiative.objects.filter(campaign=campaign).count() == count
    assert Author.objects.filter(initiative__campaign=campaign).count() == 2 * count
    rejected = Initiative.objects.get(key="K-00003")
    assert rejected.title == "Sáng kiến\tcó ký tự lạ \\ số 3\n"
    step = StatusChange.objects.get(initiative=rejected)
    assert (step.from_status, step.to_status, step.note) == (S.DANG_KY, S.KHONG_THONG_QUA, "Trùng nội dung")
    assert StatusChange.objects.filter(initiative__campaign=campaign).count() == count - count // 5
    assert [a.name for a in Initiative.objects.get(key="K-00007").authors.all()] == ["Tác giả 7", "Lê Thị Bình"]
    for chosen in (None, phase):
        assert as_comparable(campaign_tally(campaign, chosen)) == brute_force(campaign, chosen)


def test_bulk_creation_writes_authors_history_and_exact_totals(setting):
    campaign, phase, root, units = setting
    assert services.create_in_bulk(campaign=campaign, initiatives=items(phase, units, 60), note="Nhập") == 60
    check_written(campaign, phase, root, 60)
    registered = StatusChange.objects.get(initiative__key="K-00001")
    assert registered.note == "Nhập"


@pytest.mark.postgres
def test_the_copy_path_writes_the_same_as_the_orm_path(setting, monkeypatch):
    campaign, phase, root, units = setting
    monkeypatch.setattr(bulk, "COPY_THRESHOLD", 10)
    with_copy = []
    monkeypatch.setattr(bulk, "_copy", lambda *a, _copy=bulk._copy, **k: with_copy.append(1) or _copy(*a, **k))
    assert services.create_in_bulk(campaign=campaign, initiatives=items(phase, units, 60)) == 60
    assert with_copy and connection.vendor == "postgresql"
    check_written(campaign, phase, root, 60)
    # The sequence moved past the keys COPY used: an initiative made afterwards gets a fresh one.
    later = services.create_initiative(
        by=None,
        campaign=campaign,
        phase=phase,
        unit=units[0],
        key="SAU",
        title="Sau",
        kind="quan_ly",
        sector="san_xuat",
        authors=[("A", "")],
        registered_at=moment(date(2022, 2, 1)),
    )
    assert later.pk > Initiative.objects.exclude(pk=later.pk).order_by("-pk").first().pk
