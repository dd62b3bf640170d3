"""Computing a tally from the running totals, and `campaign_tally`, which caches it under the generation.

A tally is built from its *inputs* (`Inputs`: the units, each unit's own figures, targets and clusters), which
are cached too, per campaign and phase, with the generations they were read at. When a write names the units
it changed (the initiatives' services do, see `generation.tally_changed`), the next tally re-reads only those
units' own figures (three queries restricted to them) and rebuilds the rows from the rest of the cached inputs;
anything else (a target, a cluster, the unit tree, a bulk change, a lost record of the changes) reads them all.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from .. import backlog, standings
from ..models import TallyUnit, Target, Unit
from .breakdowns import breakdowns_under
from .columns import ALL_COLUMNS, APPROVED_COLUMNS, AWARDED_COLUMNS, SUBMITTED_COLUMNS, WAITING_COLUMNS, column_sum
from .generation import CACHE_TIMEOUT, changed_units, generations
from .once import computed_once
from .rows import CampaignTally, Extras, build_rows, for_day, root_of, units_of_campaign


def campaign_tally(campaign, phase=None, *, as_of=None):
    """The tally of `campaign` (or of one of its phases) for every unit of its tree; see the package docstring.

    Served from the cache while the campaign's generation is unchanged; computed by one request at a time
    (`once.computed_once`). A tally cached on an earlier day is
    brought to today by `for_day` (the pace only; the own weekly figures are read again, one query, when the
    week has changed) and cached again, so the first request of a day recounts nothing. `as_of`, when given,
    is the moment the figures are stamped with; by default it is when they were read from the database.
    """
    if phase is not None and phase.campaign_id != campaign.pk:
        raise ValueError("phase does not belong to campaign")
    current = generations(campaign)
    if current is None:
        tally = _compute(campaign, phase, timezone.now())
    else:
        key = f"initiatives:tally:{campaign.pk}:{phase.pk if phase else 0}:{current[0]}.{current[1]}"
        tally = cache.get(key)
        computed = False
        if tally is None:  # one request computes it; the others missing it meanwhile wait for its result
            tally, computed = computed_once(
                key, lambda: _compute(campaign, phase, timezone.now(), current), CACHE_TIMEOUT
            )
        if not computed:
            object.__setattr__(tally, "campaign", campaign)  # an unpickled copy of its own: safe to fill in
            object.__setattr__(tally, "phase", phase)
            today = timezone.localdate()
            if tally.period.today != today:
                tally = _brought_to(tally, today)
                cache.set(key, tally, CACHE_TIMEOUT)
    if as_of is not None:
        object.__setattr__(tally, "as_of", as_of)
    return tally


def _brought_to(tally, today):
    """`tally` on `today`; its units' own weekly figures are read again only when the week has changed."""
    period = standings.period_of(tally.campaign, tally.phase, today)
    if period.this_week == tally.period.this_week:
        return for_day(tally, today)
    return for_day(tally, today, standings.week_figures(tally.campaign, tally.phase, period))


@dataclass
class Inputs:
    """What a tally is computed from, besides the breakdowns; see the module docstring."""

    generations: tuple | None  # (unit tree's, campaign's) when read; None: not to be cached
    this_week: date  # the week `weeks` count up to
    units: dict  # unit id → (pk, code, name, short_name, kind, parent_id, depth, path, order, from, to, members)
    own: dict  # unit id → [registered, submitted, approved, awarded, benefit, waiting] in the phase
    has_data: set  # units holding initiatives of the campaign, in any phase
    targets: dict  # unit id → {kind: value} for the phase
    has_targets: set  # units with a target of the campaign, in any phase
    clusters: dict  # unit id → (cluster code, name, order)
    weeks: dict  # unit id → own (submitted up to this week, up to last week, in the last four weeks)
    oldest: dict  # unit id → earliest own waiting submission


def _compute(campaign, phase, as_of, current=None):
    period = standings.period_of(campaign, phase, timezone.localdate())
    inputs = _inputs(campaign, phase, period, current)
    units, has_data = inputs.units, inputs.has_data
    kept = units_of_campaign(campaign, units, has_data | inputs.has_targets)
    root_id = root_of(campaign, units, kept, has_data | inputs.has_targets)
    extra = Extras(clusters=inputs.clusters, weeks=inputs.weeks, oldest=inputs.oldest, period=period)
    rows = build_rows(units, kept, root_id, inputs.own, inputs.targets, extra)
    root_path = units[root_id][7] if root_id else ""
    # When every unit holding initiatives lies under the root, the campaign-wide totals are the root's.
    all_under_root = all(units[pk][7].startswith(root_path) for pk in has_data if pk in units)
    breakdowns = breakdowns_under(campaign, phase, None if all_under_root else root_path)
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
        root_holds_all=all_under_root,
        own_weeks=inputs.weeks,
        generations=current,
    )


