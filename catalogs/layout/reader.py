"""Reading the official table layout of a catalog from grids into items.

The file readers (``xlsx.py``, ``docx.py``) turn a file into ``Grid`` objects; this
module finds the header by its labels (never by position, see ``headers.py``),
checks merged cells and turns the rows into ``ItemData``, collecting every problem
instead of stopping.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from ..channels import unknown_name_message
from ..columns import TICKS
from ..folding import normalise_label
from .cells import (
    assign_numbers,
    is_unknown,
    parse_channels,
    parse_omission,
    parse_tick,
    split_bases,
    split_content,
    split_number,
)
from .grids import Grid
from .headers import (
    BY_ROLE,
    COLUMNS,
    GROUP_LABELS,
    HEADER_SEARCH_ROWS,
    ITEM_ROLES,
    REQUIRED,
    ROLE_BY_LABEL,
    find_header,
    nearest_column,
)
from .rows import ItemData, RowError


def read_items(grids, *, vocabulary):
    """Read ``grids`` (one per sheet or table) into items; returns (items, errors).

    ``vocabulary`` is the channel vocabulary (``channels.Vocabulary``).

    A grid without a header continues the previous one if it has the same width
    (a Word table split across pages); other grids without a header are ignored.
    """
    reader = _LayoutReader(vocabulary)
    for grid in grids:
        reader.read_grid(grid)
    if not reader.header_seen:
        reader.errors.append(
            RowError(
                _(
                    "No header row was found: none of the first %(rows)s rows holds "
                    "the column labels of the official layout (序号, 公开事项, "
                    "公开内容（要素）, 公开依据, 公开时限, 公开主体, 公开渠道和载体, "
                    "公开对象, 公开方式, 公开层级)."
                )
                % {"rows": HEADER_SEARCH_ROWS}
            )
        )
    assign_numbers(reader.numbers, reader.relative)
    return reader.items, reader.errors


class _LayoutReader:
    """Reads grids row by row, keeping the current first- and second-level item."""

    def __init__(self, channels: dict):
        self.channels = channels
        self.max_chars = settings.CATALOG_IMPORT_MAX_CELL_CHARS
        self.items: list[ItemData] = []
        self.errors: list[RowError] = []
        self.columns: dict[str, int] | None = None
        self.header_seen = False
        self.width = 0
        self.level1: ItemData | None = None
        self.level2: ItemData | None = None
        self._text1 = self._text2 = ""
        self.own_rows: set[int] = set()
        self.numbers: list[tuple[ItemData, ItemData, str]] = []
        self.relative: list[tuple[ItemData, ItemData, str]] = []

    def error(self, message, row=None, role="", value=""):
        column = BY_ROLE[role].title if role else ""
        self.errors.append(RowError(message, row, column, value))

    # Header and merged cells

    def read_grid(self, grid: Grid) -> None:
        header = find_header(grid)
        if header is None:
            if self.columns is None or grid.width() != self.width:
                return
            start, end = 0, -1
        else:
            start, end = header
            self.header_seen = True
            self.columns = self._columns(grid, start, end)
            self.width = grid.width()
            if self.columns is None:
                return
        if self._check_merges(grid, start, end):
            self._read_rows(grid, end + 1)

    def _columns(self, grid: Grid, first: int, last: int) -> dict[str, int] | None:
        labels = [list(grid.rows[r]) for r in range(first, last + 1)]
        width = grid.width()
        for row in labels:
            row.extend([""] * (width - len(row)))
        for top, left, bottom, right in grid.merges:
            if top < first or top > last:
                continue
            for r in range(top, min(bottom, last) + 1):
                for c in range(left, min(right, width - 1) + 1):
                    labels[r - first][c] = labels[top - first][left]
        columns: dict[str, int] = {}
        row = grid.number(first)
        for c in range(width):
            for text in (labels[-1][c], labels[0][c]):
                role = ROLE_BY_LABEL.get(normalise_label(text))
                if role is None:
                    continue
                if role in columns:
                    self.error(
                        _(
                            "The column “%(label)s” appears twice in the header, in "
                            "columns %(first)s and %(second)s."
                        )
                        % {
                            "label": BY_ROLE[role].title,
                            "first": get_column_letter(columns[role] + 1),
                            "second": get_column_letter(c + 1),
                        },
                        row,
                    )
                columns[role] = c
                break
        if "level_township_village" in columns:
            columns.setdefault("level_township", columns["level_township_village"])
        suggested = self._unknown_headers(labels, columns, row)
        missing = [role for role in REQUIRED if role not in columns]
        for role in missing:
            if role in suggested:
                continue  # named with the unknown header that stands in its place
            self.error(
                _("The column “%(label)s” is missing from the header.")
                % {"label": BY_ROLE[role].title},
                row,
            )
        combined = columns.get("level_township_village")
        if combined is not None and columns["level_township"] == combined:
            del columns["level_township"]
        return None if missing or suggested else columns

    def _unknown_headers(self, labels, columns: dict, row: int) -> set[str]:
        """Report each header that names no column but is near one not found
        (特定群众 → 特定群体), offering it; returns the roles offered. Headers
        near no column (责任科室, 咨询电话) are other columns, and are skipped."""
        found = set(columns.values())
        candidates = [
            c for c in COLUMNS if c.role not in columns and c.role != "remarks"
        ]
        offered: set[str] = set()
        group = ""
        for c in range(len(labels[-1])):
            text, above = labels[-1][c], labels[0][c] if len(labels) > 1 else ""
            if normalise_label(above) in GROUP_LABELS:
                group = above  # a group label, merged across or printed once
            elif above.strip():
                group = ""
            if c in found or not text.strip() or normalise_label(text) in GROUP_LABELS:
                continue
            column = nearest_column(text, group, candidates)
            if column is None or column.role in offered:
                continue
            offered.add(column.role)
            header = f"{group}：{text}" if group else text
            self.error(
                _("Unknown header “%(header)s”: did you mean “%(column)s”?")
                % {"header": " ".join(header.split()), "column": column.title},
                row,
            )
        return offered

    def _check_merges(self, grid: Grid, start: int, end: int) -> bool:
        """Refuse merges in odd places; fill the accepted vertical merges downwards."""
        role_at = {c: role for role, c in self.columns.items()}
        item_columns = {
            c for role, c in self.columns.items() if role in (*ITEM_ROLES, "code")
        }
        single_row = {self.columns.get("level3")}
        if "level3" not in self.columns:
            single_row.add(self.columns.get("level2"))
        accepted, refused = [], False
        for top, left, bottom, right in grid.merges:
            name = grid.range_name(top, left, bottom, right)
            role = role_at.get(left, "")
            if top < start <= bottom or top <= end < bottom:
                message = _(
                    "The merged cells %(range)s run across the header and the data "
                    "rows; unmerge them."
                )
            elif top <= end:
                continue
            elif left != right and not set(range(left, right + 1)) <= item_columns:
                message = _(
                    "The merged cells %(range)s span several columns; each column "
                    "needs a cell of its own."
                )
            elif bottom > top and left in single_row:
                message = _(
                    "The merged cells %(range)s join several rows of one item; each "
                    "item needs a row of its own."
                )
            else:
                accepted.append((top, left, bottom))
                continue
            self.error(message % {"range": name}, grid.number(top), role)
            refused = True
        if refused:  # the rows cannot be read reliably; the merges are reported
            return False
        for top, left, bottom in accepted:
            for r in range(top + 1, min(bottom, len(grid.rows) - 1) + 1):
                row = grid.rows[r]
                row.extend([""] * (left + 1 - len(row)))
                row[left] = grid.text(top, left)
        return True

    # Rows

    def _read_rows(self, grid: Grid, start: int) -> None:
        for r in range(start, len(grid.rows)):
            number = grid.number(r)
            cells = {}
            bad = set()
            for role, c in self.columns.items():
                text = grid.text(r, c).replace("\r\n", "\n").replace("\r", "\n").strip()
                problem = self._problem(text, (r, c) in grid.formulas, c, number)
                if problem:
                    self.error(problem, number, role, text)
                    bad.add(role)
                if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t"):
                    text = text[1:]  # undo the neutraliser an export adds
                cells[role] = text
            if not any(cells.values()):
                continue
            if any(
                normalise_label(cells.get(role, "")) in ROLE_BY_LABEL
                or normalise_label(cells.get(role, "")) in GROUP_LABELS
                for role in ITEM_ROLES
            ):
                continue  # a header repeated on a later page
            self._read_row(number, cells, bad)

    def _problem(self, text: str, formula: bool, c: int, number: int) -> str:
        if formula or text.startswith("="):
            return _(
                "The cell %(cell)s holds a formula; formulas are not imported, type "
                "the text itself."
            ) % {"cell": f"{get_column_letter(c + 1)}{number}"}
        if len(text) > self.max_chars:
            return _(
                "The text is %(length)s characters long; a cell holds at most %(max)s."
            ) % {"length": len(text), "max": self.max_chars}
        return ""

    def _new_item(self, text: str, level: int, number: int, parent) -> ItemData:
        name = "".join(line.strip() for line in text.split("\n"))
        code, name, relative = split_number(name, level)
        item = ItemData(name=name, code=code, source_row=number)
        if parent is None:
            self.items.append(item)
        else:
            parent.children.append(item)
            if relative:
                self.relative.append((item, parent, relative))
        return item

    def _read_row(self, number: int, cells: dict, bad: set) -> None:
        text1, text2 = cells.get("level1", ""), cells.get("level2", "")
        text3 = cells.get("level3", "")
        if not (text1 or text2 or text3):
            self.error(_("The row has data but no item name."), number, "level1")
            return
        if text1 and (self.level1 is None or text1 != self._text1):
            self.level1 = self._new_item(text1, 1, number, None)
            self._text1, self.level2, self._text2 = text1, None, ""
        elif self.level1 is None:
            self.error(
                _("The item has no first-level item above it."),
                number,
                "level1",
                text2 or text3,
            )
            return
        target = self.level1
        if text2:
            continued = "level3" in self.columns and text2 == self._text2
            if not (continued and self.level2 is not None):
                self.level2 = self._new_item(text2, 2, number, self.level1)
                self._text2 = text2
            target = self.level2
        if text3:
            if self.level2 is None:
                self.error(
                    _("The third-level item has no second-level item above it."),
                    number,
                    "level3",
                    text3,
                )
                return
            target = self._new_item(text3, 3, number, self.level2)
        self.numbers.append((self.level1, target, cells.get("code", "")))
        if id(target) in self.own_rows:
            self.error(
                _("The item “%(name)s” already has a row; each item takes one row.")
                % {"name": target.name},
                number,
                "level3" if text3 else "level2" if text2 else "level1",
            )
            return
        self.own_rows.add(id(target))
        self._fill(target, number, cells, bad)

    def _fill(self, item: ItemData, number: int, cells: dict, bad: set) -> None:
        def usable(role):
            return role in cells and role not in bad

        if usable("content"):
            item.content = split_content(cells["content"])
        if usable("bases"):
            item.bases = split_bases(cells["bases"])
            for basis in item.bases:
                self._check_length(basis, 500, number, "bases")
        for role in ("time_limit_text", "subject"):
            if usable(role):
                setattr(item, role, cells[role])
                self._check_length(cells[role], 300, number, role)
        if usable("channels"):
            item.channels, unknown = parse_channels(cells["channels"], self.channels)
            for name in unknown:
                self.error(
                    unknown_name_message(name),
                    number,
                    "channels",
                    name,
                )
        for role in (*TICKS, "level_township_village"):
            if not usable(role):
                continue
            if is_unknown(cells[role]):  # 不详: the source leaves it open
                continue
            ticked = parse_tick(cells[role])
            if ticked is None:
                self.error(
                    _("The cell should hold a tick (√) or be empty."),
                    number,
                    role,
                    cells[role],
                )
            elif role == "level_township_village":
                item.level_township = item.level_village = ticked
            else:
                setattr(item, role, ticked)
        reason = parse_omission(cells["remarks"]) if usable("remarks") else None
        if reason is not None:
            item.omitted, item.omission_reason = True, reason

    def _check_length(self, text: str, limit: int, number: int, role: str) -> None:
        if len(text) > limit:
            self.error(
                _("The text is longer than %(max)s characters.") % {"max": limit},
                number,
                role,
                text,
            )
