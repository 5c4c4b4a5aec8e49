"""App configuration for disclosure."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("Disclosure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .duedates import services as due_dates
        from .duedates import versions
        from .public import signals

        signals.connect()
        # The calendar (portal, the ground layer) announces changes instead of
        # importing this app; provisional due dates follow them here.
        due_dates.connect()
        # Likewise catalogs announce a version put in force; drafts under the
        # superseded version's rows follow them into it.
        versions.connect()
