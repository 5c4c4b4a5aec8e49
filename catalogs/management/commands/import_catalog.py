"""Import a standard catalog from the official layout (.xlsx or .docx); dry run unless --commit."""

from argparse import ArgumentTypeError
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from catalogs.layout.rows import CatalogDataError, RowError
from catalogs.models import Catalog, CatalogStatus
from catalogs.services import catalog_create_version

from ...channels import Vocabulary
from ...layout.files import layout_file_read
from ...layout.rows import CatalogData


class _DryRun(Exception):
    """Raised inside the transaction of a dry run to roll every write back."""

    def __init__(self, catalog):
        self.catalog = catalog


def _issued(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        # argparse reports this as a usage error (CommandError under call_command).
        raise ArgumentTypeError(
            _("The date “%(value)s” is not a date in the form YYYY-MM-DD.")
            % {"value": text}
        ) from None


class Command(BaseCommand):
    help = _(
        "Read a standard catalog in the official layout from an .xlsx workbook or "
        "the tables of a .docx document into a new catalog version. Nothing is "
        "written without --commit."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The .xlsx or .docx file."))
        parser.add_argument(
            "--domain", required=True, help=_("The domain key, e.g. employment.")
        )
        parser.add_argument("--title", required=True, help=_("The catalog's title."))
        parser.add_argument(
            "--issuer", required=True, help=_("The body that issued the catalog.")
        )
        parser.add_argument(
            "--document-no", default="", help=_("The issuing document's number.")
        )
        parser.add_argument(
            "--issued", type=_issued, help=_("The date of issue, YYYY-MM-DD.")
        )
        parser.add_argument(
            "--key",
            help=_(
                "The catalog key; an existing key gets a new version. Defaults to "
                "the domain key."
            ),
        )
        parser.add_argument(
            "--commit", action="store_true", help=_("Write the catalog.")
        )
        parser.add_argument(
            "--reason", default="", help=_("The change reason recorded in history.")
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        key = options["key"] or options["domain"]
        if not path.is_file():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path})
        try:
            items, errors = layout_file_read(
                path, name=path.name, vocabulary=Vocabulary.load()
            )
        except ValidationError as exc:
            self._fail([RowError(message) for message in exc.messages], found=0)
        data = CatalogData(
            domain_key=options["domain"],
            title=options["title"],
            issuer=options["issuer"],
            document_no=options["document_no"],
            issued_on=options["issued"],
            sources=[{"file": path.name}],
            items=items,
        )
        counts = [0, 0, 0, 0]
        for _item, level in data.walk():
            counts[min(level, 3)] += 1
        found = sum(counts)
        self.stdout.write(
            _(
                "Read %(level1)s first-level, %(level2)s second-level and %(level3)s "
                "third-level items from %(file)s."
            )
            % {
                "level1": counts[1],
                "level2": counts[2],
                "level3": counts[3],
                "file": path.name,
            }
        )
        other = Catalog.objects.filter(key=key).exclude(domain__key=data.domain_key)
        if other.exists():
            errors.append(
                RowError(
                    _(
                        "The catalog “%(key)s” belongs to another domain, not “%(domain)s”."
                    )
                    % {"key": key, "domain": data.domain_key}
                )
            )
        if errors:
            self._fail(errors, found=found)
        reason = options["reason"] or _("Imported from %(file)s.") % {"file": path.name}
        try:
            with transaction.atomic():
                catalog = catalog_create_version(
                    data=data, key=key, reason=reason, status=CatalogStatus.DRAFT
                )
                if not options["commit"]:
                    raise _DryRun(catalog)
        except _DryRun as dry_run:
            self.stdout.write(
                _(
                    "Dry run: version %(version)s of “%(key)s” would be created. Run "
                    "again with --commit to write it."
                )
                % {"version": dry_run.catalog.version, "key": key}
            )
            self._summary(found=found, created=0, errors=0)
            return
        except CatalogDataError as exc:
            self._fail(exc.errors, found=found)
        self.stdout.write(
            _(
                "Created version %(version)s of “%(key)s” as a draft: %(title)s. Put "
                "it in force with activate_catalog --standard %(key)s --version "
                "%(version)s --reason … or in the admin."
            )
            % {"version": catalog.version, "key": key, "title": catalog.title}
        )
        self._summary(found=found, created=1, errors=0)

    def _summary(self, *, found: int, created: int, errors: int) -> str:
        line = _(
            "Items found: %(found)s; catalogs created: %(created)s; errors: %(errors)s."
        ) % {"found": found, "created": created, "errors": errors}
        if not errors:
            self.stdout.write(line)
        return line

    def _fail(self, errors: list[RowError], *, found: int):
        lines = [str(error) for error in errors]
        lines.append(self._summary(found=found, created=0, errors=len(errors)))
        lines.append(_("Nothing was written."))
        raise CommandError("\n".join(lines))
