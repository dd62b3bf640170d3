from .content import Article, ArticleQuerySet, Category, Video, WebLink
from .counters import Presence, VisitCounter
from .workflow import Reviewed, ReviewedQuerySet, Status

__all__ = [
    "Article",
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
