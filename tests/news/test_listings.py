"""Reads behind the public pages: the listings of news/listings.py give what the ORM gives over `Article.objects.published()`.

Each read is compared with the same read written with the ORM, on a site with drafts, scheduled
articles, several categories and articles published at the same moment (told apart by id).
"""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from news import listings
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """Three categories of published articles, a few at the very same moment, plus a draft and a scheduled one each."""
    now = timezone.now()
    same_moment = now - timedelta(hours=30)
    categories = [CategoryFactory(name=f"Mục {c}", slug=f"muc-{c}", order=c) for c in range(3)]
    for c, category in enumerate(categories):
        for n in range(7):
            published_at = same_moment if n in (2, 3) else now - timedelta(hours=10 * n + c + 1)
            ArticleFactory(title=f"Tin {c}-{n}", category=category, published_at=published_at)
        ArticleFactory(title=f"Nháp {c}", category=category, status=Article.Status.DRAFT, published_at=same_moment)
        ArticleFactory(title=f"Hẹn giờ {c}", category=category, published_at=now + timedelta(hours=2))
    return categories


def newest_first(articles):
    return articles.order_by("-published_at", "-id")


def expected_around(article, limit):
    published = Article.objects.published().exclude(pk=article.pk)
    at = article.published_at
    before = Q(published_at__lt=at) | Q(published_at=at, id__lt=article.pk)
    after = Q(published_at__gt=at) | Q(published_at=at, id__gt=article.pk)
    related = newest_first(published.filter(before, category_id=article.category_id))[:limit]
    previous = newest_first(published.filter(before)).first()
    following = published.filter(after).order_by("published_at", "id").first()
    return [a.pk for a in related], (previous and previous.pk, following and following.pk)


def test_related_and_neighbours_agree_with_the_orm_for_every_article(site, django_assert_num_queries):
    for article in Article.objects.all():  # drafts and scheduled ones too: staff preview them
        with django_assert_num_queries(1):
            related = listings.related_articles(article, limit=4)
            previous, following = listings.neighbours(article)

        found = [a.pk for a in related], (previous and previous.pk, following and following.pk)
        assert found == expected_around(article, 4), article.title


def test_related_rows_carry_what_the_page_shows(site):
    article = Article.objects.published().get(title="Tin 1-0")

    related = listings.related_articles(article)
    previous, following = listings.neighbours(article)

    assert [a.title for a in related] == ["Tin 1-1", "Tin 1-3", "Tin 1-2", "Tin 1-4", "Tin 1-5", "Tin 1-6"]
    assert related[0].get_absolute_url() == Article.objects.get(title="Tin 1-1").get_absolute_url()
    assert related[0].published_at == Article.objects.get(title="Tin 1-1").published_at
    assert previous.title == "Tin 2-0" and following.title == "Tin 0-0"


def test_first_and_last_articles_have_one_neighbour():
    first = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    last = ArticleFactory(published_at=timezone.now() - timedelta(days=1))

    assert listings.neighbours(first) == (None, last)
    assert listings.neighbours(last) == (first, None)
    assert listings.related_articles(first) == []


@pytest.mark.parametrize("exclude", [False, True])
def test_newest_per_category_agrees_with_the_orm(site, exclude):
    excluded = list(newest_first(Article.objects.published()).values_list("pk", flat=True)[:4]) if exclude else []

    sections = listings.newest_per_category(per_category=3, exclude_ids=excluded)

    expected = []
    for category in site:
        articles = newest_first(Article.objects.published().filter(category=category).exclude(pk__in=excluded))
        expected.append((category.pk, [a.pk for a in articles[:3]]))
    assert [(category.pk, [a.pk for a in articles]) for category, articles in sections] == expected
    card_columns = {name for name in listings.CARD_FIELDS if "__" not in name}
    for category, articles in sections:
        assert all(article.category == category for article in articles)
        assert not card_columns & articles[0].get_deferred_fields()  # a card reads nothing more
        assert articles[0].get_absolute_url() == Article.objects.get(pk=articles[0].pk).get_absolute_url()


def test_newest_per_category_leaves_out_empty_categories(site, django_assert_max_num_queries):
    CategoryFactory(name="Mục trống", slug="muc-trong", order=10)
    listings.categories()  # the menu's cached list

    with django_assert_max_num_queries(1):
        sections = listings.newest_per_category(per_category=2)

    assert [category.slug for category, _ in sections] == ["muc-0", "muc-1", "muc-2"]
