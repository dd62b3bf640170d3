"""Writes on questions: a worker asks; an answerer answers, publishes or keeps private; the asker is told.

The asker is e-mailed once, when the question first has an answer, after the
answer is committed (never for an answer rolled back); the moment is stored
only once the mail has gone, so a failed send can be seen in the admin.
"""

import html
import logging
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from legalqa.models import Question

ANSWER_PERMISSION = "legalqa.answer_question"
ANSWERERS_GROUP = "Tư vấn pháp luật"

log = logging.getLogger(__name__)


def can_answer(user):
    return bool(user and user.is_active and user.has_perm(ANSWER_PERMISSION))


@transaction.atomic
def ask(*, topic, question, asker_name="", email="", phone="", client_ip=None):
    """Store a worker's question; it stays private until answered and published."""
    return Question.objects.create(
        topic=topic,
        question=question.strip(),
        asker_name=asker_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        client_ip=client_ip,
    )


@transaction.atomic
def save_answer(*, question, by, site_url=""):
    """Save the answerer's edits; the first answer is stamped and the asker e-mailed after the commit.

    A question without an answer cannot be published.
    """
    if not can_answer(by):
        raise PermissionDenied(_("Bạn không có quyền trả lời câu hỏi."))
    has_answer = bool((question.answer or "").strip())
    if has_answer and question.answered_at is None:
        question.answered_at = timezone.now()
        question.answered_by = by
    elif not has_answer:
        question.answered_at = question.answered_by = None
    if question.answered_at is None:
        question.is_public = False
    question.save()
    if question.answered_at and question.asker_notified_at is None and question.email:
        pk = question.pk
        transaction.on_commit(lambda: notify_asker(pk, site_url=site_url))
    return question


def notify_asker(pk, *, site_url=""):
    """E-mail the asker the answer (and its address when published); remember that it went."""
    question = Question.objects.select_related("topic").get(pk=pk)
    if question.asker_notified_at is not None or not question.email or not question.is_answered:
        return False
    context = {
        "question": question,
        "link": site_url + question.get_absolute_url() if question.is_public and site_url else "",
        "answer_text": plain_text(question.answer),
    }
    try:
        send_mail(
            subject=_("Trả lời câu hỏi của bạn: %(title)s") % {"title": question.title[:120]},
            message=render_to_string("legalqa/answer_email.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[question.email],
        )
    except OSError:
        log.exception("Could not e-mail the answer to question %s", pk)
        return False
    Question.objects.filter(pk=pk, asker_notified_at__isnull=True).update(asker_notified_at=timezone.now())
    return True


def plain_text(rich):
    """The answer's HTML as text for an e-mail: paragraphs and line breaks kept, tags and entities gone."""
    spaced = re.sub(r"(?i)<br\s*/?>|</(p|li|h[1-6]|tr|blockquote)>", "\n", rich or "")
    lines = (" ".join(line.split()) for line in html.unescape(strip_tags(spaced)).splitlines())
    return "\n".join(line for line in lines if line)
