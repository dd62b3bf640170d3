"""Submitted initiatives by kind and by sector, and weekly registrations and submissions, from the running totals."""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q, Sum

from ..models import Initiative, TallyCampaignWeek, TallyCount, TallyMix, TallyWeek
from .columns import SUBMITTED_COLUMNS, sum_of_sums
from .rows import Breakdowns


def unit_breakdowns(campaign, unit, phase=None):
    """Submitted initiatives by kind and by sector, and weekly registrations and submissions, under `unit` (a
    Unit or a tally's UnitRow: anything with the unit's `path`)."""
    return breakdowns_under(campaign, phase, unit.path)


def breakdowns_under(campaign, phase, path_prefix):
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
        .annotate(submitted=sum_of_sums(SUBMITTED_COLUMNS))
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
