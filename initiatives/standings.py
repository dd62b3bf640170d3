"""Standings the way the federation reports them: clusters, fair comparisons, pace and weekly rank moves.

- **Ranks** (`ranks`): highest first, ties share a place (1, 1, 3). A unit is ranked among its siblings by
  submitted initiatives and by initiatives per 100 union members, and within its emulation cluster
  (cụm, khối thi đua) by submitted initiatives.
- **Per 100 members**: submitted × 100 / the unit's `member_count`, one decimal rounded half up; unknown (None,
  shown "—") when the member count is 0.
- **The period** of a tally is the chosen phase, or the whole campaign. It is *open* from its first to its last
  day. While it is open, `needed_per_week` is what a unit still needs to reach its quota (chỉ tiêu) by the last
  day: ⌈(quota − submitted) / weeks left⌉, weeks left = ⌈days left, today included / 7⌉; 0 once the quota is
  reached. A unit is **at risk** when it still needs some and its pace over the last four weeks (this week and
  the three before, submissions per week) is below that.
- **Weekly ranks** are computed from the weekly running totals (`TallyWeek`), never by recounting initiatives:
  at the end of each week, a unit's submissions up to then, rolled up its subtree, ranked among its siblings.
  `rank_change` is the place gained since the end of the previous week (positive: moved up); None in the
  period's first week.
- **Honour roll**: for each cluster, the unit with the most submitted initiatives among its members that
  exceeded (more than reached) their own quota for the period; ties share the honour. The period is the tally's
  (a phase, or the whole campaign), or a calendar quarter: then the initiatives submitted during the quarter
  against the unit's quota for it, each phase's quota shared out by the days of the phase in the quarter.
"""

import math
import operator
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import reduce

from django.db.models import Q, Sum
from django.db.models.functions import Substr

from .models import ClusterMember, TallyWeek, week_start
from .models.units import PATH_SEGMENT_WIDTH, PATH_SEPARATOR, path_segment

RECENT_WEEKS = 4


def ranks(scores):
    """{key: place} for {key: score}, highest first, ties sharing a place; None scores are not ranked."""
    ordered = sorted((score for score in scores.values() if score is not None), reverse=True)
    first_place = {}
    for place, score in enumerate(ordered, start=1):
        first_place.setdefault(score, place)
    return {key: first_place.get(score) for key, score in scores.items()}


def per_100(submitted, members):
    """Initiatives per 100 members, one decimal rounded half up, exactly (None without a member count)."""
    if not members:
        return None
    tenths = (submitted * 2000 + members) // (2 * members)
    return Decimal(tenths) / 10


@dataclass(frozen=True)
class Period:
    """The days a tally covers and where `today` falls in them."""

    opens_on: date
    closes_on: date
    today: date

    @property
    def is_open(self):
        return self.opens_on <= self.today <= self.closes_on

    @property
    def weeks_left(self):
        """Weeks left to the last day, this one included, counting a started week as a whole one."""
        return math.ceil(((self.closes_on - self.today).days + 1) / 7)

    @property
    def last_day(self):
        """The last day with figures: today, or the last day of a period that is over."""
        return min(self.today, self.closes_on)

    @property
    def this_week(self):
        return week_start(self.last_day)

    @property
    def first_week(self):
        return week_start(self.opens_on)

    @property
    def recent_from(self):
        return self.this_week - timedelta(weeks=RECENT_WEEKS - 1)

    def weeks(self):
        """The Mondays from the period's first week to this one."""
        week, weeks = self.first_week, []
        while week <= self.this_week:
            weeks.append(week)
            week += timedelta(weeks=1)
        return weeks


def period_of(campaign, phase, today):
    if phase is not None:
        return Period(phase.opens_on, phase.closes_on, today)
    return Period(campaign.starts_on, campaign.ends_on, today)


def needed_per_week(quota, submitted, period):
    if quota is None or not period.is_open:
        return None
    return math.ceil(max(0, quota - submitted) / period.weeks_left)


def is_at_risk(needed, recent):
    """Still needs some each week, and the last four weeks' pace falls short of it."""
    return bool(needed) and Decimal(recent) / RECENT_WEEKS < needed


