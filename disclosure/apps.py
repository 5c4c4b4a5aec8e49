"""App configuration for disclosure."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("Disclosure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogs.activity import register_row_activity

        from .duedates import services as due_dates
        from .duedates import versions
        from .duedates.selectors import row_activity
        from .public import signals
        from .reports.timeliness import tallies

        signals.connect()
        # The calendar (portal, the ground layer) announces changes instead of
        # importing this app; provisional due dates follow them here.
        due_dates.connect()
        # The timeliness tallies recount what a save, a delete or a calendar
        # change moves (after the due dates have followed the calendar).
        tallies.connect()
        # Likewise catalogs announce a version put in force; drafts under the
        # superseded version's rows follow them into it.
        versions.connect()
        # The staff's catalog page shows what was published under each row.
        register_row_activity(row_activity)
