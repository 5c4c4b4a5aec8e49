"""archive_audit: history and sign-in records older than six months go to verified
files, recent ones stay, and nothing is deleted that was not safely written."""

import errno
import gzip
import json
from datetime import timedelta

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from portal import retention
from portal.models import Region
from tests import factories

pytestmark = pytest.mark.django_db

HistoricalRegion = Region.history.model


@pytest.fixture
def aged():
    """Five region history rows and two sign-in records from 200 days ago, and
    recent ones of each kind."""
    long_ago = timezone.now() - timedelta(days=200)
    old_regions = [factories.region(f"4199{n:02d}") for n in range(1, 6)]
    old_history = HistoricalRegion.objects.filter(
        id__in=[r.pk for r in old_regions]
    ).order_by("history_id")
    old_ids = list(old_history.values_list("history_id", flat=True))
    old_history.update(history_date=long_ago)
    recent_region = factories.region("419990")
    recent_ids = list(
        HistoricalRegion.objects.filter(id=recent_region.pk).values_list(
            "history_id", flat=True
        )
    )
    old_login = AccessLog.objects.create(
        username="clerk", ip_address="192.0.2.1", user_agent="ua", http_accept="*/*"
    )
    old_failure = AccessFailureLog.objects.create(
        username="clerk", ip_address="192.0.2.1", user_agent="ua", http_accept="*/*"
    )
    AccessLog.objects.filter(pk=old_login.pk).update(attempt_time=long_ago)
    AccessFailureLog.objects.filter(pk=old_failure.pk).update(attempt_time=long_ago)
    recent_login = AccessLog.objects.create(
        username="clerk", ip_address="192.0.2.1", user_agent="ua", http_accept="*/*"
    )
    return {
        "old_history": old_ids,
        "recent_history": recent_ids,
        "old_login": old_login.pk,
        "old_failure": old_failure.pk,
        "recent_login": recent_login.pk,
    }


def archive(out, *, days=190, chunk=2, verbosity=0, **options):
    with translation.override("en"):
        call_command(
            "archive_audit",
            older_than_days=days,
            out=str(out),
            chunk=chunk,
            verbosity=verbosity,
            **options,
        )


def read(path):
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def history_files(out):
    return sorted(out.glob("portal.historicalregion.*.jsonl.gz"))


def test_old_rows_are_archived_in_chunks_and_recent_ones_kept(tmp_path, aged):
    archive(tmp_path)

    files = history_files(tmp_path)
    assert len(files) == 3  # five rows, chunks of two
    archived = [row for path in files for row in read(path)]
    assert sorted(row["pk"] for row in archived) == aged["old_history"]
    assert {row["model"] for row in archived} == {"portal.historicalregion"}
    assert all(row["fields"]["history_type"] == "+" for row in archived)

    assert not HistoricalRegion.objects.filter(
        history_id__in=aged["old_history"]
    ).exists()
    assert HistoricalRegion.objects.filter(
        history_id__in=aged["recent_history"]
    ).count() == len(aged["recent_history"])

    [logins] = tmp_path.glob("axes.accesslog.*.jsonl.gz")
    assert [row["pk"] for row in read(logins)] == [aged["old_login"]]
    [failures] = tmp_path.glob("axes.accessfailurelog.*.jsonl.gz")
    assert [row["pk"] for row in read(failures)] == [aged["old_failure"]]
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [
        aged["recent_login"]
    ]
    assert not AccessFailureLog.objects.exists()
    assert not list(tmp_path.glob("*.part"))


def test_the_archive_loads_back_with_loaddata(tmp_path, aged):
    archive(tmp_path)
    for path in sorted(tmp_path.glob("*.jsonl.gz")):
        call_command("loaddata", str(path), verbosity=0)
    assert HistoricalRegion.objects.filter(
        history_id__in=aged["old_history"]
    ).count() == len(aged["old_history"])
    assert AccessLog.objects.filter(pk=aged["old_login"]).exists()


def test_less_than_six_months_is_refused(tmp_path, aged):
    with pytest.raises(CommandError) as refused:
        archive(tmp_path, days=182)
    assert str(refused.value) == (
        "Audit records must be kept for at least 183 days (six months); 182 days "
        "is too short."
    )
    assert HistoricalRegion.objects.filter(history_id__in=aged["old_history"]).count()
    assert not list(tmp_path.iterdir())


def test_rows_younger_than_the_cutoff_are_never_archived(tmp_path, aged):
    archive(tmp_path, days=365)
    assert not list(tmp_path.iterdir())
    assert HistoricalRegion.objects.filter(
        history_id__in=aged["old_history"]
    ).count() == len(aged["old_history"])


