"""The running totals: applied incrementally by every write, rebuilt exactly after bulk writes."""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, DateField, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone

from .. import tallies
from ..models import (
    Campaign,
    Initiative,
    TallyCampaignWeek,
    TallyCount,
    TallyMix,
    TallyUnit,
    TallyWeek,
    week_start,
)
from ..rules import local_moment

Status = Initiative.Status


@transaction.atomic
def after_bulk_change(*, campaign):
    """Rebuild `campaign`'s running totals exactly from its initiatives.

    Call once after writes that bypass the functions above (`bulk_create`, raw SQL). Safe to call any time:
    the result depends only on the initiatives, so it also heals totals that drifted. Such bulk writes may have
    added units too (they bypass the units' signals), so every campaign's cached tally is replaced, not only
    this one's.
    """
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    tallies.tally_changed(campaign.pk)
    tallies.tally_changed(None)
    for model, _key in TALLY_TABLES.values():
        model.objects.filter(campaign=campaign).delete()
    initiatives = Initiative.objects.filter(campaign=campaign)

    approved = Q(status__in=Initiative.APPROVED_STATUSES)
    counts = (
        initiatives.values("phase_id", "unit_id", "kind", "sector")
        .annotate(
            **{
                f"c_{status}": Count("pk", filter=Q(status=status))
                for status in Status.values  # one column per status
            },
            c_benefit=Sum("benefit_value", filter=approved, default=0),
        )
        .order_by()
    )
    status_columns = [TallyCount.status_column(status) for status in Status.values]
    _insert_select(
        TallyCount,
        ["phase_id", "unit_id", "kind", "sector", *status_columns, "benefit_approved"],
        ["phase_id", "unit_id", "kind", "sector", *[f"c_{s}" for s in Status.values], "c_benefit"],
        counts,
        campaign,
    )

    registered = (
        initiatives.annotate(w_week=_sql_week("registered_at"))
        .values("phase_id", "unit_id", "w_week")
        .annotate(w_registered=Count("pk"), w_submitted=Value(0, output_field=IntegerField()))
        .values("phase_id", "unit_id", "w_week", "w_registered", "w_submitted")
        .order_by()
    )
    submitted = (
        initiatives.filter(submitted_at__isnull=False)
        .annotate(w_week=_sql_week("submitted_at"))
        .values("phase_id", "unit_id", "w_week")
        .annotate(w_registered=Value(0, output_field=IntegerField()), w_submitted=Count("pk"))
        .values("phase_id", "unit_id", "w_week", "w_registered", "w_submitted")
        .order_by()
    )
    _insert_select_weeks(campaign, registered, submitted)

    # The coarser tables are sums of the finest ones.
    status_sums = {f"c_{column}": Sum(column) for column in [*status_columns, "benefit_approved"]}
    summed = [f"c_{column}" for column in [*status_columns, "benefit_approved"]]
    fine = TallyCount.objects.filter(campaign=campaign)
    _insert_select(
        TallyUnit,
        ["phase_id", "unit_id", *status_columns, "benefit_approved"],
        ["phase_id", "unit_id", *summed],
        fine.values("phase_id", "unit_id").annotate(**status_sums).order_by(),
        campaign,
    )
    _insert_select(
        TallyMix,
        ["phase_id", "kind", "sector", *status_columns, "benefit_approved"],
        ["phase_id", "kind", "sector", *summed],
        fine.values("phase_id", "kind", "sector").annotate(**status_sums).order_by(),
        campaign,
    )
    _insert_select(
        TallyCampaignWeek,
        ["phase_id", "week", "registered", "submitted"],
        ["phase_id", "week", "c_registered", "c_submitted"],
        TallyWeek.objects.filter(campaign=campaign)
        .values("phase_id", "week")
        .annotate(c_registered=Sum("registered"), c_submitted=Sum("submitted"))
        .order_by(),
        campaign,
    )


def _sql_week(field):
    """The Monday (local date) of the week of a datetime column, computed by the database."""
    return Cast(TruncWeek(field, tzinfo=timezone.get_default_timezone()), output_field=DateField())


