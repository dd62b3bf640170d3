"""Published questions in /sitemap.xml (added to news.sitemaps.sitemaps by LegalQaConfig.ready)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from legalqa.models import Question


class QuestionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Question.objects.published().only("slug", "updated_at").order_by("-answered_at", "-id")

    def lastmod(self, item):
        return item.updated_at


class QuestionListSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return ["legalqa:list", "legalqa:ask"]

    def location(self, item):
        return reverse(item)
