"""The figures a backup records and a restore must give back: counts, view totals, campaign tallies, and the
number of rows of every table.

They are read in one transaction, so they describe one moment of the database (the backup reads them in
the snapshot that `pg_dump` dumps).
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.test.utils import override_settings
from hitcount.models import Hit, HitCount

from initiatives.models import Campaign, Initiative, Unit
from initiatives.tallies import campaign_tally
from news.models import Article, Category, Video, VisitCounter, WebLink


def portal_figures():
    """A dict of plain, JSON-ready figures of the whole portal, read from the database (never a cache)."""
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        return _figures()


def _figures():
    return {
        "articles": Article.objects.count(),
        "published_articles": Article.objects.published().count(),
        "categories": Category.objects.count(),
        "videos": Video.objects.count(),
        "web_links": WebLink.objects.count(),
        "article_views": HitCount.objects.aggregate(total=Sum("hits"))["total"] or 0,
        "hits": Hit.objects.count(),
        "visits": {
            f"{row['period']}:{row['start'].isoformat()}": row["total"]
            for row in VisitCounter.objects.values("period", "start")
            .annotate(total=Sum("visits"))
            .order_by("period", "start")
        },
        "units": Unit.objects.count(),
        "campaigns": Campaign.objects.count(),
        "initiatives": Initiative.objects.count(),
        "tallies": {campaign.slug: _root_figures(campaign) for campaign in Campaign.objects.order_by("slug")},
        "accounts": get_user_model().objects.count(),
        "rows": {model._meta.label: model._default_manager.count() for model in _tables()},
    }


def _tables():
    """Every concrete model with its own table, so that no table can come back short unnoticed."""
    return sorted(
        (model for model in apps.get_models(include_auto_created=True) if not model._meta.proxy),
        key=lambda model: model._meta.label,
    )


def _root_figures(campaign):
    root = campaign_tally(campaign).root
    if root is None:
        return None
    return {name: _plain(getattr(root, name)) for name in ("registered", "submitted", "approved", "awarded")}


def _plain(value):
    return int(value or 0)
