"""Giới thiệu, Cơ cấu tổ chức and Liên hệ: pages from the admin, leaders in order, the unit tree, the contact form."""

import io
import time
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from about.models import AboutPage, ContactDetails, ContactMessage, Leader
from spamguard.forms import GuardedForm
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
CONTACT = reverse("about:contact")


def jpeg(width=600, height=800):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 20, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile("chan-dung.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_the_about_page_shows_published_sections_in_order_sanitized(client):
    AboutPage.objects.create(title="Lịch sử hình thành", body="<p>Thành lập năm 1992.</p>", order=2)
    AboutPage.objects.create(
        title="Chức năng, nhiệm vụ", body="<p>Đại diện người lao động.</p><script>x()</script>", order=1
    )
    AboutPage.objects.create(title="Bản nháp", body="<p>…</p>", is_published=False)
    page = client.get(reverse("about:about")).content.decode()
    assert page.index("Chức năng, nhiệm vụ") < page.index("Lịch sử hình thành")
    assert "Bản nháp" not in page and "<script>x()" not in page
    assert 'id="chuc-nang-nhiem-vu"' in page


def test_leaders_are_listed_in_order_with_their_contacts(client):
    Leader.objects.create(name="Trịnh Thị Bảo Khuyên", position="Phó Chủ tịch", order=3, email="khuyen@example.vn")
    Leader.objects.create(name="Lê Văn Phải", position="Phó Chủ tịch", order=2, phone="0299 3821 234")
    Leader.objects.create(name="Người đã nghỉ", position="Nguyên Chủ tịch", order=1, is_current=False)
    page = client.get(reverse("about:organisation")).content.decode()
    assert page.index("Lê Văn Phải") < page.index("Trịnh Thị Bảo Khuyên")
    assert 'href="tel:02993821234"' in page and 'href="mailto:khuyen@example.vn"' in page
    assert "Người đã nghỉ" not in page


def test_a_leader_photo_is_verified_and_scaled():
    leader = Leader.objects.create(name="Lê Văn Phải", position="Phó Chủ tịch", photo=jpeg(1200, 1600))
    assert leader.photo_width == 480 and leader.photo_height == 640
    assert leader.photo.name.startswith("lanh-dao/") and "chan-dung" not in leader.photo.name
    with pytest.raises(ValidationError):
        Leader.objects.create(name="X", position="Y", photo=SimpleUploadedFile("anh.jpg", b"<svg onload=alert(1)>"))


def test_the_organisation_chart_is_the_current_unit_tree(client):
    province = UnitFactory(code="st", name="LĐLĐ tỉnh Sóc Trăng", kind="ldld_tinh")
    UnitFactory(
        code="st-vinh-chau", name="LĐLĐ thị xã Vĩnh Châu", kind="ldld_huyen", parent=province, member_count=5230
    )
    UnitFactory(
        code="st-cu", name="LĐLĐ huyện đã giải thể", kind="ldld_huyen", parent=province, valid_to=date(2020, 1, 1)
    )
    page = client.get(reverse("about:organisation")).content.decode()
    assert "LĐLĐ tỉnh Sóc Trăng" in page and "LĐLĐ thị xã Vĩnh Châu" in page
    assert "5.230 đoàn viên" in page
    assert "đã giải thể" not in page
    assert page.index("LĐLĐ tỉnh Sóc Trăng") < page.index("LĐLĐ thị xã Vĩnh Châu")


def test_contact_details_link_to_openstreetmap_without_loading_it(client):
    ContactDetails.objects.create(
        name="Liên đoàn Lao động tỉnh Sóc Trăng", address="Số 8 Hùng Vương, Phường 6, TP Sóc Trăng",
        phone="0299 3822 123", latitude="9.602521", longitude="105.973907",
    )  # fmt: skip
    page = client.get(CONTACT).content.decode()
    assert "https://www.openstreetmap.org/?mlat=9.602521&amp;mlon=105.973907" in page
    assert "<iframe" not in page and '<script src="http' not in page
    assert "Số 8 Hùng Vương" in page


def form(**changes):
    return {
        "name": "Trần Văn Bình",
        "email": "binh@example.vn",
        "phone": "",
        "subject": "Xin tài liệu tập huấn",
        "message": "Công đoàn cơ sở chúng tôi xin tài liệu tập huấn an toàn vệ sinh lao động.",
        "website": "",
        "started": GuardedForm(now=time.time() - 30).initial["started"],
        **changes,
    }


@override_settings(CONTACT_EMAIL="vanphong@ldld.example.vn")
def test_a_contact_message_is_stored_and_emailed_after_the_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(CONTACT, form(), REMOTE_ADDR="203.0.113.20")
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert response.status_code == 302
    stored = ContactMessage.objects.get()
    assert stored.client_ip == "203.0.113.20" and stored.subject == "Xin tài liệu tập huấn"
    assert mail.outbox[0].to == ["vanphong@ldld.example.vn"]
    assert mail.outbox[0].reply_to == ["binh@example.vn"]
    assert "an toàn vệ sinh lao động" in mail.outbox[0].body
    assert "Cảm ơn bạn!" in client.get(response["Location"]).content.decode()


@override_settings(PUBLIC_FORM_DAILY_LIMIT=1, PUBLIC_FORM_MIN_SECONDS=5)
def test_the_contact_form_has_the_same_spam_limits(client):
    assert client.post(CONTACT, form(website="spam"), follow=True).status_code == 200
    assert not ContactMessage.objects.exists()
    too_fast = client.post(CONTACT, form(started=GuardedForm(now=time.time() - 1).initial["started"]))
    assert "Bạn gửi nhanh quá" in too_fast.content.decode()
    assert client.post(CONTACT, form()).status_code == 302
    refused = client.post(CONTACT, form())
    assert "đã gửi đủ số thư" in refused.content.decode() and "Xin tài liệu tập huấn" in refused.content.decode()
    assert ContactMessage.objects.count() == 1


def test_a_message_needs_a_way_back(client):
    response = client.post(CONTACT, form(email=""))
    assert "Cần e-mail hoặc số điện thoại" in response.content.decode()
    assert not ContactMessage.objects.exists()
