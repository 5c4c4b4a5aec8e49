"""A catalog written as an .xlsx workbook in the official layout (write-only, styled)."""

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..channels import Vocabulary
from ..columns import KEYS, TICKS
from ..models import Catalog, Item, LegalBasis
from .table import item_label, layout_rows, official_table

__all__ = [
    "catalog_rows",
    "item_label",
    "layout_rows",
    "layout_workbook",
    "neutralise",
    "write_catalog",
]

# Text a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WIDTHS = {
    "code": 6,
    "level1": 16,
    "level2": 22,
    "level3": 20,
    "content": 30,
    "bases": 42,
    "time_limit_text": 20,
    "subject": 20,
    "channels": 30,
    "remarks": 24,
}
TICK_WIDTH = 6.5
# Points per line of 10-point 宋体, and the padding of a row.
LINE_HEIGHT = 13.5
ROW_PADDING = 3
MAX_CELL_TEXT = 32_767  # the most characters a cell holds (Excel, openpyxl)


def neutralise(text: str) -> str:
    """Text a spreadsheet would take for a formula gets a leading quote (OWASP)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _StyledRows(WriteOnlyWorksheet):
    """A write-only sheet whose rows are (value, style array) pairs.

    ``append`` in openpyxl wants a styled ``WriteOnlyCell`` per value, and raises
    and catches an exception for each one; reusing one cell per row and setting its
    style array directly keeps the export close to unstyled writing. Empty cells
    are left out: they take the style of their row (borders), see ``row_style``.
    """

    def row_style(self, number: int, style, height: float | None = None) -> None:
        """Style (and size) the cells of row ``number`` not written (set it first).

        Rows of one style and height share a RowDimension: the writer reads only
        its attributes, and building one per row costs more than its cells.
        """
        shared = self.__dict__.setdefault("_shared_rows", {})
        key = (id(style), height)
        dimension = shared.get(key)
        if dimension is None:
            dimension = shared[key] = RowDimension(self, index=number, ht=height)
            dimension._style = style
        self.row_dimensions[number] = dimension

    def _values_to_row(self, values, row_idx):
        cell = _StyledCell(self)
        ids = self.__dict__.setdefault("_style_ids", {})
        for column, (value, style) in enumerate(values, start=1):
            if value is None:
                continue
            if type(value) is str:
                # Text here went through ``neutralise`` (no illegal characters,
                # no formula) or is the layout's own; kept as text the way
                # ``Cell.check_string`` would, without checking it again.
                cell._value = value[:MAX_CELL_TEXT]
                cell.data_type = "s"
            else:
                cell.value = value
            cell._style = style
            # The style arrays live as long as the sheet, so their ids are keys.
            style_id = ids.get(id(style))
            if style_id is None:
                style_id = ids[id(style)] = self.parent._cell_styles.add(style)
            cell.style_id = style_id
            cell.column, cell.row = column, row_idx
            yield cell


class _StyledCell(Cell):
    """A cell whose style id is given with its style, not looked up for each cell."""

    __slots__ = ("style_id",)


def _styles() -> list[NamedStyle]:
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="宋体", size=10)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return [
        NamedStyle(
            "catalog_title",
            font=Font(name="宋体", size=16, bold=True),
            alignment=Alignment(horizontal="center", vertical="center"),
        ),
        NamedStyle(
            "catalog_header",
            font=Font(name="宋体", size=10, bold=True),
            border=border,
            fill=PatternFill("solid", fgColor="F2F2F2"),
            alignment=centre,
        ),
        NamedStyle(
            "catalog_text",
            font=font,
            border=border,
            alignment=Alignment(vertical="top", wrap_text=True),
        ),
        NamedStyle("catalog_centre", font=font, border=border, alignment=centre),
    ]


# What the writer reads of each row: where it sits and its shown columns.
ROW_FIELDS = (
    *("id", "parent_id", "level", "code", "name"),
    *(key for key in KEYS if key != "bases"),
    *("omitted", "omission_reason"),
)


def catalog_rows(catalog: Catalog) -> tuple[dict, dict]:
    """Items by parent id (in order) and legal bases by item id, in two queries."""
    children: dict = {}
    items = Item.objects.filter(catalog=catalog).order_by("position")
    for item in items.values_list(*ROW_FIELDS, named=True):
        children.setdefault(item.parent_id, []).append(item)
    bases: dict = {}
    texts = LegalBasis.objects.filter(item__catalog=catalog)
    for item_id, text in texts.order_by("item_id", "position").values_list(
        "item_id", "text"
    ):
        bases.setdefault(item_id, []).append(text)
    return children, bases


def write_catalog(catalog: Catalog, stream) -> None:
    """Write ``catalog`` to ``stream`` as an .xlsx workbook in the official layout.

    Title row, two-row grouped header, one row per item, first-level (and 序号)
    cells merged over their rows; streamed with openpyxl's write-only mode.
    """
    children, bases = catalog_rows(catalog)
    workbook = layout_workbook(
        title=catalog.title,
        sheet_name=catalog.domain.name,
        village=catalog.domain.has_village_level,
        children=children,
        bases=bases,
        channels=Vocabulary.load().rows(),
    )
    workbook.save(stream)


def layout_workbook(
    *, title: str, sheet_name: str, village: bool, children, bases, channels
) -> Workbook:
    """A write-only workbook holding the layout's sheet, not saved yet.

    ``children`` maps a parent id (None for first-level items) to its items in
    order, each with the attributes of ``ROW_FIELDS``; ``bases`` maps an item id to
    its legal-basis texts; ``channels`` is the vocabulary as (code, name,
    official) in printed order. Filings pass rows read from their snapshot.
    """
    table = official_table(
        children=children, bases=bases, channels=channels, village=village
    )
    columns = table.columns
    index = table.index
    capacities = [int(WIDTHS.get(c.role, TICK_WIDTH)) // 2 or 1 for c in columns]

    workbook = Workbook(write_only=True)
    sheet = _StyledRows(workbook, sheet_name[:31] or "catalog")
    workbook._add_sheet(sheet)
    styles = {}
    for style in _styles():
        workbook.add_named_style(style)
        template = WriteOnlyCell(sheet)
        template.style = style.name
        styles[style.name] = template._style
    centred = {"code", *TICKS}
    column_styles = [
        styles["catalog_centre" if c.role in centred else "catalog_text"]
        for c in columns
    ]
    _set_up_sheet(sheet, columns)

    last = get_column_letter(len(columns))
    sheet.append([(neutralise(title), styles["catalog_title"])])
    sheet.merged_cells.add(f"A1:{last}1")
    for number, labels in enumerate(_header_rows(sheet, columns), start=2):
        sheet.row_style(number, styles["catalog_header"])
        sheet.append([(label or None, styles["catalog_header"]) for label in labels])

    first_row = 4
    for number, row in enumerate(table.rows, start=first_row):
        values = [neutralise(v) if type(v) is str else v for v in row]
        height = _row_height(values, capacities)
        sheet.row_style(number, styles["catalog_text"], height)
        sheet.append(list(zip(values, column_styles, strict=True)))
    # The spans never overlap; MultiCellRange.add would check each new range
    # against every one before it, quadratic in the rows of a large catalog.
    for (role, _id), (first, end) in table.spans.items():
        if end > first:
            for merged in ("code", "level1") if role == "level1" else ("level2",):
                letter = get_column_letter(index[merged] + 1)
                ref = f"{letter}{first + first_row}:{letter}{end + first_row}"
                sheet.merged_cells.ranges.add(CellRange(ref))
    return workbook


def _row_height(values, capacities) -> float:
    """A height that shows every line of the row's wrapped text.

    Spreadsheet programs keep a row's stored height (LibreOffice does not fit
    rows to wrapped text on opening), so the export sets one: the lines of each
    cell, wrapped at ``capacities`` (a CJK character takes about two units of a
    column's width).
    """
    lines = 1
    for value, per_line in zip(values, capacities, strict=True):
        if type(value) is str:
            count = 0
            for line in value.split("\n"):
                count += (len(line) + per_line - 1) // per_line or 1
            if count > lines:
                lines = count
    return LINE_HEIGHT * lines + ROW_PADDING


def _set_up_sheet(sheet, columns) -> None:
    """Column widths, frozen header, print set-up: landscape A4, fit to width."""
    for i, column in enumerate(columns, start=1):
        width = WIDTHS.get(column.role, TICK_WIDTH)
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.row_dimensions[1].height = 36
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "2:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _header_rows(sheet, columns) -> tuple[list, list]:
    """The two header rows; merges the group labels across and single labels down."""
    upper, lower = [], []
    for i, column in enumerate(columns):
        letter = get_column_letter(i + 1)
        if not column.group:
            upper.append(column.label)
            lower.append("")
            sheet.merged_cells.add(f"{letter}2:{letter}3")
            continue
        starts = i == 0 or columns[i - 1].group != column.group
        upper.append(column.group if starts else "")
        lower.append(column.label)
        if starts:
            end = i
            while end + 1 < len(columns) and columns[end + 1].group == column.group:
                end += 1
            sheet.merged_cells.add(f"{letter}2:{get_column_letter(end + 1)}2")
    return upper, lower
