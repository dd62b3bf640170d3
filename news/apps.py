from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default = True  # apps.py holds two configs; this one is the news app's
    name = "news"
    verbose_name = _("Tin tức")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from news.caching import connect_signals

        connect_signals()


class HitCountConfig(AppConfig):
    """django-hitcount 1.3.5 declares no `default_auto_field`; keep its integer keys.

    Its migrations live in `news/hitcount_migrations/` (MIGRATION_MODULES), so the
    one Django 5.2 asks for is kept in this project, not in the installed package.
    """

    name = "hitcount"
    label = "hitcount"
    verbose_name = _("Lượt xem")
    default_auto_field = "django.db.models.AutoField"
