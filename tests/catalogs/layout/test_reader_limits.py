"""The .xlsx layout reader's limits (issue 15): a huge shared-strings table is counted
as a stream and refused before openpyxl would hold it; reading stops after
``CATALOG_IMPORT_MAX_SECONDS``; each refusal says which limit and where. Timing and
peak memory on the full-size files are in tests/benchmarks/test_layout_read_speed.py."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from catalogs.layout.xlsx import xlsx_read
from tests.corpus import files


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _refusal(path) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        xlsx_read(path)
    return raised.value


def test_too_many_shared_strings_are_refused_before_reading(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_SHARED_STRINGS = 100
    error = _refusal(files.huge_shared_strings(tmp_path))
    assert error.code == "too_many_texts"
    assert error.messages == [
        "The workbook's table of texts (xl/sharedStrings.xml) holds more than 100 "
        f"texts, more than a catalog of {settings.CATALOG_IMPORT_MAX_ROWS} rows can "
        "use; copy the catalog's sheet into a new workbook and try again."
    ]


def test_too_much_shared_text_is_refused(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_TEXT_CHARS = 1_000
    error = _refusal(files.huge_shared_strings(tmp_path, count=50, length=40))
    assert error.code == "too_much_text"
    assert "more than 1000 characters" in error.messages[0]


def test_a_table_within_the_limits_reads(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_SHARED_STRINGS = 1_000
    grid = xlsx_read(files.huge_shared_strings(tmp_path, count=500))
    assert any("公开" in text for row in grid.rows for text in row)


def test_reading_stops_at_the_time_limit(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_SECONDS = 0
    error = _refusal(files.table_workbook(tmp_path / "good.xlsx"))
    assert error.code == "too_slow"
    assert error.messages[0].startswith(
        "Reading sheet “Sheet” took longer than 0 seconds"
    )


def test_a_file_object_is_read_after_the_check(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_SHARED_STRINGS = 1_000
    path = files.huge_shared_strings(tmp_path, count=10)
    with path.open("rb") as handle:
        handle.read(10)
        handle.seek(0)
        grid = xlsx_read(handle)
    assert grid.rows
