"""How every unit of a campaign stands: counts rolled up the unit tree, targets, percentages, ranks, breakdowns.

`campaign_tally(campaign, phase=None)` returns plain data (`CampaignTally`, `UnitRow`) that the pages, the JSON,
CSV and XLSX outputs and the `export_tallies` command all read.

Where the numbers come from. The tally never scans the initiatives: it reads the running totals, which
`initiatives/services/` keeps exact in the same transaction as every write and `services.after_bulk_change()`
rebuilds: `TallyUnit` (one row per campaign × phase × unit, a column per status), `TallyMix` (campaign × phase ×
kind × sector) and `TallyCampaignWeek` (campaign × phase × week). When some initiatives lie outside the root's
subtree (an explicit `Campaign.root_unit`), the breakdowns read the finer `TallyCount` and `TallyWeek` filtered
by the root's path instead. A tally is eight queries whatever the number of units and initiatives (units,
per-unit counts, targets, cluster members, per-unit weekly submissions for pace and rank moves, the oldest
waiting submission per unit, kind × sector, weeks), a few thousand rows at most; the roll-up is done in Python.
The standings each row carries (per 100 members, ranks in clusters, rank moves, pace) are explained in
`initiatives/standings.py`; the waiting initiatives in `initiatives/backlog.py`.

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

The cache. A tally is computed once per state of its campaign and kept in the cache (pickled) under the
campaign, the phase and a *generation*: a number per campaign, and one for the unit tree that all campaigns share.
Every write that can change what a tally shows moves the generation on when its transaction commits
(`tally_changed`): the write services in `initiatives/services/`, and saves and deletes of units, campaigns,
phases and targets (signal receivers below, connected from `InitiativesConfig.ready()`). A reader takes the
generation before it reads any figure, so once a write has committed, no reader is handed a tally from before it.
Inside a transaction that has changed a campaign and not committed yet, the cache is neither read nor written
for that campaign: the tally is computed from the transaction's own data and kept by nobody.
`as_of` is the moment the figures were computed (taken from the database), which for a cached tally is earlier
than the request; the figures are still exactly the current ones, since no write has committed since then.
"""

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q, Sum
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import backlog, standings
from .models import (
    Campaign,
    Cluster,
    ClusterMember,
    Initiative,
    Phase,
    TallyCampaignWeek,
    TallyCount,
    TallyMix,
    TallyUnit,
    TallyWeek,
    Target,
    Unit,
)

