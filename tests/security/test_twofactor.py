"""Two-step sign-in: a publisher cannot sign in with a password alone; set-up from scratch; reset."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.timezone import now
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from news import services
from security.twofactor import must_use_two_factor
from tests.factories import ArticleFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("required")]

PASSWORD = "mat-khau-thu"
SETUP = "/quan-tri/hai-buoc/thiet-lap/"
VERIFY = "/quan-tri/hai-buoc/nhap-ma/"


@pytest.fixture
def required():
    with override_settings(TWO_FACTOR_REQUIRED=True):
        yield


def sign_in(client, username):
    response = client.post(reverse("admin:login"), {"username": username, "password": PASSWORD, "next": "/quan-tri/"})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def secret_on(page):
    grouped = re.search(r'<code class="two-factor-secret">([A-Z2-7 ]+)</code>', page.content.decode()).group(1)
    key = grouped.replace(" ", "")
    return b32decode(key + "=" * (-len(key) % 8))


def code(key, drift=0):
    return f"{totp(key, drift=drift):06d}"


def test_a_publisher_cannot_reach_the_admin_with_a_password_alone(client):
    publisher = StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP])
    article = ArticleFactory()
    sign_in(client, "duyetbai")

    for url in (
        reverse("admin:index"),
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_change", args=[article.pk]),
        "/ckeditor/browse/",
        reverse("news:home"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP + "?next="), url
    refused = client.post(reverse("admin:news_article_change", args=[article.pk]), {"title": "Đổi"})
    assert refused.status_code == 302 and refused["Location"] == SETUP
    assert TOTPDevice.objects.filter(user=publisher, confirmed=True).count() == 0


def test_a_publisher_sets_up_an_app_from_scratch_then_signs_in_with_codes(client):
    publisher = StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP])
    sign_in(client, "duyetbai")

    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Thiết lập xác thực hai bước" in html
    key = secret_on(page)

    wrong = client.post(SETUP, {"code": "000000" if code(key) != "000000" else "111111", "next": "/quan-tri/"})
    assert "Mã không đúng" in wrong.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    assert (
        client.post(SETUP, {"code": "12ab", "next": "/quan-tri/"}).content.decode().count("Mã xác thực gồm 6 chữ số")
        == 1
    )
    # After wrong codes the device makes the user wait (django-otp doubles the wait: 1, 2, 4, 8, 16 s…) and says
    # so, even for the right code; five failures just now leave 16 s to wait, whatever the machine's speed.
    TOTPDevice.objects.filter(user=publisher).update(throttling_failure_count=5, throttling_failure_timestamp=now())
    assert "hãy chờ vài giây" in client.post(SETUP, {"code": code(key)}).content.decode()
    TOTPDevice.objects.filter(user=publisher).update(throttling_failure_count=0, throttling_failure_timestamp=None)

    done = client.post(SETUP, {"code": code(key), "next": "/quan-tri/"})
    assert done.status_code == 302 and done["Location"] == "/quan-tri/"
    assert client.get(reverse("admin:index")).status_code == 200
    assert TOTPDevice.objects.get(user=publisher).confirmed

    # Next time: password, then a code (the same code twice is refused; the next one is accepted).
    client.post(reverse("admin:logout"))
    sign_in(client, "duyetbai")
    assert client.get(reverse("admin:index"))["Location"].startswith(VERIFY)
    assert client.get(SETUP)["Location"] == VERIFY  # no second device while the first is unproven
    reused = client.post(VERIFY, {"code": code(key), "next": "/quan-tri/"})
    assert "Mã không đúng" in reused.content.decode()
    TOTPDevice.objects.filter(user=publisher).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    accepted = client.post(VERIFY, {"code": code(key, drift=1), "next": "/quan-tri/"})
    assert accepted.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_next_address_must_stay_on_the_site(client):
    StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP])
    sign_in(client, "duyetbai")
    key = secret_on(client.get(SETUP))
    done = client.post(SETUP, {"code": code(key), "next": "https://evil.example/"})
    assert done["Location"] == reverse("admin:index")


@pytest.mark.parametrize(
    ("kind", "must"),
    [
        ("superuser", True),
        ("publisher", True),
        ("provincial administrator", True),
        ("account administrator", True),
        ("editor", False),
        ("unit officer", False),
        ("staff without groups", False),
    ],
)
def test_who_must_use_two_factor(kind, must):
    users = {
        "superuser": lambda: StaffFactory(is_superuser=True),
        "publisher": lambda: StaffFactory(groups=[services.PUBLISHERS_GROUP]),
        "provincial administrator": lambda: StaffFactory(groups=["Quản trị sáng kiến tỉnh"]),
        "account administrator": lambda: _with_permission(StaffFactory(), "change_user"),
        "editor": lambda: StaffFactory(groups=[services.EDITORS_GROUP]),
        "unit officer": lambda: StaffFactory(groups=["Cán bộ sáng kiến đơn vị"]),
        "staff without groups": lambda: StaffFactory(),
    }
    assert must_use_two_factor(users[kind]()) is must


def _with_permission(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)


def test_an_editor_is_not_forced_but_may_opt_in_and_is_then_asked(client):
    editor = StaffFactory(username="bientap", groups=[services.EDITORS_GROUP])
    sign_in(client, "bientap")
    assert client.get(reverse("admin:index")).status_code == 200
    assert "Xác thực hai bước" in client.get(reverse("admin:index")).content.decode()
    key = secret_on(client.get(SETUP))
    client.post(SETUP, {"code": code(key)})
    assert TOTPDevice.objects.get(user=editor).confirmed

    client.post(reverse("admin:logout"))
    sign_in(client, "bientap")
    assert client.get(reverse("admin:index"))["Location"].startswith(VERIFY)


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_without_enforcement_a_publisher_signs_in_with_the_password(client):
    StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP])
    sign_in(client, "duyetbai")
    assert client.get(reverse("admin:index")).status_code == 200


def test_reset_command_removes_a_lost_device_and_set_up_is_asked_again(client, capsys):
    publisher = StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP])
    TOTPDevice.objects.create(user=publisher, name="Điện thoại cũ", confirmed=True)

    call_command("reset_two_factor", "--account", "duyetbai", "--dry-run")
    assert "Sẽ xóa 1 thiết bị" in capsys.readouterr().out
    call_command("reset_two_factor", "--account", "duyetbai")
    assert "Đã xóa 1 thiết bị" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=publisher).exists()

    sign_in(client, "duyetbai")
    assert client.get(reverse("admin:index"))["Location"].startswith(SETUP)


def test_reset_command_refuses_an_unknown_account():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("reset_two_factor", "--account", "khong-co")


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_the_admin_offers_no_english_pages_of_the_security_libraries(client):
    client.force_login(StaffFactory(is_superuser=True))
    html = client.get(reverse("admin:index")).content.decode()
    for english in ("Access attempts", "Access failures", "TOTP devices", "OTP_TOTP", "AXES"):
        assert english not in html
    assert "Xác thực hai bước" in html
