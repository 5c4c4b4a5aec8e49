"""The official layout in the tables of a Word document (.docx), read into grids."""

import docx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx.table import _Cell

from .grids import Grid

MAX_COLUMNS = 60


def docx_read(source) -> list[Grid]:
    """One grid per table of the document, rows numbered through all its tables.

    python-docx repeats a merged cell (horizontal ``gridSpan`` or vertical
    ``vMerge``) at every grid position it covers; here only its top-left position
    keeps the text and the merge is listed, as the xlsx reader does.
    """
    try:
        document = docx.Document(source)
        tables = list(document.tables)
    except Exception as exc:  # python-docx raises many kinds on a malformed file
        raise ValidationError(
            _("The file could not be read as a Word document (%(error)s).")
            % {"error": str(exc)[:200] or type(exc).__name__},
            code="unreadable",
        ) from exc
    total = sum(len(table.rows) for table in tables)
    if total > settings.CATALOG_IMPORT_MAX_ROWS:
        raise ValidationError(
            _(
                "The document's tables have more than %(max)s rows, more than one "
                "import takes."
            )
            % {"max": settings.CATALOG_IMPORT_MAX_ROWS},
            code="too_many_rows",
        )
    grids, counted = [], 0
    for number, table in enumerate(tables, start=1):
        grids.append(_table_grid(table, table_number=number, first_number=counted + 1))
        counted += len(grids[-1].rows)
    return grids


def _span(tc, *, table_number: int, row_number: int) -> int:
    """The columns a cell spans, refused before any work when beyond the limit."""
    try:
        span = int(tc.grid_span)
    except (TypeError, ValueError) as exc:
        raise _malformed(table_number, row_number) from exc
    if span < 1:
        raise _malformed(table_number, row_number)
    if span > MAX_COLUMNS:
        raise ValidationError(
            _(
                "Table %(table)s, row %(row)s: a cell spans %(span)s columns; a "
                "catalog table has at most %(max)s."
            )
            % {
                "table": table_number,
                "row": row_number,
                "span": span,
                "max": MAX_COLUMNS,
            },
            code="span_too_wide",
        )
    return span


def _malformed(table_number: int, row_number: int) -> ValidationError:
    return ValidationError(
        _("Table %(table)s, row %(row)s: a cell's column span is not a number.")
        % {"table": table_number, "row": row_number},
        code="unreadable",
    )


def _table_grid(table, *, table_number: int, first_number: int) -> Grid:
    """The table's XML read row by row, in one pass and without recursion: a
    horizontal span (``gridSpan``, checked against ``MAX_COLUMNS`` first) keeps
    its text at its first column, a vertical continuation (``vMerge``) points to
    the origin of the cell above. python-docx's own ``row.cells`` repeats a span
    in memory and follows vertical merges recursively (``RecursionError`` after
    about a thousand rows)."""
    rows: list[list[str]] = []
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        texts: list[str] = []
        c = 0
        for tc in tr.tc_lst:
            if c >= MAX_COLUMNS:
                break
            span = _span(tc, table_number=table_number, row_number=first_number + r)
            width = min(span, MAX_COLUMNS - c)
            above = origin.get((r - 1, c)) if tc.vMerge == "continue" else None
            start = above or (r, c)
            for offset in range(width):
                origin[(r, c + offset)] = (
                    origin.get((r - 1, c + offset), start) if above else start
                )
            texts.append("" if above else _Cell(tc, table).text)
            texts.extend([""] * (width - 1))
            c += width
        rows.append(texts)
    bounds: dict[tuple[int, int], list[int]] = {}
    for (r, c), start in origin.items():
        if (r, c) != start:
            box = bounds.setdefault(start, [*start, *start])
            box[2], box[3] = max(box[2], r), max(box[3], c)
    return Grid(
        rows=rows,
        numbers=list(range(first_number, first_number + len(rows))),
        merges=[tuple(box) for box in bounds.values()],
    )
