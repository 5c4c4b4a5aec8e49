"""Recount every timeliness tally from the publications and requests."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.reports.timeliness import tallies


class Command(BaseCommand):
    help = _(
        "Recount the timeliness statistics' tallies from the publications and "
        "requests (after bulk writes or a restore; saves keep them in step)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        total = tallies.rebuild()
        if options["verbosity"] > 0:
            self.stdout.write(
                _("%(count)s timeliness tallies recounted in %(seconds).1f s.")
                % {"count": f"{total:,}", "seconds": time.perf_counter() - started}
            )
