"""Sign-in protection with django-axes: who is asking, what a locked-out client is told, what is logged.

Axes' authentication backend (first in AUTHENTICATION_BACKENDS) refuses every `authenticate()` call for an
account or an address that has failed AXES_FAILURE_LIMIT times, until SIGNIN_LOCKOUT_MINUTES after the
failure that locked it; any login form that authenticates through Django is covered. The address is the
one the portal believes everywhere (`news.counting.readers.client_ip`: X-Forwarded-For only from TRUSTED_PROXIES).
`manage.py unlock_signin` lifts a lock.
"""

import logging

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Q
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from news.counting import readers

log = logging.getLogger("security.signin")


def client_ip(request):
    """The client's address for counting failures (None when unknown)."""
    return readers.client_ip(request) or None


# What login forms call the account field: Django's and the admin's `username`; django-allauth's `login`
# (a username or an e-mail address) and `email`.
ACCOUNT_FIELDS = ("username", "login", "email")


def account_of(request, credentials=None):
    """The account a sign-in attempt names, whatever its form calls the field, lower-cased (None if none).

    Lower case, so that "QuanTri" and "quantri" (or two spellings of one e-mail address) share one lock.
    """
    sources = [credentials or {}]
    if request is not None:
        sources.append(getattr(request, "POST", None) or {})
    for source in sources:
        for field in ACCOUNT_FIELDS:
            value = source.get(field)
            if value:
                return str(value).strip().lower()
    return None


def lock_ends(*, username, ip_address):
    """When the lock on `username` or `ip_address` lifts (None when neither is locked)."""
    cool_off = get_cool_off()
    if cool_off is None:
        return None
    matching = Q(ip_address=ip_address) if ip_address else Q(pk__in=[])
    if username:
        matching |= Q(username=username)
    latest = AccessAttempt.objects.filter(matching).aggregate(latest=Max("attempt_time"))["latest"]
    return (latest or timezone.now()) + cool_off


def locked_out_response(request, original_response=None, credentials=None):
    """A page in Vietnamese saying when to try again (429)."""
    username = get_client_username(request, credentials)
    ends = lock_ends(username=username, ip_address=getattr(request, "axes_ip_address", None) or client_ip(request))
    minutes = None
    if ends is not None:
        minutes = max(1, -(-int((ends - timezone.now()).total_seconds()) // 60))
    is_admin = request.path_info.startswith(tuple(settings.CSP_ADMIN_PREFIXES))
    context = {
        **(admin.site.each_context(request) if is_admin else {}),
        "base_template": "admin/base_site.html" if is_admin else "base.html",
        "lock_ends": ends,
        "minutes": minutes,
    }
    return render(request, "security/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


@receiver(user_login_failed, dispatch_uid="security-log-signin-failure")
def _log_failure(sender, credentials, request=None, **kwargs):
    log.warning(
        "sign-in failed: account=%r address=%s path=%s",
        account_of(request, credentials),
        client_ip(request) if request is not None else None,
        request.path_info if request is not None else None,
    )


@receiver(user_locked_out, dispatch_uid="security-log-lockout")
def _log_lockout(sender, request, username, ip_address, **kwargs):
    log.warning(
        "sign-in locked: account=%r address=%s until=%s",
        username,
        ip_address,
        lock_ends(username=username, ip_address=ip_address),
    )
