"""Members' pages: the submission form and its window, good and bad attachments, my initiatives, editing."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative
from tests.factories import MemberFactory
from tests.privatefiles import samples

from .conftest import file_one

pytestmark = pytest.mark.django_db
Status = Initiative.Status


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def submit_url(world):
    return reverse("initiatives:submit", kwargs={"slug": world.campaign.slug})


def form_data(world, **overrides):
    data = {
        "unit": world.grassroots_a.pk,
        "title": "Sổ tay điện tử cho giáo viên chủ nhiệm",
        "kind": "ung_dung",
        "sector": "su_nghiep",
        "summary": "Theo dõi chuyên cần trên điện thoại.",
        "effect": "Giảm 30% thời gian tổng hợp cuối tuần.",
        "benefit_value": "2.500.000",
        "recognized_by": "thu_truong",
        "recognition_number": "07/QĐ-THPT",
        "recognized_on": (timezone.localdate() - timedelta(days=3)).strftime("%d/%m/%Y"),
        "tac-gia-TOTAL_FORMS": "3",
        "tac-gia-INITIAL_FORMS": "0",
        "tac-gia-MIN_NUM_FORMS": "1",
        "tac-gia-MAX_NUM_FORMS": "10",
        "tac-gia-0-name": "Nguyễn Thị Mai",
        "tac-gia-0-position": "Giáo viên",
        "tac-gia-0-workplace": "Trường THPT Vĩnh Châu",
        "tac-gia-1-name": "Lê Văn Hùng",
        "attachments": [samples.upload("quyet-dinh.pdf", samples.pdf_bytes())],
        **overrides,
    }
    return data


def test_visitors_are_asked_to_log_in(client, world):
    response = client.get(submit_url(world))
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_the_form_is_prefilled_with_the_members_unit_and_name(client, world):
    client.force_login(world.member.user)
    response = client.get(submit_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{world.grassroots_a.pk}" selected>' in html
    assert 'value="Nguyễn Thị Mai"' in html
    assert 'type="file"' in html and "multiple" in html and 'accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"' in html


def test_outside_a_phase_window_the_page_says_when_the_next_one_opens(client, world):
    today = timezone.localdate()
    world.phase.opens_on, world.phase.closes_on = today + timedelta(days=10), today + timedelta(days=40)
    world.phase.save()
    client.force_login(world.member.user)
    page = client.get(submit_url(world))
    assert "ngoài thời gian nhận sáng kiến" in text_of(page)
    assert (today + timedelta(days=10)).strftime("%d/%m/%Y") in text_of(page)
    assert '<form class="member-form"' not in page.content.decode()
    refused = client.post(submit_url(world), form_data(world, nop="1"))
    assert refused.status_code == 403 and not Initiative.objects.exists()


def test_an_unconfirmed_address_may_not_submit_yet(client, world):
    member = MemberFactory(unit=world.grassroots_a, verified=False)
    client.force_login(member.user)
    assert "cần xác nhận thư điện tử" in text_of(client.get(submit_url(world)))
    assert client.post(submit_url(world), form_data(world, nop="1")).status_code == 403
    assert not Initiative.objects.exists()


def test_save_registers_and_submit_sends(client, world):
    client.force_login(world.member.user)
    saved = client.post(submit_url(world), form_data(world, luu="1"))
    draft = Initiative.objects.get()
    assert saved.status_code == 302 and saved["Location"] == reverse("members:initiative", kwargs={"pk": draft.pk})
    assert draft.status == Status.DANG_KY and draft.benefit_value == 2_500_000
    assert [a.name for a in draft.authors.all()] == ["Nguyễn Thị Mai", "Lê Văn Hùng"]
    client.post(submit_url(world), form_data(world, nop="1", title="Nộp ngay"))
    sent = Initiative.objects.get(title="Nộp ngay")
    assert sent.status == Status.DA_NOP and sent.attachments.count() == 1


def test_errors_are_per_field_in_vietnamese_keep_what_was_typed_and_ask_for_the_files_again(client, world):
    client.force_login(world.member.user)
    data = form_data(
        world,
        nop="1",
        title="",
        benefit_value="-5",
        recognized_on="31/02/2024",
        recognition_number="",
        **{"tac-gia-0-name": "", "tac-gia-1-name": ""},
    )
    response = client.post(submit_url(world), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"title", "benefit_value", "recognized_on", "recognition_number"}
    assert form.errors["recognized_on"] == ["Ngày không hợp lệ; ghi theo dạng 14/03/2024."]
    assert response.context["formset"].errors[0]["name"]  # the first author is required
    text = text_of(response)
    assert "Các tệp bạn đã chọn chưa được lưu" in text and "quyet-dinh.pdf" in text
    html = response.content.decode()
    assert "Theo dõi chuyên cần trên điện thoại." in html and 'value="07/QĐ-THPT"' not in html
    assert re.search(r'value="thu_truong"[^>]*checked', html)
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("quyet-dinh.pdf", samples.EXECUTABLE, "không phải PDF, DOCX, XLSX, JPEG hay PNG"),
        ("quyet-dinh.pdf", samples.HTML_PAGE, "không phải PDF, DOCX, XLSX, JPEG hay PNG"),
        ("lon.pdf", samples.pdf_bytes("x" * 3000), "vượt mức tối đa"),
    ],
)
def test_bad_attachments_are_refused_on_their_field(client, world, settings, name, content, message):
    settings.ATTACHMENT_MAX_BYTES = 2000
    client.force_login(world.member.user)
    response = client.post(submit_url(world), form_data(world, nop="1", attachments=[samples.upload(name, content)]))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["attachments"])
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("code", list(samples.GOOD))
def test_every_accepted_kind_is_filed(client, world, code):
    client.force_login(world.member.user)
    name, make = samples.GOOD[code]
    client.post(submit_url(world), form_data(world, nop="1", attachments=[samples.upload(name, make())]))
    assert Initiative.objects.get().attachments.get().kind == code


def test_sending_without_an_attachment_is_refused_on_the_attachment_field(client, world):
    client.force_login(world.member.user)
    response = client.post(submit_url(world), form_data(world, nop="1", attachments=[]))
    assert response.status_code == 400
    assert "quyết định công nhận" in " ".join(response.context["form"].errors["attachments"])


def test_my_initiatives_show_status_and_every_step(client, world):
    initiative = file_one(world)
    from initiatives import services

    services.review(by=world.reviewer_a, initiative=initiative, decision="tra_lai", note="Thiếu ảnh chụp máy")
    file_one(world, by=world.other_member.user, title="Của người khác")
    client.force_login(world.member.user)
    text = text_of(client.get("/tai-khoan/sang-kien/"))
    assert "Máy bóc vỏ tôm cải tiến" in text and "Của người khác" not in text
    assert "Trả lại để bổ sung" in text and "Thiếu ảnh chụp máy" in text and "Đã nộp" in text
    detail = text_of(client.get(reverse("members:initiative", kwargs={"pk": initiative.pk})))
    assert "Sửa" in detail and "Nộp sáng kiến" in detail


def test_the_edit_page_follows_the_status(client, world):
    initiative = file_one(world)
    client.force_login(world.member.user)
    edit = reverse("members:edit", kwargs={"pk": initiative.pk})
    assert client.get(edit).status_code == 302  # submitted: read-only
    draft = file_one(world, send=False, title="Bản nháp")
    edit = reverse("members:edit", kwargs={"pk": draft.pk})
    page = client.get(edit)
    assert page.status_code == 200 and 'value="Bản nháp"' in page.content.decode()
    changed = form_data(
        world, luu="1", title="Bản nháp đã sửa", attachments=[], **{f"cong-khai-{draft.attachments.get().pk}": "on"}
    )
    client.post(edit, changed)
    draft.refresh_from_db()
    assert draft.title == "Bản nháp đã sửa" and draft.attachments.get().is_public
    client.force_login(world.other_member.user)
    assert client.get(edit).status_code == 404


def test_the_account_page_links_to_my_initiatives_and_the_queue_for_reviewers(client, world):
    client.force_login(world.member.user)
    html = client.get("/tai-khoan/").content.decode()
    assert "/tai-khoan/sang-kien/" in html and "/tai-khoan/duyet-sang-kien/" not in html
    client.force_login(world.reviewer_a)
    assert "/tai-khoan/duyet-sang-kien/" in client.get("/tai-khoan/").content.decode()
