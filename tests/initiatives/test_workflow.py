"""Every workflow transition, allowed and refused, with its time, user and reason recorded."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from initiatives import services, workflow
from initiatives.models import Initiative
from initiatives.workflow import ALLOWED, TransitionNotAllowed, can_transition
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Initiative.Status
ALL_PAIRS = [(a, b) for a in Status.values for b in Status.values]
EXPECTED = {
    (Status.DANG_KY, Status.DA_NOP),
    (Status.DA_NOP, Status.DANG_XET),
    (Status.DANG_XET, Status.THONG_QUA),
    (Status.DANG_XET, Status.KHONG_THONG_QUA),
    (Status.THONG_QUA, Status.DE_NGHI_KHEN),
    (Status.DE_NGHI_KHEN, Status.DUOC_TANG_BANG),
    (Status.DA_NOP, Status.TRA_LAI),
    (Status.DANG_XET, Status.TRA_LAI),
    (Status.TRA_LAI, Status.DA_NOP),
}


def at_status(status):
    initiative = InitiativeFactory()
    for step in workflow.steps_to(Status.DANG_KY, status):
        services.transition(
            by=None, initiative=initiative, to_status=step, reason="Chưa có tính mới", at=initiative.registered_at
        )
    return initiative


def test_allowed_transitions_are_exactly_the_workflow():
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == EXPECTED
    assert set(ALLOWED) == set(Status.values)


@pytest.mark.parametrize(("from_status", "to_status"), sorted(EXPECTED))
def test_each_allowed_transition_is_recorded_with_time_user_and_note(from_status, to_status):
    user = UserFactory()
    initiative = at_status(from_status)
    moment = timezone.make_aware(datetime(2022, 3, 1, 10, 30))

    services.transition(by=user, initiative=initiative, to_status=to_status, reason="Lý do ghi lại", at=moment)

    initiative.refresh_from_db()
    assert initiative.status == to_status
    change = initiative.status_changes.order_by("-changed_at", "-id").first()
    assert (change.from_status, change.to_status) == (from_status, to_status)
    assert change.changed_by == user and change.changed_at == moment and change.note == "Lý do ghi lại"


@pytest.mark.parametrize(("from_status", "to_status"), sorted(set(ALL_PAIRS) - EXPECTED))
def test_each_other_transition_is_refused_with_a_vietnamese_message(from_status, to_status):
    initiative = at_status(from_status)
    changes = initiative.status_changes.count()
    assert not can_transition(initiative, to_status)

    with pytest.raises(TransitionNotAllowed) as error:
        services.transition(
            by=None, initiative=initiative, to_status=to_status, reason="x", at=initiative.registered_at
        )

    assert error.value.messages == [
        f"Không thể chuyển sáng kiến từ “{Status(from_status).label}” sang “{Status(to_status).label}”."
    ]
    initiative.refresh_from_db()
    assert initiative.status == from_status and initiative.status_changes.count() == changes


def test_the_message_names_both_statuses():
    initiative = InitiativeFactory()
    with pytest.raises(TransitionNotAllowed) as error:
        services.transition(by=None, initiative=initiative, to_status=Status.THONG_QUA, at=initiative.registered_at)
    assert error.value.messages == ["Không thể chuyển sáng kiến từ “Đăng ký” sang “Được thông qua”."]


def test_rejection_needs_a_reason_and_keeps_it():
    initiative = at_status(Status.DANG_XET)
    for blank in ["", "   "]:
        with pytest.raises(TransitionNotAllowed) as error:
            services.transition(by=None, initiative=initiative, to_status=Status.KHONG_THONG_QUA, reason=blank)
        assert "lý do" in error.value.messages[0]

    services.transition(
        by=None, initiative=initiative, to_status=Status.KHONG_THONG_QUA, reason="Trùng sáng kiến đã có"
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.KHONG_THONG_QUA
    assert initiative.rejection_reason == "Trùng sáng kiến đã có"


def test_submitting_sets_submitted_at_and_must_fall_inside_the_phase():
    initiative = InitiativeFactory()
    too_late = timezone.make_aware(
        datetime.combine(initiative.phase.closes_on + timedelta(days=1), datetime.min.time())
    )
    with pytest.raises(ValidationError) as error:
        services.transition(by=None, initiative=initiative, to_status=Status.DA_NOP, at=too_late)
    assert "submitted_at" in error.value.message_dict

    moment = initiative.registered_at + timedelta(days=2)
    services.transition(by=None, initiative=initiative, to_status=Status.DA_NOP, at=moment)
    initiative.refresh_from_db()
    assert initiative.submitted_at == moment


def test_an_unknown_status_is_refused():
    with pytest.raises(TransitionNotAllowed):
        workflow.check_transition(InitiativeFactory(), "da_huy")


def test_steps_to_walks_the_workflow():
    assert workflow.steps_to(Status.DANG_KY, Status.DUOC_TANG_BANG) == [
        Status.DA_NOP,
        Status.DANG_XET,
        Status.THONG_QUA,
        Status.DE_NGHI_KHEN,
        Status.DUOC_TANG_BANG,
    ]
    assert workflow.steps_to(Status.THONG_QUA, Status.THONG_QUA) == []
    with pytest.raises(TransitionNotAllowed):
        workflow.steps_to(Status.KHONG_THONG_QUA, Status.THONG_QUA)
