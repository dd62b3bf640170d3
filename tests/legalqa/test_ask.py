"""Asking a question: good input, the spam limits, the thank-you, nothing public until answered."""

import time
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from legalqa.models import Question, Topic
from spamguard.forms import GuardedForm

pytestmark = pytest.mark.django_db
ASK = reverse("legalqa:ask")


def started(seconds_ago):
    """The signed start time a form shown `seconds_ago` carried."""
    return GuardedForm(now=time.time() - seconds_ago).initial["started"]


def good(**changes):
    return {
        "asker_name": "",
        "email": "",
        "phone": "0299 3822 123",
        "topic": Topic.objects.get(slug="bao-hiem-xa-hoi").pk,
        "question": "Về hưu năm 2025, đóng bao nhiêu năm bảo hiểm xã hội để hưởng lương hưu tối đa?",
        "website": "",
        "started": started(30),
        **changes,
    }


def test_the_form_offers_the_topics_and_hides_the_trap(client):
    page = client.get(ASK).content.decode()
    for topic in ["Tiền lương", "Bảo hiểm xã hội", "Hợp đồng lao động", "An toàn, vệ sinh lao động", "Công đoàn"]:
        assert topic in page
    assert 'class="trap" aria-hidden="true"' in page and 'name="website"' in page


@override_settings(LEGALQA_ANSWER_WORKING_DAYS=5)
def test_an_anonymous_question_is_stored_privately_and_thanked_with_a_due_date(client):
    response = client.post(ASK, good(), REMOTE_ADDR="203.0.113.7", follow=True)
    question = Question.objects.get()
    assert question.asker_name == "" and question.phone == "0299 3822 123"
    assert question.client_ip == "203.0.113.7"
    assert not question.is_public and question.answered_at is None
    assert (question.due_on - question.created_at.date()).days >= 5 and question.due_on.weekday() < 5
    page = response.content.decode()
    assert "Cảm ơn bạn đã gửi câu hỏi!" in page
    assert question.due_on.strftime("%d/%m/%Y") in page
    assert client.get(reverse("legalqa:list")).context["questions"].count() == 0
    assert client.get(question.get_absolute_url()).status_code == 404


def test_without_email_or_phone_nothing_is_stored_and_nothing_typed_is_lost(client):
    response = client.post(ASK, good(phone=""))
    assert response.status_code == 400
    assert "Cần e-mail hoặc số điện thoại" in response.content.decode()
    assert "đóng bao nhiêu năm bảo hiểm xã hội" in response.content.decode()
    assert not Question.objects.exists()


def test_bad_phone_and_short_question_get_vietnamese_messages(client):
    page = client.post(ASK, good(phone="12ab", question="Lương?")).content.decode()
    assert "Số điện thoại chưa đúng" in page
    assert "Câu hỏi cần ít nhất 20 ký tự" in page


def test_a_filled_trap_is_thanked_but_nothing_is_stored(client):
    response = client.post(ASK, good(website="http://spam.example"), follow=True)
    assert "Cảm ơn bạn đã gửi câu hỏi!" in response.content.decode()
    assert not Question.objects.exists()


@override_settings(PUBLIC_FORM_MIN_SECONDS=5)
def test_a_form_sent_too_soon_is_refused_and_can_be_sent_again(client):
    response = client.post(ASK, good(started=started(1)))
    page = response.content.decode()
    assert "Bạn gửi nhanh quá" in page and not Question.objects.exists()
    assert "đóng bao nhiêu năm" in page  # nothing typed is lost


def test_a_missing_or_forged_start_time_is_refused(client):
    assert "Biểu mẫu đã cũ" in client.post(ASK, good(started="")).content.decode()
    assert "Biểu mẫu đã cũ" in client.post(ASK, good(started=started(30) + "x")).content.decode()
    assert not Question.objects.exists()


@override_settings(PUBLIC_FORM_DAILY_LIMIT=2)
def test_an_address_may_send_only_so_many_questions_a_day(client):
    for _ in range(2):
        assert client.post(ASK, good(), REMOTE_ADDR="198.51.100.4").status_code == 302
    refused = client.post(ASK, good(), REMOTE_ADDR="198.51.100.4")
    assert "Hôm nay địa chỉ của bạn đã gửi đủ số câu hỏi" in refused.content.decode()
    assert client.post(ASK, good(), REMOTE_ADDR="198.51.100.5").status_code == 302
    assert Question.objects.count() == 3


@override_settings(PUBLIC_FORM_DAILY_LIMIT=1, TRUSTED_PROXIES=["10.0.0.1"])
def test_the_limit_follows_the_client_behind_a_trusted_proxy_only(client):
    via_proxy = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client.post(ASK, good(), **via_proxy).status_code == 302
    assert Question.objects.get().client_ip == "198.51.100.9"
    assert client.post(ASK, good(), **via_proxy).status_code == 400
    other = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.10"}
    assert client.post(ASK, good(), **other).status_code == 302


def test_a_forged_thank_you_link_shows_the_form(client):
    page = client.get(ASK, {"da-gui": "gia-mao"}).content.decode()
    assert "Gửi câu hỏi" in page and "Cảm ơn" not in page


def test_due_dates_skip_weekends():
    from legalqa.models import add_working_days

    assert add_working_days(date(2024, 3, 14), 5) == date(2024, 3, 21)  # Thursday + 5 working days
    assert add_working_days(date(2024, 3, 16), 1) == date(2024, 3, 18)  # Saturday → Monday
