"""Emulation clusters (cụm, khối thi đua): named groups of units that compete with each other in one campaign.

A unit belongs to at most one cluster of a campaign (`ClusterMember` keeps the campaign beside the cluster so
that the database can hold that rule). The Confederation honours, for each period, the unit with the most
submitted initiatives in each cluster among those that exceeded their own quota.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .campaigns import Campaign
from .units import Unit


class Cluster(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="clusters"
    )
    code = models.SlugField(_("mã cụm"), max_length=40, help_text=_("Mã ổn định, dùng khi nhập từ tệp."))
    name = models.CharField(_("tên cụm, khối thi đua"), max_length=200)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["campaign", "order", "name"]
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="cluster_code_unique_per_campaign"),
        ]

    def __str__(self):
        return self.name


class ClusterMember(models.Model):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm thi đua"), on_delete=models.CASCADE, related_name="members"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+", editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["cluster", "unit__path"]
        verbose_name = _("đơn vị trong cụm")
        verbose_name_plural = _("đơn vị trong cụm")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="cluster_member_one_cluster_per_campaign"),
        ]

    def __str__(self):
        return f"{self.cluster}: {self.unit}"

    def save(self, *args, **kwargs):
        self.campaign_id = self.cluster.campaign_id
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        try:
            self.campaign_id = self.cluster.campaign_id  # the cluster may not be saved yet (an admin inline)
        except Cluster.DoesNotExist:
            pass
        other = (
            ClusterMember.objects.filter(campaign_id=self.campaign_id, unit_id=self.unit_id)
            .exclude(pk=self.pk)
            .select_related("cluster")
            .first()
        )
        if self.campaign_id and self.unit_id and other is not None:
            raise ValidationError(
                {"unit": _("Đơn vị này đã thuộc “%(cluster)s” trong phong trào này.") % {"cluster": other.cluster}}
            )
        super().validate_constraints(exclude={*(exclude or ()), "campaign", "unit"})
