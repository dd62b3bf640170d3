"""E-mails of the publishing workflow, sent through Django's e-mail backend once the change is committed.

Publishers hear when something waits for review; the editor hears when their
work is published or returned. Each message is queued with
`transaction.on_commit`, so a change that is rolled back tells nobody, and a
failing mail server never undoes a change: the error is logged.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def review_requested(obj):
    """Tell every active publisher of `obj`'s kind that it waits for review."""
    from news.services import publish_permission

    # Permissions come from ModelBackend; the sign-in protection's backend before it grants none.
    publishers = get_user_model().objects.with_perm(
        publish_permission(obj), is_active=True, backend="django.contrib.auth.backends.ModelBackend"
    )
    recipients = [user.email for user in publishers if user.email]
    kind = obj._meta.verbose_name
    subject = _("Chờ duyệt: %(kind)s “%(title)s”") % {"kind": kind, "title": obj}
    body = _("%(who)s đã gửi %(kind)s “%(title)s” để duyệt.\n\nMở để duyệt: %(url)s\n") % {
        "who": _name(obj.submitted_by),
        "kind": kind,
        "title": obj,
        "url": admin_url(obj),
    }
    _send_on_commit(subject, body, recipients)


def published(obj):
    """Tell `obj`'s editor it is published, or scheduled."""
    if getattr(obj, "is_scheduled", lambda: False)():
        when = timezone.localtime(obj.published_at).strftime("%H:%M %d/%m/%Y")
        subject = _("Đã hẹn giờ đăng: “%(title)s”") % {"title": obj}
        first = _("%(who)s đã duyệt “%(title)s”; bài sẽ đăng lúc %(when)s.") % {
            "who": _name(obj.reviewed_by),
            "title": obj,
            "when": when,
        }
    else:
        subject = _("Đã xuất bản: “%(title)s”") % {"title": obj}
        first = _("%(who)s đã duyệt và xuất bản “%(title)s”.") % {"who": _name(obj.reviewed_by), "title": obj}
    _send_on_commit(subject, f"{first}\n\n{admin_url(obj)}\n", [obj.editor.email])


def returned(obj):
    """Tell `obj`'s editor it came back, with the publisher's note."""
    subject = _("Trả lại: “%(title)s”") % {"title": obj}
    body = _("%(who)s đã trả lại “%(title)s” kèm ghi chú:\n\n%(note)s\n\nSửa tại: %(url)s\n") % {
        "who": _name(obj.reviewed_by),
        "title": obj,
        "note": obj.review_note,
        "url": admin_url(obj),
    }
    _send_on_commit(subject, body, [obj.editor.email])


def admin_url(obj):
    meta = obj._meta
    path = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    return settings.SITE_URL.rstrip("/") + path


def _name(user):
    if user is None:
        return _("Một biên tập viên")
    return user.get_full_name() or user.get_username()


def _send_on_commit(subject, body, recipients):
    recipients = [address for address in recipients if address]
    if not recipients:
        return

    def send():
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # the change is made; a mail server that is down must not turn it into an error page
            logger.exception("Could not send workflow e-mail %r to %s", subject, recipients)

    transaction.on_commit(send)
