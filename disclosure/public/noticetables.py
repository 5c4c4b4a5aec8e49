"""A 公示 list attached as .xlsx, shown as a table on the publication's page.

Only for publications of the kind "public notice" (公示): the first sheet of each
.xlsx attachment, read with openpyxl in read-only mode with explicit bounds (the
sheet's own ``<dimension>`` is never trusted), at most
``DISCLOSURE_NOTICE_TABLE_MAX_ROWS`` rows of ``…_MAX_COLUMNS`` columns, each cell
cut at ``…_MAX_CELL_CHARS`` (after masking, so no number is cut in half in clear). Every cell passes the personal-data check on the way
out (``mask_personal_data``, with the numbers a reviewer released); the upload
already went through the check on the way in. A file that cannot be read gives
no table (the download link stays): the page never fails for an attachment.
The first non-empty row is the table's header.
"""

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from ..models import Attachment, AttachmentKind, PublicationKind
from ..pii import mask_personal_data

log = logging.getLogger(__name__)


@dataclass
class NoticeTable:
    attachment: Attachment
    sheet: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    truncated: bool = False  # more rows or columns than the page shows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() else f"{value:%Y-%m-%d}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e20:
        return str(int(value))  # an ID number typed into a number cell
    if isinstance(value, Decimal | float):
        return format(value, "f").rstrip("0").rstrip(".")
    return str(value)


def read_table(attachment: Attachment, *, keep=frozenset()) -> NoticeTable | None:
    """The attachment's first sheet as a masked table, or None."""
    from openpyxl import load_workbook

    max_rows = settings.DISCLOSURE_NOTICE_TABLE_MAX_ROWS
    max_cols = settings.DISCLOSURE_NOTICE_TABLE_MAX_COLUMNS
    max_chars = settings.DISCLOSURE_NOTICE_TABLE_MAX_CELL_CHARS
    try:
        with attachment.file.open("rb") as handle:
            book = load_workbook(handle, read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                rows, truncated = [], False
                for row in sheet.iter_rows(
                    min_row=1, max_row=max_rows + 1, max_col=max_cols + 1,
                    values_only=True,
                ):  # fmt: skip
                    cells = [_text(v) for v in row]
                    if len(cells) > max_cols:
                        truncated = truncated or any(cells[max_cols:])
                        cells = cells[:max_cols]
                    if not any(c.strip() for c in cells):
                        continue
                    if len(rows) == max_rows:
                        truncated = True
                        break
                    rows.append(
                        [mask_personal_data(c, keep=keep)[:max_chars] for c in cells]
                    )
                name = mask_personal_data(sheet.title, keep=keep)
            finally:
                book.close()
    except Exception:  # a damaged or hostile file: no table, never a failed page
        log.warning("attachment %s not shown as a table", attachment.pk, exc_info=True)
        return None
    if not rows:
        return None
    width = max(len(r) for r in rows)
    while width and not any(r[width - 1] for r in rows if len(r) >= width):
        width -= 1  # trailing empty columns
    rows = [(r + [""] * width)[:width] for r in rows]
    return NoticeTable(attachment, name, rows[0], rows[1:], truncated)


def notice_tables(publication, *, keep=frozenset()) -> list[NoticeTable]:
    """The tables of a 公示's .xlsx attachments (prefetched), in their order."""
    if publication.kind != PublicationKind.NOTICE:
        return []
    found = (
        read_table(a, keep=keep)
        for a in publication.attachments.all()
        if a.kind == AttachmentKind.XLSX
    )
    return [t for t in found if t is not None]
