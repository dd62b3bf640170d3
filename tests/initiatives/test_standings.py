"""Standings: clusters and ranks within them, per-100 figures, the honour roll, pace, weekly ranks."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives import services, standings
from initiatives.models import Cluster, ClusterMember, Initiative, week_start
from initiatives.tallies import campaign_tally
from tests.factories import CampaignFactory, PhaseFactory, UnitFactory

pytestmark = pytest.mark.django_db

S = Initiative.Status


def moment(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def file(campaign, phase, unit, n, *, on, prefix="K"):
    """`n` initiatives of `unit` registered and submitted on the day `on`."""
    services.create_in_bulk(
        campaign=campaign,
        initiatives=[
            services.NewInitiative(
                phase=phase,
                unit=unit,
                key=f"{prefix}-{unit.code}-{on:%Y%m%d}-{i}",
                title=f"Sáng kiến {i}",
                kind="quan_ly",
                sector="san_xuat",
                status=S.DA_NOP,
                registered_at=moment(on),
                submitted_at=moment(on, 10),
                authors=[("Nguyễn Văn An", "")],
            )
            for i in range(n)
        ],
    )


def cluster(campaign, code, name, units, order=0):
    made = Cluster.objects.create(campaign=campaign, code=code, name=name, order=order)
    for unit in units:
        ClusterMember.objects.create(cluster=made, unit=unit)
    return made


@pytest.fixture
def league():
    return build_league()


def build_league():
    """Four district unions under a province, in two clusters, with phase-1 quotas, and a phase open today."""
    today = timezone.localdate()
    campaign = CampaignFactory(starts_on=today - timedelta(days=60), ends_on=today + timedelta(days=60))
    phase = PhaseFactory(campaign=campaign, number=1, opens_on=campaign.starts_on, closes_on=campaign.ends_on)
    root = UnitFactory(code="tinh", name="LĐLĐ tỉnh", kind="ldld_tinh", member_count=10_000)
    campaign.root_unit = root
    campaign.save()
    units = {
        code: UnitFactory(code=code, name=name, parent=root, order=n, member_count=members)
        for n, (code, name, members) in enumerate(
            [("a", "LĐLĐ A", 400), ("b", "LĐLĐ B", 2000), ("c", "LĐLĐ C", 0), ("d", "LĐLĐ D", 300)]
        )
    }
    for code, quota in {"a": 30, "b": 50, "c": 10, "d": 20}.items():
        services.set_target(unit=units[code], campaign=campaign, phase=phase, kind="chi_tieu", value=quota)
    earlier = today - timedelta(days=40)
    file(campaign, phase, units["a"], 35, on=earlier)  # above its quota of 30
    file(campaign, phase, units["b"], 48, on=earlier)  # the most of cluster 1, but below its quota of 50
    file(campaign, phase, units["c"], 10, on=earlier)  # exactly its quota: reached, not exceeded
    file(campaign, phase, units["d"], 21, on=earlier)  # above its quota of 20
    cluster(campaign, "cum-1", "Cụm thi đua số 1", [units["a"], units["b"]], order=1)
    cluster(campaign, "cum-2", "Cụm thi đua số 2", [units["c"], units["d"]], order=2)
    return campaign, phase, root, units


def test_ranks_within_clusters_beside_ranks_among_siblings(league):
    campaign, phase, _root, _units = league
    tally = campaign_tally(campaign, phase)
    rows = {row.code: row for row in tally.rows}
    assert [rows[c].rank for c in "abcd"] == [2, 1, 4, 3]
    assert [(rows[c].cluster_code, rows[c].rank_in_cluster) for c in "abcd"] == [
        ("cum-1", 2),
        ("cum-1", 1),
        ("cum-2", 2),
        ("cum-2", 1),
    ]
    assert rows["tinh"].cluster_code is None and rows["tinh"].rank_in_cluster is None
    assert [(code, [r.code for r in members]) for code, _name, members in tally.clusters()] == [
        ("cum-1", ["b", "a"]),
        ("cum-2", ["d", "c"]),
    ]


def test_per_100_members_and_its_rank_with_unknown_members(league):
    campaign, phase, _root, _units = league
    rows = {row.code: row for row in campaign_tally(campaign, phase).rows}
    assert rows["a"].per_100 == Decimal("8.8")  # 35 × 100 / 400 = 8,75 → 8,8 (half up)
    assert rows["b"].per_100 == Decimal("2.4")
    assert rows["c"].members is None and rows["c"].per_100 is None
    assert rows["d"].per_100 == Decimal("7.0")
    assert [rows[c].rank_per_100 for c in "abcd"] == [1, 3, None, 2]


def test_the_honour_roll_needs_more_than_the_own_quota(league):
    campaign, phase, _root, units = league
    roll = campaign_tally(campaign, phase).honour_roll()
    # B files most in cluster 1 but misses its quota; C reached its quota without exceeding it.
    assert [(code, [r.code for r in leaders]) for code, _name, leaders in roll] == [("cum-1", ["a"]), ("cum-2", ["d"])]
    file(campaign, phase, units["b"], 3, on=timezone.localdate() - timedelta(days=1), prefix="L")
    roll = campaign_tally(campaign, phase).honour_roll()
    assert [r.code for r in roll[0][2]] == ["b"]  # 51 > 50: now B leads its cluster


def test_a_cluster_without_a_unit_above_its_quota_has_no_leader(league):
    campaign, phase, _root, units = league
    services.set_target(unit=units["d"], campaign=campaign, phase=phase, kind="chi_tieu", value=21)
    roll = {code: leaders for code, _name, leaders in campaign_tally(campaign, phase).honour_roll()}
    assert roll["cum-2"] == []


def test_a_unit_is_in_one_cluster_per_campaign(league):
    campaign, _phase, _root, units = league
    other = Cluster.objects.create(campaign=campaign, code="cum-3", name="Cụm 3")
    member = ClusterMember(cluster=other, unit=units["a"])
    with pytest.raises(Exception, match="đã thuộc"):
        member.validate_constraints()
    second = CampaignFactory()
    elsewhere = Cluster.objects.create(campaign=second, code="cum-1", name="Cụm 1")
    ClusterMember.objects.create(cluster=elsewhere, unit=units["a"])  # another campaign: allowed


# --- Pace ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2022, 1, 7), None),  # the day before the phase opens
        (date(2022, 1, 8), 4),  # first day: 144 days left, 21 weeks, ⌈80 / 21⌉
        (date(2022, 5, 18), 40),  # 14 days left: two weeks
        (date(2022, 5, 25), 80),  # 7 days left: one week
        (date(2022, 5, 26), 80),  # 6 days left: still one (started) week
        (date(2022, 5, 31), 80),  # the last day: everything that is missing
        (date(2022, 6, 1), None),  # closed
    ],
)
def test_needed_per_week_at_the_phase_boundaries(today, expected):
    period = standings.Period(date(2022, 1, 8), date(2022, 5, 31), today)
    assert standings.needed_per_week(100, 20, period) == expected
    if period.is_open:
        assert standings.needed_per_week(100, 120, period) == 0  # quota reached
        assert standings.needed_per_week(None, 20, period) is None  # no quota


def test_weeks_left_count_a_started_week_as_whole():
    assert standings.Period(date(2022, 1, 1), date(2022, 1, 14), date(2022, 1, 1)).weeks_left == 2
    assert standings.Period(date(2022, 1, 1), date(2022, 1, 14), date(2022, 1, 8)).weeks_left == 1
    assert standings.Period(date(2022, 1, 1), date(2022, 1, 15), date(2022, 1, 1)).weeks_left == 3


def test_at_risk_when_the_last_four_weeks_fall_short(league):
    campaign, phase, root, units = league
    rows = {row.code: row for row in campaign_tally(campaign, phase).rows}
    # B needs 2 more over 9 weeks (1 a week) and filed nothing in the last four weeks: at risk.
    assert rows["b"].needed_per_week == 1 and rows["b"].recent == 0 and rows["b"].at_risk
    assert rows["a"].needed_per_week == 0 and not rows["a"].at_risk
    file(campaign, phase, units["b"], 4, on=timezone.localdate(), prefix="M")
    tally = campaign_tally(campaign, phase)
    rows = {row.code: row for row in tally.rows}
    assert rows["b"].recent == 4 and not rows["b"].at_risk
    assert rows["b"].needed_per_week == 0


def test_no_pace_outside_an_open_phase(province):
    tally = campaign_tally(province["campaign"], province["phase1"])  # 2022: long closed
    assert not tally.period.is_open
    assert all(row.needed_per_week is None and not row.at_risk for row in tally.rows)


# --- Weekly ranks -------------------------------------------------------------------------------------------------


def brute_force_weekly_ranks(campaign, phase, parent, children, weeks):
    """Every week, recount the initiatives submitted up to its Sunday under each child and rank them."""
    history = {}
    for monday in weeks:
        sunday_end = moment(monday + timedelta(days=7), 0)
        counts = {}
        for child in children:
            counts[child.pk] = (
                Initiative.objects.filter(campaign=campaign, phase=phase, unit__path__startswith=child.path)
                .filter(submitted_at__lt=sunday_end, submitted_at__isnull=False)
                .count()
            )
        ordered = sorted(counts.values(), reverse=True)
        history[monday] = {pk: ordered.index(count) + 1 for pk, count in counts.items()}
    return history


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    filings=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 48), st.integers(1, 4)),
        min_size=1,
        max_size=25,
    ),
)
def test_weekly_ranks_equal_a_brute_force_recount(filings):
    """Random filings on random days under a parent with three children (one with a sub-unit)."""
    campaign = CampaignFactory(starts_on=date(2022, 1, 3), ends_on=date(2022, 3, 31))
    phase = PhaseFactory(campaign=campaign, number=1, opens_on=date(2022, 1, 3), closes_on=date(2022, 2, 27))
    parent = UnitFactory(code=f"p-{campaign.pk}", name="Cấp trên")
    children = [UnitFactory(code=f"c{n}-{campaign.pk}", name=f"Con {n}", parent=parent) for n in range(3)]
    grandchild = UnitFactory(code=f"g-{campaign.pk}", name="Cháu", parent=children[0])
    targets = [*children, grandchild, parent]
    for n, (who, day, count) in enumerate(filings):
        unit = targets[who % len(targets)]
        file(campaign, phase, unit, count, on=phase.opens_on + timedelta(days=day), prefix=f"R{n}")
    for unit in [parent, *children]:
        unit.refresh_from_db()
    period = standings.Period(phase.opens_on, phase.closes_on, date(2022, 3, 15))
    got = standings.weekly_ranks(campaign, phase, period, parent_path=parent.path, child_ids=[c.pk for c in children])
    assert list(got) == period.weeks()
    assert got == brute_force_weekly_ranks(campaign, phase, parent, children, period.weeks())


def test_rank_change_compares_with_the_end_of_last_week(league):
    campaign, phase, _root, units = league
    rows = {row.code: row for row in campaign_tally(campaign, phase).rows}
    assert all(rows[c].rank_change == 0 for c in "abcd")  # nothing filed since last week
    this_monday = week_start(timezone.localdate())
    file(campaign, phase, units["c"], 40, on=this_monday, prefix="N")  # C jumps from 4th to 1st this week
    rows = {row.code: row for row in campaign_tally(campaign, phase).rows}
    assert rows["c"].rank_change == 3
    assert rows["b"].rank_change == -1 and rows["a"].rank_change == -1 and rows["d"].rank_change == -1


def test_rank_change_is_none_in_the_first_week():
    today = timezone.localdate()
    campaign = CampaignFactory(starts_on=week_start(today), ends_on=today + timedelta(days=90))
    root = UnitFactory(code="tinh-moi", name="LĐLĐ tỉnh")
    campaign.root_unit = root
    campaign.save()
    child = UnitFactory(code="con-moi", name="Con", parent=root)
    file(campaign, None, child, 2, on=today)
    rows = {row.code: row for row in campaign_tally(campaign).rows}
    assert rows["con-moi"].rank_change is None


def test_a_weekly_rank_is_shared_on_ties():
    assert standings.ranks({"a": 3, "b": 5, "c": 3, "d": 0}) == {"a": 2, "b": 1, "c": 2, "d": 4}
    assert standings.ranks({"a": None, "b": Decimal("1.5")}) == {"a": None, "b": 1}


def test_weekly_ranks_read_one_query_whatever_the_weeks_and_units(league, django_assert_num_queries):
    campaign, phase, root, units = league
    tally = campaign_tally(campaign, phase)
    for extra in range(30):
        UnitFactory(code=f"cs-{extra}", name=f"CĐCS {extra}", parent=units["a"])
    with django_assert_num_queries(1):
        standings.weekly_ranks(
            campaign, phase, tally.period, parent_path=root.path, child_ids=[u.pk for u in units.values()]
        )


def _per_child(history, pk):
    return [ranks[pk] for _week, ranks in sorted(history.items())]


def test_weekly_history_of_a_unit(league):
    campaign, phase, root, units = league
    tally = campaign_tally(campaign, phase)
    history = standings.weekly_ranks(
        campaign, phase, tally.period, parent_path=root.path, child_ids=[u.pk for u in units.values()]
    )
    before_filing = [week for week in history if week < week_start(timezone.localdate() - timedelta(days=40))]
    assert all(set(history[week].values()) == {1} for week in before_filing)  # all tied at 0
    assert _per_child(history, units["b"].pk)[-1] == 1
    counts = defaultdict(int)
    for ranks in history.values():
        counts[len(ranks)] += 1
    assert set(counts) == {4}


# --- Downloads ----------------------------------------------------------------------------------------------------


def test_json_carries_the_standings_of_every_unit(league):
    from initiatives import exports

    campaign, phase, _root, _units = league
    units = {unit["code"]: unit for unit in exports.tally_json(campaign_tally(campaign, phase))["units"]}
    assert {key: units["a"][key] for key in STANDING_KEYS} == {
        "members": 400,
        "per_100_members": 8.8,
        "cluster": {"code": "cum-1", "name": "Cụm thi đua số 1"},
        "rank_in_cluster": 2,
        "rank_change": 0,
        "needed_per_week": 0,
        "pending": {"count": 35, "oldest_days": 40},
    }
    assert units["c"]["members"] is None and units["c"]["per_100_members"] is None
    assert units["tinh"]["cluster"] is None and units["tinh"]["rank_in_cluster"] is None
    assert units["b"]["needed_per_week"] == 1


STANDING_KEYS = (
    "members",
    "per_100_members",
    "cluster",
    "rank_in_cluster",
    "rank_change",
    "needed_per_week",
    "pending",
)


def test_csv_and_xlsx_carry_the_same_columns_with_vietnamese_headers(league):
    import csv
    import io

    from openpyxl import load_workbook

    from initiatives import exports

    campaign, phase, _root, _units = league
    tally = campaign_tally(campaign, phase)
    header, rows = exports.tally_table(tally)
    wanted = [
        "Số đoàn viên",
        "Sáng kiến trên 100 đoàn viên",
        "Hạng theo số trên 100 đoàn viên",
        "Mã cụm thi đua",
        "Cụm, khối thi đua",
        "Hạng trong cụm",
        "Thay đổi hạng so với tuần trước",
        "Cần thêm mỗi tuần",
        "Đang chờ xét",
        "Chờ lâu nhất (ngày)",
    ]
    assert header[-len(wanted) :] == wanted
    row_a = dict(zip(header, rows[[r.code for r in tally.rows].index("a")], strict=True))
    assert (row_a["Sáng kiến trên 100 đoàn viên"], row_a["Cụm, khối thi đua"], row_a["Hạng trong cụm"]) == (
        8.8,
        "Cụm thi đua số 1",
        2,
    )
    assert (row_a["Đang chờ xét"], row_a["Chờ lâu nhất (ngày)"]) == (35, 40)
    body = io.BytesIO()
    exports.write_csv(tally, body)
    csv_header = next(csv.reader(io.StringIO(body.getvalue().decode("utf-8-sig"))))
    assert csv_header == header
    body = io.BytesIO()
    exports.write_xlsx(tally, body)
    sheet = load_workbook(body).active
    assert [cell.value for cell in sheet[exports.XLSX_HEADER_ROW]] == header


# --- Quarters -----------------------------------------------------------------------------------------------------


def test_quarters_and_their_days():
    q = standings.Quarter(2022, 1)
    assert (q.starts_on, q.ends_on, q.slug) == (date(2022, 1, 1), date(2022, 3, 31), "2022-q1")
    assert standings.Quarter(2022, 4).ends_on == date(2022, 12, 31)
    assert standings.Quarter.from_slug("2023-q2") == standings.Quarter(2023, 2)
    assert standings.Quarter.from_slug("2023-q5") is None and standings.Quarter.from_slug("abc") is None
    campaign = CampaignFactory(starts_on=date(2022, 1, 8), ends_on=date(2023, 9, 1))
    assert [q.slug for q in standings.quarters_of(campaign, date(2022, 7, 2))] == ["2022-q3", "2022-q2", "2022-q1"]


@pytest.fixture
def year():
    """A 2022 campaign with one half-year phase (181 days) and two clusters."""
    campaign = CampaignFactory(starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31))
    phase = PhaseFactory(campaign=campaign, number=1, opens_on=date(2022, 1, 1), closes_on=date(2022, 6, 30))
    root = UnitFactory(code="tinh-q", name="LĐLĐ tỉnh")
    campaign.root_unit = root
    campaign.save()
    units = {code: UnitFactory(code=code, name=f"LĐLĐ {code}", parent=root) for code in ("qa", "qb", "qc")}
    for code, quota in {"qa": 36, "qb": 18, "qc": 40}.items():
        services.set_target(unit=units[code], campaign=campaign, phase=phase, kind="chi_tieu", value=quota)
    file(campaign, phase, units["qa"], 20, on=date(2022, 2, 10))
    file(campaign, phase, units["qb"], 30, on=date(2022, 3, 31))
    file(campaign, phase, units["qb"], 5, on=date(2022, 4, 1))
    file(campaign, phase, units["qc"], 25, on=date(2022, 1, 20))
    cluster(campaign, "cum-a", "Cụm A", [units["qa"], units["qb"]], order=1)
    cluster(campaign, "cum-b", "Cụm B", [units["qc"]], order=2)
    return campaign, phase, units


def test_a_quarter_quota_is_the_phase_quota_shared_by_days(year):
    campaign, _phase, units = year
    quotas = standings.quarter_quotas(campaign, standings.Quarter(2022, 1))
    # 90 of the phase's 181 days: 36 → 17,9 → 18; 18 → 8,95 → 9; 40 → 19,9 → 20.
    assert {code: quotas[units[code].pk] for code in units} == {"qa": 18, "qb": 9, "qc": 20}
    assert standings.quarter_quotas(campaign, standings.Quarter(2022, 3)) == {}


def test_the_quarter_honour_roll_counts_the_quarter_against_its_quota(year):
    campaign, phase, _units = year
    tally = campaign_tally(campaign, phase)
    quarter = standings.quarter_honour_roll(tally, standings.Quarter(2022, 1))
    leaders = {code: [(r.code, r.submitted) for r in rows] for code, _name, rows in quarter}
    # Q1: B filed 30 by 31/03 (the 5 of 01/04 are Q2's), C 25 against its quarter quota of 20.
    assert leaders == {"cum-a": [("qb", 30)], "cum-b": [("qc", 25)]}
    whole = {code: [r.code for r in rows] for code, _name, rows in tally.honour_roll()}
    assert whole == {"cum-a": ["qb"], "cum-b": []}  # C's 25 fall short of its phase quota of 40
    second = standings.quarter_honour_roll(tally, standings.Quarter(2022, 2))
    assert {code: rows for code, _name, rows in second} == {"cum-a": [], "cum-b": []}  # B's 5 < its share of 9


def test_the_progress_page_offers_the_quarters(year, client):
    campaign, _phase, _units = year
    text = client.get(campaign.get_absolute_url(), {"giai-doan": 1, "quy": "2022-q1"}).content.decode()
    assert "Dẫn đầu cụm, khối thi đua — quý 1/2022" in text
    assert "?giai-doan=1&amp;quy=2022-q4#dan-dau-cum" in text
    text = client.get(campaign.get_absolute_url(), {"giai-doan": 1, "quy": "2031-q1"}).content.decode()
    assert "Dẫn đầu cụm, khối thi đua — giai đoạn 1" in text  # a quarter outside the campaign: the phase
