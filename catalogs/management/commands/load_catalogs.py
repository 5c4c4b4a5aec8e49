"""Load the channel vocabulary, the domains and the standard catalogs from fixtures/."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogs.layout.rows import CatalogDataError
from catalogs.models import Catalog
from catalogs.reference import catalog_data_from_fixture
from catalogs.services import catalog_create_version, vocabulary_load


class Command(BaseCommand):
    help = _(
        "Load the standard catalogs from fixtures/ (catalogs already loaded are skipped)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures",
            default=str(settings.FIXTURES_DIR),
            help=_("Folder holding vocabulary.json and catalogs/*.json."),
        )

    def handle(self, *args, **options):
        folder = Path(options["fixtures"])
        vocabulary_path = folder / "vocabulary.json"
        if not vocabulary_path.exists():
            raise CommandError(
                _("%(path)s does not exist.") % {"path": vocabulary_path}
            )
        channels, domains = vocabulary_load(
            vocabulary=json.loads(vocabulary_path.read_text(encoding="utf-8"))
        )
        created = skipped = 0
        for path in sorted((folder / "catalogs").glob("*.json")):
            fixture = json.loads(path.read_text(encoding="utf-8"))
            if Catalog.objects.filter(key=fixture["key"]).exists():
                skipped += 1
                continue
            try:
                catalog = catalog_create_version(
                    data=catalog_data_from_fixture(fixture),
                    key=fixture["key"],
                    reason=_("Loaded from the reference fixtures."),
                )
            except CatalogDataError as exc:
                raise CommandError(f"{path.name}:\n{exc}") from exc
            created += 1
            self.stdout.write(
                _("Loaded %(title)s (%(count)s items).")
                % {"title": catalog.title, "count": catalog.items.count()}
            )
        self.stdout.write(
            _(
                "Channels: %(channels)s, domains: %(domains)s; catalogs created: "
                "%(created)s, already present: %(skipped)s, errors: 0."
            )
            % {
                "channels": channels,
                "domains": domains,
                "created": created,
                "skipped": skipped,
            }
        )
