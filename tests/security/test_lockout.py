"""Sign-in protection: lockout per account and per address, the Vietnamese notice, the log, unlocking."""

import logging

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]

LOGIN = "/quan-tri/login/"
PASSWORD = "mat-khau-thu"


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3):
        yield


def attempt(client, username, password, address="203.0.113.9", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/quan-tri/"},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT="Mozilla/5.0",
        **extra,
    )


def signed_in(client):
    return client.get(reverse("admin:index")).status_code == 200


def test_the_account_locks_after_the_limit_even_with_the_right_password_then(client):
    StaffFactory(username="quantri", is_superuser=True)
    for _ in range(2):
        assert attempt(client, "quantri", "sai-mat-khau").status_code == 200  # the form again, with its error
    assert attempt(client, "quantri", "sai-mat-khau").status_code == 429  # the failure that reaches the limit
    locked = attempt(client, "quantri", PASSWORD)
    assert locked.status_code == 429
    assert not signed_in(client)
    text = locked.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in text
    assert "Vui lòng thử lại sau" in text
    until = timezone.localtime(timezone.now() + timezone.timedelta(minutes=15))
    assert until.strftime("%H:%M") in text or (until - timezone.timedelta(minutes=1)).strftime("%H:%M") in text
    assert "15 phút" in text


def test_the_account_stays_locked_from_another_address(client):
    StaffFactory(username="quantri", is_superuser=True)
    for number in range(3):
        attempt(client, "quantri", "sai", address=f"198.51.100.{number + 1}")
    assert attempt(client, "quantri", PASSWORD, address="192.0.2.77").status_code == 429


def test_an_address_locks_after_the_limit_across_accounts(client):
    StaffFactory(username="bientap")
    for name in ("a1", "a2", "a3"):
        attempt(client, name, "sai", address="203.0.113.50")
    assert attempt(client, "bientap", PASSWORD, address="203.0.113.50").status_code == 429
    assert attempt(client, "bientap", PASSWORD, address="203.0.113.51").status_code == 302


def test_the_lock_lifts_after_the_configured_time(client):
    from axes.models import AccessAttempt

    StaffFactory(username="quantri", is_superuser=True)
    for _ in range(3):
        attempt(client, "quantri", "sai")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timezone.timedelta(minutes=16))
    assert attempt(client, "quantri", PASSWORD).status_code == 302


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_behind_a_trusted_proxy_the_forwarded_address_counts(client):
    from axes.models import AccessAttempt

    StaffFactory(username="bientap")
    for name in ("a1", "a2", "a3"):
        attempt(client, name, "sai", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # The attacker's address is locked; another reader behind the same proxy is not.
    assert (
        attempt(client, "bientap", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    )
    assert (
        attempt(client, "bientap", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
    )


def test_a_forged_forwarded_address_from_an_untrusted_peer_does_not_count(client):
    from axes.models import AccessAttempt

    for number in range(3):
        attempt(client, f"a{number}", "sai", address="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_failures_and_lockouts_are_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="security.signin"):
        for _ in range(3):
            attempt(client, "quantri", "sai")
    messages = [record.getMessage() for record in caplog.records if record.name == "security.signin"]
    assert sum("sign-in failed: account='quantri' address=203.0.113.9" in m for m in messages) == 3
    assert any(m.startswith("sign-in locked: account='quantri' address=203.0.113.9 until=") for m in messages)
    assert not any(PASSWORD in m or "sai" in m.split("account=")[0] for m in messages)


def test_unlock_command_lifts_the_account_lock(client, capsys):
    StaffFactory(username="quantri", is_superuser=True)
    for _ in range(3):
        attempt(client, "quantri", "sai")
    assert attempt(client, "quantri", PASSWORD).status_code == 429

    call_command("unlock_signin", "--account", "quantri", "--dry-run")
    assert "Sẽ xóa 1 bản ghi" in capsys.readouterr().out
    assert attempt(client, "quantri", PASSWORD).status_code == 429
    call_command("unlock_signin", "--account", "quantri")
    assert "Đã mở khóa" in capsys.readouterr().out
    assert attempt(client, "quantri", PASSWORD).status_code == 302


def test_unlock_command_lifts_an_address_lock(client):
    StaffFactory(username="bientap")
    for name in ("a1", "a2", "a3"):
        attempt(client, name, "sai", address="203.0.113.50")
    call_command("unlock_signin", "--address", "203.0.113.50")
    assert attempt(client, "bientap", PASSWORD, address="203.0.113.50").status_code == 302


def test_unlock_command_refuses_bad_input():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Cần --account"):
        call_command("unlock_signin")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("unlock_signin", "--address", "không-phải-ip")


def test_an_account_is_one_lock_whatever_its_case(client):
    StaffFactory(username="quantri", is_superuser=True)
    for name in ("QuanTri", "QUANTRI", "quantri "):
        attempt(client, name, "sai", address="198.51.100.9")
    assert attempt(client, "quantri", PASSWORD, address="192.0.2.1").status_code == 429


@override_settings(ROOT_URLCONF="tests.security.other_login_urls")
def test_another_login_form_is_covered_too(client):
    """Protection sits in the authentication backend, not in the admin: a members' login form is covered as well."""
    StaffFactory(username="doanvien")
    for _ in range(3):
        client.post("/dang-nhap/", {"username": "doanvien", "password": "sai"}, REMOTE_ADDR="203.0.113.9")
    locked = client.post("/dang-nhap/", {"username": "doanvien", "password": PASSWORD}, REMOTE_ADDR="198.51.100.1")
    assert locked.status_code == 429
    assert "Vui lòng thử lại sau" in locked.content.decode()


@override_settings(ROOT_URLCONF="tests.security.other_login_urls")
def test_a_form_that_names_the_account_login_is_locked_by_account(client):
    """django-allauth's form posts `login` (a username or an e-mail address) and `password`."""
    StaffFactory(username="doanvien", email="doanvien@example.vn")
    for number in range(3):
        client.post(
            "/dang-nhap-thanh-vien/",
            {"login": "DoanVien@example.vn", "password": "sai"},
            REMOTE_ADDR=f"198.51.100.{number + 1}",
        )
    locked = client.post(
        "/dang-nhap-thanh-vien/", {"login": "doanvien@example.vn", "password": PASSWORD}, REMOTE_ADDR="192.0.2.5"
    )
    assert locked.status_code == 429
