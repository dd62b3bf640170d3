from .content import Article, ArticleQuerySet, Category, Video, WebLink
from .counters import ArticleDayViews, Presence, VisitCounter
from .workflow import Reviewed, ReviewedQuerySet, Status

__all__ = [
    "Article",
    "ArticleDayViews",
    "ArticleQuerySet",
    "Category",
    "Presence",
    "Reviewed",
    "ReviewedQuerySet",
    "Status",
    "Video",
    "VisitCounter",
    "WebLink",
]
