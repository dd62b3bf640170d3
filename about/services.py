"""A contact message: stored, then e-mailed to `CONTACT_EMAIL` once the message is committed."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from about.models import ContactMessage

log = logging.getLogger(__name__)


@transaction.atomic
def receive_message(*, name, subject, message, email="", phone="", client_ip=None):
    stored = ContactMessage.objects.create(
        name=name.strip(), email=email.strip(), phone=phone.strip(), subject=subject.strip(),
        message=message.strip(), client_ip=client_ip,
    )  # fmt: skip
    if settings.CONTACT_EMAIL:
        transaction.on_commit(lambda: forward(stored.pk))
    return stored


def forward(pk):
    """E-mail the message to the federation's address, with the sender as Reply-To when known."""
    stored = ContactMessage.objects.get(pk=pk)
    mail = EmailMessage(
        subject=_("[Liên hệ] %(subject)s") % {"subject": stored.subject},
        body=render_to_string("about/contact_email.txt", {"message": stored}),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.CONTACT_EMAIL],
        reply_to=[stored.email] if stored.email else None,
    )
    try:
        mail.send()
    except OSError:
        log.exception("Could not forward contact message %s", pk)
        return False
    return True
