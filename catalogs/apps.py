"""App configuration for catalogs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogsConfig(AppConfig):
    name = "catalogs"
    verbose_name = _("Disclosure catalogs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.domains import register_domains

        from .models import Domain

        # The ground keeps an organisation's domains as keys; it learns the
        # vocabulary (to validate them and to offer them by name) from here.
        register_domains(lambda: list(Domain.objects.values_list("key", "name")))
