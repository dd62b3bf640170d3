"""RSS 2.0 feed of the newest published documents."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from news.context_processors import SITE_NAME

FEED_LENGTH = 20


class LatestDocumentsFeed(Feed):
    title = _("Văn bản mới | %(site)s") % {"site": SITE_NAME}
    description = _("Văn bản mới ban hành và được đăng trên cổng thông tin Liên đoàn Lao động tỉnh.")

    def link(self):
        return reverse("documents:list")

    def feed_url(self):
        return reverse("documents:feed")

    def items(self):
        return Document.objects.published().select_related("issuer").order_by("-published_at", "-id")[:FEED_LENGTH]

    def item_title(self, item):
        return str(item.title)

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.issuer.name

    def item_categories(self, item):
        return [item.get_kind_display()]
