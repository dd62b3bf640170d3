"""The second sign-in step: set up an authenticator app, and give its code after the password."""

import logging
from base64 import b32encode

import segno
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import twofactor
from .forms import CodeForm
from .lockout import client_ip

log = logging.getLogger("security.signin")

DEVICE_NAME = "Ứng dụng xác thực"
WAIT = _lazy("Nhập sai nhiều lần liền; hãy chờ vài giây rồi nhập mã mới.")


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _render(request, template, context):
    return render(request, template, {**admin.site.each_context(request), "next": _next_url(request), **context})


@never_cache
@login_required
def overview(request):
    return _render(
        request,
        "security/two_factor_overview.html",
        {
            "title": _("Xác thực hai bước"),
            "has_device": user_has_device(request.user),
            "required": twofactor.must_use_two_factor(request.user),
        },
    )


@never_cache
@login_required
def setup(request):
    """Show the key of a new (unconfirmed) TOTP device as a QR code; the first right code confirms it."""
    user = request.user
    if user_has_device(user):
        if user.is_verified():
            messages.info(request, _("Tài khoản đã bật xác thực hai bước."))
            return redirect("security:two_factor")
        return redirect("security:two_factor_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            waiting = not device.verify_is_allowed()[0]
            if not waiting and device.verify_token(form.cleaned_data["code"]):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                confirmed = True
            else:
                confirmed = False
        if confirmed:
            otp_login(request, device)
            log.info("two-step sign-in set up: account=%r address=%s", user.get_username(), client_ip(request))
            messages.success(request, _("Đã bật xác thực hai bước. Từ nay mỗi lần đăng nhập cần thêm mã từ ứng dụng."))
            return redirect(_next_url(request))
        form.add_error(
            "code", WAIT if waiting else _("Mã không đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiện.")
        )
    uri = device.config_url
    return _render(
        request,
        "security/two_factor_setup.html",
        {
            "title": _("Thiết lập xác thực hai bước"),
            "form": form,
            "qr_svg": segno.make(uri, error="m").svg_inline(scale=5, dark="#1d1d1f", title=_("Mã QR để quét")),
            "secret": _grouped(device),
            "required": twofactor.must_use_two_factor(user),
        },
    )


@never_cache
@login_required
def verify(request):
    """After the password: the code from the account's authenticator app."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not user_has_device(user):
        return redirect("security:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, waiting = _matching_device(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        log.warning("two-step code refused: account=%r address=%s", user.get_username(), client_ip(request))
        form.add_error(
            "code", WAIT if waiting else _("Mã không đúng hoặc đã hết hạn. Nhập mã đang hiện trên ứng dụng.")
        )
    return _render(request, "security/two_factor_verify.html", {"title": _("Nhập mã xác thực"), "form": form})


def _matching_device(user, code):
    """The confirmed device that accepts `code`, and whether every device is making the user wait.

    django-otp doubles the wait after each wrong code on a device (1 s, 2 s, 4 s…), which stops guessing.
    """
    waiting = True
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if not device.verify_is_allowed()[0]:
                continue
            waiting = False
            if device.verify_token(code):
                return device, False
    return None, waiting


def _grouped(device):
    """The key in base32, in groups of four, for apps where it is typed in by hand."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
