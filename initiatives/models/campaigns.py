"""Campaigns (phong trào) and their phases."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from news.slugs import unique_slug

from .units import Unit


class Campaign(models.Model):
    name = models.CharField(_("tên phong trào"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    issuer = models.CharField(_("cơ quan phát động"), max_length=200, default=_("Tổng Liên đoàn Lao động Việt Nam"))
    description = models.TextField(_("giới thiệu"), blank=True)
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    national_target = models.PositiveBigIntegerField(_("chỉ tiêu toàn quốc"), null=True, blank=True)
    is_public = models.BooleanField(_("công khai"), default=True)
    root_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị gốc của bảng tổng hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Đơn vị đứng đầu bảng tổng hợp (ví dụ LĐLĐ tỉnh). Để trống: đơn vị chung gần nhất của các số liệu."
        ),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("phong trào sáng kiến")
        verbose_name_plural = _("phong trào sáng kiến")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("initiatives:campaign", kwargs={"slug": self.slug})

    def submission_window(self, day):
        """(open, phase) on `day`: members may file initiatives while a phase's window holds `day` (that phase),
        or, in a campaign without phases, while the campaign runs (phase None)."""
        phases = list(self.phases.order_by("number"))
        if not phases:
            return self.starts_on <= day <= self.ends_on, None
        for phase in phases:
            if phase.opens_on <= day <= phase.closes_on:
                return True, phase
        return False, None

    def next_phase_after(self, day):
        """The first phase opening after `day`, or None."""
        return self.phases.filter(opens_on__gt=day).order_by("opens_on").first()

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Phase(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="phases"
    )
    number = models.PositiveSmallIntegerField(_("giai đoạn số"))
    name = models.CharField(_("tên giai đoạn"), max_length=200, blank=True)
    opens_on = models.DateField(_("mở nhận từ ngày"))
    closes_on = models.DateField(_("đóng nhận ngày"))

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="phase_number_unique_per_campaign"),
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="phase_closes_after_open"),
        ]

    def __str__(self):
        return self.name or _("Giai đoạn %(number)s") % {"number": self.number}

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Ngày đóng nhận phải sau ngày mở nhận.")})


def phase_of_campaign_error(phase, campaign_id):
    """`rules.phase_of_campaign` as a model validation error (for the models' `clean()`)."""
    from initiatives import rules

    if message := rules.phase_of_campaign(phase, campaign_id):
        return ValidationError({"phase": rules.sentence(message)})
    return None
