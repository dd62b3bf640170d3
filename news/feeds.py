"""RSS 2.0 feeds: the newest articles of the whole site and of one category."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from news.context_processors import SITE_NAME
from news.models import Article, Category

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    title = SITE_NAME
    description = _("Tin tức mới nhất của Liên đoàn Lao động tỉnh.")

    def link(self):
        return reverse("news:home")

    def feed_url(self):
        return reverse("news:feed")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).select_related("category").order_by("-published_at", "-id")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.sapo

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"{obj.name} | {SITE_NAME}"

    def description(self, obj):
        return obj.description or _("Tin mới nhất của chuyên mục %(name)s.") % {"name": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("news:category_feed", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().filter(category=obj)
