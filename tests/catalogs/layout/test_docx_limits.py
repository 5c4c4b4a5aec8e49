"""Hostile Word tables (issue 15): a huge ``gridSpan`` is refused before any work,
with a message naming the limit and the place; 1,200 vertical merges read in one
pass, with no ``RecursionError``."""

import time
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from catalogs.layout.docx import MAX_COLUMNS, docx_read
from tests.corpus import files


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_huge_grid_span_is_refused_naming_the_limit_and_the_cell(tmp_path):
    path = files.huge_grid_span(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            docx_read(path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.value.messages == [
        f"Table 1, row 3: a cell spans 1000000000 columns; a catalog table has at "
        f"most {MAX_COLUMNS}."
    ]
    assert peak < 50_000_000


def test_many_vertical_merges_read_without_recursion(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_ROWS = 5_000
    path = files.many_vertical_merges(tmp_path)
    started = time.monotonic()
    (grid,) = docx_read(path)
    assert time.monotonic() - started < 30
    assert len(grid.rows) == 1_200
    assert grid.rows[0] == ["合并", "第1行"]
    assert grid.rows[1199] == ["", "第1200行"]
    assert grid.merges == [(0, 0, 1199, 0)]


def test_a_sound_word_catalog_reads_as_before(tmp_path):
    (grid,) = docx_read(files.word_table(tmp_path))
    assert grid.rows[0][0] == "序号"
    assert grid.merges  # the header's and the first level's merges