def clusters_by_unit(campaign):
    """{unit id: (cluster code, cluster name, cluster order)} of the campaign's clusters (one query)."""
    return {
        unit_id: (code, name, order)
        for unit_id, code, name, order in ClusterMember.objects.filter(campaign=campaign)
        .order_by()
        .values_list("unit_id", "cluster__code", "cluster__name", "cluster__order")
    }


def week_figures(campaign, phase, period, unit_ids=None):
    """{unit id: (own submissions up to this week, up to the previous week, in the last four weeks)} of every
    unit, or of the units `unit_ids`."""
    weeks = TallyWeek.objects.filter(campaign=campaign)
    if phase is not None:
        weeks = weeks.filter(phase=phase)
    if unit_ids is not None:
        weeks = weeks.filter(unit_id__in=sorted(unit_ids))
    this_week, previous = period.this_week, period.this_week - timedelta(weeks=1)
    return {
        unit_id: (now or 0, before or 0, recent or 0)
        for unit_id, now, before, recent in weeks.values("unit_id")
        .annotate(
            now=Sum("submitted", filter=Q(week__lte=this_week)),
            before=Sum("submitted", filter=Q(week__lte=previous)),
            recent=Sum("submitted", filter=Q(week__gte=period.recent_from, week__lte=this_week)),
        )
        .order_by()
        .values_list("unit_id", "now", "before", "recent")
    }


def weekly_ranks(campaign, phase, period, *, parent_path, child_ids):
    """{Monday: {child unit id: rank among the children}} for every week of the period up to this one.

    The children are the units `child_ids` directly under the unit whose path is `parent_path` ("" for the top
    units); each is ranked by its whole subtree's submissions up to the end of the week. One query, grouped by
    child and week, whatever the number of units beneath the children.
    """
    return ranks_by_week(weekly_submissions(campaign, phase, parent_path=parent_path, child_ids=child_ids), period)


def weekly_submissions(campaign, phase, *, parent_path, child_ids, only=False):
    """{child unit id: {Monday: submissions in the week under the child}} for the units `child_ids` directly
    under the unit whose path is `parent_path` (one grouped query; every week with submissions). With `only`,
    just the children's subtrees are read (for a few of the children), else everything under the parent."""
    prefix_length = len(parent_path) + PATH_SEGMENT_WIDTH + len(PATH_SEPARATOR)
    child_of_prefix = {parent_path + path_segment(pk): pk for pk in child_ids}
    rows = TallyWeek.objects.filter(campaign=campaign, submitted__gt=0)
    if phase is not None:
        rows = rows.filter(phase=phase)
    if only:
        rows = rows.filter(reduce(operator.or_, (Q(unit__path__startswith=p) for p in sorted(child_of_prefix))))
    elif parent_path:
        rows = rows.filter(unit__path__startswith=parent_path)
    per_child = {pk: defaultdict(int) for pk in child_ids}
    for prefix, week, submitted in (
        rows.annotate(child=Substr("unit__path", 1, prefix_length))
        .values("child", "week")
        .annotate(submitted=Sum("submitted"))
        .order_by()
        .values_list("child", "week", "submitted")
    ):
        child = child_of_prefix.get(prefix)
        if child is not None:
            per_child[child][week_start(week)] += submitted
    return {pk: dict(weeks) for pk, weeks in per_child.items()}


def ranks_by_week(per_child, period):
    """{Monday: {child: rank}} for every week of `period` up to this one, from `weekly_submissions`."""
    totals = dict.fromkeys(per_child, 0)
    history = {}
    for week in period.weeks():
        for child, weeks in per_child.items():
            totals[child] += weeks.get(week, 0)
        history[week] = ranks(totals)
    return history


def rank_changes(before, now):
    """{key: places gained} from the ranks of `before` to those of `now` (positive: moved up)."""
    return {key: before[key] - place for key, place in now.items() if before.get(key) and place}


def honour_roll(clusters):
    """[(code, name, leaders)] from `clusters` [(code, name, rows)]: the leaders among the rows whose submitted
    initiatives exceed their own quota (none when no member did)."""
    roll = []
    for code, name, rows in clusters:
        eligible = [row for row in rows if row.delta.get("chi_tieu") is not None and row.delta["chi_tieu"] > 0]
        best = max((row.submitted for row in eligible), default=None)
        roll.append((code, name, [row for row in eligible if row.submitted == best]))
    return roll


