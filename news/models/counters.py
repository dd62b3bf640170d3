"""Running counters of reading: site-wide visits ("Thống kê truy cập"), presence, views per article per day.

Per-article totals ("Lượt xem") use django-hitcount's HitCount and Hit; see news/counting/.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitCounter(models.Model):
    """Visits in one period: a day, a week (keyed by its Monday) or all time (keyed by 1970-01-01).

    Each period is spread over VISIT_COUNTER_SLOTS rows (`slot`); a new visit adds one to one
    slot of each of its three periods, chosen at random, so that visits committing at the same
    moment on several app servers do not all wait for one row's lock. Reading "Hôm nay",
    "Trong tuần" and "Tất cả" sums the slots of three periods: one indexed query however long
    the site has run.
    """

    class Period(models.TextChoices):
        DAY = "day", _("ngày")
        WEEK = "week", _("tuần")
        ALL = "all", _("tất cả")

    period = models.CharField(_("kỳ"), max_length=8, choices=Period.choices)
    start = models.DateField(_("bắt đầu"))
    slot = models.PositiveSmallIntegerField(_("ngăn"), default=0)
    visits = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("bộ đếm truy cập")
        verbose_name_plural = _("bộ đếm truy cập")
        constraints = [
            models.UniqueConstraint(fields=["period", "start", "slot"], name="visit_counter_period_start_slot")
        ]

    def __str__(self):
        return f"{self.get_period_display()} {self.start:%d/%m/%Y} #{self.slot}: {self.visits}"


class Presence(models.Model):
    """When each visitor was last seen, for "Đang online" (written at most once a minute per visitor)."""

    visitor = models.CharField(max_length=32, primary_key=True)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("khách đang truy cập")
        verbose_name_plural = _("khách đang truy cập")

    def __str__(self):
        return self.visitor


class ArticleDayViews(models.Model):
    """Counted views of one article on one local day (Asia/Ho_Chi_Minh), written with the view itself.

    Kept when `prune_hits` deletes old Hit rows: the daily figures behind "Đọc nhiều" and the
    admin's reports never need the hits again.
    """

    article = models.ForeignKey(
        "news.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="day_views"
    )
    day = models.DateField(_("ngày"))
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem theo ngày")
        verbose_name_plural = _("lượt xem theo ngày")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="article_day_views_unique")]
        indexes = [models.Index(fields=["day", "article"], name="article_day_views_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day:%d/%m/%Y}: {self.views}"
