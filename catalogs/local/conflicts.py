"""Sorting a local catalog's edits for a new standard version: actions and conflicts.

``carryover.py`` holds the services; this module holds what a plan is made of and
the rules that decide, per local item and column, whether an edit carries over
as it is or is a conflict for a person to decide.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..channels import Vocabulary
from ..columns import KEYS, column_value, field_label
from ..models import Catalog, Item, ItemOrigin, TimeLimitKind
from ..timelimits import TimeLimit
from .comparison import Comparison
from .validation import OverlapIndex

KEEP_LOCAL, TAKE_STANDARD, DROP = "keep_local", "take_standard", "drop"
DECISIONS = (KEEP_LOCAL, TAKE_STANDARD, DROP)

STANDARD_ITEM_REMOVED = "STANDARD_ITEM_REMOVED"
STANDARD_FIELD_CHANGED = "STANDARD_FIELD_CHANGED"
SUPPLEMENT_NOW_STANDARD = "SUPPLEMENT_NOW_STANDARD"
TIME_LIMIT_NOW_LONGER = "TIME_LIMIT_NOW_LONGER"
CHANNEL_NOW_REQUIRED = "CHANNEL_NOW_REQUIRED"

EDIT_CARRIED = "EDIT_CARRIED"
OMISSION_CARRIED = "OMISSION_CARRIED"
SUPPLEMENT_CARRIED = "SUPPLEMENT_CARRIED"
OMISSION_OBSOLETE = "OMISSION_OBSOLETE"
OMITTED_WITH_PARENT = "OMITTED_WITH_PARENT"

# The columns a county may change on a standard item; the name stays the standard's.
LOCAL_FIELDS = KEYS


@dataclass(frozen=True)
class Action:
    """A local edit that carries over as it is, or a change that needs no decision."""

    code: str
    item: Item  # the local item; the new standard's item for OMITTED_WITH_PARENT
    field: str
    message: str

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class Conflict:
    """A local edit that meets a change in the new standard; a person decides."""

    id: str
    code: str
    item: Item  # the local item
    field: str
    message: str
    choices: tuple[str, ...]
    standard_item: Item | None = None  # the new standard's item concerned
    old: object = None  # the old standard's value
    new: object = None  # the new standard's value
    local: object = None

    def __str__(self):
        return self.message


@dataclass
class CarryoverPlan:
    """What carrying ``local`` over to ``new_standard`` changes, keeps and asks."""

    local: Catalog
    old_standard: Catalog
    new_standard: Catalog
    comparison: Comparison  # old standard → new standard
    new_items: list[Item]  # the new standard's items a local catalog copies
    local_items: list[Item]
    actions: list[Action] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    counterparts: dict[int, Item] = field(default_factory=dict)  # local pk → new
    carried: dict[int, list[str]] = field(default_factory=dict)  # local pk → fields
    omitted: dict[int, str] = field(default_factory=dict)  # new pk → reason

    @property
    def added(self) -> list[Item]:
        """Items new in the standard, for the county to see."""
        return self.comparison.added

    def undecided(self, decisions: dict) -> list[Conflict]:
        return [c for c in self.conflicts if c.id not in decisions]

    def summary(self) -> str:
        return _(
            "The new standard adds %(added)s items, removes %(removed)s and changes "
            "%(changed)s; %(actions)s local edits carry over and %(conflicts)s "
            "conflicts need a decision."
        ) % {
            "added": len(self.comparison.added),
            "removed": len(self.comparison.removed),
            "changed": len(self.comparison.changed),
            "actions": len(self.actions),
            "conflicts": len(self.conflicts),
        }


def _verdict(item: Item, standard: Item) -> bool | None:
    """Whether ``item``'s time limit is no longer than ``standard``'s; None: unknown."""
    mine, limit = TimeLimit.of(item), TimeLimit.of(standard)
    if limit.kind == TimeLimitKind.UNSPECIFIED:
        return True
    if mine.kind == TimeLimitKind.UNSPECIFIED:
        return False
    counted = (TimeLimitKind.WITHIN, TimeLimitKind.PERIODIC)
    if mine.kind in counted and None in (mine.amount, limit.amount):
        return None
    return mine.is_stricter_or_equal(limit)


def display_value(name: str, value, channel_names: dict[str, str]) -> str:
    """A column's value as a person reads it in a message."""
    if value is None:
        return _("not stated")
    if isinstance(value, bool):
        return _("ticked") if value else _("not ticked")
    if name == "channels":
        value = [channel_names.get(code, code) for code in value]
    if isinstance(value, list | tuple):
        value = "、".join(str(v) for v in value)
    return str(value) or _("none")


