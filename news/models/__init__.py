from .content import Article, ArticleQuerySet, Category, Video, WebLink
from .counters import ArticleDayViews, Presence, VisitCounter
from .generation import Generation
from .workflow import Reviewed, ReviewedQuerySet, Status

__all__ = [
    "Article",
    "ArticleDayViews",
    "ArticleQuerySet",
    "Category",
    "Generation",
    "Presence",
    "Reviewed",
    "ReviewedQuerySet",
    "Status",
    "Video",
    "VisitCounter",
    "WebLink",
]