def test_nothing_is_deleted_when_writing_fails(tmp_path, aged, monkeypatch):
    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(retention.os, "fsync", disk_full)
    with pytest.raises(CommandError) as failed:
        archive(tmp_path)
    assert str(failed.value).endswith(
        "could not be written: No space left on device; nothing was deleted."
    )
    assert HistoricalRegion.objects.filter(
        history_id__in=aged["old_history"]
    ).count() == len(aged["old_history"])
    assert AccessLog.objects.filter(pk=aged["old_login"]).exists()
    assert not list(tmp_path.iterdir())  # no partial file left behind


def test_nothing_is_deleted_when_the_file_does_not_read_back(
    tmp_path, aged, monkeypatch
):
    monkeypatch.setattr(retention, "_read_back", lambda path: b"")
    with pytest.raises(CommandError) as failed:
        archive(tmp_path)
    assert "did not read back as written; nothing was deleted." in str(failed.value)
    assert HistoricalRegion.objects.filter(
        history_id__in=aged["old_history"]
    ).count() == len(aged["old_history"])
    assert not list(tmp_path.iterdir())


def test_each_chunk_is_deleted_only_after_its_own_file(tmp_path, aged, monkeypatch):
    real_write = retention._write_verified
    calls = []

    def fail_on_second_chunk(path, data, pks):
        calls.append(pks)
        if len(calls) == 2:
            raise retention.ArchiveError("The disk went away.")
        real_write(path, data, pks)

    monkeypatch.setattr(retention, "_write_verified", fail_on_second_chunk)
    with pytest.raises(CommandError, match="The disk went away."):
        archive(tmp_path)
    first, rest = aged["old_history"][:2], aged["old_history"][2:]
    assert not HistoricalRegion.objects.filter(history_id__in=first).exists()
    assert HistoricalRegion.objects.filter(history_id__in=rest).count() == 3
    assert [row["pk"] for row in read(history_files(tmp_path)[0])] == first


def test_running_again_archives_nothing_more(tmp_path, aged):
    archive(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    archive(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_file_left_by_an_interrupted_run_is_reused_not_duplicated(tmp_path, aged):
    # The run was stopped after writing the first chunk, before deleting it.
    rows = list(
        HistoricalRegion.objects.filter(
            history_id__in=aged["old_history"][:2]
        ).order_by("pk")
    )
    source = retention.AuditSource(HistoricalRegion, "history_date")
    data = serializers.serialize("jsonl", rows).encode()
    first = tmp_path / f"portal.historicalregion.{rows[0].pk}-{rows[1].pk}.jsonl.gz"
    retention._write_verified(first, data, [r.pk for r in rows])

    archive(tmp_path)
    assert len(history_files(tmp_path)) == 3
    assert not source.older_than(timezone.now() - timedelta(days=190)).exists()


def test_an_archive_file_is_never_overwritten(tmp_path, aged):
    first_two = aged["old_history"][:2]
    clash = tmp_path / f"portal.historicalregion.{first_two[0]}-{first_two[1]}.jsonl.gz"
    with gzip.open(clash, "wb") as stream:
        stream.write(b'{"other": "content"}\n')
    with pytest.raises(CommandError, match="already exists with other content"):
        archive(tmp_path)
    assert read(clash) == [{"other": "content"}]
    assert HistoricalRegion.objects.filter(
        history_id__in=aged["old_history"]
    ).count() == len(aged["old_history"])


def test_every_history_table_and_the_sign_in_records_are_covered():
    covered = {source.model for source in retention.audit_sources()}
    historical = {
        model for model in apps.get_models() if model.__name__.startswith("Historical")
    }
    assert historical and historical <= covered
    assert {AccessLog, AccessFailureLog} <= covered


def test_the_dry_run_counts_and_touches_nothing(tmp_path, aged, capsys):
    archive(tmp_path, dry_run=True)
    assert "Audit records older than" in capsys.readouterr().out
    assert not list(tmp_path.iterdir())
    assert AccessLog.objects.filter(pk=aged["old_login"]).exists()


def test_progress_and_summary_are_shown(tmp_path, aged, capsys):
    archive(tmp_path, verbosity=1)
    out, err = capsys.readouterr()
    assert "5/5 portal.historicalregion" in err
    assert "archived and deleted: 7 in 5 files" in out


@pytest.mark.parametrize("chunk", [0, 100_001])
def test_a_chunk_size_out_of_bounds_is_refused(tmp_path, aged, chunk):
    with pytest.raises(CommandError) as refused:
        archive(tmp_path, chunk=chunk)
    assert str(refused.value) == "The chunk size must be between 1 and 100000."
    assert AccessLog.objects.filter(pk=aged["old_login"]).exists()
