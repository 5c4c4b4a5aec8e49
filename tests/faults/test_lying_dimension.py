"""An .xlsx whose ``<dimension>`` claims the whole sheet costs what it holds (issue 15:
a publication attachment upload ran past 300 s): the attachment check and the layout
reader stream the cells, never the claimed grid."""

import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogs.layout.xlsx import xlsx_read
from disclosure.attachments import attachment_check
from disclosure.pii import read_parts
from tests.corpus import files


def bounded(work):
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = work()
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, time.monotonic() - started, peak


def test_the_attachment_check_reads_what_the_sheet_holds(tmp_path):
    path = files.lying_dimension(tmp_path)
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    checked, seconds, peak = bounded(lambda: attachment_check(upload))
    assert checked.kind == "xlsx"
    assert seconds < 10 and peak < 50_000_000
    reading, seconds, peak = bounded(lambda: read_parts("xlsx", path.read_bytes()))
    assert any("公开" in part.text for part in reading.parts)
    assert seconds < 10 and peak < 50_000_000


@pytest.mark.django_db
def test_the_layout_reader_reads_what_the_sheet_holds(tmp_path):
    path = files.lying_dimension(tmp_path)
    grid, seconds, peak = bounded(lambda: xlsx_read(path))
    assert len(grid.rows) < 20
    assert seconds < 10 and peak < 50_000_000
