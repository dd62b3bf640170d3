"""RSS feeds, the sitemap and robots.txt: only what the public may read."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title")
    assert channel.findtext("link")
    return channel, channel.findall("item")


def test_site_feed_lists_published_articles_newest_first(client):
    ArticleFactory(title="Tin hôm qua", sapo="Đoạn dẫn hôm qua.", published_at=timezone.now() - timedelta(days=1))
    ArticleFactory(title="Tin hôm nay", published_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(title="Tin nháp", status=Article.Status.DRAFT)
    ArticleFactory(title="Tin hẹn giờ", published_at=timezone.now() + timedelta(hours=1))

    channel, items = rss_items(client.get(reverse("news:feed")))

    assert [item.findtext("title") for item in items] == ["Tin hôm nay", "Tin hôm qua"]
    yesterday = items[1]
    assert yesterday.findtext("description") == "Đoạn dẫn hôm qua."
    assert yesterday.findtext("link").startswith("http://testserver/tin-tuc/")
    assert yesterday.findtext("pubDate")
    assert yesterday.findtext("category")


def test_feed_is_bounded(client):
    category = CategoryFactory()
    ArticleFactory.create_batch(25, category=category)

    _, items = rss_items(client.get(reverse("news:feed")))

    assert len(items) == 20


def test_category_feed_has_only_its_category(client):
    category = CategoryFactory(name="Chính sách", slug="chinh-sach")
    ArticleFactory(title="Tin chính sách", category=category)
    ArticleFactory(title="Tin chính sách nháp", category=category, status=Article.Status.DRAFT)
    ArticleFactory(title="Tin mục khác")

    channel, items = rss_items(client.get(reverse("news:category_feed", kwargs={"slug": "chinh-sach"})))

    assert "Chính sách" in channel.findtext("title")
    assert [item.findtext("title") for item in items] == ["Tin chính sách"]


def test_unknown_category_feed_is_404(client):
    assert client.get(reverse("news:category_feed", kwargs={"slug": "khong-co"})).status_code == 404


def test_sitemap_lists_published_articles_categories_and_pages(client):
    category = CategoryFactory(slug="thoi-su")
    published = ArticleFactory(category=category)
    draft = ArticleFactory(category=category, status=Article.Status.DRAFT)
    scheduled = ArticleFactory(category=category, published_at=timezone.now() + timedelta(days=1))

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    locations = {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    assert f"http://testserver{published.get_absolute_url()}" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations
    assert f"http://testserver{scheduled.get_absolute_url()}" not in locations
    assert "http://testserver/chuyen-muc/thoi-su/" in locations
    assert "http://testserver/" in locations
    assert "http://testserver/video/" in locations
    assert "http://testserver/tim-kiem/" not in locations


def test_another_app_can_add_its_pages_to_the_sitemap(client, monkeypatch):
    from django.contrib.sitemaps import Sitemap

    from news import sitemaps

    class CampaignSitemap(Sitemap):
        def items(self):
            return ["/sang-kien/"]

        def location(self, item):
            return item

    monkeypatch.setitem(sitemaps.sitemaps, "campaigns", CampaignSitemap())

    assert b"http://testserver/sang-kien/" in client.get("/sitemap.xml").content
