"""Where submitted initiatives wait for review: "đã nộp" and "đang xét", per unit with everything beneath it.

An initiative waits from its submission (`submitted_at`) until it is decided. For a unit's subtree the backlog
is how many wait, the median and the longest waiting time in whole days, and how many have waited longer than
`settings.INITIATIVES_REVIEW_AGED_DAYS` ("aged"). The count per unit also comes with every tally (from the
running totals); the oldest submission per unit is one grouped query over the waiting initiatives (index
`initiative_waiting_idx`), the median and the aged count two more for the one subtree a page shows.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from .models import Initiative


def aged_days():
    return settings.INITIATIVES_REVIEW_AGED_DAYS


def waiting(campaign, phase=None):
    initiatives = Initiative.objects.filter(campaign=campaign).awaiting_review()
    return initiatives.filter(phase=phase) if phase is not None else initiatives


def oldest_by_unit(campaign, phase=None):
    """{unit id: the earliest submission among its own waiting initiatives}."""
    return dict(
        waiting(campaign, phase)
        .filter(submitted_at__isnull=False)
        .values("unit_id")
        .annotate(oldest=Min("submitted_at"))
        .order_by()
        .values_list("unit_id", "oldest")
    )


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


def subtree_backlog(campaign, *, path, count, oldest, phase=None, now=None):
    """The backlog of the units whose path starts with `path` ("" for every unit); `count` and `oldest` (the
    earliest waiting submission) are known from the tally, so only the median and the aged items are read here
    (two queries, none when nothing waits)."""
    now = now or timezone.now()
    limit = aged_days()
    if not count:
        return Backlog(0, None, None, 0, limit)
    initiatives = waiting(campaign, phase).filter(submitted_at__isnull=False)
    if path:
        initiatives = initiatives.filter(unit__path__startswith=path)
    middle = (count - 1) // 2  # the lower median: a whole day someone has actually waited
    median = initiatives.order_by("submitted_at").values_list("submitted_at", flat=True)[middle : middle + 1]
    aged = initiatives.filter(submitted_at__lt=aged_before(now)).count()
    return Backlog(count, days_between(next(iter(median), None), now), days_between(oldest, now), aged, limit)


def aged_before(now=None):
    """Initiatives submitted before this moment have waited longer than the configured number of days."""
    local_today = timezone.localdate(now or timezone.now())
    return timezone.make_aware(datetime.combine(local_today - timedelta(days=aged_days()), time.min))
