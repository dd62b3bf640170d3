"""The publishing workflow every editorial object shares: Nháp → Chờ duyệt → Đã xuất bản, or Trả lại.

`Reviewed` is an abstract model: a model that inherits it gets the state, who
sent it for review and when, and the publisher's note when it was returned.
The transitions themselves (who may make them, the notifications) are the
functions of `news/services.py`, which take any such object.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    REVIEW = "review", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    PUBLISHED = "published", _("Đã xuất bản")


class ReviewedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def drafts(self):
        """Still with the editors: new, or returned by the publisher."""
        return self.filter(status__in=[Status.DRAFT, Status.RETURNED])

    def awaiting_review(self):
        """The publisher's queue, oldest first."""
        return self.filter(status=Status.REVIEW).order_by("submitted_at", "pk")


class Reviewed(models.Model):
    Status = Status

    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(
        _("ghi chú của người duyệt"),
        blank=True,
        help_text=_("Khi trả lại: điều biên tập viên cần sửa. Biên tập viên đọc được ghi chú này."),
    )
    submitted_at = models.DateTimeField(_("gửi duyệt lúc"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi duyệt"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def is_live(self):
        """What the public sees now."""
        return self.status == Status.PUBLISHED

    def status_label(self):
        return self.get_status_display()

    @property
    def editor(self):
        """Whom the publisher answers: who sent it for review, else who wrote it."""
        return self.submitted_by or self.created_by
