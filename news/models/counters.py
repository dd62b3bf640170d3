"""Site-wide visit statistics ("Thống kê truy cập"), kept as running counters.

Per-article views ("Lượt xem") use django-hitcount's HitCount and Hit; see news/counters.py.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitCounter(models.Model):
    """Visits in one period: a day, a week (keyed by its Monday) or all time (keyed by 1970-01-01).

    A new visit adds one to three rows, so reading "Hôm nay", "Trong tuần" and
    "Tất cả" is three primary-key look-ups however long the site has run.
    """

    class Period(models.TextChoices):
        DAY = "day", _("ngày")
        WEEK = "week", _("tuần")
        ALL = "all", _("tất cả")

    period = models.CharField(_("kỳ"), max_length=8, choices=Period.choices)
    start = models.DateField(_("bắt đầu"))
    visits = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("bộ đếm truy cập")
        verbose_name_plural = _("bộ đếm truy cập")
        constraints = [models.UniqueConstraint(fields=["period", "start"], name="visit_counter_period_start")]

    def __str__(self):
        return f"{self.get_period_display()} {self.start:%d/%m/%Y}: {self.visits}"


class Presence(models.Model):
    """When each visitor was last seen, for "Đang online" (written at most once a minute per visitor)."""

    visitor = models.CharField(max_length=32, primary_key=True)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("khách đang truy cập")
        verbose_name_plural = _("khách đang truy cập")

    def __str__(self):
        return self.visitor
