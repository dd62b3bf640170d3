"""Tallies: exact against a brute-force count over the raw initiatives, on random trees and data; query budget."""

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives import services, workflow
from initiatives.models import Campaign, Initiative, Phase, Target, Unit, week_start
from initiatives.tallies import campaign_tally, percent_of, unit_breakdowns
from tests.factories import CampaignFactory, InitiativeFactory, PhaseFactory, TargetFactory, UnitFactory

pytestmark = pytest.mark.django_db

Status = Initiative.Status
SUBMITTED = Initiative.SUBMITTED_STATUSES
APPROVED = Initiative.APPROVED_STATUSES
START, END = date(2022, 1, 8), date(2023, 9, 1)
PHASE_WINDOWS = [(date(2022, 1, 8), date(2022, 5, 31)), (date(2022, 6, 1), date(2023, 9, 1))]


# --- The brute force: plain Python over every initiative and the parent links ------------------------------------


def brute_force(campaign, phase):
    """The tally recomputed from scratch, following the rules in initiatives/tallies/, as comparable tuples."""
    units = {u.pk: u for u in Unit.objects.all()}
    initiatives = list(Initiative.objects.filter(campaign=campaign))
    targets = list(Target.objects.filter(campaign=campaign))
    with_figures = {i.unit_id for i in initiatives} | {t.unit_id for t in targets}

    def parents(pk):
        chain, parent = [], units[pk].parent_id
        while parent is not None:
            chain.append(parent)
            parent = units[parent].parent_id
        return chain

    kept = {pk for pk, u in units.items() if u.existed_between(campaign.starts_on, campaign.ends_on)} | with_figures
    kept |= {a for pk in list(kept) for a in parents(pk)}
    children = defaultdict(list)
    for pk in kept:
        children[units[pk].parent_id].append(pk)
    for siblings in children.values():
        siblings.sort(key=lambda pk: (units[pk].order, units[pk].name, units[pk].code))

    if campaign.root_unit_id:
        root = campaign.root_unit_id
    elif len(children[None]) == 1:
        root = children[None][0]
        while len(children[root]) == 1 and root not in with_figures:
            root = children[root][0]
    else:
        root = 0

    def below(pk):
        found, todo = set(), [pk] if pk else list(children[None])
        while todo:
            node = todo.pop()
            found.add(node)
            todo.extend(children[node])
        return found

    in_phase = [i for i in initiatives if phase is None or i.phase_id == phase.pk]
    phase_id = phase.pk if phase else None
    own_targets = {(t.unit_id, t.kind): t.value for t in targets if t.phase_id == phase_id}

    def figures(pk):
        mine = [i for i in in_phase if i.unit_id in below(pk)]
        return (
            len(mine),
            sum(i.status in SUBMITTED for i in mine),
            sum(i.status in APPROVED for i in mine),
            sum(i.status == Status.DUOC_TANG_BANG for i in mine),
            sum(i.benefit_value or 0 for i in mine if i.status in APPROVED),
        )

    order = []

    def walk(pk):
        order.append(pk)
        for child in children[pk] if pk else children[None]:
            walk(child)

    walk(root)
    tree_parent = {pk: None if pk == root else (units[pk].parent_id or 0) for pk in order}
    submitted = {pk: figures(pk)[1] for pk in order}
    rows = []
    for pk in order:
        siblings = [other for other in order if tree_parent[other] == tree_parent[pk]]
        rank = 1 + sum(submitted[other] > submitted[pk] for other in siblings)
        tgt = {kind: own_targets.get((pk, kind)) for kind in Target.Kind.values}
        pct = {
            kind: None
            if not value
            else (Decimal(submitted[pk]) * 100 / Decimal(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            for kind, value in tgt.items()
        }
        delta = {kind: None if value is None else submitted[pk] - value for kind, value in tgt.items()}
        code = units[pk].code if pk else ""
        parent = tree_parent[pk]
        parent_code = None if parent is None else (units[parent].code if parent else "")
        rows.append((pk, code, parent_code, *figures(pk), tgt, pct, delta, rank))

    everything = below(root)
    mine = [i for i in in_phase if i.unit_id in everything]
    by_kind = Counter(i.kind for i in mine if i.status in SUBMITTED)
    by_sector = Counter(i.sector for i in mine if i.status in SUBMITTED)
    reg_weeks = Counter(week_start(i.registered_at) for i in mine)
    sub_weeks = Counter(week_start(i.submitted_at) for i in mine if i.submitted_at)
    weekly = []
    if reg_weeks or sub_weeks:
        week, last = min(reg_weeks | sub_weeks), max(reg_weeks | sub_weeks)
        while week <= last:
            weekly.append((week, reg_weeks[week], sub_weeks[week]))
            week += timedelta(days=7)
    return {
        "rows": rows,
        "by_kind": [(k, by_kind[k]) for k in Initiative.Kind.values],
        "by_sector": [(s, by_sector[s]) for s in Initiative.Sector.values],
        "weekly": weekly,
    }


def as_comparable(tally):
    rows = [
        (
            r.unit_id,
            r.code,
            r.parent_code,
            r.registered,
            r.submitted,
            r.approved,
            r.awarded,
            r.benefit_total,
            r.targets,
            r.percent,
            r.delta,
            r.rank,
        )
        for r in tally.rows
    ]
    return {
        "rows": rows,
        "by_kind": [(k, n) for k, _label, n in tally.by_kind],
        "by_sector": [(s, n) for s, _label, n in tally.by_sector],
        "weekly": tally.weekly,
    }


def assert_exact(campaign):
    for phase in [None, *campaign.phases.all()]:
        assert as_comparable(campaign_tally(campaign, phase)) == brute_force(campaign, phase)


def running_totals(campaign):
    """Every non-zero running-total row of the campaign, table by table."""
    rows = {}
    for name, (model, key) in services.TALLY_TABLES.items():
        values = [f.attname for f in model._meta.concrete_fields if f.attname not in ("id", *key)]
        rows[name] = sorted(
            (tuple(str(row[k]) for k in key), tuple(row[v] for v in values))
            for row in model.objects.filter(campaign=campaign).values(*key, *values)
            if any(row[v] for v in values)
        )
    return rows


# --- Random campaigns -----------------------------------------------------------------------------------------------

VALIDITY = st.sampled_from(
    [
        (None, None),
        (None, None),
        (None, None),
        (None, date(2021, 12, 31)),  # merged away before the campaign
        (date(2023, 9, 2), None),  # founded after it
        (None, date(2022, 5, 1)),  # merged away during phase 1
        (date(2022, 7, 1), None),  # founded during phase 2
    ]
)
unit_specs = st.lists(
    st.tuples(st.integers(0, 30), VALIDITY, st.integers(0, 3)),  # (parent choice, validity, order)
    min_size=1,
    max_size=9,
)
initiative_specs = st.lists(
    st.fixed_dictionaries(
        {
            "unit": st.integers(0, 100),
            "phase": st.integers(0, 1),
            "kind": st.sampled_from(Initiative.Kind.values),
            "sector": st.sampled_from(Initiative.Sector.values),
            "benefit": st.one_of(st.none(), st.integers(0, 10**9)),
            "status": st.sampled_from(Status.values),
            "day": st.integers(0, 700),
            "wait": st.integers(0, 60),
            "bulk": st.booleans(),
        }
    ),
    max_size=14,
)
target_specs = st.lists(
    st.tuples(
        st.integers(0, 100), st.sampled_from([None, 0, 1]), st.sampled_from(Target.Kind.values), st.integers(0, 12)
    ),
    max_size=8,
)
edit_specs = st.lists(
    st.tuples(
        st.sampled_from(["advance", "move", "kind", "benefit", "delete"]), st.integers(0, 100), st.integers(0, 100)
    ),
    max_size=8,
)


def build_units(specs, forest):
    units = []
    for choice, (valid_from, valid_to), order in specs:
        parent = None
        if units and not (forest and choice % 4 == 0):
            parent = units[choice % len(units)]
        n = len(units)
        units.append(
            Unit.objects.create(
                code=f"u{n}",
                name=f"Đơn vị {choice % 3}",
                parent=parent,
                order=order,
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )
    return units


def moment(day):
    return timezone.make_aware(datetime.combine(day, time(8)) + timedelta(minutes=17 * (day.toordinal() % 60)))


def initiative_times(spec, phase):
    opens, closes = (phase.opens_on, phase.closes_on) if phase else (START, END)
    registered = opens + timedelta(days=spec["day"] % ((closes - opens).days + 1))
    submitted = min(registered + timedelta(days=spec["wait"]), closes)
    return moment(registered), moment(submitted) + timedelta(hours=1)


def file_initiatives(campaign, phases, units, specs, user):
    bulk = []
    for n, spec in enumerate(specs):
        phase = phases[spec["phase"] % len(phases)] if phases else None
        unit = units[spec["unit"] % len(units)]
        registered_at, submitted_at = initiative_times(spec, phase)
        fields = {
            "campaign": campaign,
            "phase": phase,
            "unit": unit,
            "key": f"K{n}",
            "title": f"Sáng kiến {n}",
            "kind": spec["kind"],
            "sector": spec["sector"],
            "benefit_value": spec["benefit"],
            "registered_at": registered_at,
        }
        status = spec["status"]
        if spec["bulk"] or not unit.existed_on(timezone.localdate(registered_at)):
            bulk.append(
                Initiative(
                    **fields,
                    status=status,
                    submitted_at=submitted_at if status in SUBMITTED else None,
                    rejection_reason="Trùng" if status == Status.KHONG_THONG_QUA else "",
                )
            )
            continue
        initiative = services.create_initiative(by=user, authors=[("Lê Thị Hoa", "Kỹ sư")], **fields)
        for step in workflow.steps_to(Status.DANG_KY, status):
            at = submitted_at if step == Status.DA_NOP else submitted_at + timedelta(hours=2)
            services.transition(by=user, initiative=initiative, to_status=step, reason="Chưa mới", at=at)
    if bulk:
        Initiative.objects.bulk_create(bulk)
        services.after_bulk_change(campaign=campaign)


def apply_edits(campaign, units, edits, user):
    initiatives = list(Initiative.objects.filter(campaign=campaign).order_by("pk"))
    for action, a, b in edits:
        if not initiatives:
            return
        initiative = initiatives[a % len(initiatives)]
        initiative.refresh_from_db()
        if action == "advance":
            nxt = sorted(workflow.ALLOWED[initiative.status])
            if nxt:
                at = max(initiative.registered_at, initiative.submitted_at or initiative.registered_at)
                services.transition(
                    by=user, initiative=initiative, to_status=nxt[b % len(nxt)], reason="Không khả thi", at=at
                )
        elif action == "move":
            unit = units[b % len(units)]
            if unit.existed_on(timezone.localdate(initiative.registered_at)):
                services.update_initiative(by=user, initiative=initiative, unit=unit)
        elif action == "kind":
            services.update_initiative(
                by=user,
                initiative=initiative,
                kind=Initiative.Kind.values[b % 5],
                sector=Initiative.Sector.values[b % 3],
            )
        elif action == "benefit":
            services.update_initiative(by=user, initiative=initiative, benefit_value=b * 1000)
        else:
            services.delete_initiative(by=user, initiative=initiative)
            initiatives.remove(initiative)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    units=unit_specs,
    forest=st.booleans(),
    phased=st.booleans(),
    use_root=st.booleans(),
    targets=target_specs,
    initiatives=initiative_specs,
    edits=edit_specs,
)
def test_tally_equals_brute_force_on_random_trees_and_data(
    units, forest, phased, use_root, targets, initiatives, edits
):
    with transaction.atomic():
        user = None
        tree = build_units(units, forest)
        campaign = Campaign.objects.create(name="Ngẫu nhiên", starts_on=START, ends_on=END)
        phases = []
        if phased:
            phases = [
                Phase.objects.create(campaign=campaign, number=n + 1, opens_on=opens, closes_on=closes)
                for n, (opens, closes) in enumerate(PHASE_WINDOWS)
            ]
        if use_root:
            campaign.root_unit = tree[0]
            campaign.save()
        for unit_choice, phase_choice, kind, value in targets:
            phase = phases[phase_choice] if phase_choice is not None and phases else None
            services.set_target(
                unit=tree[unit_choice % len(tree)], campaign=campaign, phase=phase, kind=kind, value=value
            )
        file_initiatives(campaign, phases, tree, initiatives, user)
        assert_exact(campaign)
        apply_edits(campaign, tree, edits, user)
        assert_exact(campaign)
        incremental = running_totals(campaign)
        services.after_bulk_change(campaign=campaign)
        assert running_totals(campaign) == incremental
        assert_exact(campaign)
        transaction.set_rollback(True)


# --- Worked examples ------------------------------------------------------------------------------------------------


@pytest.fixture
def province_campaign():
    """A province with three children, phase-1 quota 1.000 and plan 2.000 like Sóc Trăng's."""
    campaign = CampaignFactory(name="1 triệu sáng kiến")
    phase1 = PhaseFactory(campaign=campaign, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    PhaseFactory(campaign=campaign, opens_on=date(2022, 6, 1), closes_on=date(2023, 9, 1))
    province = UnitFactory(code="soc-trang", name="LĐLĐ tỉnh Sóc Trăng", kind="ldld_tinh")
    vinh_chau = UnitFactory(code="st-vinh-chau", name="LĐLĐ thị xã Vĩnh Châu", parent=province, order=1)
    tran_de = UnitFactory(code="st-tran-de", name="LĐLĐ huyện Trần Đề", parent=province, order=2)
    cdcs = UnitFactory(code="st-cdcs-do-thi", name="CĐCS Công ty CP Công trình Đô thị", parent=province, order=3)
    TargetFactory(unit=province, campaign=campaign, phase=phase1, kind="chi_tieu", value=1000)
    TargetFactory(unit=province, campaign=campaign, phase=phase1, kind="ke_hoach", value=2000)
    return campaign, phase1, province, vinh_chau, tran_de, cdcs


def test_percent_is_rounded_half_up_to_one_decimal_exactly():
    assert percent_of(2822, 1000) == Decimal("282.2")
    assert percent_of(1, 3) == Decimal("33.3")
    assert percent_of(2, 3) == Decimal("66.7")
    assert percent_of(1, 8) == Decimal("12.5")
    assert percent_of(1, 16) == Decimal("6.3")  # 6,25 rounds up
    assert percent_of(5, 0) is None and percent_of(5, None) is None


def test_rollup_targets_percent_delta_rank_and_path(province_campaign):
    campaign, phase1, province, vinh_chau, tran_de, cdcs = province_campaign
    for unit, submitted, registered_only in [(vinh_chau, 3, 1), (tran_de, 3, 0), (cdcs, 1, 2)]:
        for _ in range(submitted):
            InitiativeFactory(campaign=campaign, phase=phase1, unit=unit, status="da_nop")
        for _ in range(registered_only):
            InitiativeFactory(campaign=campaign, phase=phase1, unit=unit)
    services.set_target(unit=province, campaign=campaign, phase=phase1, kind="chi_tieu", value=4)

    tally = campaign_tally(campaign, phase1)

    assert tally.root.code == "soc-trang"
    assert (tally.root.registered, tally.root.submitted) == (10, 7)
    assert tally.root.targets == {"chi_tieu": 4, "ke_hoach": 2000}
    assert tally.root.percent == {"chi_tieu": Decimal("175.0"), "ke_hoach": Decimal("0.4")}
    assert tally.root.delta == {"chi_tieu": 3, "ke_hoach": -1993}
    assert [r.code for r in tally.rows] == ["soc-trang", "st-vinh-chau", "st-tran-de", "st-cdcs-do-thi"]
    assert [(r.code, r.rank) for r in tally.children("soc-trang")] == [
        ("st-vinh-chau", 1),
        ("st-tran-de", 1),
        ("st-cdcs-do-thi", 3),
    ]
    assert [r.code for r in tally.path("st-cdcs-do-thi")] == ["soc-trang", "st-cdcs-do-thi"]
    assert tally.row("st-cdcs-do-thi").parent_code == "soc-trang"
    assert {k: n for k, _label, n in tally.by_kind}["ky_thuat"] == 7


def test_whole_campaign_uses_targets_without_phase(province_campaign):
    campaign, phase1, province, *_ = province_campaign
    assert campaign_tally(campaign).root.targets == {"chi_tieu": None, "ke_hoach": None}
    services.set_target(unit=province, campaign=campaign, kind="chi_tieu", value=3000)
    assert campaign_tally(campaign).root.targets["chi_tieu"] == 3000


def test_a_unit_merged_away_later_still_shows_in_the_old_campaign(province_campaign):
    campaign, phase1, province, vinh_chau, *_ = province_campaign
    merged_in_2025 = UnitFactory(code="st-nga-nam", parent=province, valid_to=date(2025, 6, 30))
    founded_later = UnitFactory(code="ct-moi", parent=province, valid_from=date(2025, 7, 1))

    codes = [r.code for r in campaign_tally(campaign).rows]
    assert "st-nga-nam" in codes and "ct-moi" not in codes
    assert merged_in_2025.pk and founded_later.pk


def test_a_national_unit_above_a_single_province_leaves_the_province_at_the_top(province_campaign):
    campaign, _phase1, province, *_ = province_campaign
    national = UnitFactory(code="tong-ldld", kind="tong_ldld")
    province.parent = national
    province.save()
    assert campaign_tally(campaign).root.code == "soc-trang"

    campaign.root_unit = national
    campaign.save()
    assert campaign_tally(campaign).root.code == "tong-ldld"


def test_several_top_units_get_a_synthetic_root():
    campaign = CampaignFactory()
    phase = PhaseFactory(campaign=campaign)
    InitiativeFactory(campaign=campaign, phase=phase, unit=UnitFactory(code="soc-trang"), status="da_nop")
    UnitFactory(code="can-tho")

    tally = campaign_tally(campaign)
    assert tally.root.code == "" and tally.root.unit_id == 0 and tally.root.submitted == 1
    assert [r.code for r in tally.children("")] == ["soc-trang", "can-tho"]
    assert [r.code for r in tally.path("can-tho")] == ["", "can-tho"]


def test_unit_breakdowns_cover_only_the_subtree(province_campaign):
    campaign, phase1, province, vinh_chau, tran_de, _cdcs = province_campaign
    InitiativeFactory(campaign=campaign, phase=phase1, unit=vinh_chau, kind="quan_ly", status="da_nop")
    InitiativeFactory(campaign=campaign, phase=phase1, unit=tran_de, kind="ky_thuat", status="da_nop")

    breakdowns = unit_breakdowns(campaign, vinh_chau)
    assert {k: n for k, _label, n in breakdowns.by_kind} == {
        "ky_thuat": 0,
        "quan_ly": 1,
        "tac_nghiep": 0,
        "ung_dung": 0,
        "nghien_cuu": 0,
    }
    assert sum(r for _w, r, _s in breakdowns.weekly) == 1


def test_weekly_counts_registrations_and_submissions_by_monday(province_campaign):
    campaign, phase1, _province, vinh_chau, *_ = province_campaign
    registered = timezone.make_aware(datetime(2022, 1, 12, 23, 30))  # a Wednesday, late evening local time
    initiative = InitiativeFactory(campaign=campaign, phase=phase1, unit=vinh_chau, registered_at=registered)
    services.transition(
        by=None, initiative=initiative, to_status="da_nop", at=timezone.make_aware(datetime(2022, 1, 24, 0, 10))
    )

    assert campaign_tally(campaign).weekly == [
        (date(2022, 1, 10), 1, 0),
        (date(2022, 1, 17), 0, 0),
        (date(2022, 1, 24), 0, 1),
    ]


def _grow(campaign, phase, province, units, initiatives_per_unit):
    district, initiatives = province, []
    registered_at = timezone.make_aware(datetime.combine(phase.opens_on, time(9)))
    for n in range(units):
        unit = UnitFactory(parent=province if n % 3 == 0 else district)
        district = unit if n % 3 == 0 else district
        TargetFactory(unit=unit, campaign=campaign, phase=phase, value=n)
        initiatives += [
            Initiative(
                campaign=campaign,
                phase=phase,
                unit=unit,
                key=f"{unit.code}-{m}",
                title="Sáng kiến",
                kind=Initiative.Kind.values[m % 5],
                sector=Initiative.Sector.values[m % 3],
                status=Status.DA_NOP if m % 2 else Status.DANG_KY,
                registered_at=registered_at + timedelta(days=m),
                submitted_at=registered_at + timedelta(days=m + 1) if m % 2 else None,
            )
            for m in range(initiatives_per_unit)
        ]
    Initiative.objects.bulk_create(initiatives)
    services.after_bulk_change(campaign=campaign)


def test_query_count_does_not_grow_with_units_or_initiatives(django_assert_num_queries):
    small, large = CampaignFactory(), CampaignFactory()
    small_phase, large_phase = PhaseFactory(campaign=small), PhaseFactory(campaign=large)
    province = UnitFactory(code="soc-trang")
    _grow(small, small_phase, province, units=5, initiatives_per_unit=4)
    _grow(large, large_phase, province, units=60, initiatives_per_unit=10)
    assert Initiative.objects.filter(campaign=large).count() == 600

    for campaign, phase in [(small, None), (small, small_phase), (large, None), (large, large_phase)]:
        with django_assert_num_queries(8):
            tally = campaign_tally(campaign, phase)
        assert tally.rows
