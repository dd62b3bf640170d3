from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Bảo mật")

    def ready(self):
        from security import checks, lockout, twofactor  # noqa: F401 (registers checks and signal receivers)
