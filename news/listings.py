"""Reads behind the public pages: front page sections, related news, neighbours, sidebar.

Each function costs a fixed number of queries however many articles,
categories or videos there are.
"""

from django.core.cache import cache
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from news import caching
from news.models import Article, Category, Video, WebLink

# Columns a list of articles shows (title, lead, thumbnail, date, section).
CARD_FIELDS = (
    "id",
    "title",
    "slug",
    "sapo",
    "cover",
    "cover_thumb",
    "cover_large",
    "cover_width",
    "cover_height",
    "published_at",
    "category_id",
    "category__name",
    "category__slug",
)
ROW_FIELDS = ("id", "title", "slug", "published_at")
VIDEOS_PER_PAGE = 6


def categories(*, generation=None):
    """All categories in menu order, from the cache while the content generation is unchanged."""
    key = f"news:categories:{generation or caching.generation()}"
    found = cache.get(key)
    if found is None:
        found = list(Category.objects.only("id", "name", "slug", "order"))
        cache.set(key, found, caching.FRAGMENT_TIMEOUT)
    return found


def article_cards(queryset):
    """`queryset` trimmed to what an article card shows, with its category in the same query."""
    return queryset.select_related("category").only(*CARD_FIELDS)


def featured_articles(*, limit=5):
    """Featured published articles, newest first; the newest articles when none is featured."""
    published = Article.objects.published()
    featured = list(article_cards(published.filter(is_featured=True))[:limit])
    return featured or list(article_cards(published)[:limit])


def newest_per_category(*, per_category=4, exclude_ids=()):
    """[(category, [articles…]), …] in category order, categories without articles left out.

    One query for the articles, ranked within their category by a window
    function (ROW_NUMBER() OVER (PARTITION BY category)), and the categories,
    usually from the cache (one more query when they are not there).
    """
    ranked = (
        Article.objects.published()
        .exclude(pk__in=list(exclude_ids))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("category_id")],
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_category)
        .only(*(f for f in CARD_FIELDS if not f.startswith("category__")))
        .order_by("category_id", "rank")
    )
    by_category = {}
    for article in ranked:
        by_category.setdefault(article.category_id, []).append(article)
    sections = []
    for category in categories():
        articles = by_category.get(category.pk)
        if articles:
            for article in articles:
                article.category = category
            sections.append((category, articles))
    return sections


def related_articles(article, *, limit=8):
    """Published articles of the same category that came out before `article`, newest first."""
    earlier = Q(published_at__lt=article.published_at) | Q(published_at=article.published_at, id__lt=article.pk)
    return list(
        Article.objects.published()
        # The redundant bound lets the index scan start at this article instead of at the newest one.
        .filter(earlier, category_id=article.category_id, published_at__lte=article.published_at)
        .only(*ROW_FIELDS)
        .order_by("-published_at", "-id")[:limit]
    )


def neighbours(article):
    """(previous, next): the published articles just before and after `article` across the whole site."""
    published = Article.objects.published().exclude(pk=article.pk).only(*ROW_FIELDS)
    at = article.published_at
    previous = (
        published.filter(Q(published_at__lt=at) | Q(published_at=at, id__lt=article.pk), published_at__lte=at)
        .order_by("-published_at", "-id")
        .first()
    )
    following = (
        published.filter(Q(published_at__gt=at) | Q(published_at=at, id__gt=article.pk), published_at__gte=at)
        .order_by("published_at", "id")
        .first()
    )
    return previous, following


def public_videos():
    """Videos shown to the public, newest first."""
    return Video.objects.filter(is_published=True, published_on__lte=timezone.localdate())


def active_links():
    return list(WebLink.objects.filter(is_active=True).only("id", "title", "url"))
