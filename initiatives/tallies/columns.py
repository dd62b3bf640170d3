"""The running-total columns a tally adds up, and the sums over them."""

from django.db.models import F, Sum

from ..models import Initiative, TallyCount, Target

Status = Initiative.Status
TARGET_KINDS = tuple(Target.Kind.values)
SUBMITTED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.SUBMITTED_STATUSES]
APPROVED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.APPROVED_STATUSES]
AWARDED_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.AWARDED_STATUSES]
WAITING_COLUMNS = [TallyCount.status_column(s) for s in Status.values if s in Initiative.AWAITING_REVIEW_STATUSES]
QUOTA = Target.Kind.QUOTA
ALL_COLUMNS = [TallyCount.status_column(s) for s in Status.values]
ALL_UNITS_CODE = ""


def sum_of_sums(columns):
    total = Sum(columns[0])
    for column in columns[1:]:
        total = total + Sum(column)
    return total


def column_sum(columns, **kwargs):
    """SUM(a + b + …) over the running-total columns `columns` (None when no row matches)."""
    expression = F(columns[0])
    for column in columns[1:]:
        expression = expression + F(column)
    return Sum(expression, **kwargs)
