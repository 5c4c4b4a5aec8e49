"""Load the default negative list (the eleven Rizhao categories) where it is missing."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from disclosure.negativelist import RIZHAO_CATEGORIES, negative_list_load_defaults


class Command(BaseCommand):
    help = _("Load the default negative list of information not disclosed.")

    def handle(self, *args, **options):
        created = negative_list_load_defaults()
        self.stdout.write(
            _("Negative list: %(created)s created, %(skipped)s already present.")
            % {"created": created, "skipped": len(RIZHAO_CATEGORIES) - created}
        )
