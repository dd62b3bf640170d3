"""What keeps robots out of the public forms (questions, contact) without a third-party captcha.

- a hidden field people never see (`website`): a robot that fills it gets a
  polite answer and nothing is stored;
- a minimum time on the form: the form carries the signed moment it was shown
  and is refused, with everything typed kept, when sent back sooner than
  `PUBLIC_FORM_MIN_SECONDS` (or when the moment is missing or forged);
- at most `PUBLIC_FORM_DAILY_LIMIT` messages per client address and local day,
  counted in the database from the rows a form stored (`limit_reached`). The
  address comes from `news.counting.readers.client_ip`, which believes
  `X-Forwarded-For` only from `TRUSTED_PROXIES`.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.counting.readers import client_ip

_SALT = "spamguard.started"
# A form older than this is refused too: reload it and send again.
MAX_FORM_AGE_SECONDS = 24 * 60 * 60


class GuardedForm(forms.Form):
    """A form with the hidden field and the signed start time; `is_trap()` tells a robot that took the bait."""

    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now if now is not None else time.time()
        self.initial["started"] = signing.dumps(int(self.now), salt=_SALT)
        self._started_sent = ""
        if self.is_bound:  # a form sent back too soon is shown again with a fresh start time
            self._started_sent = self.data.get(self.add_prefix("started"), "")
            self.data = self.data.copy()
            self.data[self.add_prefix("started")] = self.initial["started"]

    def is_trap(self):
        return bool(self.is_bound and self.data.get(self.add_prefix("website"), "").strip())

    def clean(self):
        cleaned = super().clean()
        try:
            started = signing.loads(self._started_sent, salt=_SALT)
        except signing.BadSignature:
            started = None
        elapsed = self.now - started if isinstance(started, int) else None
        if elapsed is None or elapsed > MAX_FORM_AGE_SECONDS:
            raise forms.ValidationError(_("Biểu mẫu đã cũ hoặc không hợp lệ. Vui lòng bấm gửi lại."), code="stale")
        if elapsed < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("Bạn gửi nhanh quá. Vui lòng kiểm tra lại nội dung rồi bấm gửi lại."), code="too_fast"
            )
        return cleaned


def limit_reached(model, request):
    """Whether the client's address already sent `PUBLIC_FORM_DAILY_LIMIT` rows of `model` today.

    `model` keeps the address in `client_ip` and the moment in `created_at`.
    """
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    sent = model.objects.filter(client_ip=client_ip(request) or None, created_at__gte=today).count()
    return sent >= settings.PUBLIC_FORM_DAILY_LIMIT


def address_of(request):
    """The client's address to store with a message (None when unknown)."""
    return client_ip(request) or None
