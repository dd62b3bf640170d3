"""Query budgets: each public page costs a fixed number of SQL queries, whatever the amount of content.

Every page is measured twice, with the fragment cache empty (cold) and filled
(warm), on a small site (3 articles) and on a larger one (30+ articles, many
categories, videos and links). The counts must be equal between the two sites
and within the page's budget. Each request comes from a new visitor, so the
article view is counted and the visit recorded every time.
"""

import itertools
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import caching, pagecache
from news.counting import markers, stats
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, VideoFactory, WebLinkFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

# Most queries a page may make: cold = empty caches, warm = the page in the page cache
# (news/pagecache.py; search pages too, per query). Each count includes the live
# figures, which are never cached: recording the new visit is one transaction of
# 3 statements (the reader's presence row locked and looked at, the presence upsert, one
# UPDATE of the three visit counters) plus its SAVEPOINT/RELEASE here (the test runs inside a
# transaction; on PostgreSQL all of it is one function call); reading "Thống kê truy cập"
# costs 2 when its own short cache is cold; on an article the new view joins the visit's
# transaction with 5 more (lock the total, look for an active hit, insert it, add one, add one
# to the article's day). The rest, cold:
#   shared: next scheduled publish time 1, categories (menu) 1, sidebar videos 2, links 1
#   home: newest 1 ("Tin mới"), featured 1, newest per category 1 (one UNION ALL of a short index scan per
#         category), "Đọc nhiều" 1
#   category: the category 1, count 1, page 1
#   article: the article 1, related and previous/next 1 (one UNION ALL, news/listings.py), its tags 1,
#            related documents 1, "Đọc nhiều" 1
#   search: count 1, page 1, the first documents 1 and questions 1 (grouped after the news)
# Warm, a page from the page cache costs nothing but the counters.
BUDGETS = {
    "home": {"cold": 16, "warm": 5},
    "category": {"cold": 15, "warm": 5},
    "article": {"cold": 22, "warm": 10},
    "search": {"cold": 16, "warm": 5},
}


def grow_site(*, categories, articles_per_category, videos, links):
    made = []
    for c in range(categories):
        category = CategoryFactory(name=f"Chuyên mục {c}", slug=f"muc-{c}", order=c)
        for n in range(articles_per_category):
            made.append(
                ArticleFactory(
                    title=f"Công đoàn cơ sở hoạt động {c}-{n}",
                    category=category,
                    is_featured=n == 0,
                    published_at=timezone.now() - timedelta(hours=c * articles_per_category + n + 1),
                )
            )
    # Covers as stored after upload (set directly: making real renditions here would only slow the test).
    Article.objects.filter(pk__in=[a.pk for a in made]).update(
        cover="covers/anh.jpg",
        cover_thumb="renditions/anh-thumb.jpg",
        cover_large="renditions/anh-large.jpg",
        cover_width=1500,
        cover_height=1000,
    )
    ArticleFactory(title="Bài nháp", category=made[0].category, status=Article.Status.DRAFT)
    for n in range(videos):
        VideoFactory(title=f"Phim {n}", published_on=timezone.localdate() - timedelta(days=n))
    for n in range(links):
        WebLinkFactory(title=f"Liên kết {n}")
    return made


def urls_for(made):
    article = made[len(made) // 2]
    return {
        "home": reverse("news:home"),
        "category": reverse("news:category", kwargs={"slug": made[0].category.slug}) + "?page=1",
        "article": article.get_absolute_url(),
        "search": reverse("news:search") + "?q=cong+doan",
    }


_addresses = itertools.count(1)


def queries_of(url):
    """Queries of one request by a new visitor (no cookies, an address of its own)."""
    address = f"198.51.{next(_addresses) // 250}.{next(_addresses) % 250 + 1}"
    with CaptureQueriesContext(connection) as captured:
        response = Client(headers={"User-Agent": BROWSER}, REMOTE_ADDR=address).get(url)
    assert response.status_code == 200, url
    return len(captured)


def measure(url):
    cache.clear()
    caching.forget()
    pagecache.forget()
    stats.forget()
    markers.forget()
    cold = queries_of(url)
    warm = queries_of(url)
    return {"cold": cold, "warm": warm}


@pytest.fixture(autouse=True)
def _one_visit_slot(settings):
    # One slot: every measured visit finds its counter rows (with several, a slot's first visit creates them).
    settings.VISIT_COUNTER_SLOTS = 1


@pytest.fixture(autouse=True)
def _warm_process_caches():
    # ContentType's per-process cache would otherwise make the first measured request of a run dearer.
    ContentType.objects.get_for_model(Article)


@pytest.mark.parametrize("page", list(BUDGETS))
def test_page_queries_are_bounded_and_do_not_grow_with_content(page):
    small_site = grow_site(categories=1, articles_per_category=3, videos=2, links=2)
    small_url = urls_for(small_site)[page]
    queries_of(small_url)  # the article's view counter row exists from here on
    small = measure(small_url)

    large_site = grow_site(categories=12, articles_per_category=30, videos=40, links=25)
    large_url = urls_for(large_site)[page]
    queries_of(large_url)
    large = measure(large_url)

    print(f"{page}: 3 articles {small}, {len(large_site) + 3} articles {large}")
    assert large == small
    assert small["cold"] <= BUDGETS[page]["cold"]
    assert small["warm"] <= BUDGETS[page]["warm"]


def test_video_list_queries_do_not_grow():
    grow_site(categories=1, articles_per_category=3, videos=3, links=2)
    queries_of(reverse("news:video_list"))
    small = measure(reverse("news:video_list"))
    grow_site(categories=10, articles_per_category=5, videos=60, links=30)
    large = measure(reverse("news:video_list") + "?page=3")

    print(f"video list: 3 videos {small}, 63 videos {large}")
    assert large == small
    assert small["warm"] <= 5
