"""Every write to initiatives, targets and their running totals goes through these functions.

The admin, the spreadsheet importer, the demo data and the workflow all call them, so the rules live in one
place: the phase belongs to the campaign, dates fall inside the campaign and phase windows, the unit existed
when the initiative was filed, numbers are not negative, and every status change is recorded.

Running totals. The tallies (`initiatives/tallies.py`) read `TallyCount` and `TallyWeek`, never the million
initiative rows. Each write here computes the initiative's *contribution* to those tables before and after
the change and applies the difference in the same transaction, with race-safe upserts (insert-if-missing,
then `F()` increments; rows are touched in a fixed order so concurrent writers cannot deadlock). Writes that
bypass these functions (`bulk_create` in an importer, seeding) must call `after_bulk_change(campaign=…)`,
which rebuilds a campaign's totals exactly from the initiatives with one INSERT … SELECT … GROUP BY per table.

Cached tallies. Each function here also calls `tallies.tally_changed()`, so the campaign's cached tally and the
pages rendered from it are replaced once the transaction commits (see "The cache" in `initiatives/tallies.py`).
"""

import uuid
from collections import defaultdict
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, DateField, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Cast, TruncWeek
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import tallies, workflow
from .models import (
    Author,
    Campaign,
    Initiative,
    Phase,
    StatusChange,
    TallyCampaignWeek,
    TallyCount,
    TallyMix,
    TallyUnit,
    TallyWeek,
    Target,
    week_start,
)

Status = Initiative.Status

EDITABLE_FIELDS = frozenset(
    {
        "phase",
        "unit",
        "key",
        "title",
        "kind",
        "sector",
        "summary",
        "effect",
        "benefit_value",
        "recognized_by",
        "recognized_on",
        "rejection_reason",
        "registered_at",
        "submitted_at",
    }
)
CREATE_ONLY_FIELDS = frozenset({"status"})


# --- Initiatives ------------------------------------------------------------------------------------------------


@transaction.atomic
def create_initiative(*, by, campaign, phase, unit, key, title, kind, sector, authors=(), **fields):
    """File a new initiative under `unit` and count it.

    `authors` is a list of (name, position) pairs (or dicts with those keys), at least one. `fields` may hold
    summary, effect, benefit_value, recognized_by, recognized_on, registered_at (default: now), and, for
    imports of past campaigns, status (default đăng ký), submitted_at (default: registered_at once submitted)
    and rejection_reason. A starting status other than đăng ký is recorded in the history.
    """
    unknown = set(fields) - EDITABLE_FIELDS - CREATE_ONLY_FIELDS
    if unknown:
        raise TypeError(f"create_initiative() got unexpected fields: {', '.join(sorted(unknown))}")
    status = fields.pop("status", None) or Status.DANG_KY
    initiative = Initiative(
        campaign=campaign,
        phase=phase,
        unit=unit,
        key=(key or "").strip() or _new_key(),
        title=(title or "").strip(),
        kind=kind,
        sector=sector,
        status=status,
        created_by=by if _is_user(by) else None,
        **fields,
    )
    if initiative.registered_at is None:
        initiative.registered_at = timezone.now()
    if initiative.status in Initiative.SUBMITTED_STATUSES and initiative.submitted_at is None:
        initiative.submitted_at = initiative.registered_at
    author_rows = _author_rows(authors)
    errors = _validate(initiative)
    if not author_rows:
        errors.setdefault("authors", []).append(_("Sáng kiến cần ít nhất một tác giả."))
    if status not in Status.values:
        errors.setdefault("status", []).append(_("Trạng thái “%(value)s” không hợp lệ.") % {"value": status})
    if Initiative.objects.filter(campaign=campaign, key=initiative.key).exists():
        errors.setdefault("key", []).append(
            _("Mã sáng kiến “%(key)s” đã có trong phong trào này.") % {"key": initiative.key}
        )
    if errors:
        raise ValidationError(errors)
    initiative.save()
    Author.objects.bulk_create(
        Author(initiative=initiative, name=name, position=position, order=i)
        for i, (name, position) in enumerate(author_rows)
    )
    if status != Status.DANG_KY:
        StatusChange.objects.create(
            initiative=initiative,
            from_status=Status.DANG_KY,
            to_status=status,
            changed_at=initiative.submitted_at or initiative.registered_at,
            changed_by=by if _is_user(by) else None,
            note=initiative.rejection_reason if status == Status.KHONG_THONG_QUA else "",
        )
    _apply([(_contribution(initiative), +1)])
    tallies.tally_changed(initiative.campaign_id)
    return initiative


