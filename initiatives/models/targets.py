"""Quotas (chỉ tiêu) and plans (kế hoạch) of a unit for a campaign or one of its phases."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .campaigns import Campaign, Phase, phase_of_campaign_error
from .units import Unit


class Target(models.Model):
    class Kind(models.TextChoices):
        QUOTA = "chi_tieu", _("Chỉ tiêu")
        PLAN = "ke_hoach", _("Kế hoạch")

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="targets")
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="targets"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("giai đoạn"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        help_text=_("Để trống: chỉ tiêu cho cả phong trào."),
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    value = models.PositiveIntegerField(_("số sáng kiến"))

    class Meta:
        ordering = ["campaign", "phase", "unit", "kind"]
        verbose_name = _("chỉ tiêu, kế hoạch")
        verbose_name_plural = _("chỉ tiêu, kế hoạch")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="target_value_not_negative"),
            models.UniqueConstraint(
                fields=["unit", "campaign", "phase", "kind"],
                condition=Q(phase__isnull=False),
                name="target_unique_per_phase",
            ),
            models.UniqueConstraint(
                fields=["unit", "campaign", "kind"],
                condition=Q(phase__isnull=True),
                name="target_unique_whole_campaign",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit}: {self.value}"

    def clean(self):
        super().clean()
        error = phase_of_campaign_error(self.phase, self.campaign_id)
        if error:
            raise error
