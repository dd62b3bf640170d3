"""Tag pages that list at least one published article, in /sitemap.xml (added by TagsConfig.ready)."""

from django.contrib.sitemaps import Sitemap

from news.models import Article
from tags.models import Tag


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Tag.objects.filter(articles__in=Article.objects.published()).distinct().only("slug").order_by("slug")
