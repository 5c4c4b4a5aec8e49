"""Bounded reading of uploaded layouts (issue 15): a 4,990-row valid layout and a huge
shared-strings table, with time and peak memory (tracemalloc).

Run on demand:
.venv/bin/python -m pytest -q -s tests/benchmarks/test_layout_read_speed.py \
    -p no:cacheprovider -o addopts=""
"""

import time
import tracemalloc

import pytest
from django.core.exceptions import ValidationError

from catalogs.channels import Vocabulary
from catalogs.layout.files import layout_file_read
from catalogs.layout.rows import CatalogData
from catalogs.local.importing import local_catalog_import_run
from catalogs.models import Catalog
from portal.models import Organisation
from tests.corpus import files

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

ROWS = 4_990


def measured(work):
    """(result or the ValidationError raised, seconds, peak bytes under tracemalloc)."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        try:
            result = work()
        except ValidationError as error:
            result = error
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, time.monotonic() - started, peak


def report(label, seconds, peak):
    print(f"\n{label}: {seconds:.2f} s, peak {peak / 1e6:.1f} MB")


def test_a_4990_row_layout_reads_and_imports_in_bounded_time(tmp_path, demo):
    path = files.too_many_rows(tmp_path, rows=ROWS)
    vocabulary = Vocabulary.load()

    (items, errors), seconds, peak = measured(
        lambda: layout_file_read(path, name=path.name, vocabulary=vocabulary)
    )
    report(f"read {ROWS} rows (tracemalloc on)", seconds, peak)
    assert not errors and sum(len(i.children) for i in items) + len(items) >= ROWS
    assert seconds < 60 and peak < 150_000_000

    started = time.monotonic()
    items, errors = layout_file_read(path, name=path.name, vocabulary=vocabulary)
    read = time.monotonic() - started
    started = time.monotonic()
    local_catalog_import_run(
        organisation=Organisation.objects.get(code="410225-hrss"),
        standard=Catalog.objects.get(key="employment", version=1),
        data=CatalogData(domain_key="employment", title=path.name, items=items),
        commit=False,
    )
    imported = time.monotonic() - started
    print(
        f"\nread {ROWS} rows: {read:.2f} s; import dry run (the admin upload): "
        f"{imported:.2f} s"
    )
    assert read < 20 and imported < 60


@pytest.mark.parametrize("count", [300_001, 2_000_000])
def test_a_huge_shared_strings_table_is_refused_in_bounded_time_and_memory(
    tmp_path, count
):
    path = files.huge_shared_strings(tmp_path, count=count, length=24)
    size = path.stat().st_size

    started = time.monotonic()
    with pytest.raises(ValidationError) as raised:
        layout_file_read(path, name=path.name, vocabulary=None)
    seconds = time.monotonic() - started  # tracemalloc off: it slows lxml ~5x
    refusal, _traced_seconds, peak = measured(
        lambda: layout_file_read(path, name=path.name, vocabulary=None)
    )
    report(f"{count} shared strings ({size / 1e6:.1f} MB file), refused", seconds, peak)
    assert isinstance(refusal, ValidationError)
    assert raised.value.code == refusal.code
    assert refusal.code in ("too_many_texts", "too_much_text", "zip_bomb", "too_large")
    assert seconds < 30 and peak < 20_000_000