Status = Initiative.Status
TARGET_KINDS = tuple(Target.Kind.values)
SUBMITTED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.SUBMITTED_STATUSES]
APPROVED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.APPROVED_STATUSES]
AWARDED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.AWARDED_STATUSES]
WAITING_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.AWAITING_REVIEW_STATUSES]
QUOTA = Target.Kind.QUOTA
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
    path: str = ""
    members: int | None = None
    per_100: Decimal | None = None
    rank_per_100: int | None = None
    cluster_code: str | None = None
    cluster_name: str | None = None
    cluster_order: int = 0
    rank_in_cluster: int | None = None
    rank_change: int | None = None
    needed_per_week: int | None = None
    recent: int = 0
    at_risk: bool = False
    pending: int = 0
    pending_since: datetime | None = None


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
    period: standings.Period | None = None
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

    def __getstate__(self):
        """Pickled (for the cache) without the campaign and phase objects: `campaign_tally` puts its own back."""
        return {**self.__dict__, "campaign": None, "phase": None}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def row(self, code):
        """The row of the unit with `code` (KeyError if the unit is not in this campaign's tree)."""
        return self._by_code[code]

    def children(self, code):
        """The rows of the units directly under `code`, ranked (best first)."""
        return list(self._children.get(code, []))

    def clusters(self):
        """[(code, name, rows)]: the campaign's clusters that hold units of this tree, members ranked."""
        members = defaultdict(list)
        for row in self.rows:
            if row.cluster_code is not None:
                members[(row.cluster_order, row.cluster_name, row.cluster_code)].append(row)
        return [
            (code, name, sorted(rows, key=lambda r: r.rank_in_cluster))
            for (_order, name, code), rows in sorted(members.items())
        ]

    def honour_roll(self):
        """[(code, name, leaders)]: each cluster's leading units among those above their own quota."""
        return standings.honour_roll(self.clusters())

    def at_risk(self, rows=None):
        """Those of `rows` (default: every unit) that will miss their quota at the pace of the last four weeks,
        the most needed first."""
        rows = self.rows if rows is None else rows
        return sorted((row for row in rows if row.at_risk), key=lambda r: -(r.needed_per_week or 0))

    def waiting_days(self, row):
        """How many days the longest-waiting initiative under `row` has waited for review (None: none waits)."""
        return backlog.days_between(row.pending_since, self.as_of)

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

    Served from the cache while the campaign's generation is unchanged. `as_of`, when given, is the moment the
    figures are stamped with; by default it is when they were computed.
    """
    if phase is not None and phase.campaign_id != campaign.pk:
        raise ValueError("phase does not belong to campaign")
    generation = tally_generation(campaign)
    if generation is None:
        tally = _compute(campaign, phase, timezone.now())
    else:
        key = f"initiatives:tally:{campaign.pk}:{phase.pk if phase else 0}:{generation}"
        tally = cache.get(key)
        if tally is None:
            tally = _compute(campaign, phase, timezone.now())
            cache.set(key, tally, CACHE_TIMEOUT)
        else:
            object.__setattr__(tally, "campaign", campaign)  # an unpickled copy of its own: safe to fill in
            object.__setattr__(tally, "phase", phase)
    if as_of is not None:
        object.__setattr__(tally, "as_of", as_of)
    return tally


def _compute(campaign, phase, as_of):
    units = {
        row[0]: row
        for row in Unit.objects.order_by().values_list(
            "pk",
            "code",
            "name",
            "short_name",
            "kind",
            "parent_id",
            "depth",
            "path",
            "order",
            "valid_from",
            "valid_to",
            "member_count",
        )
    }
    own = {}  # unit → [registered, submitted, approved, awarded, benefit] (this phase)
    has_data = set()  # units holding initiatives of the campaign, in any phase
    phase_id = phase.pk if phase is not None else None
    in_phase = {} if phase is None else {"filter": Q(phase=phase)}
    for unit_id, everything, *figures in (
        TallyUnit.objects.filter(campaign=campaign)
        .values("unit_id")
        .annotate(
            everything=_column_sum(ALL_COLUMNS),
            registered=_column_sum(ALL_COLUMNS, **in_phase),
            submitted=_column_sum(SUBMITTED_COLUMNS, **in_phase),
            approved=_column_sum(APPROVED_COLUMNS, **in_phase),
            awarded=_column_sum(AWARDED_COLUMNS, **in_phase),
            benefit=_column_sum(["benefit_approved"], **in_phase),
            waiting=_column_sum(WAITING_COLUMNS, **in_phase),
        )
        .order_by()
        .values_list("unit_id", "everything", "registered", "submitted", "approved", "awarded", "benefit", "waiting")
    ):
        if everything:
            has_data.add(unit_id)
        if figures[0]:
            own[unit_id] = [value or 0 for value in figures]

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
    period = standings.period_of(campaign, phase, timezone.localdate())
    extra = Extras(
        clusters=standings.clusters_by_unit(campaign),
        weeks=standings.week_figures(campaign, phase, period),
        oldest=backlog.oldest_by_unit(campaign, phase),
        period=period,
    )
    rows = _rows(units, kept, root_id, own, targets, extra)
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
        period=period,
    )


@dataclass(frozen=True)
class Extras:
    """What a tally reads besides the counts and targets: clusters, weekly figures, oldest waiting submissions."""

    clusters: dict
    weeks: dict
    oldest: dict
    period: standings.Period


def unit_breakdowns(campaign, unit, phase=None):
    """Submitted initiatives by kind and by sector, and weekly registrations and submissions, under `unit` (a
    Unit or a tally's UnitRow: anything with the unit's `path`)."""
    return _breakdowns(campaign, phase, unit.path)


# --- Building blocks --------------------------------------------------------------------------------------------


def _sum(columns):
    total = Sum(columns[0])
    for column in columns[1:]:
        total = total + Sum(column)
    return total


def _column_sum(columns, **kwargs):
    """SUM(a + b + …) over the running-total columns `columns` (None when no row matches)."""
    expression = F(columns[0])
    for column in columns[1:]:
        expression = expression + F(column)
    return Sum(expression, **kwargs)


def _units_of_campaign(campaign, units, with_figures):
    """Primary keys of the units the campaign shows: those that existed during it, those holding its
    initiatives or targets, and every unit above them."""
    start, end = campaign.starts_on, campaign.ends_on
    kept = set()
    for pk, *_rest, valid_from, valid_to, _members in units.values():
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


def _rows(units, kept, root_id, own, targets, extra):
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

    # Rolled up the tree: registered, submitted, approved, awarded, benefit, waiting; weekly now, before, recent.
    totals = {pk: list(own.get(pk, (0, 0, 0, 0, 0, 0))) for pk in order}
    weeks = {pk: list(extra.weeks.get(pk, (0, 0, 0))) for pk in order}
    oldest = {pk: extra.oldest.get(pk) for pk in order}
    for pk in reversed(order):
        parent = parent_in_tree[pk]
        if parent is not None:
            for i, value in enumerate(totals[pk]):
                totals[parent][i] += value
            for i, value in enumerate(weeks[pk]):
                weeks[parent][i] += value
            if oldest[pk] is not None and (oldest[parent] is None or oldest[pk] < oldest[parent]):
                oldest[parent] = oldest[pk]

    members = {pk: units[pk][11] or None if pk else None for pk in order}
    per_100 = {pk: standings.per_100(totals[pk][1], members[pk]) for pk in order}
    siblings_of = defaultdict(list)
    for pk in order:
        siblings_of[parent_in_tree[pk]].append(pk)
    period = extra.period
    ranks, ranks_per_100, changes = {}, {}, {}
    for siblings in siblings_of.values():
        ranks.update(standings.ranks({pk: totals[pk][1] for pk in siblings}))
        ranks_per_100.update(standings.ranks({pk: per_100[pk] for pk in siblings}))
        if period.this_week > period.first_week:
            changes.update(
                standings.rank_changes(
                    standings.ranks({pk: weeks[pk][1] for pk in siblings}),
                    standings.ranks({pk: weeks[pk][0] for pk in siblings}),
                )
            )
    cluster_of = {pk: extra.clusters[pk] for pk in order if pk in extra.clusters}
    in_cluster = defaultdict(dict)
    for pk, (code, _name, _order) in cluster_of.items():
        in_cluster[code][pk] = totals[pk][1]
    ranks_in_cluster = {}
    for scores in in_cluster.values():
        ranks_in_cluster.update(standings.ranks(scores))

    rows = []
    for pk in order:
        registered, submitted, approved, awarded, benefit, waiting = totals[pk]
        needed = standings.needed_per_week(targets.get(pk, {}).get(QUOTA), submitted, period)
        cluster = cluster_of.get(pk, (None, None, 0))
        unit_targets = {kind: targets.get(pk, {}).get(kind) for kind in TARGET_KINDS}
        parent = parent_in_tree[pk]
        parent_code = None if parent is None else units[parent][1] if parent else ALL_UNITS_CODE
        if pk:
            _pk, code, name, short_name, kind, _parent_id, depth, path, _order, valid_from, valid_to, _m = units[pk]
        else:
            code, name, kind, depth, valid_from, valid_to, path = (
                ALL_UNITS_CODE,
                str(_("Tất cả đơn vị")),
                "khac",
                -1,
                None,
                None,
                "",
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
                path=path,
                members=members[pk],
                per_100=per_100[pk],
                rank_per_100=ranks_per_100[pk],
                cluster_code=cluster[0],
                cluster_name=cluster[1],
                cluster_order=cluster[2],
                rank_in_cluster=ranks_in_cluster.get(pk),
                rank_change=changes.get(pk),
                needed_per_week=needed,
                recent=weeks[pk][2],
                at_risk=standings.is_at_risk(needed, weeks[pk][2]),
                pending=waiting,
                pending_since=oldest[pk],
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


# --- The cache's generations ---------------------------------------------------------------------------------------

# How long a computed tally, and what the pages render from it, stays in the cache (seconds). Generations move on
# with every write, so this only bounds the memory old entries hold.
CACHE_TIMEOUT = 24 * 60 * 60
_GENERATION_TIMEOUT = 30 * 24 * 60 * 60
UNITS_GENERATION_KEY = "initiatives:tally-generation:units"


def _campaign_generation_key(campaign_id):
    return f"initiatives:tally-generation:{campaign_id}"


def _fresh_generation():
    """A starting number no earlier generation of the key used (they count up from an earlier moment)."""
    return time.time_ns()


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (never set, expired or evicted)
        cache.set(key, _fresh_generation(), _GENERATION_TIMEOUT)


class _GenerationBump:
    """The on-commit callback that moves one generation on; it remembers having run."""

    def __init__(self, key):
        self.key = key
        self.done = False
        self.__qualname__ = f"{type(self).__qualname__}({key})"  # Django names a failed callback by this

    def __call__(self):
        self.done = True
        _bump(self.key)


def _pending_bumps():
    """Generation keys the current transaction will move on when it commits (nothing outside a transaction).

    Django drops the callbacks of a transaction or savepoint that is rolled back, so what is left here is exactly
    what the data seen by this connection has changed and other connections do not see yet.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return set()
    return {
        callback.key
        for _savepoints, callback, *_robust in connection.run_on_commit
        if isinstance(callback, _GenerationBump) and not callback.done
    }


