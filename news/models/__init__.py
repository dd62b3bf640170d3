from .content import Article, ArticleQuerySet, Category, Video, WebLink
from .counters import Presence, VisitCounter

__all__ = ["Article", "ArticleQuerySet", "Category", "Presence", "Video", "VisitCounter", "WebLink"]
