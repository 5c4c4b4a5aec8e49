"""App configuration for the ground layer."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Regions, organisations and calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps

        from .access import spraying  # noqa: F401 - counts failed sign-ins by address

        # django-axes names its app "Axes" untranslated; the admin lists it by this.
        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = _("Sign-in security")
