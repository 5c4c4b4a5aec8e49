"""Export a catalog version in the official layout, as .xlsx or .docx."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogs.models import Catalog

from ...layout.document import write_catalog_docx
from ...layout.workbook import write_catalog

WRITERS = {".xlsx": write_catalog, ".docx": write_catalog_docx}


class Command(BaseCommand):
    help = _(
        "Write a catalog in the official layout (title, grouped header, merged "
        "first-level cells, ■/□ channels, √ ticks, 不详 where the catalog does not "
        "say, 本地未开展 with the reason for omitted rows) to an .xlsx or .docx file."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the catalog version here, not the program's version.
        return super().create_parser(
            prog_name, subcommand, conflict_handler="resolve", **kwargs
        )

    def add_arguments(self, parser):
        parser.add_argument("key", help=_("The catalog key, e.g. employment."))
        parser.add_argument(
            "--version", type=int, help=_("The version; the latest by default.")
        )
        parser.add_argument(
            "-o", "--output", required=True, help=_("The .xlsx or .docx file to write.")
        )

    def handle(self, *args, **options):
        key, version = options["key"], options["version"]
        catalogs = Catalog.objects.filter(key=key).select_related("domain")
        catalog = (
            catalogs.filter(version=version).first()
            if version
            else catalogs.order_by("-version").first()
        )
        if catalog is None and version:
            raise CommandError(
                _("The catalog “%(key)s” has no version %(version)s.")
                % {"key": key, "version": version}
            )
        if catalog is None:
            raise CommandError(_("No catalog has the key “%(key)s”.") % {"key": key})
        output = Path(options["output"])
        writer = WRITERS.get(output.suffix.lower())
        if writer is None:
            raise CommandError(_("The output file must end in .xlsx or .docx."))
        try:
            with output.open("wb") as stream:
                writer(catalog, stream)
        except OSError as exc:
            raise CommandError(
                _("%(path)s could not be written: %(error)s.")
                % {"path": output, "error": exc.strerror or exc}
            ) from exc
        count = catalog.items.count()
        self.stdout.write(
            _("Wrote %(title)s, version %(version)s (%(count)s items), to %(path)s.")
            % {
                "title": catalog.title,
                "version": catalog.version,
                "count": count,
                "path": output,
            }
        )
        self.stdout.write(
            _("Items found: %(count)s; files created: 1; errors: 0.") % {"count": count}
        )
