"""Sitemaps of the public pages.

`sitemaps` is the dict mounted at /sitemap.xml (news/urls.py). Another app adds
its own pages with `sitemaps["<name>"] = TheirSitemap()`, for example from its
AppConfig.ready(); the same dict object is served, so no URL needs to change.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from news.models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.only("slug")


class StaticPageSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["news:home", "news:video_list"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": StaticPageSitemap(),
    "categories": CategorySitemap(),
    "articles": ArticleSitemap(),
}