# --- Quarters -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def starts_on(self):
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def ends_on(self):
        following = date(self.year + (self.number == 4), 1 if self.number == 4 else 3 * self.number + 1, 1)
        return following - timedelta(days=1)

    @property
    def slug(self):
        return f"{self.year}-q{self.number}"

    @classmethod
    def from_slug(cls, slug):
        """The quarter of "2022-q3", or None for anything else."""
        year, _sep, number = (slug or "").partition("-q")
        if not (year.isascii() and year.isdigit() and len(year) == 4 and number in {"1", "2", "3", "4"}):
            return None
        return cls(int(year), int(number))


def quarters_of(campaign, today):
    """The quarters from the campaign's first day to today (or its last day), most recent first."""
    last = min(campaign.ends_on, today)
    found, day = [], campaign.starts_on
    while day <= last:
        quarter = Quarter(day.year, (day.month - 1) // 3 + 1)
        found.append(quarter)
        day = quarter.ends_on + timedelta(days=1)
    return found[::-1]


def overlap_days(start, end, other_start, other_end):
    return max(0, (min(end, other_end) - max(start, other_start)).days + 1)


def quarter_quotas(campaign, quarter):
    """{unit id: the unit's quota for the quarter}: each phase's quota shared out by the days of the phase that
    fall in the quarter (phases are the periods quotas are set for), rounded half up; none without a quota."""
    from .models import Phase, Target

    phases = {
        phase.pk: phase
        for phase in Phase.objects.filter(campaign=campaign)
        if overlap_days(phase.opens_on, phase.closes_on, quarter.starts_on, quarter.ends_on)
    }
    shares = defaultdict(Decimal)
    for unit_id, phase_id, value in Target.objects.filter(
        campaign=campaign, kind=Target.Kind.QUOTA, phase_id__in=list(phases)
    ).values_list("unit_id", "phase_id", "value"):
        phase = phases[phase_id]
        days = overlap_days(phase.opens_on, phase.closes_on, quarter.starts_on, quarter.ends_on)
        shares[unit_id] += Decimal(value) * days / ((phase.closes_on - phase.opens_on).days + 1)
    return {unit_id: int(share + Decimal("0.5")) for unit_id, share in shares.items()}


def quarter_submissions(campaign, quarter):
    """{unit id: its own initiatives submitted during the quarter (site's calendar)} (one grouped query)."""
    from django.db.models import Count
    from django.utils import timezone

    from .models import Initiative

    start = timezone.make_aware(datetime.combine(quarter.starts_on, time.min))
    end = timezone.make_aware(datetime.combine(quarter.ends_on + timedelta(days=1), time.min))
    return dict(
        Initiative.objects.filter(campaign=campaign, status__in=Initiative.SUBMITTED_STATUSES)
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("unit_id", "n")
    )


@dataclass(frozen=True)
class QuarterFigure:
    """A cluster member's figures for a quarter, shaped like a tally row for the honour roll."""

    code: str
    name: str
    submitted: int
    quota: int | None

    @property
    def delta(self):
        return {"chi_tieu": None if self.quota is None else self.submitted - self.quota}

    @property
    def percent(self):
        return {"chi_tieu": per_100(self.submitted, self.quota) if self.quota else None}


def quarter_honour_roll(tally, quarter):
    """The honour roll of `quarter` for the units of `tally`: submissions in the quarter rolled up each subtree,
    against the quarter's share of the unit's quota (see `quarter_quotas`)."""
    campaign = tally.campaign
    own = quarter_submissions(campaign, quarter)
    quotas = quarter_quotas(campaign, quarter)
    totals = {row.code: own.get(row.unit_id, 0) for row in tally.rows}
    for row in reversed(tally.rows):
        if row.parent_code is not None and row is not tally.root:
            totals[row.parent_code] += totals[row.code]
    clusters = [
        (code, name, [QuarterFigure(r.code, r.name, totals[r.code], quotas.get(r.unit_id)) for r in rows])
        for code, name, rows in tally.clusters()
    ]
    return honour_roll(clusters)
