"""App configuration for disclosure."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("Disclosure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .public import signals

        signals.connect()
