"""Give publications published before 索引号 existed their index numbers."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from disclosure.metadata.indexnumbers import index_numbers_backfill
from disclosure.public import versions


class Command(BaseCommand):
    help = _(
        "Give every published or withdrawn publication without an index number "
        "its number, in the order they were published. Dry run unless --write."
    )

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help=_("Save the numbers."))

    def handle(self, *args, **options):
        with transaction.atomic():
            found, given = index_numbers_backfill(write=options["write"])
            if given:  # bulk writes send no signals: the pages show the numbers
                versions.bump_everything()
        self.stdout.write(
            _("Found %(found)s publications without an index number; gave %(given)s.")
            % {"found": found, "given": given}
        )
        if not options["write"] and found:
            self.stdout.write(_("Nothing was saved: run again with --write."))
