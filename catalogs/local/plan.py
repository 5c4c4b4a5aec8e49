"""What a file would make of a county's local catalog, worked out without writing.

Every row of the file is matched to the standard or taken as a local item, and
every problem collected with its row, column and value; ``localimport`` writes a
plan only when it has no errors.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..channels import Vocabulary
from ..columns import COLUMNS, LEVEL_FLAGS, TICKS, Kind, column_value
from ..folding import normalise_name
from ..layout.cells import OMITTED, TICK, split_bases, split_content
from ..layout.headers import BY_ROLE
from ..layout.rows import CatalogData, ItemData, RowError
from ..models import Catalog, Item
from .derivation import catalog_derivation_plan

MATCHED = "matched"
SUPPLEMENT = "supplement"
SUB_ITEM = "sub_item"

_NAME_LENGTH = Item._meta.get_field("name").max_length


@dataclass(frozen=True)
class Difference:
    """A column in which a file row differs from its standard item, as displayed."""

    field: str
    column: str
    standard: str
    local: str
    added: tuple[str, ...] = ()  # for list columns: entries new in the file
    removed: tuple[str, ...] = ()  # and entries the file drops


@dataclass(eq=False)
class RowPlan:
    """What becomes of one item of the file: a matched standard item or a local one."""

    data: ItemData
    level: int
    action: str
    standard: Item | None = None
    parent: "RowPlan | None" = None
    columns: dict = field(default_factory=dict)  # for the services: changes or values
    differences: list[Difference] = field(default_factory=list)

    @property
    def row(self) -> int | None:
        return self.data.source_row

    @property
    def column(self) -> str:
        return BY_ROLE[f"level{min(self.level, 3)}"].title

    def __str__(self):
        code = self.standard.code if self.standard is not None else self.data.code
        return f"{code} {self.data.name}".strip()


@dataclass(frozen=True)
class Omission:
    """A standard item the file leaves out, omitted with the items under it."""

    item: Item
    reason: str
    below: int


@dataclass
class LocalImportPlan:
    """What ``local_catalog_import`` would write for a file, and what stops it."""

    organisation: object
    standard: Catalog
    rows: list[RowPlan] = field(default_factory=list)
    omissions: list[Omission] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def of(self, action: str) -> list[RowPlan]:
        return [row for row in self.rows if row.action == action]

    @property
    def changed(self) -> list[RowPlan]:
        return [row for row in self.rows if row.differences]


def local_catalog_import_plan(
    *,
    organisation,
    standard: Catalog,
    data: CatalogData,
    omit_reason: str = "",
    omission_reasons: dict[str, str] | None = None,
) -> LocalImportPlan:
    """Match every item of ``data`` to ``standard`` without writing anything.

    A row is the standard item with its number and name under the same parent, or
    with the same name (normalised) under it; other rows are supplements (first and
    second level) or sub-items (third level). Standard items missing from the file
    are omitted, with ``omission_reasons`` (by number) or else ``omit_reason``.
    """
    plan = LocalImportPlan(organisation=organisation, standard=standard)
    try:
        derivation = catalog_derivation_plan(
            organisation=organisation, standard=standard
        )
    except ValidationError as exc:
        plan.errors += [RowError(message) for message in exc.messages]
        return plan
    if not data.items:
        plan.errors.append(RowError(_("The catalog has no items.")))
        return plan
    _Matcher(plan, derivation.items).run(data)
    _plan_omissions(plan, derivation.items, omit_reason, omission_reasons or {})
    return plan


class _Matcher:
    """Walks the file's item tree, matching it against the standard's items."""

    def __init__(self, plan: LocalImportPlan, items: list[Item]):
        self.plan = plan
        self.domain = plan.standard.domain
        self.children: dict[int | None, list[Item]] = {}
        for item in items:
            self.children.setdefault(item.parent_id, []).append(item)
        self.by_code = {item.code: item for item in items if item.code}
        self.matched: dict[int, RowPlan] = {}
        self.new_codes: dict[str, RowPlan] = {}
        self.channels = Vocabulary.load().names

    def error(self, message: str, row: RowPlan, column: str = "", value=None):
        value = row.data.name if value is None else value
        self.plan.errors.append(RowError(message, row.row, column or row.column, value))

    def run(self, data: CatalogData) -> None:
        stack = [(item, 1, None) for item in reversed(data.items)]
        while stack:
            item, level, parent = stack.pop()
            row = self.place(item, level, parent)
            if row is not None:
                stack.extend((c, level + 1, row) for c in reversed(item.children))

    def place(self, data: ItemData, level: int, parent: RowPlan | None):
        row = RowPlan(data=data, level=level, action=MATCHED, parent=parent)
        if level > 3:
            self.error(_("Items can be nested three levels deep at most."), row)
            return None
        if parent is None or parent.action == MATCHED:
            standard = self.match(row, parent.standard if parent else None)
            if standard is False:
                return None
            row.standard = standard
        if row.standard is None:
            row.action = SUB_ITEM if level == 3 else SUPPLEMENT
            if data.omitted:
                self.error(
                    _(
                        "The row “%(name)s” is marked “本地未开展” (not performed "
                        "locally), but it is not an item of the standard: only a "
                        "standard item can be omitted. Remove the mark, or the row."
                    )
                    % {"name": data.name},
                    row,
                    BY_ROLE["remarks"].title,
                    OMITTED,
                )
                return None
            if not self.check_new(row):
                return None
            row.columns = self.values(data)
        else:
            self.matched[row.standard.pk] = row
            row.columns, row.differences = self.changes(data, row.standard)
        self.check_levels(row)
        self.plan.rows.append(row)
        return row

    def match(self, row: RowPlan, parent: Item | None) -> Item | None | bool:
        """The standard item of ``row``, None for a local item, False on an error.

        The item with the row's number comes first if its name agrees; same-named
        siblings are taken in order, so a standard repeating a name still matches.
        """
        siblings = self.children.get(parent.pk if parent else None, [])
        name = normalise_name(row.data.name)
        same = [s for s in siblings if normalise_name(s.name) == name]
        by_code = self.by_code.get(row.data.code)
        if by_code in same:
            same.insert(0, by_code)
        free = [s for s in same if s.pk not in self.matched]
        if same and not free:
            self.error(
                _(
                    "The standard item “%(item)s” already has row %(row)s; each item "
                    "takes one row."
                )
                % {"item": same[0], "row": self.matched[same[0].pk].row},
                row,
            )
            return False
        return free[0] if free else None

    def check_new(self, row: RowPlan) -> bool:
        code, problems = row.data.code, []
        if len(row.data.name) > _NAME_LENGTH:
            problems.append(
                _("The name is longer than %(max)s characters.") % {"max": _NAME_LENGTH}
            )
        if code in self.by_code:
            problems.append(
                _(
                    "The number %(code)s belongs to the standard item “%(item)s”, so it "
                    "cannot number “%(name)s”: a standard item keeps its name and "
                    "place, and a local item needs a number of its own. Correct the "
                    "name, or change or clear the number."
                )
                % {"code": code, "item": self.by_code[code], "name": row.data.name}
            )
        elif code in self.new_codes:
            problems.append(
                _("The number %(code)s is already used in row %(row)s.")
                % {"code": code, "row": self.new_codes[code].row}
            )
        elif code:
            self.new_codes[code] = row
        for message in problems:
            self.error(message, row)
        return not problems

    def check_levels(self, row: RowPlan) -> None:
        for name, flag in LEVEL_FLAGS.items():
            if getattr(row.data, name) and not getattr(self.domain, flag):
                self.error(
                    _(
                        "The %(domain)s domain is not published at this level, so the "
                        "cell cannot be ticked."
                    )
                    % {"domain": self.domain.name},
                    row,
                    BY_ROLE[name].title,
                    TICK,
                )

    @staticmethod
    def values(data: ItemData) -> dict:
        """The row's columns as the services take them; ticks the file leaves open
        are not set."""
        columns = {}
        for column in COLUMNS:
            value = getattr(data, column.key)
            if column.kind == Kind.TICK:
                if value is not None:
                    columns[column.key] = value
            elif column.kind == Kind.TEXT:
                columns[column.key] = value.strip()
            else:
                columns[column.key] = list(value)
        return columns

    def changes(self, data: ItemData, standard: Item):
        """The service changes turning ``standard`` into the row, and how they show."""
        if data.children and not any(self.values(data).values()):
            return {}, []  # a heading over its items, without a row of its own
        changes, differences = {}, []
        for name, value in self.values(data).items():
            old = column_value(standard, name)
            # Lists are compared as a reader would read the standard's own
            # wording back, so an export imported unchanged changes nothing.
            if name == "content":
                same = split_content("\n".join(old)) == value
            elif name == "bases":
                same = _folded(split_bases("\n".join(old))) == _folded(value)
            elif name == "channels":
                same = set(old) == set(value)
                value = [c for c in old if c in value] + [
                    c for c in value if c not in old
                ]
            elif name in TICKS:
                # Read ticks are True or False; a 不详 cell is not among the values.
                same = old == value
            else:
                same = old == value
            if not same:
                changes[name] = value
                differences.append(self.difference(name, old, value))
        return changes, differences

    def difference(self, name: str, old, new) -> Difference:
        column = BY_ROLE[name].title
        shown = self.show(name, old), self.show(name, new)
        if not isinstance(new, list):
            return Difference(name, column, *shown)
        if name == "channels":
            old, new = self.names(old), self.names(new)
        added = tuple(entry for entry in new if entry not in old)
        removed = tuple(entry for entry in old if entry not in new)
        return Difference(name, column, *shown, added=added, removed=removed)

    def names(self, codes: list[str]) -> list[str]:
        return [self.channels.get(code, code) for code in codes]

    def show(self, name: str, value) -> str:
        if name == "channels":
            return "、".join(self.names(value))
        if isinstance(value, list):
            return "；".join(value)
        if name in TICKS:
            return TICK if value else ""
        return value


def _folded(texts: list[str]) -> list[str]:
    return [" ".join(text.split()) for text in texts]


def _plan_omissions(plan, items, omit_reason: str, reasons: dict[str, str]) -> None:
    """The standard items the file leaves out, and those it marks 本地未开展 (with
    the reason it gives), each omitted with the items under it."""
    present = {
        row.standard.pk
        for row in plan.rows
        if row.standard is not None and not row.data.omitted
    }
    top: dict[int, Item] = {}
    below: dict[int, int] = {}
    for item in items:  # level by level, so a parent comes before its children
        if item.pk in present:
            continue
        head = top.get(item.parent_id)
        if head is None:
            top[item.pk] = item
            below[item.pk] = 0
        else:
            top[item.pk] = head
            below[head.pk] += 1
    heads = [item for pk, item in top.items() if item.pk == pk]
    known = {item.code for item in top.values() if item.code}
    for code in reasons:
        if code not in known:
            plan.errors.append(
                RowError(
                    _(
                        "The item numbered %(code)s is marked as not performed "
                        "locally, but it is not a standard item left out of the file."
                    )
                    % {"code": code},
                    value=code,
                )
            )
    marked = {
        row.standard.pk: row.data.omission_reason
        for row in plan.rows
        if row.standard is not None and row.data.omitted
    }

    def reason(item: Item) -> str:
        given = marked.get(item.pk) or reasons.get(item.code) or omit_reason
        return given.strip()

    plan.omissions = [
        Omission(item, reason(item), below[item.pk])
        for item in sorted(heads, key=lambda i: (i.position, i.pk))
    ]