def tally_changed(campaign_id=None):
    """Say that `campaign_id`'s tally (None: every campaign's, e.g. the unit tree) changes with this transaction.

    The generation moves on once the transaction commits (at once outside a transaction); until then this
    transaction bypasses the cache for that campaign.
    """
    key = UNITS_GENERATION_KEY if campaign_id is None else _campaign_generation_key(campaign_id)
    if key not in _pending_bumps():
        transaction.on_commit(_GenerationBump(key), robust=True)


def tally_generation(campaign):
    """A token naming the current state of `campaign`'s tally, to key what is cached from it.

    None inside a transaction that changed the campaign (or the unit tree) and has not committed: nothing
    computed there may be cached, nor anything cached be read.
    """
    keys = [UNITS_GENERATION_KEY, _campaign_generation_key(campaign.pk)]
    if _pending_bumps().intersection(keys):
        return None
    generations = cache.get_many(keys)
    for key in keys:
        if key not in generations:
            cache.add(key, _fresh_generation(), _GENERATION_TIMEOUT)
            generations[key] = cache.get(key)
    # Pace and rank moves depend on the day too: a tally is computed afresh every day even without writes.
    return "{}.{}.{}".format(*(generations[key] for key in keys), timezone.localdate().isoformat())


def _unit_changed(sender, **kwargs):
    tally_changed(None)


def _campaign_changed(sender, instance, **kwargs):
    tally_changed(instance.pk)


def _campaign_part_changed(sender, instance, **kwargs):
    tally_changed(instance.campaign_id)


def connect_signals():
    """Called from InitiativesConfig.ready(): saves and deletes that bypass the services still move the generations.

    Units (names, tree, dates) show in every campaign; a campaign's own fields, phases, targets and clusters in its own.
    This is cache invalidation only: the rules of what is counted live in the services and in this module.
    """
    for signal in (post_save, post_delete):
        signal.connect(_unit_changed, sender=Unit, dispatch_uid=f"tally-unit-{signal is post_save}")
        signal.connect(_campaign_changed, sender=Campaign, dispatch_uid=f"tally-campaign-{signal is post_save}")
        for model in (Phase, Target, Cluster, ClusterMember):
            signal.connect(
                _campaign_part_changed,
                sender=model,
                dispatch_uid=f"tally-{model._meta.model_name}-{signal is post_save}",
            )
