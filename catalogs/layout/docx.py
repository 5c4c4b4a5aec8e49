"""The official layout in the tables of a Word document (.docx), read into grids."""

import docx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
    for table in tables:
        grids.append(_table_grid(table, first_number=counted + 1))
        counted += len(grids[-1].rows)
    return grids


def _table_grid(table, *, first_number: int) -> Grid:
    rows: list[list[str]] = []
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    previous: list = []
    for r, row in enumerate(table.rows):
        cells = list(row.cells)[:MAX_COLUMNS]
        texts = []
        for c, cell in enumerate(cells):
            # lxml hands out the same proxy for an element while one is referenced,
            # and ``cells``/``previous`` keep them referenced, so ``is`` is reliable.
            if c and cell._tc is cells[c - 1]._tc:
                origin[(r, c)] = origin[(r, c - 1)]
            elif c < len(previous) and cell._tc is previous[c]._tc:
                origin[(r, c)] = origin[(r - 1, c)]
            else:
                origin[(r, c)] = (r, c)
            texts.append(cell.text if origin[(r, c)] == (r, c) else "")
        rows.append(texts)
        previous = cells
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
