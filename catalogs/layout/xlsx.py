"""The official layout in an .xlsx workbook, read into a grid: streamed and bounded."""

import datetime
import time
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser

from .grids import Grid
from .headers import find_header

MAX_COLUMNS = 60
MAX_SHEETS = 20
SHARED_STRINGS = "xl/sharedStrings.xml"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(getattr(value, "text", value))  # array formulas carry .text


def xlsx_read(source) -> Grid:
    """The first worksheet (of up to twenty) holding the layout's header, as a Grid.

    Rows are streamed and counted, so an oversized sheet is refused without being
    held in memory. openpyxl keeps the whole shared-strings table in memory, so
    that table is first counted in a streaming pass and refused beyond
    ``CATALOG_IMPORT_MAX_SHARED_STRINGS`` texts or ``CATALOG_IMPORT_MAX_TEXT_CHARS``
    characters; reading stops after ``CATALOG_IMPORT_MAX_SECONDS``. Raises
    ``ValidationError`` for a file that cannot be read or passes a limit, saying
    which limit and where.
    """
    shared_strings_check(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a malformed file
        raise unreadable_workbook(exc) from exc
    try:
        if not workbook.worksheets:
            raise no_worksheet()
        first = None
        for sheet in workbook.worksheets[:MAX_SHEETS]:
            grid = _sheet_grid(sheet)
            if find_header(grid) is not None:
                return grid
            first = first or grid
        return first or Grid(rows=[])
    except ValidationError:
        raise
    except Exception as exc:
        raise unreadable_workbook(exc) from exc
    finally:
        workbook.close()


def shared_strings_check(source) -> None:
    """Refuse a shared-strings table beyond the limits, reading it as a stream."""
    max_strings = settings.CATALOG_IMPORT_MAX_SHARED_STRINGS
    max_chars = settings.CATALOG_IMPORT_MAX_TEXT_CHARS
    position = (
        None
        if isinstance(source, str) or hasattr(source, "__fspath__")
        else source.tell()
    )
    try:
        with zipfile.ZipFile(source) as archive:
            if SHARED_STRINGS not in archive.namelist():
                return
            count = chars = 0
            for _event, element in etree.iterparse(
                archive.open(SHARED_STRINGS),
                events=("end",),
                tag=f"{{{_MAIN}}}si",
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
            ):
                count += 1
                chars += sum(len(text) for text in element.itertext())
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
                if count > max_strings:
                    raise ValidationError(
                        _(
                            "The workbook's table of texts (%(part)s) holds more than "
                            "%(max)s texts, more than a catalog of %(rows)s rows can "
                            "use; copy the catalog's sheet into a new workbook and "
                            "try again."
                        )
                        % {
                            "part": SHARED_STRINGS,
                            "max": max_strings,
                            "rows": settings.CATALOG_IMPORT_MAX_ROWS,
                        },
                        code="too_many_texts",
                    )
                if chars > max_chars:
                    raise ValidationError(
                        _(
                            "The workbook's table of texts (%(part)s) holds more than "
                            "%(max)s characters, more than one import takes; copy "
                            "the catalog's sheet into a new workbook and try again."
                        )
                        % {"part": SHARED_STRINGS, "max": max_chars},
                        code="too_much_text",
                    )
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError):
        return  # load_workbook says what is wrong with the file
    finally:
        if position is not None:
            source.seek(position)


def no_worksheet() -> ValidationError:
    """A workbook naming no sheet whose part is there: damaged, not headerless."""
    return ValidationError(
        _("The file could not be read as an Excel workbook (%(error)s).")
        % {"error": _("it holds no worksheet")},
        code="unreadable",
    )


def unreadable_workbook(exc: Exception) -> ValidationError:
    return ValidationError(
        _("The file could not be read as an Excel workbook (%(error)s).")
        % {"error": str(exc)[:200] or type(exc).__name__},
        code="unreadable",
    )


def _sheet_grid(sheet) -> Grid:
    # The read-only worksheet streams rows but drops merged cells, so its parser is
    # driven directly: it yields rows and collects the merges after the data.
    rows: list[list[str]] = []
    formulas: set[tuple[int, int]] = set()
    max_rows = settings.CATALOG_IMPORT_MAX_ROWS
    deadline = time.monotonic() + settings.CATALOG_IMPORT_MAX_SECONDS
    workbook = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=False,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            if time.monotonic() > deadline:
                raise ValidationError(
                    _(
                        "Reading sheet “%(sheet)s” took longer than %(seconds)s "
                        "seconds (stopped at row %(row)s); one import reads at most "
                        "that long. Remove what is not the catalog and try again."
                    )
                    % {
                        "sheet": sheet.title,
                        "seconds": settings.CATALOG_IMPORT_MAX_SECONDS,
                        "row": number,
                    },
                    code="too_slow",
                )
            values = [(c, _cell_text(c["value"])) for c in cells]
            values = [(c, text) for c, text in values if text]
            if not values:
                continue
            if number > max_rows:
                raise ValidationError(
                    _(
                        "The sheet has more than %(max)s rows, more than one import takes."
                    )
                    % {"max": max_rows},
                    code="too_many_rows",
                )
            width = max(c["column"] for c, _text in values)
            if width > MAX_COLUMNS:
                raise ValidationError(
                    _("The sheet has more than %(max)s columns.")
                    % {"max": MAX_COLUMNS},
                    code="too_many_columns",
                )
            rows.extend([] for _row in range(number - len(rows)))
            row = rows[number - 1]
            row.extend([""] * (width - len(row)))
            for cell, text in values:
                row[cell["column"] - 1] = text
                if cell["data_type"] == "f":
                    formulas.add((number - 1, cell["column"] - 1))
        merges = _merges(parser.merged_cells, height=len(rows))
    return Grid(
        rows=rows,
        numbers=list(range(1, len(rows) + 1)),
        merges=merges,
        formulas=formulas,
    )


def _merges(merged_cells, *, height: int) -> list[tuple[int, int, int, int]]:
    """The merged ranges within the rows read, clipped; overlapping ones refused.

    Ranges of a sound workbook never overlap, so their clipped areas add up to at
    most the sheet's; checking that bounds the work of filling them in.
    """
    merges, area = [], 0
    for merged in getattr(merged_cells, "mergeCell", None) or []:
        left, top, right, bottom = range_boundaries(merged.ref)
        if top > height or left > MAX_COLUMNS:
            continue
        bottom, right = min(bottom, height), min(right, MAX_COLUMNS)
        area += (bottom - top + 1) * (right - left + 1)
        merges.append((top - 1, left - 1, bottom - 1, right - 1))
    if area > height * MAX_COLUMNS:
        raise ValidationError(
            _("The sheet's merged cells overlap each other; the file is damaged."),
            code="damaged",
        )
    return merges
