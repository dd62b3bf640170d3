"""A publisher's first sign-in in a real browser: password, then the authenticator app set up from its QR code."""

import re
from base64 import b32decode

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp

from news import services
from tests.e2e.conftest import PHONE
from tests.factories import StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_a_publisher_sets_up_the_app_on_a_phone_and_reaches_the_admin(live_server, new_page, screenshot):
    StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP])
    page = new_page(PHONE)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "duyetbai")
    page.fill("#id_password", "mat-khau-thu")
    page.click("input[type=submit]")

    page.wait_for_selector(".two-factor-qr svg")
    assert "/quan-tri/hai-buoc/thiet-lap/" in page.url
    assert page.locator(".two-factor-qr svg").bounding_box()["width"] > 100  # a QR code a camera can read
    screenshot(page, "two-factor-setup-phone")

    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    assert re.fullmatch(r"[A-Z2-7]+", secret)
    page.fill("input[name=code]", f"{totp(key):06d}")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    assert "Đã bật xác thực hai bước" in page.content()
