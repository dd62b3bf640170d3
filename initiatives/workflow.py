"""The submission workflow of an initiative.

đăng ký → đã nộp → đang xét → được thông qua | không được thông qua (with a reason);
được thông qua → đề nghị khen thưởng → được tặng Bằng lao động sáng tạo;
đã nộp | đang xét → trả lại để bổ sung (with a note) → đã nộp again, once the author has completed it.

Only `services.transition()` changes a status; it asks `check_transition()` first.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import rules
from .models import Initiative

Status = Initiative.Status

ALLOWED: dict[str, set[str]] = {
    Status.DANG_KY: {Status.DA_NOP},
    Status.DA_NOP: {Status.DANG_XET, Status.TRA_LAI},
    Status.DANG_XET: {Status.THONG_QUA, Status.KHONG_THONG_QUA, Status.TRA_LAI},
    Status.TRA_LAI: {Status.DA_NOP},
    Status.THONG_QUA: {Status.DE_NGHI_KHEN},
    Status.KHONG_THONG_QUA: set(),
    Status.DE_NGHI_KHEN: {Status.DUOC_TANG_BANG},
    Status.DUOC_TANG_BANG: set(),
}


class TransitionNotAllowed(ValidationError):
    """The workflow does not allow this status change (or a required reason is missing)."""


def label(status):
    return Status(status).label


def can_transition(initiative, to):
    """True when the workflow allows `initiative` to go from its current status to `to`."""
    return to in ALLOWED.get(initiative.status, set())


def check_transition(initiative, to, reason=""):
    """Raise TransitionNotAllowed, in Vietnamese, unless `initiative` may move to `to` (with `reason`)."""
    if to not in ALLOWED:
        raise TransitionNotAllowed(_("Trạng thái “%(status)s” không có trong quy trình.") % {"status": to})
    if not can_transition(initiative, to):
        raise TransitionNotAllowed(
            _("Không thể chuyển sáng kiến từ “%(from)s” sang “%(to)s”.")
            % {"from": label(initiative.status), "to": label(to)}
        )

    if message := rules.rejection_reason(to, reason) or rules.return_note(to, reason):
        raise TransitionNotAllowed(rules.sentence(message))


def steps_to(from_status, to_status):
    """The statuses to pass through, in order, to go from `from_status` to `to_status` ([] if already there).

    Raises TransitionNotAllowed when the workflow cannot reach `to_status` from `from_status`.
    """
    if from_status == to_status:
        return []
    queue, came_from = [from_status], {from_status: None}
    while queue:
        current = queue.pop(0)
        for nxt in sorted(ALLOWED.get(current, ())):
            if nxt not in came_from:
                came_from[nxt] = current
                queue.append(nxt)
    if to_status not in came_from:
        raise TransitionNotAllowed(
            _("Không thể chuyển sáng kiến từ “%(from)s” sang “%(to)s”.")
            % {"from": label(from_status), "to": label(to_status)}
        )
    steps, node = [], to_status
    while node != from_status:
        steps.append(node)
        node = came_from[node]
    return steps[::-1]
