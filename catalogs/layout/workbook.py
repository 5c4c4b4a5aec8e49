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
from .cells import EMPTY_BOX, TICK, TICKED_BOX
from .headers import export_columns

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
)


def _catalog_rows(catalog: Catalog) -> tuple[dict, dict]:
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


def layout_rows(children: dict, bases: dict) -> list[tuple]:
    """(first-level, second-level, third-level, item shown) for every row, in order.

    An item gets a row of its own when it has no children or has data to show.
    """

    def own_row(item) -> bool:
        return item.id not in children or bool(
            item.content
            or item.time_limit_text
            or item.subject
            or item.channels
            or item.id in bases
            or any(getattr(item, role) is not None for role in TICKS)
        )

    rows = []
    for level1 in children.get(None, []):
        if own_row(level1):
            rows.append((level1, None, None, level1))
        for level2 in children.get(level1.id, []):
            if own_row(level2):
                rows.append((level1, level2, None, level2))
            for level3 in children.get(level2.id, []):
                rows.append((level1, level2, level3, level3))
    return rows


def item_label(item) -> str:
    # The reader takes a leading "1.2 " as the number; other codes cannot round-trip.
    code = item.code
    if code and item.level > 1 and code.replace(".", "").isdigit():
        return f"{code} {item.name}"
    return item.name


def write_catalog(catalog: Catalog, stream) -> None:
    """Write ``catalog`` to ``stream`` as an .xlsx workbook in the official layout.

    Title row, two-row grouped header, one row per item, first-level (and 序号)
    cells merged over their rows; streamed with openpyxl's write-only mode.
    """
    children, bases = _catalog_rows(catalog)
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
    official = [(code, name) for code, name, is_official in channels if is_official]
    names = {code: name for code, name, _official in channels}
    has_level3 = any(
        children.get(l2.id)
        for l1 in children.get(None, [])
        for l2 in children.get(l1.id, [])
    )
    columns = export_columns(level3=has_level3, village=village)
    index = {column.role: i for i, column in enumerate(columns)}
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

    spans: dict[tuple[str, int], list[int]] = {}
    for number, (level1, level2, level3, shown) in enumerate(
        layout_rows(children, bases), start=4
    ):
        keys = [("level1", level1.id)]
        if has_level3 and level2 is not None:
            keys.append(("level2", level2.id))
        for key in keys:
            spans.setdefault(key, [number, number])[1] = number
        values = [None] * len(columns)
        if spans[keys[0]][0] == number:
            code = level1.code
            values[index["code"]] = (
                int(code) if code.isdigit() else neutralise(code) or None
            )
            values[index["level1"]] = neutralise(level1.name)
        if level2 is not None and (len(keys) == 1 or spans[keys[1]][0] == number):
            values[index["level2"]] = neutralise(item_label(level2))
        if level3 is not None:
            values[index["level3"]] = neutralise(item_label(level3))
        values[index["content"]] = neutralise("\n".join(shown.content)) or None
        values[index["bases"]] = neutralise("\n".join(bases.get(shown.id, []))) or None
        values[index["time_limit_text"]] = neutralise(shown.time_limit_text) or None
        values[index["subject"]] = neutralise(shown.subject) or None
        ticked = set(shown.channels)
        lines = [(TICKED_BOX if c in ticked else EMPTY_BOX) + n for c, n in official]
        local = ticked - {code for code, _name in official}
        lines += [TICKED_BOX + names.get(c, c) for c in shown.channels if c in local]
        values[index["channels"]] = neutralise("\n".join(lines))
        for role in TICKS:
            if role in index and getattr(shown, role):
                values[index[role]] = TICK
        height = _row_height(values, capacities)
        sheet.row_style(number, styles["catalog_text"], height)
        sheet.append(list(zip(values, column_styles, strict=True)))
    # The spans never overlap; MultiCellRange.add would check each new range
    # against every one before it, quadratic in the rows of a large catalog.
    for (role, _id), (first, end) in spans.items():
        if end > first:
            for merged in ("code", "level1") if role == "level1" else ("level2",):
                letter = get_column_letter(index[merged] + 1)
                ref = f"{letter}{first}:{letter}{end}"
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
