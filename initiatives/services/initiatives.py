"""Filing, editing, moving along the workflow and deleting one initiative."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import tallies, workflow
from ..models import Author, Initiative, StatusChange
from ..rules import _errors_about, _validate, _validate_dates
from .totals import _apply, _contribution

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
