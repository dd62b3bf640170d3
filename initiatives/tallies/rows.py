"""What a tally is made of (`UnitRow`, `CampaignTally`, `Breakdowns`) and the arithmetic over the unit tree:
which units a campaign shows, its root, and every row rolled up its subtree, ranked, with targets and pace.

The pace (`pace_of`: needed per week, at risk, the last four weeks, rank moves) is the only part of a row that
depends on the day; `for_day` recomputes just that part of a tally for another day, from the units' own weekly
figures the tally keeps, so a tally stays valid from one day to the next until a write changes it.
"""

import copy
import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .. import backlog, standings
from .columns import ALL_UNITS_CODE, QUOTA, TARGET_KINDS


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
    # Every unit holding initiatives of the campaign lies under the root: the root's figures are the campaign's.
    root_holds_all: bool = True
    # {unit id: its own submissions up to this week, up to last week, in the last four weeks}, as of the
    # period's this_week: what the pace of another day is recomputed from (see `for_day`).
    own_weeks: dict = field(default_factory=dict, repr=False, compare=False)
    # (unit tree's, campaign's) generation the figures were read at; None when computed inside a write.
    generations: tuple | None = None
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
        return backlog.days_waited(row.pending_since, self.period.today)

    def subtree_unit_ids(self, row):
        """The ids of `row`'s unit and of every unit beneath it in this tally (each unit holding initiatives of
        the campaign is in the tally, so these are all the units whose initiatives `row` counts)."""
        return [other.unit_id for other in self.rows if other.unit_id and other.path.startswith(row.path)]

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


@dataclass(frozen=True)
class Extras:
    """What a tally reads besides the counts and targets: clusters, weekly figures, oldest waiting submissions."""

    clusters: dict
    weeks: dict
    oldest: dict
    period: standings.Period


def units_of_campaign(campaign, units, with_figures):
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


def root_of(campaign, units, kept, with_figures):
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


def build_rows(units, kept, root_id, own, targets, extra):
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

    # Rolled up the tree: registered, submitted, approved, awarded, benefit, waiting; the oldest waiting one.
    totals = {pk: list(own.get(pk, (0, 0, 0, 0, 0, 0))) for pk in order}
    oldest = {pk: extra.oldest.get(pk) for pk in order}
    for pk in reversed(order):
        parent = parent_in_tree[pk]
        if parent is not None:
            parent_totals = totals[parent]
            for i, value in enumerate(totals[pk]):
                parent_totals[i] += value
            if oldest[pk] is not None and (oldest[parent] is None or oldest[pk] < oldest[parent]):
                oldest[parent] = oldest[pk]
    codes = {pk: units[pk][1] if pk else ALL_UNITS_CODE for pk in order}
    parent_codes = {pk: None if parent_in_tree[pk] is None else codes[parent_in_tree[pk]] for pk in order}
    paces = pace_of(
        [(pk, codes[pk], parent_codes[pk], targets.get(pk, {}).get(QUOTA), totals[pk][1]) for pk in order],
        extra.period,
        extra.weeks,
    )

    members = {pk: units[pk][11] or None if pk else None for pk in order}
    per_100 = {pk: standings.per_100(totals[pk][1], members[pk]) for pk in order}
    siblings_of = defaultdict(list)
    for pk in order:
        siblings_of[parent_in_tree[pk]].append(pk)
    ranks, ranks_per_100 = {}, {}
    for siblings in siblings_of.values():
        ranks.update(standings.ranks({pk: totals[pk][1] for pk in siblings}))
        ranks_per_100.update(standings.ranks({pk: per_100[pk] for pk in siblings}))
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
        recent, rank_change, needed, at_risk = paces[codes[pk]]
        cluster = cluster_of.get(pk, (None, None, 0))
        unit_targets = {kind: targets.get(pk, {}).get(kind) for kind in TARGET_KINDS}
        parent_code = parent_codes[pk]
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
                rank_change=rank_change,
                needed_per_week=needed,
                recent=recent,
                at_risk=at_risk,
                pending=waiting,
                pending_since=oldest[pk],
            )
        )
    return rows


def pace_of(entries, period, own_weeks):
    """{code: (recent, rank_change, needed_per_week, at_risk)} on `period.today`.

    `entries` are the rows [(unit id, code, parent code, quota, submitted)], depth-first from the root (whose
    parent code is None); `own_weeks` {unit id: (own submissions up to this week, up to last week, in the last
    four weeks)} are rolled up the tree, then each unit's weekly rank move is taken among its siblings.
    """
    weeks = {code: list(own_weeks.get(unit_id, (0, 0, 0))) for unit_id, code, *_rest in entries}
    siblings_of = defaultdict(list)
    for _unit_id, code, parent_code, *_rest in reversed(entries):
        if parent_code is not None:
            parent, own = weeks[parent_code], weeks[code]
            parent[0] += own[0]
            parent[1] += own[1]
            parent[2] += own[2]
        siblings_of[parent_code].append(code)
    changes = {}
    if period.this_week > period.first_week:
        for siblings in siblings_of.values():
            changes.update(
                standings.rank_changes(
                    standings.ranks({code: weeks[code][1] for code in siblings}),
                    standings.ranks({code: weeks[code][0] for code in siblings}),
                )
            )
    paces = {}
    for _unit_id, code, _parent_code, quota, submitted in entries:
        needed = standings.needed_per_week(quota, submitted, period)
        recent = weeks[code][2]
        paces[code] = (recent, changes.get(code), needed, standings.is_at_risk(needed, recent))
    return paces


def for_day(tally, today, own_weeks=None):
    """`tally` as it reads on `today`: the same figures, the pace of that day.

    `own_weeks` are the units' own weekly figures as of that day's week (see `CampaignTally.own_weeks`); the
    tally's own serve when the week has not changed.
    """
    period = standings.Period(tally.period.opens_on, tally.period.closes_on, today)
    own_weeks = tally.own_weeks if own_weeks is None else own_weeks
    paces = pace_of(
        [(row.unit_id, row.code, row.parent_code, row.targets.get(QUOTA), row.submitted) for row in tally.rows],
        period,
        own_weeks,
    )
    rows = []
    for row in tally.rows:
        moved = copy.copy(row)  # a frozen row: its pace set on a copy of its own (dataclasses.replace is slower)
        for name, value in zip(PACE_FIELDS, paces[row.code], strict=True):
            object.__setattr__(moved, name, value)
        rows.append(moved)
    return dataclasses.replace(tally, root=rows[0], rows=rows, period=period, own_weeks=own_weeks)


PACE_FIELDS = ("recent", "rank_change", "needed_per_week", "at_risk")


def percent_of(count, target):
    """count / target × 100, rounded half up to one decimal, exactly (None without a positive target)."""
    if not target:
        return None
    tenths = (count * 2000 + target) // (2 * target)
    return Decimal(tenths) / 10
