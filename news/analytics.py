"""What was read, for editors and publishers: reads that aggregate the daily counters and return plain data.

Views come from ArticleDayViews (one row per article and local day, written with each counted
view and kept when old hits are pruned); visits from the VisitCounter day rows (summed over their
slots). Every function is a fixed number of queries whatever the period.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import ArticleDayViews, VisitCounter

ARTICLE_DAYS = 30
VISIT_DAYS = 90
TOP_LIMIT = 20


@dataclass(frozen=True)
class Period:
    """Local days `start`…`end`, both included."""

    key: str
    label: str
    start: date
    end: date

    @property
    def days(self):
        return (self.end - self.start).days + 1


PERIOD_CHOICES = (
    ("today", _("Hôm nay")),
    ("7d", _("7 ngày qua")),
    ("month", _("Tháng này")),
    ("range", _("Khoảng ngày chọn")),
)


def period(key, *, start=None, end=None, today=None):
    """The Period for `key` ("today", "7d", "month", or "range" with `start` and `end`)."""
    today = today or timezone.localdate()
    labels = dict(PERIOD_CHOICES)
    if key == "today":
        return Period(key, labels[key], today, today)
    if key == "month":
        return Period(key, labels[key], today.replace(day=1), today)
    if key == "range" and start is not None and end is not None:
        return Period(key, labels[key], min(start, end), max(start, end))
    return Period("7d", labels["7d"], today - timedelta(days=6), today)


def top_articles(span, *, limit=TOP_LIMIT):
    """[{"id", "title", "category", "author", "views"}, …]: the most read articles of `span`, most first."""
    rows = (
        ArticleDayViews.objects.filter(day__range=(span.start, span.end))
        .values("article_id", "article__title", "article__category__name", "article__author")
        .annotate(views=Sum("views"))
        .order_by("-views", "article_id")[:limit]
    )
    return [
        {
            "id": row["article_id"],
            "title": row["article__title"],
            "category": row["article__category__name"],
            "author": row["article__author"],
            "views": row["views"],
        }
        for row in rows
    ]


def views_by_category(span):
    """[{"category", "articles", "views"}, …] of `span`, most read first."""
    rows = (
        ArticleDayViews.objects.filter(day__range=(span.start, span.end))
        .values("article__category__name")
        .annotate(views=Sum("views"))
        .order_by("-views", "article__category__name")
    )
    articles = _articles_read(span, "article__category__name")
    return [
        {
            "category": row["article__category__name"],
            "articles": articles.get(row["article__category__name"], 0),
            "views": row["views"],
        }
        for row in rows
    ]


def views_by_author(span):
    """[{"author", "articles", "views"}, …] of `span`, most read first (articles without an author together)."""
    rows = (
        ArticleDayViews.objects.filter(day__range=(span.start, span.end))
        .values("article__author")
        .annotate(views=Sum("views"))
        .order_by("-views", "article__author")
    )
    articles = _articles_read(span, "article__author")
    return [
        {"author": row["article__author"], "articles": articles.get(row["article__author"], 0), "views": row["views"]}
        for row in rows
    ]


def _articles_read(span, field):
    """{value of `field`: how many distinct articles were read in `span`} (one query)."""
    pairs = (
        ArticleDayViews.objects.filter(day__range=(span.start, span.end)).values_list(field, "article_id").distinct()
    )
    found = {}
    for value, _article in pairs:
        found[value] = found.get(value, 0) + 1
    return found


def article_days(article, *, days=ARTICLE_DAYS):
    """[(day, views), …] of `article`'s first `days` local days from its publication (up to today), zeros included."""
    first = timezone.localdate(article.published_at)
    last = min(first + timedelta(days=days - 1), timezone.localdate())
    counted = dict(
        ArticleDayViews.objects.filter(article=article, day__range=(first, last)).values_list("day", "views")
    )
    return [(day, counted.get(day, 0)) for day in _days(first, last)]


def visits_per_day(*, days=VISIT_DAYS, today=None):
    """[(day, visits), …] for the last `days` local days, oldest first, zeros included."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    counted = dict(
        VisitCounter.objects.filter(period=VisitCounter.Period.DAY, start__range=(first, today))
        .values("start")
        .annotate(visits=Sum("visits"))
        .values_list("start", "visits")
    )
    return [(day, counted.get(day, 0)) for day in _days(first, today)]


def _days(first, last):
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def bars(series):
    """[(day, value)] as bars of a chart: each with its x, y, width and height in percent of the plot
    (numbers, to be written with `stringformat` in SVG attributes: never localised)."""
    top = max((value for _day, value in series), default=0) or 1
    width = 100 / max(len(series), 1)
    return [
        {
            "day": day,
            "value": value,
            "x": round(n * width, 3),
            "width": round(width * 0.8, 3),
            "height": round(100 * value / top, 3),
        }
        for n, (day, value) in enumerate(series)
    ]
