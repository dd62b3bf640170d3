from .content import Article, ArticleQuerySet, Category, Video, WebLink
from .counters import ArticleDayViews, Presence, VisitCounter

__all__ = [
    "Article",
    "ArticleDayViews",
    "ArticleQuerySet",
    "Category",
    "Presence",
    "Video",
    "VisitCounter",
    "WebLink",
]
