"""Where submitted initiatives wait for review: "đã nộp" and "đang xét", per unit with everything beneath it.

An initiative waits from its submission (`submitted_at`) until it is decided. For a unit's subtree the backlog
is how many wait, the median and the longest waiting time in whole days, and how many have waited longer than
`settings.INITIATIVES_REVIEW_AGED_DAYS` ("aged"). None of it scans the waiting initiatives:
- the count per unit comes with every tally, from the running totals;
- the earliest submission per unit is one probe per phase and unit holding waiting initiatives (those are read
  from the running totals) into the partial index `initiative_waiting_unit_idx`, which holds only the waiting
  initiatives, read index-only;
- for the one subtree a page shows, the median is read at its offset in submission order (partial index
  `initiative_waiting_time_idx` for a campaign or a phase) and the aged count is the count less those submitted
  since the limit (a short range of the same index) and those without a submission time.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, OuterRef, Q, Subquery, When
from django.utils import timezone

from .models import Initiative, TallyCount, TallyUnit

# A running-total row holds waiting initiatives when one of these columns is not 0.
_WAITING_CELLS = Q()
for _status in sorted(Initiative.AWAITING_REVIEW_STATUSES):
    _WAITING_CELLS |= Q(**{f"{TallyCount.status_column(_status)}__gt": 0})


MEDIAN_TIMEOUT = 24 * 60 * 60


def aged_days():
    return settings.INITIATIVES_REVIEW_AGED_DAYS


def waiting(campaign, phase=None):
    initiatives = Initiative.objects.filter(campaign=campaign).awaiting_review()
    return initiatives.filter(phase=phase) if phase is not None else initiatives


def oldest_by_unit(campaign, phase=None, unit_ids=None):
    """{unit id: the earliest submission among its own waiting initiatives} of every unit, or of the units
    `unit_ids` (one query).

    The running totals say which (phase, unit) pairs hold waiting initiatives; for each, the earliest submission
    is the first entry of the partial index `initiative_waiting_unit_idx` under (campaign, phase, unit).
    """

    def first_waiting(**phase_lookup):
        return Subquery(
            waiting(campaign)
            .filter(unit=OuterRef("unit_id"), submitted_at__isnull=False, **phase_lookup)
            .order_by("submitted_at")
            .values("submitted_at")[:1]
        )

    cells = TallyUnit.objects.filter(_WAITING_CELLS, campaign=campaign)
    if phase is not None:
        cells = cells.filter(phase=phase)
    if unit_ids is not None:
        cells = cells.filter(unit_id__in=sorted(unit_ids))
    oldest = {}
    for unit_id, moment in (
        cells.annotate(
            oldest=Case(
                When(phase__isnull=True, then=first_waiting(phase__isnull=True)),
                default=first_waiting(phase=OuterRef("phase_id")),
            )
        )
        .order_by()
        .values_list("unit_id", "oldest")
    ):
        if moment is not None and (unit_id not in oldest or moment < oldest[unit_id]):
            oldest[unit_id] = moment
    return oldest


def days_waited(earlier, today):
    """Whole days from the moment `earlier` to the date `today`, counted on the site's calendar."""
    if earlier is None:
        return None
    return (today - timezone.localdate(earlier)).days


def days_between(earlier, now):
    """Whole days from the moment `earlier` to `now`, counted on the site's calendar."""
    if earlier is None:
        return None
    return (timezone.localdate(now) - timezone.localdate(earlier)).days


@dataclass(frozen=True)
class Backlog:
    count: int
    median_days: int | None
    oldest_days: int | None
    aged: int
    aged_days: int


def subtree_backlog(campaign, *, path=None, count, oldest, phase=None, now=None, unit_ids=None, median_key=None):
    """The backlog of a subtree: the units `unit_ids` when given (read unit by unit from the partial index),
    else the units whose path starts with `path` ("" or None: every unit of the campaign).

    `count` (how many wait there) and `oldest` (the earliest waiting submission) are known from the tally, so
    only two queries are made here, none when nothing waits: the median, read at its offset in submission
    order, and how many have *not* waited too long (submitted since the limit, or without a submission time);
    the aged ones are the rest of `count`. The median moment does not depend on the day: with `median_key`
    (naming the state of the campaign's figures and the subtree) it is kept in the cache under it.
    """
    now = now or timezone.now()
    limit = aged_days()
    if not count:
        return Backlog(0, None, None, 0, limit)
    initiatives = waiting(campaign, phase)
    if unit_ids is not None:
        initiatives = initiatives.filter(unit_id__in=sorted(unit_ids))
    elif path:
        initiatives = initiatives.filter(unit__path__startswith=path)
    middle = (count - 1) // 2  # the lower median: a whole day someone has actually waited
    known = cache.get(median_key) if median_key else None
    if isinstance(known, tuple):
        median = known
    else:
        median = tuple(
            initiatives.filter(submitted_at__isnull=False)
            .order_by("submitted_at")
            .values_list("submitted_at", flat=True)[middle : middle + 1]
        )
        if median_key:
            cache.set(median_key, median, MEDIAN_TIMEOUT)
    # Two ranges of the index, counted in one query (an OR of them would read the whole campaign's part).
    unordered = initiatives.order_by().values("submitted_at")  # the model's ordering would sort each part
    recent = unordered.filter(submitted_at__gte=aged_before(now))
    not_aged = recent.union(unordered.filter(submitted_at__isnull=True), all=True).count()
    return Backlog(
        count, days_between(next(iter(median), None), now), days_between(oldest, now), count - not_aged, limit
    )


def aged_before(now=None):
    """Initiatives submitted before this moment have waited longer than the configured number of days."""
    local_today = timezone.localdate(now or timezone.now())
    return timezone.make_aware(datetime.combine(local_today - timedelta(days=aged_days()), time.min))
