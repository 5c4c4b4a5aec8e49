"""Build fixtures/ from the reference catalogs; --check fails when they have drifted."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogs.reference import fixture_files


class Command(BaseCommand):
    help = _(
        "Build the catalog fixtures from the reference data (shared/reference/catalogs)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reference",
            default=str(settings.REFERENCE_CATALOGS_DIR),
            help=_("Folder holding the reference catalog JSON files."),
        )
        parser.add_argument(
            "--output",
            default=str(settings.FIXTURES_DIR),
            help=_("Folder to write the fixtures to."),
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=_("Write nothing; fail if a fixture differs from its reference."),
        )

    def handle(self, *args, **options):
        reference = Path(options["reference"])
        if not reference.is_dir():
            raise CommandError(
                _("The reference folder %(path)s does not exist.") % {"path": reference}
            )
        try:
            files = fixture_files(reference)
        except (ValueError, KeyError) as exc:
            raise CommandError(
                _("The reference data cannot be read: %(error)s") % {"error": exc}
            ) from exc
        output = Path(options["output"])
        written = unchanged = 0
        drifted = []
        for name, content in files.items():
            target = output / name
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current == content:
                unchanged += 1
                continue
            if options["check"]:
                drifted.append(name)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            written += 1
        if drifted:
            raise CommandError(
                _(
                    "These fixtures differ from the reference data: %(files)s. "
                    "Run build_catalog_fixtures to rebuild them."
                )
                % {"files": ", ".join(drifted)}
            )
        self.stdout.write(
            _("Fixtures: %(written)s written, %(unchanged)s unchanged.")
            % {"written": written, "unchanged": unchanged}
        )
