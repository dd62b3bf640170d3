"""Computing a tally from the running totals, and `campaign_tally`, which caches it under the generation."""

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from .. import backlog, standings
from ..models import TallyUnit, Target, Unit
from .breakdowns import breakdowns_under
from .columns import ALL_COLUMNS, APPROVED_COLUMNS, AWARDED_COLUMNS, SUBMITTED_COLUMNS, WAITING_COLUMNS, column_sum
from .generation import CACHE_TIMEOUT, tally_generation
from .rows import CampaignTally, Extras, build_rows, for_day, root_of, units_of_campaign


def campaign_tally(campaign, phase=None, *, as_of=None):
    """The tally of `campaign` (or of one of its phases) for every unit of its tree; see the package docstring.

    Served from the cache while the campaign's generation is unchanged. A tally cached on an earlier day is
    brought to today by `for_day` (the pace only; the own weekly figures are read again, one query, when the
    week has changed) and cached again, so the first request of a day recounts nothing. `as_of`, when given,
    is the moment the figures are stamped with; by default it is when they were read from the database.
    """
    if phase is not None and phase.campaign_id != campaign.pk:
        raise ValueError("phase does not belong to campaign")
    generation = tally_generation(campaign, daily=False)
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

    targets = defaultdict(dict)
    has_targets = set()
    for unit_id, target_phase_id, kind, value in (
        Target.objects.filter(campaign=campaign).order_by().values_list("unit_id", "phase_id", "kind", "value")
    ):
        has_targets.add(unit_id)
        if target_phase_id == phase_id:
            targets[unit_id][kind] = value

    kept = units_of_campaign(campaign, units, has_data | has_targets)
    root_id = root_of(campaign, units, kept, has_data | has_targets)
    period = standings.period_of(campaign, phase, timezone.localdate())
    extra = Extras(
        clusters=standings.clusters_by_unit(campaign),
        weeks=standings.week_figures(campaign, phase, period),
        oldest=backlog.oldest_by_unit(campaign, phase),
        period=period,
    )
    rows = build_rows(units, kept, root_id, own, targets, extra)
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
        own_weeks=extra.weeks,
    )
