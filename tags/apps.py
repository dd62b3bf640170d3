from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TagsConfig(AppConfig):
    name = "tags"
    verbose_name = _("Thẻ")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from news.freshness import moves_generation
        from news.sitemaps import sitemaps
        from tags.sitemaps import TagSitemap

        sitemaps["tags"] = TagSitemap()
        moves_generation(*self.get_models())
