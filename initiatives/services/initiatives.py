"""Filing, editing, moving along the workflow and deleting one initiative."""

import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules, tallies, workflow
from ..models import Author, Initiative, Phase, StatusChange
from .totals import _apply, _contribution, units_touched

Status = Initiative.Status
logger = logging.getLogger(__name__)

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
        "recognition_number",
        "confidential",
        "rejection_reason",
        "registered_at",
        "submitted_at",
    }
)
CREATE_ONLY_FIELDS = frozenset({"status", "submitted_by"})


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
    errors = _rule_errors(initiative)
    if message := rules.authors_given(len(author_rows)):
        errors.setdefault("authors", []).append(rules.sentence(message))
    if message := rules.choice(status, Status, _("trạng thái")):
        errors.setdefault("status", []).append(rules.sentence(message))
    if Initiative.objects.filter(campaign=campaign, key=initiative.key).exists():
        errors.setdefault("key", []).append(
            _("Mã sáng kiến “%(key)s” đã có trong phong trào này.") % {"key": initiative.key}
        )
    if errors:
        raise ValidationError(errors)
    initiative.save()
    Author.objects.bulk_create(
        Author(initiative=initiative, name=name, position=position, workplace=workplace, order=i)
        for i, (name, position, workplace) in enumerate(author_rows)
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
    after = _contribution(initiative)
    _apply([(after, +1)])
    tallies.tally_changed(initiative.campaign_id, units=units_touched(after))
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
    errors = rules.errors_about(_rule_errors(current), fields)
    if "key" in fields and (
        Initiative.objects.filter(campaign_id=current.campaign_id, key=current.key).exclude(pk=current.pk).exists()
    ):
        errors.setdefault("key", []).append(
            _("Mã sáng kiến “%(key)s” đã có trong phong trào này.") % {"key": current.key}
        )
    author_rows = _author_rows(authors) if authors is not None else None
    if author_rows is not None and (message := rules.authors_given(len(author_rows))):
        errors.setdefault("authors", []).append(rules.sentence(message))
    if errors:
        raise ValidationError(errors)
    current.save()
    if author_rows is not None:
        current.authors.all().delete()
        Author.objects.bulk_create(
            Author(initiative=current, name=name, position=position, workplace=workplace, order=i)
            for i, (name, position, workplace) in enumerate(author_rows)
        )
    after = _contribution(current)
    _apply([(before, -1), (after, +1)])
    tallies.tally_changed(current.campaign_id, units=units_touched(before, after))
    _copy_fields(current, initiative)
    return current


@transaction.atomic
def transition(*, by, initiative, to_status, reason="", at=None):
    """Move `initiative` one step along the workflow, recording when, by whom and why.

    Going to đã nộp sets `submitted_at` (to `at`, default now), which must fall inside the phase's window.
    Going to không được thông qua or trả lại để bổ sung needs `reason` (a returned initiative is no longer
    counted as submitted until its author sends it again). A member who filed it online is told of every
    decision by e-mail once it is committed. Raises `workflow.TransitionNotAllowed` otherwise.
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
        errors = rules.date_errors(current).get("submitted_at")
        if errors:
            raise ValidationError({"submitted_at": errors})
    if to_status == Status.KHONG_THONG_QUA:
        current.rejection_reason = reason
    if to_status == Status.TRA_LAI:
        current.submitted_at = None  # back with its author: not submitted until sent again (history keeps when)
    current.save()
    StatusChange.objects.create(
        initiative=current,
        from_status=from_status,
        to_status=to_status,
        changed_at=at,
        changed_by=by if _is_user(by) else None,
        note=reason,
    )
    after = _contribution(current)
    _apply([(before, -1), (after, +1)])
    tallies.tally_changed(current.campaign_id, units=units_touched(before, after))
    if current.submitted_by_id is not None and to_status in AUTHOR_TOLD:
        transaction.on_commit(lambda: notify_author(initiative=current, note=reason))
    _copy_fields(current, initiative)
    return current


# Decisions the member who filed an initiative online is told about by e-mail, once committed.
AUTHOR_TOLD = frozenset(
    {Status.THONG_QUA, Status.KHONG_THONG_QUA, Status.TRA_LAI, Status.DE_NGHI_KHEN, Status.DUOC_TANG_BANG}
)


def notify_author(*, initiative, note=""):
    """Tell the member who filed `initiative` where it stands now, with a link to their page about it."""
    user = initiative.submitted_by
    if user is None or not user.email:
        return
    path = reverse("members:initiative", kwargs={"pk": initiative.pk})
    context = {
        "initiative": initiative,
        "status": initiative.get_status_display(),
        "note": note,
        "link": f"{settings.SITE_URL.rstrip('/')}{path}" if settings.SITE_URL else "",
    }
    subject = render_to_string("initiatives/email/decision_subject.txt", context).strip()
    body = render_to_string("initiatives/email/decision_message.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # the decision is made; a mail server that is down must not turn it into an error page
        logger.exception("Could not tell %s about initiative %s", user.email, initiative.pk)


@transaction.atomic
def delete_initiative(*, by, initiative):
    """Delete an initiative (with its authors and history) and take it out of the totals."""
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    before = _contribution(current)
    current.delete()
    _apply([(before, -1)])
    tallies.tally_changed(current.campaign_id, units=units_touched(before))


# --- Targets ----------------------------------------------------------------------------------------------------


def _author_rows(authors):
    """(name, position, workplace) of each author with a name; authors come as dicts, tuples or names."""
    rows = []
    for author in authors or ():
        if isinstance(author, dict):
            name, position, workplace = author.get("name", ""), author.get("position", ""), author.get("workplace", "")
        elif isinstance(author, str):
            name, position, workplace = author, "", ""
        else:
            name, position, workplace = (list(author) + ["", ""])[:3]
        name = (name or "").strip()
        if name:
            rows.append((name, (position or "").strip(), (workplace or "").strip()))
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


def _rule_errors(initiative):
    has_phases = initiative.phase_id is not None or Phase.objects.filter(campaign=initiative.campaign_id).exists()
    return rules.initiative_errors(initiative, campaign_has_phases=has_phases)