@transaction.atomic
def update_initiative(*, by, initiative, authors=None, **fields):
    """Change an initiative's details (not its status: see `transition`) and move its counts if needed.

    `authors`, when given, replaces the list of authors. Returns the updated initiative (the object passed in
    is refreshed too).
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if "status" in fields:
        raise ValidationError({"status": _("Trạng thái chỉ đổi được qua các bước của quy trình xét duyệt.")})
    if "campaign" in fields or "campaign_id" in fields:
        raise ValidationError({"campaign": _("Không thể chuyển sáng kiến sang phong trào khác.")})
    if unknown:
        raise TypeError(f"update_initiative() got unexpected fields: {', '.join(sorted(unknown))}")
    current = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("campaign", "phase", "unit")
        .get(pk=initiative.pk)
    )
    before = _contribution(current)
    for name, value in fields.items():
        setattr(current, name, value.strip() if name in {"title", "key"} and isinstance(value, str) else value)
    errors = _errors_about(_validate(current), fields)
    if "key" in fields and (
        Initiative.objects.filter(campaign_id=current.campaign_id, key=current.key).exclude(pk=current.pk).exists()
    ):
        errors.setdefault("key", []).append(
            _("Mã sáng kiến “%(key)s” đã có trong phong trào này.") % {"key": current.key}
        )
    author_rows = _author_rows(authors) if authors is not None else None
    if author_rows == []:
        errors.setdefault("authors", []).append(_("Sáng kiến cần ít nhất một tác giả."))
    if errors:
        raise ValidationError(errors)
    current.save()
    if author_rows is not None:
        current.authors.all().delete()
        Author.objects.bulk_create(
            Author(initiative=current, name=name, position=position, order=i)
            for i, (name, position) in enumerate(author_rows)
        )
    _apply([(before, -1), (_contribution(current), +1)])
    tallies.tally_changed(current.campaign_id)
    _copy_fields(current, initiative)
    return current


@transaction.atomic
def transition(*, by, initiative, to_status, reason="", at=None):
    """Move `initiative` one step along the workflow, recording when, by whom and why.

    Going to đã nộp sets `submitted_at` (to `at`, default now), which must fall inside the phase's window.
    Going to không được thông qua needs `reason`. Raises `workflow.TransitionNotAllowed` otherwise.
    """
    current = (
        Initiative.objects.select_for_update(of=("self",)).select_related("campaign", "phase").get(pk=initiative.pk)
    )
    reason = (reason or "").strip()
    workflow.check_transition(current, to_status, reason)
    at = at or timezone.now()
    before = _contribution(current)
    from_status = current.status
    current.status = to_status
    if to_status == Status.DA_NOP:
        current.submitted_at = at
        errors = _validate_dates(current).get("submitted_at")
        if errors:
            raise ValidationError({"submitted_at": errors})
    if to_status == Status.KHONG_THONG_QUA:
        current.rejection_reason = reason
    current.save()
    StatusChange.objects.create(
        initiative=current,
        from_status=from_status,
        to_status=to_status,
        changed_at=at,
        changed_by=by if _is_user(by) else None,
        note=reason,
    )
    _apply([(before, -1), (_contribution(current), +1)])
    tallies.tally_changed(current.campaign_id)
    _copy_fields(current, initiative)
    return current


@transaction.atomic
def delete_initiative(*, by, initiative):
    """Delete an initiative (with its authors and history) and take it out of the totals."""
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    before = _contribution(current)
    current.delete()
    _apply([(before, -1)])
    tallies.tally_changed(current.campaign_id)


# --- Targets ----------------------------------------------------------------------------------------------------


@transaction.atomic
def set_target(*, unit, campaign, phase=None, kind, value):
    """Set `unit`'s quota (chỉ tiêu) or plan (kế hoạch) for `campaign`, or for one of its phases."""
    errors = {}
    if kind not in Target.Kind.values:
        errors["kind"] = [_("Loại chỉ tiêu “%(value)s” không hợp lệ.") % {"value": kind}]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors["value"] = [_("Chỉ tiêu phải là số nguyên không âm.")]
    if phase is not None and phase.campaign_id != campaign.pk:
        errors["phase"] = [_("Giai đoạn “%(phase)s” không thuộc phong trào này.") % {"phase": phase}]
    if errors:
        raise ValidationError(errors)
    target, _created = Target.objects.select_for_update().update_or_create(
        unit=unit, campaign=campaign, phase=phase, kind=kind, defaults={"value": value}
    )
    tallies.tally_changed(campaign.pk)
    return target


# --- Running totals ---------------------------------------------------------------------------------------------


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
    weeks[week_start(_local(initiative.registered_at))]["registered"] += 1
    if initiative.submitted_at is not None:
        weeks[week_start(_local(initiative.submitted_at))]["submitted"] += 1
    for week, amounts in weeks.items():
        parts[("week", (*campaign_phase, initiative.unit_id, week))] = amounts
        parts[("campaign_week", (*campaign_phase, week))] = amounts
    return parts


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


