"""App configuration for the ground layer."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Regions, organisations and calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .access import spraying  # noqa: F401 - counts failed sign-ins by address
