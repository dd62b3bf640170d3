"""The project's own deployment checks (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

NO_REDIS = "lddsite.W001"


@register(Tags.caches, deploy=True)
def shared_cache_configured(app_configs, **kwargs):
    """Without REDIS_URL the site runs, but every process keeps its own cache."""
    if getattr(settings, "REDIS_URL", None):
        return []
    return [
        Warning(
            "REDIS_URL is not set: each app process keeps its own cache.",
            hint=(
                "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so that cached pages, counters' fast path, "
                "visit windows and staff sessions are shared by every process and server."
            ),
            id=NO_REDIS,
        )
    ]
