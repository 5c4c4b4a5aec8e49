"""Rebuild the public search index and move every public cache version."""

import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from disclosure.public import versions
from disclosure.public.search import index


class Command(BaseCommand):
    help = _(
        "Rebuild the search index of public publications (after bulk writes or a "
        "restore) and invalidate every cached public page."
    )

    def handle(self, *args, **options):
        def progress(done):
            if options["verbosity"] > 0:
                sys.stderr.write(
                    "\r" + _("Indexed %(count)s publications") % {"count": done}
                )
                sys.stderr.flush()

        with transaction.atomic():
            total = index.rebuild_index(progress=progress)
            versions.bump_everything()
        if options["verbosity"] > 0:
            sys.stderr.write("\n")
            self.stdout.write(
                _("The search index holds %(count)s public publications.")
                % {"count": total}
            )
