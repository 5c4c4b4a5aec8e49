"""Seed the working-day calendar from the chinesecalendar package (years not yet present)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.services import CalendarError, calendar_seed


class Command(BaseCommand):
    help = _(
        "Seed the working-day calendar (holidays and adjusted workdays) for a range of years."
    )

    def add_arguments(self, parser):
        parser.add_argument("--first-year", type=int, default=2004)
        parser.add_argument("--last-year", type=int, default=2026)

    def handle(self, *args, **options):
        first, last = options["first_year"], options["last_year"]
        if first > last:
            raise CommandError(_("--first-year must not be after --last-year."))
        try:
            created = calendar_seed(first_year=first, last_year=last)
        except (CalendarError, NotImplementedError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Calendar %(first)s–%(last)s: %(created)s days created.")
            % {"first": first, "last": last, "created": created}
        )
