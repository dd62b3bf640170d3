"""How every unit of a campaign stands: counts rolled up the unit tree, targets, percentages, ranks, breakdowns.

`campaign_tally(campaign, phase=None)` returns plain data (`CampaignTally`, `UnitRow`) that the pages, the JSON,
CSV and XLSX outputs and the `export_tallies` command all read.

Where the numbers come from. The tally never scans the initiatives: it reads the running totals, which
`initiatives/services.py` keeps exact in the same transaction as every write and `services.after_bulk_change()`
rebuilds: `TallyUnit` (one row per campaign × phase × unit, a column per status), `TallyMix` (campaign × phase ×
kind × sector) and `TallyCampaignWeek` (campaign × phase × week). When some initiatives lie outside the root's
subtree (an explicit `Campaign.root_unit`), the breakdowns read the finer `TallyCount` and `TallyWeek` filtered
by the root's path instead. A tally is five queries whatever the number of units and initiatives (units,
per-unit counts, targets, kind × sector, weeks), a few thousand rows at most; the roll-up is done in Python.

What the columns count (an initiative belongs to the phase in its `phase` field):
- registered: every initiative, whatever its status;
- submitted: status đã nộp or any later one (đang xét, được thông qua, không được thông qua, đề nghị khen
  thưởng, được tặng Bằng lao động sáng tạo); the percentages, deltas, ranks and breakdowns use this column;
- approved: được thông qua, đề nghị khen thưởng, được tặng Bằng; awarded: được tặng Bằng;
- benefit_total: the sum of `benefit_value` of the approved initiatives;
- weekly: initiatives registered in the week (by `registered_at`) and submitted in it (by `submitted_at`),
  weeks starting on Monday in the site's time zone, every week from the first to the last one with data.

Which units a campaign shows (the same for the whole campaign and for each phase, so tables line up):
every unit whose validity (`valid_from`…`valid_to`) overlaps the campaign's dates, every unit holding
initiatives or targets of the campaign (initiatives always stay with the unit they were filed under, even if it
was merged away since), and the units above those. Old campaigns thus keep showing units as they were.

The root is `campaign.root_unit` when set. Otherwise it is the single top unit of those, followed down as long
as it has exactly one child and neither initiatives nor targets of its own in the campaign (so a national
"Tổng LĐLĐ" unit above a single province leaves the province at the top). When several top units remain, the
root is a synthetic "all units" row with code "" and unit_id 0.

Targets are each unit's own: for a phase, the targets of that phase; for the whole campaign, the targets set
without a phase. percent = submitted / target × 100 rounded half up to one decimal (None without a target
or when it is 0); delta = submitted − target (None without a target). rank: among siblings by submitted,
highest first; ties share a rank (1, 1, 3).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Initiative, TallyCampaignWeek, TallyCount, TallyMix, TallyUnit, TallyWeek, Target, Unit

Status = Initiative.Status
TARGET_KINDS = tuple(Target.Kind.values)
SUBMITTED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.SUBMITTED_STATUSES]
APPROVED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.APPROVED_STATUSES]
AWARDED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.AWARDED_STATUSES]
ALL_COLUMNS = [TallyCount.status_column(s) for s in Status.values]
ALL_UNITS_CODE = ""


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str | None
    depth: int
    registered: int
    submitted: int
    approved: int
    awarded: int
    benefit_total: int
    targets: dict[str, int | None]
    percent: dict[str, Decimal | None]
    delta: dict[str, int | None]
    rank: int
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class CampaignTally:
    campaign: object
    phase: object
    as_of: object
    root: UnitRow
    rows: list[UnitRow]
    by_kind: list[tuple[str, str, int]]
    by_sector: list[tuple[str, str, int]]
    weekly: list[tuple[date, int, int]]
    _by_code: dict = field(default_factory=dict, repr=False, compare=False)
    _children: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        by_code = {row.code: row for row in self.rows}
        children = defaultdict(list)
        for row in self.rows:
            if row is not self.root:
                children[row.parent_code].append(row)
        for siblings in children.values():
            siblings.sort(key=lambda r: r.rank)  # stable: tree order among ties
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_children", dict(children))

    def row(self, code):
        """The row of the unit with `code` (KeyError if the unit is not in this campaign's tree)."""
        return self._by_code[code]

    def children(self, code):
        """The rows of the units directly under `code`, ranked (best first)."""
        return list(self._children.get(code, []))

    def path(self, code):
        """The rows from the root down to `code`."""
        rows, row = [], self.row(code)
        while True:
            rows.append(row)
            if row is self.root or row.parent_code is None:
                break
            row = self._by_code[row.parent_code]
        return rows[::-1]


@dataclass(frozen=True)
class Breakdowns:
    by_kind: list[tuple[str, str, int]]
    by_sector: list[tuple[str, str, int]]
    weekly: list[tuple[date, int, int]]


def campaign_tally(campaign, phase=None, *, as_of=None):
    """The tally of `campaign` (or of one of its phases) for every unit of its tree; see the module docstring.

    `as_of` is the moment the figures are stamped with (default: now); the figures are always the current ones.
    """
    if phase is not None and phase.campaign_id != campaign.pk:
        raise ValueError("phase does not belong to campaign")
    as_of = as_of or timezone.now()

    units = {
        row[0]: row
        for row in Unit.objects.order_by().values_list(
            "pk", "code", "name", "short_name", "kind", "parent_id", "depth", "path", "order", "valid_from", "valid_to"
        )
    }
    own = defaultdict(lambda: [0] * 5)  # unit → registered, submitted, approved, awarded, benefit (this phase)
    has_data = set()
    statuses = {status: i for i, status in enumerate(ALL_COLUMNS)}
    submitted_at = [statuses[c] for c in SUBMITTED_COLUMNS]
    approved_at = [statuses[c] for c in APPROVED_COLUMNS]
    awarded_at = [statuses[c] for c in AWARDED_COLUMNS]
    phase_id = phase.pk if phase is not None else None
    for unit_id, row_phase_id, benefit, *n in TallyUnit.objects.filter(campaign=campaign).values_list(
        "unit_id", "phase_id", "benefit_approved", *ALL_COLUMNS
    ):
        registered = sum(n)
        if registered:
            has_data.add(unit_id)
        if phase is None or row_phase_id == phase_id:
            totals = own[unit_id]
            totals[0] += registered
            totals[1] += sum(n[i] for i in submitted_at)
            totals[2] += sum(n[i] for i in approved_at)
            totals[3] += sum(n[i] for i in awarded_at)
            totals[4] += benefit

    targets = defaultdict(dict)
    has_targets = set()
    for unit_id, target_phase_id, kind, value in (
        Target.objects.filter(campaign=campaign).order_by().values_list("unit_id", "phase_id", "kind", "value")
    ):
        has_targets.add(unit_id)
        if target_phase_id == phase_id:
            targets[unit_id][kind] = value

    kept = _units_of_campaign(campaign, units, has_data | has_targets)
    root_id = _root(campaign, units, kept, has_data | has_targets)
    rows = _rows(units, kept, root_id, own, targets)
    root_path = units[root_id][7] if root_id else ""
    # When every unit holding initiatives lies under the root, the campaign-wide totals are the root's.
    all_under_root = all(units[pk][7].startswith(root_path) for pk in has_data if pk in units)
    breakdowns = _breakdowns(campaign, phase, None if all_under_root else root_path)
    return CampaignTally(
        campaign=campaign,
        phase=phase,
        as_of=as_of,
        root=rows[0],
        rows=rows,
        by_kind=breakdowns.by_kind,
        by_sector=breakdowns.by_sector,
        weekly=breakdowns.weekly,
    )


def unit_breakdowns(campaign, unit, phase=None):
    """Submitted initiatives by kind and by sector, and weekly registrations and submissions, under `unit`."""
    return _breakdowns(campaign, phase, unit.path)


# --- Building blocks --------------------------------------------------------------------------------------------


def _sum(columns):
    total = Sum(columns[0])
    for column in columns[1:]:
        total = total + Sum(column)
    return total


def _units_of_campaign(campaign, units, with_figures):
    """Primary keys of the units the campaign shows: those that existed during it, those holding its
    initiatives or targets, and every unit above them."""
    start, end = campaign.starts_on, campaign.ends_on
    kept = set()
    for pk, *_rest, valid_from, valid_to in units.values():
        existed = (valid_from is None or valid_from <= end) and (valid_to is None or valid_to >= start)
        if existed or pk in with_figures:
            kept.add(pk)
    for pk in list(kept):
        parent_id = units[pk][5]
        while parent_id is not None and parent_id not in kept:
            kept.add(parent_id)
            parent_id = units[parent_id][5]
    return kept


def _root(campaign, units, kept, with_figures):
    """The unit at the top of the campaign's table (0 for the synthetic "all units" row)."""
    if campaign.root_unit_id and campaign.root_unit_id in units:
        return campaign.root_unit_id
    children = defaultdict(list)
    for pk in kept:
        children[units[pk][5]].append(pk)
    tops = children[None]
    if len(tops) != 1:
        return 0
    root = tops[0]
    while len(children[root]) == 1 and root not in with_figures:
        root = children[root][0]
    return root


def _rows(units, kept, root_id, own, targets):
    """Every unit under the root, depth-first, with its subtree's figures, targets and rank."""
    children = defaultdict(list)
    for pk in kept:
        children[units[pk][5]].append(pk)
    for siblings in children.values():
        siblings.sort(key=lambda pk: (units[pk][8], units[pk][2], units[pk][1]))

    # Depth-first from the root; the synthetic root (0) has the top units as children.
    order, stack = ([], [root_id]) if root_id else ([0], list(reversed(children[None])))
    while stack:
        pk = stack.pop()
        order.append(pk)
        stack.extend(reversed(children[pk]))
    parent_in_tree = {pk: None if pk == order[0] else (units[pk][5] or 0) for pk in order}

    totals = {pk: list(own.get(pk, (0, 0, 0, 0, 0))) for pk in order}
    for pk in reversed(order):
        parent = parent_in_tree[pk]
        if parent is not None:
            for i, value in enumerate(totals[pk]):
                totals[parent][i] += value

    ranks = {}
    siblings_of = defaultdict(list)
    for pk in order:
        siblings_of[parent_in_tree[pk]].append(pk)
    for siblings in siblings_of.values():
        scores = sorted((totals[pk][1] for pk in siblings), reverse=True)
        first_place = {}
        for place, score in enumerate(scores, start=1):
            first_place.setdefault(score, place)
        for pk in siblings:
            ranks[pk] = first_place[totals[pk][1]]

    rows = []
    for pk in order:
        registered, submitted, approved, awarded, benefit = totals[pk]
        unit_targets = {kind: targets.get(pk, {}).get(kind) for kind in TARGET_KINDS}
        parent = parent_in_tree[pk]
        parent_code = None if parent is None else units[parent][1] if parent else ALL_UNITS_CODE
        if pk:
            _pk, code, name, short_name, kind, _parent_id, depth, _path, _order, valid_from, valid_to = units[pk]
        else:
            code, name, kind, depth, valid_from, valid_to = (
                ALL_UNITS_CODE,
                str(_("Tất cả đơn vị")),
                "khac",
                -1,
                None,
                None,
            )
            short_name = name
        rows.append(
            UnitRow(
                unit_id=pk,
                code=code,
                name=name,
                short_name=short_name or name,
                kind=kind,
                parent_code=parent_code,
                depth=depth,
                registered=registered,
                submitted=submitted,
                approved=approved,
                awarded=awarded,
                benefit_total=benefit,
                targets=unit_targets,
                percent={kind: percent_of(submitted, value) for kind, value in unit_targets.items()},
                delta={kind: None if value is None else submitted - value for kind, value in unit_targets.items()},
                rank=ranks[pk],
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )
    return rows


def percent_of(count, target):
    """count / target × 100, rounded half up to one decimal, exactly (None without a positive target)."""
    if not target:
        return None
    tenths = (count * 2000 + target) // (2 * target)
    return Decimal(tenths) / 10


def _breakdowns(campaign, phase, path_prefix):
    """Breakdowns under the units whose path starts with `path_prefix` (None: the whole campaign)."""
    scope = Q(campaign=campaign)
    if phase is not None:
        scope &= Q(phase=phase)
    if path_prefix is not None:
        scope &= Q(unit__path__startswith=path_prefix)
    mix_model, week_model = (TallyCount, TallyWeek) if path_prefix is not None else (TallyMix, TallyCampaignWeek)

    kind_sector = (
        mix_model.objects.filter(scope)
        .values("kind", "sector")
        .annotate(submitted=_sum(SUBMITTED_COLUMNS))
        .order_by()
        .values_list("kind", "sector", "submitted")
    )
    by_kind, by_sector = defaultdict(int), defaultdict(int)
    for kind, sector, submitted in kind_sector:
        by_kind[kind] += submitted or 0
        by_sector[sector] += submitted or 0

    weeks = {
        week: (registered or 0, submitted or 0)
        for week, registered, submitted in week_model.objects.filter(scope)
        .values("week")
        .annotate(r=Sum("registered"), s=Sum("submitted"))
        .order_by()
        .values_list("week", "r", "s")
        if registered or submitted
    }
    weekly = []
    if weeks:
        week, last = min(weeks), max(weeks)
        while week <= last:
            weekly.append((week, *weeks.get(week, (0, 0))))
            week += timedelta(days=7)
    return Breakdowns(
        by_kind=[(value, str(label), by_kind[value]) for value, label in Initiative.Kind.choices],
        by_sector=[(value, str(label), by_sector[value]) for value, label in Initiative.Sector.choices],
        weekly=weekly,
    )
