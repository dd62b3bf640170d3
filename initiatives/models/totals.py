"""Running totals that make the tallies fast.

`TallyCount`, `TallyUnit`, `TallyMix`, `TallyWeek` and `TallyCampaignWeek` are not edited by anyone: they are
kept by `initiatives/services/` in the same transaction as every write, and rebuilt exactly from the initiatives
by `services.after_bulk_change()`. `initiatives/tallies/` reads them.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .campaigns import Campaign, Phase
from .initiatives import Initiative
from .units import Unit


def week_start(moment):
    """The Monday (local date) of the week `moment` falls in."""
    day = timezone.localtime(moment, timezone.get_default_timezone()).date() if hasattr(moment, "hour") else moment
    return day - timedelta(days=day.weekday())


def _tally_constraints(prefix, fields):
    """Unique keys of a running-total table, with "no phase" counted as one value."""
    return [
        models.UniqueConstraint(
            fields=["campaign", "phase", *fields], condition=Q(phase__isnull=False), name=f"{prefix}_unique_per_phase"
        ),
        models.UniqueConstraint(
            fields=["campaign", *fields], condition=Q(phase__isnull=True), name=f"{prefix}_unique_no_phase"
        ),
    ]


class StatusCounts(models.Model):
    """A column per status (how many initiatives are in it) and the benefit of the approved ones.

    The status counts are columns so that a status change updates a single row.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    phase = models.ForeignKey(Phase, null=True, on_delete=models.CASCADE, related_name="+")
    n_dang_ky = models.IntegerField(default=0)
    n_da_nop = models.IntegerField(default=0)
    n_dang_xet = models.IntegerField(default=0)
    n_thong_qua = models.IntegerField(default=0)
    n_khong_thong_qua = models.IntegerField(default=0)
    n_de_nghi_khen = models.IntegerField(default=0)
    n_duoc_tang_bang = models.IntegerField(default=0)
    n_tra_lai = models.IntegerField(default=0)
    benefit_approved = models.BigIntegerField(default=0)

    class Meta:
        abstract = True

    @staticmethod
    def status_column(status):
        return f"n_{status}"


class TallyCount(StatusCounts):
    """Running totals per campaign, phase, unit, kind and sector: the finest grain, the others derive from it."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Initiative.Kind.choices)
    sector = models.CharField(max_length=16, choices=Initiative.Sector.choices)

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        constraints = _tally_constraints("tallycount", ["unit", "kind", "sector"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.unit_id}/{self.kind}/{self.sector}"


class TallyUnit(StatusCounts):
    """Running totals per campaign, phase and unit (what the tally table reads: one row per unit and phase)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("số liệu tổng hợp theo đơn vị")
        verbose_name_plural = _("số liệu tổng hợp theo đơn vị")
        constraints = _tally_constraints("tallyunit", ["unit"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.unit_id}"


class TallyMix(StatusCounts):
    """Running totals per campaign, phase, kind and sector over all units (the campaign's breakdowns)."""

    kind = models.CharField(max_length=16, choices=Initiative.Kind.choices)
    sector = models.CharField(max_length=16, choices=Initiative.Sector.choices)

    class Meta:
        verbose_name = _("số liệu tổng hợp theo loại")
        verbose_name_plural = _("số liệu tổng hợp theo loại")
        constraints = _tally_constraints("tallymix", ["kind", "sector"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.kind}/{self.sector}"


class WeekCounts(models.Model):
    """Registrations and submissions of one campaign and phase in the week starting `week` (a Monday)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    phase = models.ForeignKey(Phase, null=True, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    registered = models.IntegerField(default=0)
    submitted = models.IntegerField(default=0)

    class Meta:
        abstract = True


class TallyWeek(WeekCounts):
    """Weekly registrations and submissions of one unit (its own initiatives)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("số liệu theo tuần")
        verbose_name_plural = _("số liệu theo tuần")
        constraints = _tally_constraints("tallyweek", ["unit", "week"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.unit_id}/{self.week}"


class TallyCampaignWeek(WeekCounts):
    """Weekly registrations and submissions over all units of the campaign."""

    class Meta:
        verbose_name = _("số liệu phong trào theo tuần")
        verbose_name_plural = _("số liệu phong trào theo tuần")
        constraints = _tally_constraints("tallycampaignweek", ["week"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.week}"
