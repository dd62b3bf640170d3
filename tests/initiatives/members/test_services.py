"""Members filing, sending and reviewers deciding, through the services: every step in the history and the totals."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from initiatives import services, tallies
from initiatives.models import Initiative, StatusChange
from initiatives.workflow import TransitionNotAllowed
from privatefiles.storage import private_storage
from tests.factories import InitiativeFactory

from .conftest import file_one

Status = Initiative.Status
pytestmark = pytest.mark.django_db


def steps(initiative):
    return list(
        StatusChange.objects.filter(initiative=initiative).values_list("from_status", "to_status", "changed_by", "note")
    )


def test_filing_registers_in_the_phase_open_today_with_authors_and_a_private_attachment(world):
    initiative = file_one(world, send=False)
    assert initiative.status == Status.DANG_KY
    assert initiative.phase == world.phase
    assert initiative.submitted_by == world.member.user
    assert [(a.name, a.position, a.workplace) for a in initiative.authors.all()] == [
        ("Nguyễn Thị Mai", "Giáo viên", "Trường THPT Vĩnh Châu")
    ]
    attachment = initiative.attachments.get()
    assert (attachment.name, attachment.kind, attachment.is_public) == ("quyet-dinh.pdf", "pdf", False)
    assert private_storage().exists(attachment.file.name)
    assert attachment.file.name.startswith("sang-kien/") and "quyet-dinh" not in attachment.file.name


def test_sending_moves_it_to_submitted_and_records_the_step(world):
    initiative = file_one(world, send=True)
    assert initiative.status == Status.DA_NOP and initiative.submitted_at is not None
    assert steps(initiative) == [(Status.DANG_KY, Status.DA_NOP, world.member.user.pk, "")]


def test_nothing_is_filed_outside_a_phase_window(world):
    world.phase.closes_on = timezone.localdate() - timedelta(days=1)
    world.phase.save()
    with pytest.raises(ValidationError, match="ngoài thời gian nhận"):
        file_one(world)
    assert not Initiative.objects.exists()


def test_only_recognised_initiatives_are_filed(world):
    with pytest.raises(ValidationError) as error:
        file_one(world, recognized_by="", recognition_number=" ", recognized_on=None)
    assert set(error.value.message_dict) == {"recognized_by", "recognition_number", "recognized_on"}


def test_a_recognition_in_the_future_or_before_the_campaign_is_refused(world):
    with pytest.raises(ValidationError) as error:
        file_one(world, recognized_on=world.campaign.starts_on - timedelta(days=1))
    assert "recognized_on" in error.value.message_dict


def test_sending_needs_the_decision_attached(world):
    initiative = file_one(world, send=False)
    initiative.attachments.all().delete()
    with pytest.raises(ValidationError, match="quyết định công nhận"):
        services.send_for_review(by=world.member.user, initiative=initiative)


def test_approval_passes_through_under_review_and_mails_the_author_after_commit(
    world, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://congdoan.example.vn"
    initiative = file_one(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.review(by=world.reviewer_a, initiative=initiative, decision="hop_le")
    assert mail.outbox == []  # nothing is said before the decision is committed
    for callback in callbacks:
        callback()
    initiative.refresh_from_db()
    assert initiative.status == Status.THONG_QUA
    assert steps(initiative)[1:] == [
        (Status.DA_NOP, Status.DANG_XET, world.reviewer_a.pk, ""),
        (Status.DANG_XET, Status.THONG_QUA, world.reviewer_a.pk, ""),
    ]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mai@example.vn"]
    assert "Được thông qua" in mail.outbox[0].subject and "Máy bóc vỏ tôm cải tiến" in mail.outbox[0].body
    assert f"https://congdoan.example.vn/tai-khoan/sang-kien/{initiative.pk}/" in mail.outbox[0].body


def test_a_staff_decision_in_the_admin_tells_the_author_too(world, django_capture_on_commit_callbacks):
    initiative = file_one(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(by=world.province_admin, initiative=initiative, to_status=Status.DANG_XET)
    assert mail.outbox == []  # "under review" is not a decision
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(by=world.province_admin, initiative=initiative, to_status=Status.THONG_QUA)
    assert len(mail.outbox) == 1


def test_staff_entries_mail_nobody(world, django_capture_on_commit_callbacks):
    initiative = InitiativeFactory(campaign=world.campaign, phase=world.phase, unit=world.district_b, status="dang_xet")
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(by=world.province_admin, initiative=initiative, to_status=Status.THONG_QUA)
    assert mail.outbox == []


def test_rejection_needs_a_reason_which_the_author_reads(world, django_capture_on_commit_callbacks):
    initiative = file_one(world)
    with pytest.raises(ValidationError, match="lý do"):
        services.review(by=world.reviewer_a, initiative=initiative, decision="khong_hop_le", note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.review(by=world.reviewer_a, initiative=initiative, decision="khong_hop_le", note="Trùng sáng kiến cũ")
    initiative.refresh_from_db()
    assert (initiative.status, initiative.rejection_reason) == (Status.KHONG_THONG_QUA, "Trùng sáng kiến cũ")
    assert "Trùng sáng kiến cũ" in mail.outbox[0].body


def test_returned_initiatives_go_back_to_the_author_and_come_back_submitted(world, django_capture_on_commit_callbacks):
    initiative = file_one(world)
    with pytest.raises(ValidationError, match="bổ sung"):
        services.review(by=world.reviewer_a, initiative=initiative, decision="tra_lai", note="")
    with django_capture_on_commit_callbacks(execute=True):
        services.review(by=world.reviewer_a, initiative=initiative, decision="tra_lai", note="Thiếu bản thuyết minh")
    initiative.refresh_from_db()
    assert initiative.status == Status.TRA_LAI and initiative.submitted_at is None
    assert "Thiếu bản thuyết minh" in mail.outbox[0].body and "nộp lại" in mail.outbox[0].body
    services.edit_own_initiative(
        by=world.member.user,
        initiative=initiative,
        authors=[{"name": "Nguyễn Thị Mai"}],
        attachments=[],
        title="Máy bóc vỏ tôm cải tiến (bổ sung thuyết minh)",
        kind="ky_thuat",
        sector="san_xuat",
        summary="Có thuyết minh.",
        effect="Tiết kiệm 120 giờ công.",
        benefit_value=None,
        recognized_by="hoi_dong",
        recognition_number="15/QĐ-HĐSK",
        recognized_on=initiative.recognized_on,
        confidential=False,
    )
    resent = services.send_for_review(by=world.member.user, initiative=initiative)
    assert resent.status == Status.DA_NOP and resent.submitted_at is not None
    assert [s[1] for s in steps(initiative)] == [Status.DA_NOP, Status.TRA_LAI, Status.DA_NOP]


def test_an_under_review_initiative_can_be_returned_too(world):
    initiative = file_one(world)
    services.transition(by=world.reviewer_a, initiative=initiative, to_status=Status.DANG_XET)
    returned = services.review(by=world.reviewer_a, initiative=initiative, decision="tra_lai", note="Bổ sung ảnh")
    assert returned.status == Status.TRA_LAI


def test_a_decided_initiative_is_not_decided_again(world):
    initiative = file_one(world)
    services.review(by=world.reviewer_a, initiative=initiative, decision="hop_le")
    with pytest.raises(ValidationError, match="không còn chờ duyệt"):
        services.review(by=world.reviewer_a, initiative=initiative, decision="khong_hop_le", note="x")


def test_return_is_a_workflow_step_with_a_required_note(world):
    initiative = file_one(world)
    with pytest.raises(TransitionNotAllowed):
        services.transition(by=world.reviewer_a, initiative=initiative, to_status=Status.TRA_LAI)
    with pytest.raises(TransitionNotAllowed):
        services.transition(by=world.reviewer_a, initiative=initiative, to_status=Status.THONG_QUA)


@pytest.mark.parametrize("who", ["reviewer_b", "other_member", "member"])
def test_only_reviewers_of_the_unit_and_provincial_administrators_decide(world, who):
    initiative = file_one(world)
    user = getattr(world, who)
    user = getattr(user, "user", user)
    with pytest.raises(PermissionDenied):
        services.review(by=user, initiative=initiative, decision="hop_le")
    initiative.refresh_from_db()
    assert initiative.status == Status.DA_NOP


def test_a_provincial_administrator_decides_everywhere(world):
    initiative = file_one(world)
    assert services.review(by=world.province_admin, initiative=initiative, decision="hop_le").is_approved


def test_authors_edit_only_while_registered_or_returned(world):
    initiative = file_one(world)
    with pytest.raises(PermissionDenied):
        services.edit_own_initiative(by=world.member.user, initiative=initiative, authors=[{"name": "A"}], title="X")
    draft = file_one(world, send=False, title="Bản nháp")
    with pytest.raises(PermissionDenied):
        services.edit_own_initiative(by=world.other_member.user, initiative=draft, authors=[{"name": "A"}], title="X")


def test_member_submissions_count_in_the_tallies_exactly_like_staff_entries(world):
    for n in range(3):
        file_one(world, title=f"Sáng kiến đoàn viên {n}")
    approved = file_one(world, title="Được duyệt")
    services.review(by=world.reviewer_a, initiative=approved, decision="hop_le")
    returned = file_one(world, title="Trả lại")
    services.review(by=world.reviewer_a, initiative=returned, decision="tra_lai", note="Bổ sung")
    file_one(world, send=False, title="Chưa nộp")
    InitiativeFactory(
        campaign=world.campaign,
        phase=world.phase,
        unit=world.district_b,
        status=Status.DA_NOP,
        registered_at=timezone.now() - timedelta(days=1),
    )
    row = tallies.campaign_tally(world.campaign, world.phase).row("vinh-chau")
    assert (row.registered, row.submitted, row.approved) == (6, 4, 1)
    assert row.benefit_total == 15_000_000
    root = tallies.campaign_tally(world.campaign, world.phase).root
    assert (root.registered, root.submitted) == (7, 5)
    before = tallies.campaign_tally(world.campaign, world.phase)
    services.after_bulk_change(campaign=world.campaign)  # a rebuild from the initiatives gives the same figures
    after = tallies.campaign_tally(world.campaign, world.phase)
    assert [(r.code, r.registered, r.submitted, r.approved) for r in after.rows] == [
        (r.code, r.registered, r.submitted, r.approved) for r in before.rows
    ]


def test_a_mail_server_that_is_down_does_not_undo_the_decision(world, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.initiatives.members.test_services.BrokenBackend"
    initiative = file_one(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.review(by=world.reviewer_a, initiative=initiative, decision="hop_le")
    initiative.refresh_from_db()
    assert initiative.status == Status.THONG_QUA


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")
