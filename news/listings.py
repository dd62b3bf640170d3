"""Reads behind the public pages: front page sections, related news, neighbours, sidebar.

Each function costs a fixed number of queries however many articles,
categories or videos there are.
"""

from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from news import caching
from news.models import Article, Category, Video, WebLink

# Columns a list of articles shows (title, lead, thumbnail, date, section); _NEWEST_IN_CATEGORY_SQL
# selects the same (tests/news/test_listings.py checks it).
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
RELATED_LIMIT = 8
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

    One query for the articles: for each category an index scan of (category, status,
    published_at) that stops after a few rows, put together with UNION ALL (ranking every
    published article with a window function sorts them all: some 40 ms at 20.000 articles).
    The categories come from the cache (one more query when they are not there).
    """
    sections = categories()
    if not sections:
        return []
    excluded = set(exclude_ids)
    published, published_params = _published_condition()
    params = []
    for category in sections:
        # Enough rows that `per_category` are left once the excluded ones are dropped.
        params += [category.pk, *published_params, per_category + len(excluded)]
    by_category = {}
    one = _NEWEST_IN_CATEGORY_SQL.format(published=published)
    for article in Article.objects.raw("\nUNION ALL\n".join([one] * len(sections)), params):
        if article.pk not in excluded:
            by_category.setdefault(article.category_id, []).append(article)
    found = []
    for category in sections:
        articles = _newest_first(by_category.get(category.pk, ()))[:per_category]
        if articles:
            for article in articles:
                article.category = category
            found.append((category, articles))
    return found


def related_articles(article, *, limit=RELATED_LIMIT):
    """Published articles of the same category that came out before `article`, newest first."""
    return _around(article, limit=limit)[1]


def neighbours(article):
    """(previous, next): the published articles just before and after `article` across the whole site."""
    return _around(article)[2]


def _around(article, *, limit=None):
    """(limit, related, (previous, next)) of `article`, read together and kept on the article object.

    The article page shows both, from two lazy context values: one query serves them.
    """
    found = article.__dict__.get("_listings_around")
    if found is None or limit not in (None, found[0]):
        limit = limit or RELATED_LIMIT
        found = article.__dict__["_listings_around"] = (limit, *_read_around(article, limit=limit))
    return found


def _read_around(article, *, limit):
    published, published_params = _published_condition()
    at = connections[Article.objects.db].ops.adapt_datetimefield_value(article.published_at)
    params = [
        *published_params,
        article.category_id,
        at,
        at,
        at,
        article.pk,
        limit,
        *published_params,
        at,
        at,
        at,
        article.pk,
        *published_params,
        at,
        at,
        at,
        article.pk,
    ]
    parts = ([], [], [])
    for row in Article.objects.raw(_AROUND_SQL.format(published=published), params):
        parts[row.part].append(row)
    related, previous, following = parts
    return _newest_first(related), (next(iter(previous), None), next(iter(following), None))


def _newest_first(articles):
    """UNION ALL keeps no order: newest first again, as `Article.Meta.ordering`."""
    return sorted(articles, key=lambda article: (article.published_at, article.pk), reverse=True)


def _published_condition():
    """(sql, params): the WHERE condition of `Article.objects.published()`, compiled for the SQL below."""
    queryset = Article.objects.published()
    compiler = queryset.query.get_compiler(using=queryset.db)
    return compiler.compile(queryset.query.where)


# The reads below are in SQL because building and compiling their querysets costs the ORM more
# CPU than the queries cost the database (some 2 ms for the three parts of _AROUND_SQL, on every
# article page). What "published" means comes from `Article.objects.published()` itself
# ({published}, compiled by the ORM). Both run on PostgreSQL and SQLite.

# The newest articles of one category (repeated for each, with UNION ALL).
_NEWEST_IN_CATEGORY_SQL = """
SELECT * FROM (
    SELECT id, title, slug, sapo, cover, cover_thumb, cover_large, cover_width, cover_height, published_at, category_id
    FROM news_article
    WHERE category_id = %s AND {published}
    ORDER BY published_at DESC, id DESC LIMIT %s
) AS newest"""

# Related news (part 0), the previous (1) and the next (2) article, each an index scan that stops
# after a few rows. The redundant bounds on published_at let each scan start at this article
# instead of at the newest one.
_AROUND_SQL = """
SELECT * FROM (
    SELECT id, title, slug, published_at, 0 AS part FROM news_article
    WHERE {published}
      AND category_id = %s AND published_at <= %s
      AND (published_at < %s OR (published_at = %s AND id < %s))
    ORDER BY published_at DESC, id DESC LIMIT %s
) AS related
UNION ALL
SELECT * FROM (
    SELECT id, title, slug, published_at, 1 AS part FROM news_article
    WHERE {published}
      AND published_at <= %s
      AND (published_at < %s OR (published_at = %s AND id < %s))
    ORDER BY published_at DESC, id DESC LIMIT 1
) AS previous
UNION ALL
SELECT * FROM (
    SELECT id, title, slug, published_at, 2 AS part FROM news_article
    WHERE {published}
      AND published_at >= %s
      AND (published_at > %s OR (published_at = %s AND id > %s))
    ORDER BY published_at, id LIMIT 1
) AS following
"""


def public_videos():
    """Videos shown to the public, newest first."""
    return Video.objects.published().filter(published_on__lte=timezone.localdate())


def active_links():
    return list(WebLink.objects.published().only("id", "title", "url"))