def sort_edits(plan: CarryoverPlan) -> None:
    """Fill ``plan``'s actions, conflicts and mappings from its items."""
    _Sorter(plan).run()


class _Sorter:
    """Sorts every local item's edits into actions and conflicts on ``plan``."""

    def __init__(self, plan: CarryoverPlan):
        self.plan = plan
        matched = plan.comparison.matched
        self.old = {left.pk: left for left, _right in matched}
        self.old.update((item.pk, item) for item in plan.comparison.removed)
        present = {item.pk: item for item in plan.new_items}
        self.new_for_old = {left.pk: present.get(right.pk) for left, right in matched}
        self.local = {item.pk: item for item in plan.local_items}
        self.children: dict[int, list[Item]] = {}
        for item in plan.local_items:
            self.children.setdefault(item.parent_id, []).append(item)
        self.names = Vocabulary.load().names
        self.new_index = OverlapIndex([i for i in plan.new_items if i.level <= 2])
        old = [i for i in self.old.values() if i.level <= 2 and not i.omitted]
        self.old_index = OverlapIndex(old)
        self.placed: set[int] = set()
        self.pending: set[int] = set()

    def run(self) -> None:
        plan = self.plan
        for item in plan.local_items:
            if item.origin == ItemOrigin.DERIVED:
                new = self.new_for_old.get(item.derived_from_id)
                if new is not None:
                    plan.counterparts[item.pk] = new
        for item in plan.local_items:  # parents come first
            parent = item.parent_id
            if item.pk in plan.counterparts:
                self._derived(item, plan.counterparts[item.pk])
            elif item.origin == ItemOrigin.DERIVED:
                if parent is None or parent in plan.counterparts:
                    self._removed(item)
            elif parent is None or parent in plan.counterparts or parent in self.placed:
                self._supplement(item)
        self._omit_under_omitted()

    def _action(self, code, item, name, message, **params):
        params.setdefault("item", item)
        if name:
            params.setdefault("field", field_label(name))
        self.plan.actions.append(Action(code, item, name, message % params))

    def _conflict(self, code, item, name, message, choices, suffix="", **kw):
        params = {"item": item, **kw.pop("params", {})}
        if name:
            params["field"] = field_label(name)
        conflict = Conflict(
            f"{item.pk}:{suffix or name}",
            code,
            item,
            name,
            message % params,
            choices,
            **kw,
        )
        self.plan.conflicts.append(conflict)

    def _derived(self, item: Item, new: Item) -> None:
        if item.omitted:
            self._action(
                OMISSION_CARRIED,
                item,
                "omitted",
                _("Item “%(item)s” stays omitted: %(reason)s"),
                reason=item.omission_reason,
            )
            return
        source = self.old[item.derived_from_id]
        carried = self.plan.carried.setdefault(item.pk, [])
        for name in LOCAL_FIELDS:
            mine, before, after = (column_value(i, name) for i in (item, source, new))
            if mine in (before, after):
                continue
            shown = {
                "local": display_value(name, mine, self.names),
                "old": display_value(name, before, self.names),
                "new": display_value(name, after, self.names),
            }
            if after == before:
                carried.append(name)
                self._action(
                    EDIT_CARRIED,
                    item,
                    name,
                    _(
                        "Item “%(item)s”, field “%(field)s”: the local value "
                        "“%(local)s” carries over."
                    ),
                    local=shown["local"],
                )
                continue
            values = {"standard_item": new, "old": before, "new": after, "local": mine}
            code, message, choices = self._field_conflict(item, name, new, shown)
            self._conflict(code, item, name, message, choices, params=shown, **values)

    def _field_conflict(self, item: Item, name: str, new: Item, shown: dict):
        """The code, message and choices for an edit the new standard also makes."""
        verdict = _verdict(item, new) if name == "time_limit_text" else True
        if verdict is False:
            message = _(
                "Item “%(item)s”, field “%(field)s”: the local time limit "
                "“%(local)s” is longer than the new standard’s “%(new)s”. A local "
                "catalog may shorten a time limit but never lengthen it, so it must "
                "be shortened again."
            )
            return TIME_LIMIT_NOW_LONGER, message, (TAKE_STANDARD, DROP)
        if verdict is None:
            message = _(
                "Item “%(item)s”, field “%(field)s”: the local time limit "
                "“%(local)s” cannot be compared with the new standard’s “%(new)s”, "
                "so it cannot be shown to be no longer; it must be set again."
            )
            return TIME_LIMIT_NOW_LONGER, message, (TAKE_STANDARD, DROP)
        missing = [c for c in new.channels if c not in item.channels]
        if name == "channels" and missing:
            shown["missing"] = display_value(name, missing, self.names)
            message = _(
                "Item “%(item)s”, field “%(field)s”: the new standard requires "
                "“%(missing)s”, which the local catalog lacks. A local catalog may "
                "add channels but never drop one."
            )
            return CHANNEL_NOW_REQUIRED, message, DECISIONS
        message = _(
            "Item “%(item)s”, field “%(field)s”: the local catalog changed this field "
            "and the new standard changes it too. Old standard: “%(old)s”; new "
            "standard: “%(new)s”; local catalog: “%(local)s”."
        )
        return STANDARD_FIELD_CHANGED, message, DECISIONS

    def _removed(self, item: Item) -> None:
        if item.omitted:
            self._action(
                OMISSION_OBSOLETE,
                item,
                "omitted",
                _(
                    "Item “%(item)s” is omitted locally and the new standard no "
                    "longer has it; the omission is dropped."
                ),
            )
            return
        changes = []
        queue = [item]
        while queue:
            row = queue.pop(0)
            if row.omitted or row.pk in self.plan.counterparts:
                continue
            queue.extend(self.children.get(row.pk, []))
            if row.origin != ItemOrigin.DERIVED:
                changes.append(_("local item “%(item)s”") % {"item": row})
                continue
            source = self.old.get(row.derived_from_id)
            edited = [
                field_label(name)
                for name in LOCAL_FIELDS
                if source is None
                or column_value(row, name) != column_value(source, name)
            ]
            if edited and row is item:
                changes.append(_("changed %(fields)s") % {"fields": ", ".join(edited)})
            elif edited:
                changes.append(_("changes to “%(item)s”") % {"item": row})
        if changes:
            message = _(
                "Item “%(item)s”: the new standard no longer has this item, but the "
                "local catalog has changes on it (%(changes)s). Keep it as a local "
                "supplementary item, or drop it."
            )
            params = {"changes": "; ".join(changes)}
            self._conflict(
                STANDARD_ITEM_REMOVED,
                item,
                "",
                message,
                DECISIONS,
                suffix="removed",
                params=params,
            )

    def _supplement(self, item: Item) -> None:
        self.placed.add(item.pk)
        parent = self.local.get(item.parent_id)
        hit = self._overlap(item, parent) if item.level <= 2 else None
        if hit is not None:
            message = _(
                "Item “%(item)s”, field “%(field)s”: the supplementary item now "
                "overlaps the new standard’s item “%(standard)s”. A supplement must "
                "not overlap a first- or second-level item of the standard."
            )
            self._conflict(
                SUPPLEMENT_NOW_STANDARD,
                item,
                "name",
                message,
                DECISIONS,
                suffix="overlap",
                params={"standard": hit},
                standard_item=hit,
            )
        elif parent is None:
            self._action(
                SUPPLEMENT_CARRIED, item, "", _("Local item “%(item)s” carries over.")
            )
        elif parent.pk not in self.pending:
            self._action(
                SUPPLEMENT_CARRIED,
                item,
                "",
                _("Local item “%(item)s” carries over under “%(parent)s”."),
                parent=self.plan.counterparts.get(parent.pk, parent),
            )
        if hit is not None or (parent is not None and parent.pk in self.pending):
            self.pending.add(item.pk)  # it follows the decision on it or above it

    def _overlap(self, item: Item, parent: Item | None) -> Item | None:
        new_parent = self.plan.counterparts.get(parent.pk) if parent else None
        found = self.new_index.find(item, new_parent.pk if new_parent else None)
        if found is None:
            return None
        before = self.old_index.find(item, parent.derived_from_id if parent else None)
        if before is not None:
            was = self.new_for_old.get(before[0].pk)
            if was is not None and was.pk == found[0].pk:
                return None  # it overlapped before; validation reports that
        return found[0]

    def _omit_under_omitted(self) -> None:
        plan = self.plan
        local_for_new = {
            new.pk: self.local[pk] for pk, new in plan.counterparts.items()
        }
        for new in plan.new_items:  # parents come first
            mine = local_for_new.get(new.pk)
            if mine is not None and mine.omitted:
                plan.omitted[new.pk] = mine.omission_reason
            elif new.parent_id in plan.omitted:
                plan.omitted[new.pk] = plan.omitted[new.parent_id]
                self._action(
                    OMITTED_WITH_PARENT,
                    new,
                    "omitted",
                    _(
                        "Item “%(item)s” of the new standard is omitted like the "
                        "item above it: %(reason)s"
                    ),
                    reason=plan.omitted[new.pk],
                )
