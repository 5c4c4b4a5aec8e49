"""Export a province's filings as one .zip for the ministry: a workbook per county
and domain in the official layout, and a summary workbook."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogs.models import Domain, FilingStatus
from portal.models import Region, RegionLevel

from ...filings.exports import FETCH_CHUNK, bundle_chunks
from ...filings.selectors import bundle_filings

BAR_WIDTH = 30


class Command(BaseCommand):
    help = _(
        "Write the newest filing of every county body and domain in a province to a "
        ".zip file: one workbook per county and domain in the official layout and a "
        "summary workbook. The zip is written as a stream, so memory stays flat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province", required=True, help=_("The province's code, e.g. 41.")
        )
        parser.add_argument(
            "--domain", default="", help=_("Only this domain's key, e.g. employment.")
        )
        parser.add_argument(
            "--status",
            action="append",
            choices=list(FilingStatus.values),
            help=_("Only filings in this status (repeat for several)."),
        )
        parser.add_argument(
            "-o", "--output", required=True, help=_("The .zip file to write.")
        )

    def handle(self, *args, **options):
        province = Region.objects.filter(
            code=options["province"], level=RegionLevel.PROVINCE
        ).first()
        if province is None:
            raise CommandError(
                _("No province has the code “%(code)s”.")
                % {"code": options["province"]}
            )
        domain = options["domain"]
        if domain and not Domain.objects.filter(key=domain).exists():
            raise CommandError(_("No domain has the key “%(key)s”.") % {"key": domain})
        output = Path(options["output"])
        if output.suffix.lower() != ".zip":
            raise CommandError(_("The output file must end in .zip."))
        filings = bundle_filings(
            province=province.code, domain=domain, statuses=options["status"] or []
        )
        total = filings.count()
        show = options["verbosity"] > 0
        title = _("Filings of %(province)s for the record, exported %(date)s") % {
            "province": province.name,
            "date": timezone.localdate().isoformat(),
        }
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("wb") as stream:
                chunks = bundle_chunks(
                    filings.iterator(chunk_size=FETCH_CHUNK),
                    title=title,
                    progress=self._progress(total) if show else None,
                )
                for chunk in chunks:
                    stream.write(chunk)
            os.replace(partial, output)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(
                _("%(path)s could not be written: %(error)s.")
                % {"path": output, "error": exc.strerror or exc}
            ) from exc
        except BaseException:
            partial.unlink(missing_ok=True)  # nothing half-written is left behind
            raise
        if show:
            self.stderr.write("")
        self.stdout.write(
            _(
                "Filings found: %(found)s; workbooks written: %(written)s and a "
                "summary; skipped: 0; errors: 0. Wrote %(path)s."
            )
            % {"found": total, "written": total, "path": output}
        )

    def _progress(self, total: int):
        """A progress bar on stderr, redrawn in place after each workbook."""

        def show(number: int, filing) -> None:
            done = int(BAR_WIDTH * number / total) if total else BAR_WIDTH
            bar = "#" * done + "." * (BAR_WIDTH - done)
            label = filing.snapshot["organisation"]["region_name"]
            self.stderr.write(f"\r[{bar}] {number}/{total} {label}", ending="")
            self.stderr.flush()

        return show
