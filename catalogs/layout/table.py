"""A catalog as the official table: its columns and the value of every cell.

The .xlsx writer (``workbook.py``) and the .docx writer (``document.py``) lay out
the same table, so a file of either kind reads back to the same items: a tick
the catalog leaves open is written 不详, never left empty (empty reads back as
not ticked), and an omitted row says so, with its reason, in the 备注 column.
"""

from dataclasses import dataclass, field

from ..columns import TICKS
from .cells import EMPTY_BOX, TICK, TICKED_BOX, UNKNOWN, omission_mark
from .headers import Column, export_columns


@dataclass
class LayoutTable:
    """The columns and, per row, the cell values (None for an empty cell).

    ``spans`` maps ("level1" or "level2", item id) to the first and last row
    index the item's cell covers; the writers merge those cells.
    """

    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    spans: dict[tuple[str, int], list[int]] = field(default_factory=dict)

    @property
    def index(self) -> dict[str, int]:
        return {column.role: i for i, column in enumerate(self.columns)}


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


def _remark(item) -> str | None:
    if not getattr(item, "omitted", False):
        return None
    return omission_mark(getattr(item, "omission_reason", "") or "")


def official_table(
    *, children: dict, bases: dict, channels, village: bool
) -> LayoutTable:
    """The table of ``children`` (items by parent id, in order, with the attributes
    of ``workbook.ROW_FIELDS``), ``bases`` (texts by item id) and ``channels``
    (the vocabulary as (code, name, official) in printed order)."""
    official = [(code, name) for code, name, is_official in channels if is_official]
    official_codes = {code for code, _name in official}
    names = {code: name for code, name, _official in channels}
    layout = layout_rows(children, bases)
    has_level3 = any(level3 is not None for _l1, _l2, level3, _s in layout)
    remarks = any(_remark(shown) for _l1, _l2, _l3, shown in layout)
    columns = export_columns(level3=has_level3, village=village, remarks=remarks)
    table = LayoutTable(columns)
    index = table.index
    spans = table.spans
    for number, (level1, level2, level3, shown) in enumerate(layout):
        keys = [("level1", level1.id)]
        if has_level3 and level2 is not None:
            keys.append(("level2", level2.id))
        for key in keys:
            spans.setdefault(key, [number, number])[1] = number
        values = [None] * len(columns)
        if spans[keys[0]][0] == number:
            code = level1.code
            values[index["code"]] = int(code) if code.isdigit() else code or None
            values[index["level1"]] = level1.name
        if level2 is not None and (len(keys) == 1 or spans[keys[1]][0] == number):
            values[index["level2"]] = item_label(level2)
        if level3 is not None:
            values[index["level3"]] = item_label(level3)
        values[index["content"]] = "\n".join(shown.content) or None
        values[index["bases"]] = "\n".join(bases.get(shown.id, [])) or None
        values[index["time_limit_text"]] = shown.time_limit_text or None
        values[index["subject"]] = shown.subject or None
        ticked = set(shown.channels)
        lines = [(TICKED_BOX if c in ticked else EMPTY_BOX) + n for c, n in official]
        lines += [
            TICKED_BOX + names.get(c, c)
            for c in shown.channels
            if c not in official_codes
        ]
        values[index["channels"]] = "\n".join(lines)
        for role in TICKS:
            if role in index:
                value = getattr(shown, role)
                values[index[role]] = (
                    UNKNOWN if value is None else TICK if value else None
                )
        if remarks:
            values[index["remarks"]] = _remark(shown)
        table.rows.append(values)
    return table
