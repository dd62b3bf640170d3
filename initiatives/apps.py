from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Sáng kiến")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from news.sitemaps import sitemaps

        from . import tallies
        from .sitemaps import LibraryEntrySitemap, LibrarySitemap

        tallies.connect_signals()
        sitemaps["initiative-library"] = LibrarySitemap()
        sitemaps["initiatives"] = LibraryEntrySitemap()
