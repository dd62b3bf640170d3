"""Two-step sign-in (django-otp, TOTP): who must use it, and the middleware that holds them to it.

After the password, an account that has an authenticator app confirms a six-digit code from it before it
can reach anything but the sign-in steps. With TWO_FACTOR_REQUIRED (on in production by default) an
account that can publish, or administer campaigns or accounts, must set one up at its first sign-in;
anyone else may set one up from the admin ("Xác thực hai bước") and is then asked for codes too.
`manage.py reset_two_factor --account NAME` removes a lost device.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

# Holding any of these makes an account powerful enough to need a second step.
POWERFUL_PERMISSIONS = (
    "news.publish_article",
    "initiatives.change_campaign",
    "initiatives.change_staffscope",
    "auth.add_user",
    "auth.change_user",
    "auth.change_group",
)

SESSION_KEY = "security_two_factor_step"


def must_use_two_factor(user):
    """Can this account publish, or administer campaigns or accounts?"""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or any(user.has_perm(permission) for permission in POWERFUL_PERMISSIONS)


def owed_step(user):
    """The URL name of the step `user` owes after the password ("verify" or "setup"), or "" for none."""
    if user_has_device(user):
        return "security:two_factor_verify"
    if settings.TWO_FACTOR_REQUIRED and must_use_two_factor(user):
        return "security:two_factor_setup"
    return ""


def pending_step(request):
    """The step this request's account still owes, or "" when it is signed in fully (or not at all).

    Decided at sign-in and kept in the session, so a page costs no query for it.
    """
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return ""
    step = request.session.get(SESSION_KEY)
    if step is None:
        step = request.session[SESSION_KEY] = owed_step(user)
    return step


@receiver(user_logged_in, dispatch_uid="security-two-factor-decide-at-sign-in")
def _decide_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = owed_step(user)


class TwoFactorMiddleware:
    """Sends a signed-in account that still owes its second step to that step, wherever it was going."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = pending_step(request)
        if step and not self._exempt(request):
            target = reverse(step)
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _exempt(request):
        path = request.path_info
        return path.startswith((reverse("security:two_factor"), reverse("admin:logout"), settings.STATIC_URL))
