"""Member accounts: registration, e-mail verification, login and logout, password reset; members never staff."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.models import Member
from tests.factories import MemberFactory, UnitFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Xq7!mTr9#vLp"
ENGLISH = re.compile(r"\b(Password|Email|Sign [Uu]p|Sign [Ii]n|Forgot|Remember|Username|Log ?in|Log ?out)\b")


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def signup(client, unit, **overrides):
    data = {
        "full_name": "Nguyễn Thị Mai",
        "email": "mai@example.vn",
        "phone": "0912 345 678",
        "unit": unit.pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_signup_page_is_vietnamese_and_lists_the_current_union_tree(client):
    province = UnitFactory(name="LĐLĐ tỉnh Sóc Trăng", kind="ldld_tinh")
    UnitFactory(name="LĐLĐ TX Vĩnh Châu", parent=province)
    UnitFactory(name="Công đoàn đã giải thể", valid_to="2020-01-01")
    response = client.get("/tai-khoan/dang-ky/")
    text = visible_text(response)
    assert response.status_code == 200
    assert "Họ và tên" in text and "Đơn vị công tác" in text and "Số điện thoại" in text
    assert "LĐLĐ TX Vĩnh Châu" in text
    assert "Công đoàn đã giải thể" not in text
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert "data-unit-picker" in response.content.decode()


def test_registration_creates_a_member_who_is_not_staff_and_sends_a_vietnamese_confirmation(client):
    unit = UnitFactory()
    response = signup(client, unit)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="mai@example.vn")
    assert not user.is_staff and not user.is_superuser
    member = Member.objects.get(user=user)
    assert (member.full_name, member.phone, member.unit) == ("Nguyễn Thị Mai", "0912 345 678", unit)
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mai@example.vn"]
    assert "Xác nhận địa chỉ thư điện tử" in message.subject
    assert "/tai-khoan/xac-nhan-thu/" in message.body
    assert not ENGLISH.search(message.body)


def test_the_confirmation_link_verifies_the_address_on_post_only(client):
    signup(client, UnitFactory())
    path = link_in(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200 and "Xác nhận" in visible_text(page)
    assert not EmailAddress.objects.get(email="mai@example.vn").verified  # a mail scanner's GET changes nothing
    client.post(path)
    assert EmailAddress.objects.get(email="mai@example.vn").verified


def test_a_bad_confirmation_link_says_so_in_vietnamese(client):
    response = client.get("/tai-khoan/xac-nhan-thu/khong-co-khoa-nay/")
    assert "không hợp lệ hoặc đã hết hạn" in visible_text(response)


def test_registration_errors_are_per_field_in_vietnamese_and_keep_what_was_typed(client):
    unit = UnitFactory()
    MemberFactory(user__email="da-co@example.vn")
    response = signup(client, unit, email="da-co@example.vn", password2="khac-han", phone="12ab", full_name="  ")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["full_name"]  # required: blank after trimming
    assert form.errors["email"] == ["Đã có tài khoản đăng ký với địa chỉ thư điện tử này."]
    assert form.errors["password2"] == ["Hai lần nhập mật khẩu không giống nhau."]
    assert "Số điện thoại" in form.errors["phone"][0]
    html = response.content.decode()
    assert 'value="da-co@example.vn"' in html and 'value="12ab"' in html
    assert f'<option value="{unit.pk}" selected>' in html
    assert not ENGLISH.search(visible_text(response))
    assert len(mail.outbox) == 0


def test_password_rules_of_the_portal_apply(client):
    response = signup(client, UnitFactory(), password1="1234567", password2="1234567")
    errors = " ".join(response.context["form"].errors["password1"])
    assert "quá ngắn" in errors and "chỉ gồm chữ số" in errors
    assert not get_user_model().objects.filter(email="mai@example.vn").exists()


def test_a_crafted_signup_cannot_make_staff(client):
    signup(client, UnitFactory(), is_staff="on", is_superuser="on")
    user = get_user_model().objects.get(email="mai@example.vn")
    assert not user.is_staff and not user.is_superuser


def test_login_with_email_and_logout_by_post(client):
    member = MemberFactory(user__email="an@example.vn", user__password=PASSWORD)
    page = client.get("/tai-khoan/dang-nhap/")
    assert not ENGLISH.search(visible_text(page))
    wrong = client.post("/tai-khoan/dang-nhap/", {"login": "an@example.vn", "password": "sai"})
    assert "Thư điện tử hoặc mật khẩu không đúng." in visible_text(wrong)
    response = client.post("/tai-khoan/dang-nhap/", {"login": "AN@example.vn", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/"
    home = client.get("/tai-khoan/")
    assert member.full_name in visible_text(home) and "Đăng xuất" in visible_text(home)
    assert client.get("/tai-khoan/dang-xuat/").status_code == 200  # a GET only asks
    assert client.get("/tai-khoan/").status_code == 200
    client.post("/tai-khoan/dang-xuat/")
    assert client.get("/tai-khoan/").status_code == 302


def test_the_portals_sign_in_protection_covers_the_member_login(client, settings):
    settings.AXES_ENABLED, settings.AXES_FAILURE_LIMIT = True, 3
    MemberFactory(user__email="an@example.vn", user__password=PASSWORD)
    for _attempt in range(3):
        client.post("/tai-khoan/dang-nhap/", {"login": "an@example.vn", "password": "sai-mat-khau"})
    locked = client.post("/tai-khoan/dang-nhap/", {"login": "an@example.vn", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_members_never_reach_the_admin(client):
    MemberFactory(user__email="an@example.vn", user__username="an", user__password=PASSWORD)
    client.post("/tai-khoan/dang-nhap/", {"login": "an@example.vn", "password": PASSWORD})
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
    client.logout()
    refused = client.post("/quan-tri/login/", {"username": "an", "password": PASSWORD})
    assert refused.status_code == 200  # the admin's login refuses non-staff
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client):
    MemberFactory(user__email="an@example.vn", user__password="mat-khau-cu-2020")
    response = client.post("/tai-khoan/dat-lai-mat-khau/", {"email": "an@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "Đặt lại mật khẩu" in mail.outbox[0].subject
    assert not ENGLISH.search(mail.outbox[0].body)
    path = link_in(mail.outbox[0])
    form_page = client.get(path, follow=True)
    assert "Mật khẩu mới" in visible_text(form_page)
    action = form_page.context["action_url"]
    mismatch = client.post(action, {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert mismatch.context["form"].errors["password2"] == ["Hai lần nhập mật khẩu không giống nhau."]
    client.post(action, {"password1": PASSWORD, "password2": PASSWORD})
    login = client.post("/tai-khoan/dang-nhap/", {"login": "an@example.vn", "password": PASSWORD})
    assert login.status_code == 302 and login["Location"] == "/tai-khoan/"
    client.post("/tai-khoan/dang-xuat/")
    reused = client.get(path, follow=True)
    assert "không hợp lệ" in visible_text(reused)


def test_password_reset_for_an_unknown_address_tells_nothing_away(client):
    response = client.post("/tai-khoan/dat-lai-mat-khau/", {"email": "khong-co@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["khong-co@example.vn"]
    assert "chưa có tài khoản" in mail.outbox[0].body


def test_an_unverified_member_can_ask_for_a_new_confirmation(client):
    member = MemberFactory(verified=False, user__password=PASSWORD)
    client.force_login(member.user)
    home = client.get("/tai-khoan/")
    assert "chưa xác nhận" in visible_text(home)
    client.post("/tai-khoan/gui-lai-thu-xac-nhan/")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.user.email]


def test_header_shows_login_for_visitors_and_the_account_when_signed_in(client):
    member = MemberFactory()
    assert "Đăng nhập" in visible_text(client.get("/tai-khoan/dang-ky/"))
    client.force_login(member.user)
    text = visible_text(client.get("/tai-khoan/"))
    assert "Tài khoản" in text and "Đăng xuất" in text
