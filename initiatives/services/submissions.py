"""Members' own initiatives: filing them online, sending them for review, reviewers' decisions, the author told.

Every status change goes through `services.initiatives.transition`, so the running totals, the history and
the cached tallies move exactly as for staff entries. The author's e-mail about a decision (sent by
`transition`) leaves only once the decision is committed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from privatefiles.storage import new_name, private_storage

from .. import rules, scopes
from ..models import Attachment, Initiative
from .initiatives import create_initiative, transition, update_initiative

Status = Initiative.Status

MAX_ATTACHMENTS = 10


class Decision:
    APPROVE = "hop_le"
    REJECT = "khong_hop_le"
    RETURN = "tra_lai"


DECISION_STATUS = {
    Decision.APPROVE: Status.THONG_QUA,
    Decision.REJECT: Status.KHONG_THONG_QUA,
    Decision.RETURN: Status.TRA_LAI,
}


@transaction.atomic
def file_initiative(*, by, campaign, unit, authors, attachments=(), public_attachments=False, send=False, **fields):
    """A member files an initiative (đăng ký) in the phase open today, with its attachments; `send` also sends
    it for review (đã nộp).

    `fields`: title, kind, sector, summary, effect, benefit_value, recognized_by, recognized_on,
    recognition_number, confidential. `attachments` are `privatefiles.checks.CheckedFile`s.
    """
    is_open, phase = campaign.submission_window(timezone.localdate())
    if not is_open:
        raise ValidationError(_("Phong trào đang ngoài thời gian nhận sáng kiến."))
    errors = rules.recognition_errors(fields)
    if errors:
        raise ValidationError(errors)
    initiative = create_initiative(
        by=by, campaign=campaign, phase=phase, unit=unit, key="", authors=authors, submitted_by=by, **fields
    )
    add_attachments(by=by, initiative=initiative, files=attachments, public=public_attachments)
    if send:
        initiative = send_for_review(by=by, initiative=initiative)
    return initiative


@transaction.atomic
def edit_own_initiative(
    *, by, initiative, authors, attachments=(), public_attachments=False, remove=(), public=None, **fields
):
    """The author changes an initiative that is registered or returned; `remove` are attachment ids to delete,
    `public` (when given) the ids of the attachments to show in the library."""
    current = Initiative.objects.select_for_update(of=("self",)).get(pk=initiative.pk)
    if not scopes.may_edit_as_author(by, current):
        raise PermissionDenied(_("Sáng kiến đã nộp hoặc đã được xét thì không sửa được."))
    errors = rules.recognition_errors(fields)
    if errors:
        raise ValidationError(errors)
    current = update_initiative(by=by, initiative=current, authors=authors, **fields)
    doomed = list(current.attachments.filter(pk__in=list(remove)))
    for attachment in doomed:
        name = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda name=name: private_storage().delete(name))
    if public is not None:
        current.attachments.update(is_public=False)
        current.attachments.filter(pk__in=list(public)).update(is_public=True)
    add_attachments(by=by, initiative=current, files=attachments, public=public_attachments)
    return current


def add_attachments(*, by, initiative, files, public=False):
    files = list(files)
    if not files:
        return []
    if initiative.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": [_("Mỗi sáng kiến có tối đa %(n)s tệp đính kèm.") % {"n": MAX_ATTACHMENTS}]}
        )
    storage = private_storage()
    created = []
    for checked in files:
        name = storage.save(new_name("sang-kien", checked.kind.extension), checked.as_file(checked.display_name))
        created.append(
            Attachment.objects.create(
                initiative=initiative,
                file=name,
                name=checked.display_name,
                kind=checked.kind.code,
                size=checked.size,
                is_public=public,
                uploaded_by=by,
            )
        )
    return created


@transaction.atomic
def send_for_review(*, by, initiative):
    """The author sends a registered or returned initiative for review (đã nộp), decision attached."""
    current = Initiative.objects.select_for_update(of=("self",)).get(pk=initiative.pk)
    if not scopes.may_edit_as_author(by, current):
        raise PermissionDenied(_("Chỉ tác giả gửi được sáng kiến của mình, khi sáng kiến chưa nộp hoặc được trả lại."))
    is_open, _phase = current.campaign.submission_window(timezone.localdate())
    if not is_open:
        raise ValidationError(_("Phong trào đang ngoài thời gian nhận sáng kiến."))
    if not current.attachments.exists():
        raise ValidationError(
            {"attachments": [_("Cần đính kèm quyết định công nhận (hoặc văn bản xác nhận) trước khi nộp.")]}
        )
    return transition(by=by, initiative=current, to_status=Status.DA_NOP)


@transaction.atomic
def review(*, by, initiative, decision, note=""):
    """A reviewer decides a submitted initiative: hợp lệ, không hợp lệ (reason required) or trả lại để bổ sung
    (note required). An initiative still "đã nộp" passes through "đang xét", so the history shows both steps.
    The author gets an e-mail once this is committed (`transition` sees to it)."""
    current = Initiative.objects.select_for_update(of=("self",)).select_related("unit").get(pk=initiative.pk)
    if not scopes.may_review(by, current):
        raise PermissionDenied(_("Sáng kiến này không thuộc phạm vi duyệt của bạn."))
    if decision not in DECISION_STATUS:
        raise ValidationError({"decision": [_("Vui lòng chọn một quyết định.")]})
    if current.status not in Initiative.AWAITING_REVIEW_STATUSES:
        raise ValidationError(
            _("Sáng kiến đang ở trạng thái “%(status)s”, không còn chờ duyệt.")
            % {"status": current.get_status_display()}
        )
    target = DECISION_STATUS[decision]
    note = (note or "").strip()
    if message := rules.rejection_reason(target, note) or rules.return_note(target, note):
        raise ValidationError({"note": [rules.sentence(message)]})
    now = timezone.now()
    if current.status == Status.DA_NOP and target != Status.TRA_LAI:
        current = transition(by=by, initiative=current, to_status=Status.DANG_XET, at=now)
    return transition(by=by, initiative=current, to_status=target, reason=note, at=now)