def _insert_select(model, columns, aliases, queryset, campaign):
    sql, params = queryset.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(c) for c in ["campaign_id", *columns])
    selected = ", ".join(connection.ops.quote_name(a) for a in aliases)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quoted}) SELECT %s, {selected} FROM ({sql}) AS grouped",  # noqa: S608
            [campaign.pk, *params],
        )


def _insert_select_weeks(campaign, registered, submitted):
    reg_sql, reg_params = registered.query.sql_with_params()
    sub_sql, sub_params = submitted.query.sql_with_params()
    q = connection.ops.quote_name
    table = q(TallyWeek._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({q('campaign_id')}, {q('phase_id')}, {q('unit_id')}, {q('week')}, "  # noqa: S608
            f"{q('registered')}, {q('submitted')}) "
            f"SELECT %s, {q('phase_id')}, {q('unit_id')}, {q('w_week')}, SUM({q('w_registered')}), "
            f"SUM({q('w_submitted')}) FROM ({reg_sql} UNION ALL {sub_sql}) AS weeks "
            f"GROUP BY {q('phase_id')}, {q('unit_id')}, {q('w_week')}",
            [campaign.pk, *reg_params, *sub_params],
        )


# Every running-total table, by short name: (model, key columns).
TALLY_TABLES = {
    "count": (TallyCount, ("campaign_id", "phase_id", "unit_id", "kind", "sector")),
    "unit": (TallyUnit, ("campaign_id", "phase_id", "unit_id")),
    "mix": (TallyMix, ("campaign_id", "phase_id", "kind", "sector")),
    "week": (TallyWeek, ("campaign_id", "phase_id", "unit_id", "week")),
    "campaign_week": (TallyCampaignWeek, ("campaign_id", "phase_id", "week")),
}


def _contribution(initiative):
    """What one initiative adds to the running totals: {(table, key): {column: amount}}."""
    status = initiative.status
    benefit = (initiative.benefit_value or 0) if status in Initiative.APPROVED_STATUSES else 0
    counts = {TallyCount.status_column(status): 1, "benefit_approved": benefit}
    campaign_phase = (initiative.campaign_id, initiative.phase_id)
    kind_sector = (initiative.kind, initiative.sector)
    parts = {
        ("count", (*campaign_phase, initiative.unit_id, *kind_sector)): counts,
        ("unit", (*campaign_phase, initiative.unit_id)): counts,
        ("mix", (*campaign_phase, *kind_sector)): counts,
    }
    weeks = defaultdict(lambda: {"registered": 0, "submitted": 0})
    weeks[week_start(local_moment(initiative.registered_at))]["registered"] += 1
    if initiative.submitted_at is not None:
        weeks[week_start(local_moment(initiative.submitted_at))]["submitted"] += 1
    for week, amounts in weeks.items():
        parts[("week", (*campaign_phase, initiative.unit_id, week))] = amounts
        parts[("campaign_week", (*campaign_phase, week))] = amounts
    return parts


def units_touched(*contributions):
    """The ids of the units whose own running totals these contributions touch, whatever their sign (a change
    that nets to nothing may still move a submission time, which the tally reads too)."""
    return {key[2] for parts in contributions for (table, key) in parts if table in {"count", "unit", "week"}}


def _apply(signed_contributions):
    """Add the net of (contribution, sign) pairs to the running totals, race-safely and in a fixed order."""
    net = defaultdict(lambda: defaultdict(int))
    for parts, sign in signed_contributions:
        for cell, amounts in parts.items():
            for column, amount in amounts.items():
                net[cell][column] += sign * amount
    for (table, key), amounts in sorted(net.items(), key=_cell_order):
        changes = {column: amount for column, amount in amounts.items() if amount}
        if not changes:
            continue
        model, names = TALLY_TABLES[table]
        lookup = dict(zip(names, key, strict=True))
        if any(amount > 0 for amount in changes.values()):
            model.objects.bulk_create([model(**lookup)], ignore_conflicts=True)
        if lookup["phase_id"] is None:
            del lookup["phase_id"]
            lookup["phase__isnull"] = True
        rows = model.objects.filter(**lookup).update(
            **{column: F(column) + amount for column, amount in changes.items()}
        )
        if rows != 1:
            raise RuntimeError(f"running total {table} {key} missing; run after_bulk_change()")


def _cell_order(item):
    (table, key), _amounts = item
    return (table, tuple((value is None, str(value)) for value in key))