# --- Validation -------------------------------------------------------------------------------------------------


def _validate(initiative):
    """Field errors of an initiative about to be saved, as {field: [message, …]}."""
    errors = defaultdict(list)
    campaign = initiative.campaign
    if not initiative.title:
        errors["title"].append(_("Cần nhập tên sáng kiến."))
    if len(initiative.key) > 64:
        errors["key"].append(_("Mã sáng kiến dài tối đa 64 ký tự."))
    if initiative.kind not in Initiative.Kind.values:
        errors["kind"].append(_("Loại giải pháp “%(value)s” không hợp lệ.") % {"value": initiative.kind})
    if initiative.sector not in Initiative.Sector.values:
        errors["sector"].append(_("Khu vực “%(value)s” không hợp lệ.") % {"value": initiative.sector})
    if initiative.recognized_by and initiative.recognized_by not in Initiative.Recognizer.values:
        errors["recognized_by"].append(
            _("Cấp công nhận “%(value)s” không hợp lệ.") % {"value": initiative.recognized_by}
        )
    benefit = initiative.benefit_value
    if benefit is not None and (isinstance(benefit, bool) or not isinstance(benefit, int) or benefit < 0):
        errors["benefit_value"].append(_("Giá trị làm lợi phải là số nguyên không âm (đồng)."))
    if initiative.status == Status.KHONG_THONG_QUA and not (initiative.rejection_reason or "").strip():
        errors["rejection_reason"].append(_("Cần ghi lý do không thông qua."))
    phase = initiative.phase
    if phase is not None and phase.campaign_id != campaign.pk:
        errors["phase"].append(_("Giai đoạn “%(phase)s” không thuộc phong trào này.") % {"phase": phase})
    elif phase is None and Phase.objects.filter(campaign=campaign).exists():
        errors["phase"].append(_("Phong trào này chia giai đoạn: cần chọn giai đoạn."))
    for field, messages in _validate_dates(initiative).items():
        errors[field].extend(messages)
    return dict(errors)


DATE_RULE_FIELDS = frozenset({"phase", "unit", "registered_at", "submitted_at", "recognized_on"})


def _errors_about(errors, changed):
    """Only the errors a change is responsible for: an edit is not refused for a flaw it did not touch."""
    relevant = set(changed)
    if relevant & DATE_RULE_FIELDS:
        relevant |= DATE_RULE_FIELDS
    return {field: messages for field, messages in errors.items() if field in relevant}


def _validate_dates(initiative):
    errors = defaultdict(list)
    campaign, phase, unit = initiative.campaign, initiative.phase, initiative.unit
    registered = _local(initiative.registered_at).date()
    if not campaign.starts_on <= registered <= campaign.ends_on:
        errors["registered_at"].append(
            _("Ngày đăng ký %(day)s nằm ngoài thời gian phong trào (%(start)s – %(end)s).")
            % {"day": _d(registered), "start": _d(campaign.starts_on), "end": _d(campaign.ends_on)}
        )
    if not unit.existed_on(registered):
        errors["unit"].append(
            _("Đơn vị “%(unit)s” không hoạt động vào ngày đăng ký %(day)s.") % {"unit": unit, "day": _d(registered)}
        )
    if initiative.submitted_at is not None:
        submitted = _local(initiative.submitted_at).date()
        opens, closes = (phase.opens_on, phase.closes_on) if phase else (campaign.starts_on, campaign.ends_on)
        if not opens <= submitted <= closes:
            errors["submitted_at"].append(
                _("Ngày nộp %(day)s nằm ngoài thời gian nhận sáng kiến (%(start)s – %(end)s).")
                % {"day": _d(submitted), "start": _d(opens), "end": _d(closes)}
            )
        elif initiative.submitted_at < initiative.registered_at:
            errors["submitted_at"].append(_("Thời điểm nộp không thể trước thời điểm đăng ký."))
    if initiative.recognized_on is not None and initiative.recognized_on < registered:
        errors["recognized_on"].append(_("Ngày công nhận không thể trước ngày đăng ký."))
    return dict(errors)


def _local(moment):
    if isinstance(moment, datetime):
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        return timezone.localtime(moment, timezone.get_default_timezone())
    return moment


def _d(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _author_rows(authors):
    rows = []
    for author in authors or ():
        if isinstance(author, dict):
            name, position = author.get("name", ""), author.get("position", "")
        elif isinstance(author, str):
            name, position = author, ""
        else:
            name, position = (list(author) + [""])[:2]
        name = (name or "").strip()
        if name:
            rows.append((name, (position or "").strip()))
    return rows


def _new_key():
    return f"SK-{uuid.uuid4().hex[:12].upper()}"


def _is_user(by):
    return by is not None and getattr(by, "pk", None) is not None


def _copy_fields(source, target):
    if source is target:
        return
    for field in Initiative._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
