"""Hỏi đáp pháp luật: workers' questions, the topics they belong to, and the answers.

A question is private as sent: what the asker wrote and how to reach them are
never shown. The answerers (group "Tư vấn pháp luật") write a title and a
version of the question fit for publication, answer it, and decide whether it
is published. Only answered questions marked public are visible
(`QuestionQuerySet.published()`). Answering and telling the asker go through
`legalqa/services.py`.
"""

from datetime import timedelta

from ckeditor.fields import RichTextField
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.sanitize import clean_html
from news.search import document_for
from news.slugs import unique_slug

TITLE_MAX_LENGTH = 200


def add_working_days(day, count):
    """`day` moved on by `count` working days (Monday to Friday)."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


class Topic(models.Model):
    name = models.CharField(_("tên chủ đề"), max_length=120, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chủ đề hỏi đáp")
        verbose_name_plural = _("chủ đề hỏi đáp")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=120)
        super().save(*args, **kwargs)


class QuestionQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)

    def published(self):
        """Visible to everyone: answered and marked public."""
        return self.answered().filter(is_public=True)

    def waiting(self):
        return self.filter(answered_at__isnull=True)

    def overdue(self, day=None):
        """Unanswered past their due date."""
        return self.waiting().filter(due_on__lt=day or timezone.localdate())


class Question(models.Model):
    # What the asker sent (private).
    asker_name = models.CharField(_("họ tên người hỏi"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    topic = models.ForeignKey(Topic, verbose_name=_("chủ đề"), on_delete=models.PROTECT, related_name="questions")
    question = models.TextField(_("câu hỏi gốc"))
    client_ip = models.GenericIPAddressField(_("địa chỉ gửi"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, editable=False, db_index=True)
    due_on = models.DateField(_("hạn trả lời"))
    # What is published (edited by the answerer, without personal details).
    title = models.CharField(_("tiêu đề công khai"), max_length=TITLE_MAX_LENGTH)
    public_question = models.TextField(
        _("câu hỏi công khai"), blank=True, help_text=_("Câu hỏi đã biên tập, bỏ tên, số điện thoại, địa chỉ…")
    )
    answer = RichTextField(_("trả lời"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("văn bản dẫn chiếu"), related_name="questions", blank=True
    )
    is_public = models.BooleanField(
        _("công khai trên trang"), default=False, help_text=_("Bỏ chọn để chỉ trả lời riêng cho người hỏi.")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=TITLE_MAX_LENGTH, unique=True, blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asker_notified_at = models.DateTimeField(_("đã báo người hỏi lúc"), null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi pháp luật")
        permissions = [("answer_question", _("Được trả lời và công khai câu hỏi"))]
        indexes = [
            models.Index(fields=["is_public", "answered_at"], name="question_public_idx"),
            models.Index(fields=["answered_at", "due_on"], name="question_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(email="") | ~Q(phone=""), name="question_has_a_way_back"),
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(answered_at__isnull=False), name="question_public_only_answered"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.title:
            self.title = _default_title(self.question)
        if not self.due_on:
            self.due_on = add_working_days(timezone.localdate(self.created_at), settings.LEGALQA_ANSWER_WORKING_DAYS)
        published_slug = self._published_slug()
        if published_slug and not self.slug:
            self.slug = published_slug
        elif not published_slug:
            self.slug = unique_slug(self, self.title, max_length=TITLE_MAX_LENGTH)
        self.answer = clean_html(self.answer)
        # Only what may be published is searchable.
        self.search_text = document_for(self.title, self.public_question, html_parts=[self.answer])
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("legalqa:detail", kwargs={"slug": self.slug})

    def _published_slug(self):
        """The address of a question already published, which it keeps; until then it follows the title."""
        if self.pk is None:
            return None
        return Question.objects.filter(pk=self.pk, is_public=True).values_list("slug", flat=True).first()

    @property
    def is_answered(self):
        return self.answered_at is not None

    def is_overdue(self, day=None):
        return not self.is_answered and self.due_on < (day or timezone.localdate())

    @property
    def shown_question(self):
        return self.public_question or self.title


def _default_title(text):
    words = " ".join(text.split())
    if len(words) <= TITLE_MAX_LENGTH:
        return words
    return words[: TITLE_MAX_LENGTH - 1].rsplit(" ", 1)[0] + "…"
