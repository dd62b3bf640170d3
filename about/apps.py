from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    name = "about"
    verbose_name = _("Giới thiệu và liên hệ")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from about.sitemaps import AboutSitemap
        from news.sitemaps import sitemaps

        sitemaps["about"] = AboutSitemap()
