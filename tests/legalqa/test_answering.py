"""Answerers in the admin: permissions, editing for publication, due dates and overdue questions, e-mail."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from legalqa import services
from legalqa.models import Question
from tests.factories import AnsweredQuestionFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answerer():
    user = UserFactory(username="tuvan", is_staff=True)
    user.groups.add(Group.objects.get(name="Tư vấn pháp luật"))
    return user


def change_url(question):
    return reverse("admin:legalqa_question_change", args=[question.pk])


def answer_form(question, **changes):
    return {
        "topic": question.topic_id,
        "title": "Công ty trả lương chậm hai tháng có đúng luật?",
        "slug": "",
        "public_question": "Công ty trả lương chậm hai tháng có đúng quy định không?",
        "answer": "<p>Theo <strong>Điều 97</strong> Bộ luật Lao động 2019…</p><script>alert(1)</script>",
        "is_public": "on",
        **changes,
    }


def test_the_answerers_group_may_answer_but_not_editors(answerer):
    editor = UserFactory(username="bientap", is_staff=True)
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    assert services.can_answer(answerer)
    assert not services.can_answer(editor)
    with pytest.raises(PermissionDenied):
        services.save_answer(question=QuestionFactory(answer="<p>Trả lời</p>"), by=editor)


def test_answering_in_the_admin_sanitizes_publishes_and_emails_after_commit(
    client, answerer, django_capture_on_commit_callbacks
):
    question = QuestionFactory(email="cong.nhan@example.vn")
    client.force_login(answerer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(change_url(question), answer_form(question))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert len(mail.outbox) == 0  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    question.refresh_from_db()
    assert question.is_public and question.answered_by == answerer and question.answered_at
    assert "<script>" not in question.answer and "<strong>Điều 97</strong>" in question.answer
    assert question.slug == "cong-ty-tra-luong-cham-hai-thang-co-dung-luat"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cong.nhan@example.vn"]
    assert "Trả lời câu hỏi của bạn" in message.subject
    assert "Điều 97 Bộ luật Lao động 2019" in message.body and "<strong>" not in message.body
    assert question.get_absolute_url() in message.body
    assert question.asker_notified_at is not None
    # Saving again does not e-mail twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(question), answer_form(question, title="Trả lương chậm có đúng luật?"))
    assert len(mail.outbox) == 1
    question.refresh_from_db()
    assert question.slug == "cong-ty-tra-luong-cham-hai-thang-co-dung-luat"  # published: the address stays


def test_a_private_answer_is_emailed_without_a_link_and_stays_off_the_site(
    client, answerer, django_capture_on_commit_callbacks
):
    question = QuestionFactory()
    client.force_login(answerer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(question), answer_form(question, is_public=""))
    question.refresh_from_db()
    assert question.answered_at and not question.is_public
    assert "/hoi-dap/" not in mail.outbox[0].body
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404


def test_a_question_without_an_answer_cannot_be_published(answerer):
    question = QuestionFactory()
    question.is_public = True
    services.save_answer(question=question, by=answerer)
    question.refresh_from_db()
    assert not question.is_public and question.answered_at is None


def test_a_question_with_only_a_phone_is_answered_without_email(answerer, django_capture_on_commit_callbacks):
    question = QuestionFactory(email="", answer="<p>Trả lời</p>")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_answer(question=question, by=answerer)
    assert mail.outbox == []


def test_overdue_questions_stand_out_and_come_first_in_the_admin(client, answerer):
    overdue = QuestionFactory(title="Câu hỏi quá hạn")
    Question.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    QuestionFactory(title="Câu hỏi còn hạn")
    AnsweredQuestionFactory(title="Câu hỏi đã trả lời")
    client.force_login(answerer)
    page = client.get(reverse("admin:legalqa_question_changelist")).content.decode()
    assert 'class="overdue"' in page and "quá hạn 3 ngày" in page
    assert page.index("Câu hỏi quá hạn") < page.index("Câu hỏi còn hạn") < page.index("Câu hỏi đã trả lời")
    only_overdue = client.get(reverse("admin:legalqa_question_changelist"), {"tinh-trang": "qua-han"})
    assert list(only_overdue.context["cl"].result_list) == [Question.objects.get(pk=overdue.pk)]


def test_answerers_see_the_original_question_and_contact_read_only(client, answerer):
    question = QuestionFactory()
    client.force_login(answerer)
    page = client.get(change_url(question)).content.decode()
    assert "KCN An Nghiệp" in page and "0912 345 678" in page
    assert ' name="phone"' not in page and ' name="question"' not in page
    assert client.get(reverse("admin:legalqa_question_add")).status_code == 403
