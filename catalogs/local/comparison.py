"""Comparing two catalogs: a local catalog with its standard, or two versions.

Items are matched through derivation first (a local item and the standard item
it derives from, or two items derived from the same one), then by number, then
by name under matching parents. Pure reads, in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..channels import Vocabulary
from ..columns import COMPARED, column_value, field_label
from ..folding import normalise_name
from ..models import Catalog, Item


@dataclass(frozen=True)
class FieldDifference:
    """One column that differs: its name, its translated label, old and new value."""

    field: str
    label: str
    old: object
    new: object


@dataclass(frozen=True)
class ItemDifference:
    left: Item
    right: Item
    differences: list[FieldDifference]


@dataclass
class Comparison:
    """What changed from ``left`` to ``right``."""

    left: Catalog
    right: Catalog
    matched: list[tuple[Item, Item]] = field(default_factory=list)
    omitted: list[tuple[Item, Item]] = field(default_factory=list)
    restored: list[tuple[Item, Item]] = field(default_factory=list)
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    changed: list[ItemDifference] = field(default_factory=list)

    @property
    def is_same(self) -> bool:
        return not (
            self.omitted or self.restored or self.added or self.removed or self.changed
        )

    def summary(self) -> str:
        return _(
            "%(omitted)s omitted, %(restored)s restored, %(added)s added, "
            "%(removed)s removed, %(changed)s changed."
        ) % {
            "omitted": len(self.omitted),
            "restored": len(self.restored),
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
        }


def catalog_compare(left: Catalog, right: Catalog) -> Comparison:
    """List what ``right`` omits, restores, adds, removes and changes against ``left``."""
    left_items = _items(left)
    right_items = _items(right)
    pairs = _match(left_items, right_items)
    channel_names = Vocabulary.load().names
    result = Comparison(left=left, right=right)
    matched_left = set()
    for item in right_items:
        other = pairs.get(item.pk)
        if other is None:
            result.added.append(item)
            continue
        matched_left.add(other.pk)
        result.matched.append((other, item))
        if item.omitted and not other.omitted:
            result.omitted.append((other, item))
        elif other.omitted and not item.omitted:
            result.restored.append((other, item))
        differences = _differences(other, item, channel_names)
        if differences:
            result.changed.append(ItemDifference(other, item, differences))
    result.removed = [item for item in left_items if item.pk not in matched_left]
    return result


def _items(catalog: Catalog) -> list[Item]:
    return list(
        Item.objects.filter(catalog=catalog)
        .prefetch_related("bases")
        .order_by("level", "position", "pk")
    )


def _match(left: list[Item], right: list[Item]) -> dict[int, Item]:
    """Right item pk → its left counterpart, each left item used at most once."""
    pairs: dict[int, Item] = {}
    used: set[int] = set()

    def take(right_item: Item, left_item: Item | None) -> None:
        if left_item is not None and left_item.pk not in used:
            if right_item.pk not in pairs:
                pairs[right_item.pk] = left_item
                used.add(left_item.pk)

    left_by_pk = {item.pk: item for item in left}
    right_by_pk = {item.pk: item for item in right}
    for item in right:  # right derives from left
        take(item, left_by_pk.get(item.derived_from_id))
    for item in left:  # left derives from right
        counterpart = right_by_pk.get(item.derived_from_id)
        if counterpart is not None:
            take(counterpart, item)
    left_by_source = {i.derived_from_id: i for i in left if i.derived_from_id}
    for item in right:  # both derive from the same item
        if item.derived_from_id:
            take(item, left_by_source.get(item.derived_from_id))
    left_by_code = {item.code: item for item in left if item.code}
    for item in right:
        if item.code:
            take(item, left_by_code.get(item.code))
    # By name under the counterpart of the parent; items come parents first.
    left_by_name = {}
    for item in left:
        if item.pk not in used:
            key = (item.parent_id, normalise_name(item.name))
            left_by_name.setdefault(key, item)
    for item in right:
        if item.pk not in pairs:
            parent = pairs.get(item.parent_id) if item.parent_id else None
            if item.parent_id is None or parent is not None:
                key = (parent.pk if parent else None, normalise_name(item.name))
                take(item, left_by_name.get(key))
    return pairs


def _value(item: Item, name: str, channel_names: dict[str, str]):
    value = column_value(item, name)
    if name == "channels":
        return [channel_names.get(code, code) for code in value]
    return value


def _differences(
    left: Item, right: Item, channel_names: dict[str, str]
) -> list[FieldDifference]:
    differences = []
    for name in COMPARED:
        old = _value(left, name, channel_names)
        new = _value(right, name, channel_names)
        if old != new:
            differences.append(FieldDifference(name, field_label(name), old, new))
    # Omitted on both sides: the reason on record is part of what the row says.
    if left.omitted and right.omitted and left.omission_reason != right.omission_reason:
        name = "omission_reason"
        differences.append(
            FieldDifference(
                name, field_label(name), left.omission_reason, right.omission_reason
            )
        )
    return differences
