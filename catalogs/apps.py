"""App configuration for catalogs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogsConfig(AppConfig):
    name = "catalogs"
    verbose_name = _("Disclosure catalogs")
    default_auto_field = "django.db.models.BigAutoField"
