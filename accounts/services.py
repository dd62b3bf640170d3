"""Writes about members."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Member


@transaction.atomic
def create_member(*, user, full_name, unit, phone=""):
    """Attach a member profile to a new account; a member account is never staff."""
    if user.is_staff or user.is_superuser:
        raise ValidationError(_("Tài khoản quản trị không đăng ký làm đoàn viên."))
    return Member.objects.create(user=user, full_name=full_name.strip(), phone=(phone or "").strip(), unit=unit)


def is_verified(user):
    """Has `user` confirmed at least one e-mail address? (Needed before a first submission.)"""
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()


def send_verification(request, user):
    """Send `user` a new confirmation link for their unconfirmed primary address; False when there is none."""
    address = EmailAddress.objects.filter(user=user, verified=False).order_by("-primary").first()
    if address is None:
        return False
    address.send_confirmation(request)
    return True
