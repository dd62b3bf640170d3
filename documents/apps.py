from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from documents.search import SECTION
        from documents.sitemaps import DocumentListSitemap, DocumentSitemap
        from news.freshness import moves_generation
        from news.search import register_section
        from news.sitemaps import sitemaps

        sitemaps["document_list"] = DocumentListSitemap()
        sitemaps["documents"] = DocumentSitemap()
        moves_generation(*(model for model in self.get_models() if not model.__name__.startswith("Historical")))
        register_section(SECTION)
