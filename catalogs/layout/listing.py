"""The flat item listing read into an item tree: number, level, parent number, columns.

A row's parent is the row with its parent number, or else the nearest row one
level up above it. Every problem is collected with its row, column and value.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from ..channels import unknown_name_message
from ..columns import KEYS, TICKS
from ..folding import normalise_label
from .cells import (
    is_unknown,
    parse_channels,
    parse_tick,
    split_bases,
    split_content,
)
from .headers import BY_ROLE
from .rows import ItemData, RowError
from .workbook import FORMULA_STARTS

# The listing's own columns are labelled like the official layout's: they are
# the catalog's column names, the same in every interface language.
LEVEL, PARENT, NAME = "层级", "上级序号", "事项名称"
ORIGIN, OMITTED, OMISSION_REASON = "来源", "本地未开展", "未开展原因"
REQUIRED = (
    BY_ROLE["code"].title,
    LEVEL,
    PARENT,
    NAME,
    *(BY_ROLE[key].title for key in KEYS if key != "level_village"),
)


def cell_text(value) -> str:
    """A cell's value as text, as the layout reader takes it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(getattr(value, "text", value))  # array formulas carry .text
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class ItemListing:
    """The dataset's rows read into an item tree, with every mapping problem."""

    def __init__(self, dataset, *, vocabulary):
        self.items: list[ItemData] = []
        self.errors: list[RowError] = []
        self.reasons: dict[str, str] = {}
        self.channels = vocabulary
        self.max_chars = settings.CATALOG_IMPORT_MAX_CELL_CHARS
        self.index = {normalise_label(h): i for i, h in enumerate(dataset.headers)}
        missing = [
            label for label in REQUIRED if normalise_label(label) not in self.index
        ]
        for label in missing:
            self.errors.append(
                RowError(
                    _("The column “%(label)s” is missing from the header.")
                    % {"label": label},
                    1,
                )
            )
        if len(dataset) > settings.CATALOG_IMPORT_MAX_ROWS:
            self.errors.append(
                RowError(
                    _(
                        "The sheet has more than %(max)s rows, more than one import takes."
                    )
                    % {"max": settings.CATALOG_IMPORT_MAX_ROWS}
                )
            )
        if missing or len(dataset) > settings.CATALOG_IMPORT_MAX_ROWS:
            return
        self.by_code: dict[str, tuple[ItemData, int, bool]] = {}
        self.last: dict[int, tuple[ItemData, int, bool]] = {}
        for number, values in enumerate(dataset, start=2):
            self.read_row(number, values)

    def cell(self, values, number: int, label: str) -> str:
        index = self.index.get(normalise_label(label))
        text = cell_text(values[index]) if index is not None else ""
        problem = ""
        if text.startswith("="):
            problem = _(
                "The cell %(cell)s holds a formula; formulas are not imported, type "
                "the text itself."
            ) % {"cell": f"{get_column_letter(index + 1)}{number}"}
        elif len(text) > self.max_chars:
            problem = _(
                "The text is %(length)s characters long; a cell holds at most %(max)s."
            ) % {"length": len(text), "max": self.max_chars}
        if problem:
            self.errors.append(RowError(problem, number, label, text))
            return ""
        if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
            text = text[1:]  # undo the neutraliser an export adds
        return text

    def read_row(self, number: int, values) -> None:
        def cell(label):
            return self.cell(values, number, label)

        def error(message, label, value=""):
            self.errors.append(RowError(message, number, label, value))

        name = " ".join(cell(NAME).split())
        if not name:
            if any(cell_text(value) for value in values):
                error(_("The row has data but no item name."), NAME)
            return
        item = ItemData(name=name, code=cell(BY_ROLE["code"].title), source_row=number)
        text = cell(LEVEL)
        if text not in ("1", "2", "3"):
            error(_("The level must be 1, 2 or 3."), LEVEL, text)
            return
        level, omitted = int(text), self.tick(cell(OMITTED), number, OMITTED)
        parent = self.parent(item, level, cell(PARENT), number)
        if parent is False:
            return
        if parent is not None and parent[2] and not omitted:
            error(
                _(
                    "The item is under “%(parent)s”, which is marked as not performed "
                    "locally; mark this item too, or clear the mark above it."
                )
                % {"parent": parent[0].name},
                PARENT,
                parent[0].code,
            )
            return
        entry = (item, level, omitted)
        self.last[level] = entry
        if item.code:
            self.by_code[item.code] = entry
        if omitted:
            if not item.code:
                error(
                    _(
                        "An item marked as not performed locally needs its number, so "
                        "that the standard item can be found."
                    ),
                    BY_ROLE["code"].title,
                )
            elif parent is None or not parent[2]:
                self.reasons[item.code] = cell(OMISSION_REASON)
            return
        self.fill(item, cell, number)
        (parent[0].children if parent is not None else self.items).append(item)

    def parent(self, item: ItemData, level: int, code: str, number: int):
        """The (item, level, omitted) the row sits under, None at level 1, False on error."""
        found = self.by_code.get(code) if code else self.last.get(level - 1)
        message = ""
        if level == 1 and code:
            message = _("A first-level item has no parent; clear the parent number.")
        elif level == 1:
            return None
        elif found is None and code:
            message = _("No item above this row has the number %(code)s.") % {
                "code": code
            }
        elif found is None:
            message = _(
                "The item has no parent number and no level-%(above)s item above it."
            ) % {"above": level - 1}
        elif found[1] != level - 1:
            message = _(
                "The item is at level %(level)s, so its parent must be at level "
                "%(above)s; “%(parent)s” is at level %(parent_level)s."
            ) % {
                "level": level,
                "above": level - 1,
                "parent": found[0].name,
                "parent_level": found[1],
            }
        if message:
            self.errors.append(RowError(message, number, PARENT, code))
            return False
        return found

    def tick(self, text: str, number: int, label: str) -> bool | None:
        ticked = parse_tick(text)
        if ticked is None:
            self.errors.append(
                RowError(
                    _("The cell should hold a tick (√) or be empty."),
                    number,
                    label,
                    text,
                )
            )
        return ticked

    def fill(self, item: ItemData, cell, number: int) -> None:
        item.content = split_content(cell(BY_ROLE["content"].title))
        item.bases = split_bases(cell(BY_ROLE["bases"].title))
        item.time_limit_text = cell(BY_ROLE["time_limit_text"].title)
        item.subject = cell(BY_ROLE["subject"].title)
        label = BY_ROLE["channels"].title
        item.channels, unknown = parse_channels(cell(label), self.channels)
        for name in unknown:
            self.errors.append(
                RowError(
                    unknown_name_message(name),
                    number,
                    label,
                    name,
                )
            )
        for role in TICKS:
            label = BY_ROLE[role].title
            if normalise_label(label) in self.index and not is_unknown(cell(label)):
                setattr(item, role, self.tick(cell(label), number, label))