def _inputs(campaign, phase, period, current):
    """The inputs at the generations `current`: the cached ones brought up to date when the units changed since
    are known, else all read afresh (and cached, unless `current` is None)."""
    if current is None:
        return _read_all(campaign, phase, period, None)
    key = f"initiatives:tally-inputs:{campaign.pk}:{phase.pk if phase else 0}"
    cached = cache.get(key)
    changed = None
    if isinstance(cached, Inputs) and cached.generations and cached.generations[0] == current[0]:
        changed = changed_units(campaign.pk, cached.generations[1], current[1])
    if changed is None:
        inputs = _read_all(campaign, phase, period, current)
    else:
        inputs = _reread(cached, changed, campaign, phase, period, current)
    cache.set(key, inputs, CACHE_TIMEOUT)
    return inputs


def _read_all(campaign, phase, period, current):
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
    targets = defaultdict(dict)
    has_targets = set()
    phase_id = phase.pk if phase is not None else None
    for unit_id, target_phase_id, kind, value in (
        Target.objects.filter(campaign=campaign).order_by().values_list("unit_id", "phase_id", "kind", "value")
    ):
        has_targets.add(unit_id)
        if target_phase_id == phase_id:
            targets[unit_id][kind] = value
    own, has_data = _own_counts(campaign, phase, None)
    return Inputs(
        generations=current,
        this_week=period.this_week,
        units=units,
        own=own,
        has_data=has_data,
        targets=dict(targets),
        has_targets=has_targets,
        clusters=standings.clusters_by_unit(campaign),
        weeks=standings.week_figures(campaign, phase, period),
        oldest=backlog.oldest_by_unit(campaign, phase),
    )


def _reread(cached, changed, campaign, phase, period, current):
    """`cached` with the own figures of the units `changed` read again (none when nothing changed)."""
    own, has_data, oldest = dict(cached.own), set(cached.has_data), dict(cached.oldest)
    weeks = dict(cached.weeks) if cached.this_week == period.this_week else None
    if changed:
        for unit_id in changed:
            own.pop(unit_id, None)
            has_data.discard(unit_id)
            oldest.pop(unit_id, None)
            if weeks is not None:
                weeks.pop(unit_id, None)
        fresh_own, fresh_data = _own_counts(campaign, phase, changed)
        own.update(fresh_own)
        has_data |= fresh_data
        oldest.update(backlog.oldest_by_unit(campaign, phase, changed))
        if weeks is not None:
            weeks.update(standings.week_figures(campaign, phase, period, changed))
    if weeks is None:  # a new week since: every unit's weekly figures move
        weeks = standings.week_figures(campaign, phase, period)
    return Inputs(
        generations=current,
        this_week=period.this_week,
        units=cached.units,
        own=own,
        has_data=has_data,
        targets=cached.targets,
        has_targets=cached.has_targets,
        clusters=cached.clusters,
        weeks=weeks,
        oldest=oldest,
    )


def _own_counts(campaign, phase, unit_ids):
    """({unit id: own [registered, submitted, approved, awarded, benefit, waiting] in the phase}, {units holding
    initiatives of the campaign in any phase}) of every unit, or of the units `unit_ids` (one query)."""
    own, has_data = {}, set()
    in_phase = {} if phase is None else {"filter": Q(phase=phase)}
    rows = TallyUnit.objects.filter(campaign=campaign)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=sorted(unit_ids))
    for unit_id, everything, *figures in (
        rows.values("unit_id")
        .annotate(
            everything=column_sum(ALL_COLUMNS),
            registered=column_sum(ALL_COLUMNS, **in_phase),
            submitted=column_sum(SUBMITTED_COLUMNS, **in_phase),
            approved=column_sum(APPROVED_COLUMNS, **in_phase),
            awarded=column_sum(AWARDED_COLUMNS, **in_phase),
            benefit=column_sum(["benefit_approved"], **in_phase),
            waiting=column_sum(WAITING_COLUMNS, **in_phase),
        )
        .order_by()
        .values_list("unit_id", "everything", "registered", "submitted", "approved", "awarded", "benefit", "waiting")
    ):
        if everything:
            has_data.add(unit_id)
        if figures[0]:
            own[unit_id] = [value or 0 for value in figures]
    return own, has_data
