"""Seed the working-day calendar from the chinesecalendar package; add next year provisionally."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.calendar.database import provisional_horizon
from portal.calendar.services import CalendarError, calendar_extend, calendar_seed


class Command(BaseCommand):
    help = _(
        "Seed the working-day calendar (holidays and adjusted workdays) for a range "
        "of years from the chinesecalendar package, then add the years up to next "
        "year as provisional ones (weekends and statutory holidays)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--first-year", type=int, default=2004)
        parser.add_argument("--last-year", type=int, default=2026)
        parser.add_argument(
            "--no-provisional",
            action="store_true",
            help=_("Do not add provisional years after the seeded ones."),
        )

    def handle(self, *args, **options):
        first, last = options["first_year"], options["last_year"]
        if first > last:
            raise CommandError(_("--first-year must not be after --last-year."))
        try:
            created = calendar_seed(first_year=first, last_year=last)
        except (CalendarError, NotImplementedError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Calendar %(first)s–%(last)s: %(created)s days written.")
            % {"first": first, "last": last, "created": created}
        )
        if options["no_provisional"]:
            return
        through = min(timezone.localdate().year + 1, provisional_horizon().year)
        added = calendar_extend(through_year=through)
        if added:
            self.stdout.write(
                _(
                    "Provisional years added (weekends and statutory holidays, to be "
                    "confirmed): %(years)s."
                )
                % {"years": ", ".join(str(y) for y in added)}
            )
