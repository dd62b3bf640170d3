"""The review backlog: what waits in "đã nộp" and "đang xét", for how long, and who sees the aged items."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives import backlog, services
from initiatives.models import Initiative
from initiatives.tallies import campaign_tally
from tests.factories import CampaignFactory, PhaseFactory, UnitFactory

from .fixtures.world import build_world

pytestmark = pytest.mark.django_db

S = Initiative.Status


def waiting_item(phase, unit, key, days_ago, status=S.DA_NOP):
    submitted = timezone.now() - timedelta(days=days_ago)
    return services.NewInitiative(
        phase=phase,
        unit=unit,
        key=key,
        title=key,
        kind="quan_ly",
        sector="san_xuat",
        status=status,
        registered_at=submitted - timedelta(days=1),
        submitted_at=submitted,
        authors=[("Lê Văn Ba", "")],
    )


@pytest.fixture
def waiting():
    today = timezone.localdate()
    campaign = CampaignFactory(starts_on=today - timedelta(days=120), ends_on=today + timedelta(days=30))
    phase = PhaseFactory(campaign=campaign, number=1, opens_on=campaign.starts_on, closes_on=campaign.ends_on)
    root = UnitFactory(code="tinh", name="LĐLĐ tỉnh")
    campaign.root_unit = root
    campaign.save()
    district = UnitFactory(code="huyen", name="LĐLĐ huyện", parent=root)
    grassroots = UnitFactory(code="cdcs", name="CĐCS", parent=district)
    other = UnitFactory(code="khac", name="LĐLĐ khác", parent=root)
    services.create_in_bulk(
        campaign=campaign,
        initiatives=[
            waiting_item(phase, district, "W-40", 40),
            waiting_item(phase, district, "W-10", 10, S.DANG_XET),
            waiting_item(phase, grassroots, "W-60", 60),
            waiting_item(phase, grassroots, "W-5", 5),
            waiting_item(phase, district, "DONE", 90, S.THONG_QUA),  # decided: not waiting
            waiting_item(phase, other, "O-3", 3),
        ],
    )
    return campaign, phase, root, district, grassroots, other


def test_counts_and_oldest_roll_up_the_tree(waiting):
    campaign, phase, *_ = waiting
    tally = campaign_tally(campaign, phase)
    rows = {row.code: row for row in tally.rows}
    assert (rows["tinh"].pending, tally.waiting_days(rows["tinh"])) == (5, 60)
    assert (rows["huyen"].pending, tally.waiting_days(rows["huyen"])) == (4, 60)
    assert (rows["cdcs"].pending, tally.waiting_days(rows["cdcs"])) == (2, 60)
    assert (rows["khac"].pending, tally.waiting_days(rows["khac"])) == (1, 3)


def test_median_oldest_and_aged_of_a_subtree(waiting, settings):
    campaign, phase, _root, district, *_ = waiting
    settings.INITIATIVES_REVIEW_AGED_DAYS = 30
    row = campaign_tally(campaign, phase).row("huyen")
    found = backlog.subtree_backlog(campaign, path=district.path, count=row.pending, oldest=row.pending_since)
    # Waiting 60, 40, 10 and 5 days: the lower median is 40; two have waited more than 30 days.
    assert found == backlog.Backlog(count=4, median_days=40, oldest_days=60, aged=2, aged_days=30)
    settings.INITIATIVES_REVIEW_AGED_DAYS = 40
    found = backlog.subtree_backlog(campaign, path=district.path, count=row.pending, oldest=row.pending_since)
    assert found.aged == 1  # exactly 40 days is not more than 40


def test_a_kept_median_leaves_one_query_for_a_later_day(waiting, django_assert_num_queries):
    """The median moment does not depend on the day: kept under a key, a later day reads only the aged count,
    and waiting times still count to that day."""
    campaign, phase, _root, district, *_ = waiting
    row = campaign_tally(campaign, phase).row("huyen")
    ask = {"path": district.path, "count": row.pending, "oldest": row.pending_since, "median_key": "trung-vi"}
    today = backlog.subtree_backlog(campaign, **ask)

    later = timezone.now() + timedelta(days=20)
    with django_assert_num_queries(1):
        kept = backlog.subtree_backlog(campaign, now=later, **ask)

    assert kept == backlog.subtree_backlog(campaign, now=later, **{**ask, "median_key": None})
    assert kept.median_days == today.median_days + 20 and kept.oldest_days == today.oldest_days + 20


def test_nothing_waiting_costs_no_query(waiting, django_assert_num_queries):
    campaign, *_ = waiting
    with django_assert_num_queries(0):
        found = backlog.subtree_backlog(campaign, path="", count=0, oldest=None)
    assert found.count == 0 and found.median_days is None


def test_the_pages_show_the_backlog(waiting, client, settings):
    campaign, phase, *_ = waiting
    settings.INITIATIVES_REVIEW_AGED_DAYS = 30
    text = client.get(campaign.get_absolute_url(), {"giai-doan": 1}).content.decode()
    assert "đang chờ xét" in text and "lâu nhất 60 ngày" in text and "2 sáng kiến đã chờ quá 30 ngày" in text
    unit = client.get(reverse("initiatives:unit", args=[campaign.slug, "khac"]), {"giai-doan": 1}).content.decode()
    assert "lâu nhất 3 ngày" in unit and "đã chờ quá" not in unit


def test_a_reviewer_sees_the_aged_items_beneath_their_unit(client, settings):
    world = build_world()
    settings.INITIATIVES_REVIEW_AGED_DAYS = 30
    # The campaign of the shared world is over; open a new one to wait in now.
    today = timezone.localdate()
    campaign = CampaignFactory(starts_on=today - timedelta(days=120), ends_on=today + timedelta(days=30))
    phase = PhaseFactory(campaign=campaign, number=1, opens_on=campaign.starts_on, closes_on=campaign.ends_on)
    services.create_in_bulk(
        campaign=campaign,
        initiatives=[
            waiting_item(phase, world.vinh_hai, "VH-OLD", 45),
            waiting_item(phase, world.vinh_hai, "VH-NEW", 2),
            waiting_item(phase, world.trung_binh, "TB-OLD", 50),
        ],
    )
    client.force_login(world.users["vinh_chau"])
    url = reverse("admin:initiatives_initiative_changelist")
    text = client.get(url, {"cho-xet": "qua-han"}).content.decode()
    assert "VH-OLD" in text and "VH-NEW" not in text and "TB-OLD" not in text
    client.force_login(world.users["province"])
    text = client.get(url, {"cho-xet": "qua-han"}).content.decode()
    assert "VH-OLD" in text and "TB-OLD" in text and "VH-NEW" not in text
