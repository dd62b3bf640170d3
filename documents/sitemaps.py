"""The documents library in /sitemap.xml (added to news.sitemaps.sitemaps by DocumentsConfig.ready)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from documents.models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 5000

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("-issued_on", "-id")

    def lastmod(self, item):
        return item.updated_at


class DocumentListSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["documents:list"]

    def location(self, item):
        return reverse(item)
