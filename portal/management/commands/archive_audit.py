"""Move history and sign-in records older than N days (at least six months) to files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.retention import (
    MIN_RETENTION_DAYS,
    ArchiveError,
    archive_cutoff,
    audit_archive,
    audit_count_old,
)

BAR_WIDTH = 30


class Command(BaseCommand):
    help = _(
        "Archive the history of every model and the sign-in records older than "
        "--older-than-days (at least %(minimum)s) into gzipped JSON-lines files in "
        "--out, then delete exactly the archived rows, chunk by chunk. Nothing is "
        "deleted before its file is written and read back. The files load back "
        "with `manage.py loaddata`."
    ) % {"minimum": MIN_RETENTION_DAYS}

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            required=True,
            help=_("Archive records older than this many days (at least 183)."),
        )
        parser.add_argument(
            "--out", required=True, help=_("The folder the archive files go to.")
        )
        parser.add_argument(
            "--chunk",
            type=int,
            default=5000,
            help=_("Rows per file and per deleting transaction (default 5000)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Only count the records that would be archived."),
        )

    def handle(self, *args, **options):
        try:
            cutoff = archive_cutoff(older_than_days=options["older_than_days"])
            counts = audit_count_old(cutoff=cutoff)
            found = sum(counts.values())
            if options["dry_run"]:
                self.stdout.write(
                    _(
                        "Audit records older than %(cutoff)s: %(found)s; nothing "
                        "was written or deleted (dry run)."
                    )
                    % {"cutoff": cutoff.isoformat(), "found": found}
                )
                return
            show = options["verbosity"] > 0
            result = audit_archive(
                cutoff=cutoff,
                out_dir=Path(options["out"]),
                chunk_size=options["chunk"],
                progress=self._progress if show else None,
            )
        except ArchiveError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Audit records older than %(cutoff)s found: %(found)s; archived and "
                "deleted: %(archived)s in %(files)s files in %(out)s; errors: 0."
            )
            % {
                "cutoff": cutoff.isoformat(),
                "found": found,
                "archived": sum(result.rows.values()),
                "files": len(result.files),
                "out": options["out"],
            }
        )

    def _progress(self, label: str, done: int, total: int) -> None:
        """A progress bar on stderr per table, redrawn in place after each chunk."""
        filled = int(BAR_WIDTH * done / total) if total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        ending = "\n" if done >= total else ""
        self.stderr.write(f"\r[{bar}] {done}/{total} {label}", ending=ending)
        self.stderr.flush()
