"""Giới thiệu, Cơ cấu tổ chức and Liên hệ in /sitemap.xml (added by AboutConfig.ready)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class AboutSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ["about:about", "about:organisation", "about:contact"]

    def location(self, item):
        return reverse(item)
