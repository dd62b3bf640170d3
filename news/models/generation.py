"""The content generation: the number that moves on when published content changes (news/caching.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Generation(models.Model):
    """One row per name ("news"): its number, and the earliest publish time of a scheduled article.

    Kept in the database, not in the shared cache, so that the page cache of each process can
    still tell a current page from an old one while Redis is down.
    """

    name = models.CharField(_("tên"), max_length=32, primary_key=True)
    number = models.BigIntegerField(_("số thế hệ"))
    next_publish = models.DateTimeField(_("bài hẹn giờ sớm nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("thế hệ nội dung")
        verbose_name_plural = _("thế hệ nội dung")

    def __str__(self):
        return f"{self.name}: {self.number}"
