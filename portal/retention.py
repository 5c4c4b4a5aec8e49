"""Audit retention: old history and sign-in records move to archive files, never vanish.

Every model's history (django-simple-history) and the sign-in records
(django-axes' ``AccessLog`` and ``AccessFailureLog``) are kept in the database
for at least ``MIN_RETENTION_DAYS`` (网络安全法 Art. 21: six months). Older rows
are written, one chunk at a time, to gzipped JSON-lines files that
``manage.py loaddata`` reads back; a chunk's rows are deleted only after its
file was written, synced and read back identical, each chunk in its own
transaction.
"""

import gzip
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.models import HistoricalChanges

# Six months: no audit record younger than this is ever archived.
MIN_RETENTION_DAYS = 183
MAX_CHUNK = 100_000
SIGN_IN_RECORDS = (("axes", "AccessLog"), ("axes", "AccessFailureLog"))


class ArchiveError(Exception):
    """Archiving stopped; nothing of the chunk in hand was deleted."""


@dataclass
class ArchiveResult:
    rows: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class AuditSource:
    model: type[models.Model]
    date_field: str

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def older_than(self, cutoff: datetime) -> models.QuerySet:
        return self.model._base_manager.filter(
            **{f"{self.date_field}__lt": cutoff}
        ).order_by("pk")


def audit_sources() -> list[AuditSource]:
    """Every history table in the project, then the sign-in records."""
    sources = [
        AuditSource(model, "history_date")
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
    ]
    sources.sort(key=lambda source: source.label)
    sources += [
        AuditSource(apps.get_model(app, name), "attempt_time")
        for app, name in SIGN_IN_RECORDS
    ]
    return sources


def archive_cutoff(*, older_than_days: int, now: datetime | None = None) -> datetime:
    """The moment before which records are archived; refuses less than six months."""
    if older_than_days < MIN_RETENTION_DAYS:
        raise ArchiveError(
            gettext(
                "Audit records must be kept for at least %(minimum)s days (six "
                "months); %(days)s days is too short."
            )
            % {"minimum": MIN_RETENTION_DAYS, "days": older_than_days}
        )
    return (now or timezone.now()) - timedelta(days=older_than_days)


def audit_count_old(*, cutoff: datetime) -> dict[str, int]:
    """How many rows of each audit table are older than ``cutoff``."""
    return {s.label: s.older_than(cutoff).count() for s in audit_sources()}


def audit_archive(
    *,
    cutoff: datetime,
    out_dir: Path,
    chunk_size: int = 5000,
    progress: Callable[[str, int, int], None] | None = None,
) -> ArchiveResult:
    """Move every audit row older than ``cutoff`` into files in ``out_dir``.

    Returns the rows archived per table and the files written (or found
    already written by an interrupted run).
    Raises ``ArchiveError`` when a file cannot be written or verified, or when
    the rows changed under it; the chunk in hand is then left in the database.
    """
    if not 1 <= chunk_size <= MAX_CHUNK:
        raise ArchiveError(
            gettext("The chunk size must be between 1 and %(maximum)s.")
            % {"maximum": MAX_CHUNK}
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(_cannot_write(out_dir, exc)) from exc
    result = ArchiveResult()
    for source in audit_sources():
        total = source.older_than(cutoff).count()
        done = 0
        while done < total:
            rows = list(source.older_than(cutoff)[:chunk_size])
            if not rows:
                break
            result.files.append(
                _archive_chunk(source, rows, cutoff=cutoff, out_dir=out_dir)
            )
            done += len(rows)
            if progress:
                progress(source.label, done, total)
        result.rows[source.label] = done
    return result


def _archive_chunk(source: AuditSource, rows, *, cutoff, out_dir: Path) -> Path:
    pks = [row.pk for row in rows]
    data = serializers.serialize("jsonl", rows).encode("utf-8")
    path = out_dir / f"{source.label}.{pks[0]}-{pks[-1]}.jsonl.gz"
    _write_verified(path, data, pks)
    with transaction.atomic():
        _deleted, per_model = (
            source.older_than(cutoff).filter(pk__gte=pks[0], pk__lte=pks[-1]).delete()
        )
        if per_model != {source.model._meta.label: len(pks)}:
            # Rows came or went since they were written (or a delete cascaded):
            # undo, so nothing leaves the database that is not in the file.
            raise ArchiveError(
                gettext(
                    "The rows of %(table)s changed while they were archived; "
                    "nothing of this chunk was deleted. Run the command again."
                )
                % {"table": source.label}
            )
    return path


def _write_verified(path: Path, data: bytes, pks: list) -> None:
    """Write ``data`` gzipped to ``path``, synced, and read it back before trusting it.

    A file left by an interrupted run is accepted only if it holds exactly
    these rows; an archive file is never overwritten.
    """
    if path.exists():
        if _read_back(path) == data:
            return
        raise ArchiveError(
            gettext(
                "%(path)s already exists with other content; it was left as it is "
                "and nothing was deleted."
            )
            % {"path": path}
        )
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                gz.write(data)
            raw.flush()
            os.fsync(raw.fileno())
        if _read_back(partial) != data or _pks(data) != pks:
            raise ArchiveError(
                gettext("%(path)s did not read back as written; nothing was deleted.")
                % {"path": path}
            )
        os.replace(partial, path)
        _sync_directory(path.parent)
    except OSError as exc:
        raise ArchiveError(_cannot_write(path, exc)) from exc
    finally:
        partial.unlink(missing_ok=True)


def _read_back(path: Path) -> bytes:
    with gzip.open(path, "rb") as stream:
        return stream.read()


def _pks(data: bytes) -> list:
    return [json.loads(line)["pk"] for line in data.splitlines() if line.strip()]


def _sync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _cannot_write(path: Path, exc: OSError) -> str:
    return gettext("%(path)s could not be written: %(error)s; nothing was deleted.") % {
        "path": path,
        "error": exc.strerror or exc,
    }
