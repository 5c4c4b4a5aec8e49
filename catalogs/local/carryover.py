"""Carrying a local catalog's edits over to a new version of its standard.

``carryover_plan`` shows what changed in the standard, which local edits carry
over as they are, and the conflicts a person must decide; ``carryover_apply``
writes the new local version. A decision is ``keep_local`` (the local edit wins)
or ``take_standard`` / ``drop`` (the local edit is dropped and the new standard
holds). For SUPPLEMENT_NOW_STANDARD, ``take_standard`` moves the supplement's
items under the standard item, while ``drop`` drops them with it. A local time
limit longer than the new standard's cannot be kept (rule 3); keeping the local
channels adds those the new standard requires (rule 4). Column edits on omitted
items do not carry over; the omission and its reason do.
"""

import copy
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portal.audit import audited_bulk_create, audited_save

from ..columns import BASIS_FIELDS, BY_KEY, COPIED_FIELDS
from ..models import Catalog, CatalogKind, CatalogStatus, Item, ItemOrigin, LegalBasis
from .comparison import catalog_compare
from .conflicts import (
    CHANNEL_NOW_REQUIRED,
    DECISIONS,
    DROP,
    KEEP_LOCAL,
    LOCAL_FIELDS,
    STANDARD_FIELD_CHANGED,
    STANDARD_ITEM_REMOVED,
    SUPPLEMENT_NOW_STANDARD,
    TAKE_STANDARD,
    TIME_LIMIT_NOW_LONGER,
    Action,
    CarryoverPlan,
    Conflict,
    display_value,
    sort_edits,
)
from .derivation import catalog_derivation_plan
from .edits import refuse

__all__ = [
    "CHANNEL_NOW_REQUIRED",
    "DECISIONS",
    "DROP",
    "KEEP_LOCAL",
    "STANDARD_FIELD_CHANGED",
    "STANDARD_ITEM_REMOVED",
    "SUPPLEMENT_NOW_STANDARD",
    "TAKE_STANDARD",
    "TIME_LIMIT_NOW_LONGER",
    "Action",
    "CarryoverPlan",
    "Conflict",
    "carryover_apply",
    "carryover_plan",
    "display_value",
]

_SUPPLEMENT_FIELDS = [
    n for n in COPIED_FIELDS if n not in ("level", "code", "position")
]


def carryover_plan(*, local: Catalog, new_standard: Catalog) -> CarryoverPlan:
    """Compare ``local``'s standard with ``new_standard`` and sort its local edits.

    A pure read, in a number of queries that does not grow with the catalogs.
    """
    local = Catalog.objects.select_related(
        "domain", "organisation", "derived_from"
    ).get(pk=local.pk)
    _check(local, new_standard)
    derivation = catalog_derivation_plan(
        organisation=local.organisation, standard=new_standard
    )
    plan = CarryoverPlan(
        local=local,
        old_standard=local.derived_from,
        new_standard=new_standard,
        comparison=catalog_compare(local.derived_from, new_standard),
        new_items=derivation.items,
        local_items=list(
            Item.objects.filter(catalog=local)
            .prefetch_related("bases")
            .order_by("level", "position", "pk")
        ),
    )
    sort_edits(plan)
    return plan


def _check(local: Catalog, new_standard: Catalog) -> None:
    old = local.derived_from
    if local.kind != CatalogKind.LOCAL:
        refuse(
            "catalog",
            _(
                "“%(catalog)s” is a standard catalog; only a local catalog is "
                "carried over to a new version of its standard."
            ),
            catalog=local,
        )
    newer = Catalog.objects.filter(key=local.key, version__gt=local.version)
    if local.status == CatalogStatus.SUPERSEDED or newer.exists():
        refuse(
            "catalog",
            _(
                "“%(catalog)s” has been superseded by a newer version; carry over "
                "the newest version."
            ),
            catalog=local,
        )
    if old is None or old.kind != CatalogKind.STANDARD:
        refuse(
            "derived_from",
            _("“%(catalog)s” does not derive from a standard catalog."),
            catalog=local,
        )
    if new_standard.kind != CatalogKind.STANDARD or new_standard.key != old.key:
        refuse(
            "derived_from",
            _(
                "“%(new)s” is not a version of “%(old)s”; a local catalog is carried "
                "over to a newer version of its own standard."
            ),
            new=new_standard,
            old=old,
        )
    if new_standard.version < old.version:
        # The same version is a county revising its own catalog: a new local
        # version from the current one, with nothing new from the standard.
        refuse(
            "derived_from",
            _(
                "“%(catalog)s” derives from “%(old)s”, which is newer than "
                "“%(new)s”; a local catalog never moves to an older standard."
            ),
            catalog=local,
            old=old,
            new=new_standard,
        )


@transaction.atomic
def carryover_apply(
    *,
    local: Catalog,
    new_standard: Catalog,
    decisions: dict,
    user=None,
    reason: str = "",
) -> Catalog:
    """Write a new draft version of ``local`` derived from ``new_standard``.

    ``decisions`` maps every conflict id of the plan to ``keep_local``,
    ``take_standard`` or ``drop``; when one is missing or wrong nothing is written.
    Older drafts are superseded; a version in force stays in force until the new
    one is validated and put in force (``catalog_put_in_force``), so the public
    never sees a gap. Rows are written in bulk with their history, so the number
    of queries does not grow with the catalog.
    """
    local = Catalog.objects.select_for_update().get(pk=local.pk)
    plan = carryover_plan(local=local, new_standard=new_standard)
    chosen = _checked_decisions(plan, decisions)
    reason = reason or _("Carried over to “%(standard)s”.") % {"standard": new_standard}
    local = plan.local
    version = Catalog.objects.filter(key=local.key).aggregate(v=Max("version"))["v"]
    catalog = Catalog(
        key=local.key,
        version=version + 1,
        kind=CatalogKind.LOCAL,
        status=CatalogStatus.DRAFT,
        domain=local.domain,
        title=local.title,
        issuer=local.issuer,
        organisation=local.organisation,
        derived_from=new_standard,
        expected_level1=new_standard.expected_level1,
        expected_level2=new_standard.expected_level2,
        notes=local.notes,
        sources=local.sources,
    )
    audited_save(catalog, user=user, reason=reason)
    rows = _Layout(plan, chosen).rows(catalog)
    for level in (1, 2, 3):
        items = [row.item for row in rows if row.item.level == level]
        audited_bulk_create(items, Item, user=user, reason=reason)
    bases = [
        LegalBasis(item=row.item, **{n: getattr(b, n) for n in BASIS_FIELDS})
        for row in rows
        for b in row.bases
    ]
    audited_bulk_create(bases, LegalBasis, user=user, reason=reason)
    older = Catalog.objects.filter(key=local.key).exclude(pk=catalog.pk)
    for old in older.filter(status=CatalogStatus.DRAFT):
        old.status = CatalogStatus.SUPERSEDED
        audited_save(
            old,
            user=user,
            reason=_("Superseded by version %(v)s.") % {"v": catalog.version},
        )
    return catalog


def _checked_decisions(plan: CarryoverPlan, decisions: dict) -> dict:
    """Conflict id → (conflict, decision); every problem is reported together."""
    conflicts = {conflict.id: conflict for conflict in plan.conflicts}
    errors = [
        _("There is no conflict “%(id)s” in this carry-over.") % {"id": key}
        for key in decisions
        if key not in conflicts
    ]
    chosen = {}
    for conflict in plan.conflicts:
        decision = decisions.get(conflict.id)
        if decision is None:
            errors.append(
                _("Conflict “%(id)s” is undecided: %(message)s")
                % {"id": conflict.id, "message": conflict.message}
            )
        elif decision not in conflict.choices:
            errors.append(
                _(
                    "“%(decision)s” is not a decision for conflict “%(id)s”; "
                    "choose one of %(choices)s."
                )
                % {
                    "decision": decision,
                    "id": conflict.id,
                    "choices": ", ".join(conflict.choices),
                }
            )
        else:
            chosen[conflict.id] = (conflict, decision)
    if errors:
        raise ValidationError(errors)
    return chosen


@dataclass
class _Row:
    item: Item
    order: tuple
    bases: list
    wanted_code: str = ""
    children: list["_Row"] = field(default_factory=list)


class _Layout:
    """The new version's rows: the new standard's items with the local edits on."""

    def __init__(self, plan: CarryoverPlan, chosen: dict):
        self.plan = plan
        self.chosen = chosen
        self.new_rows: dict[int, _Row] = {}
        self.local_rows: dict[int, _Row | None] = {}

    def decision(self, item: Item, suffix: str) -> tuple[Conflict | None, str | None]:
        return self.chosen.get(f"{item.pk}:{suffix}", (None, None))

    def rows(self, catalog: Catalog) -> list[_Row]:
        plan = self.plan
        local_for_new = {new.pk: pk for pk, new in plan.counterparts.items()}
        self.continued = set(local_for_new)
        by_pk = {item.pk: item for item in plan.local_items}
        roots: list[_Row] = []
        for new in plan.new_items:  # parents come first
            values = {n: copy.deepcopy(getattr(new, n)) for n in COPIED_FIELDS}
            row = _Row(
                Item(
                    catalog=catalog,
                    origin=ItemOrigin.DERIVED,
                    derived_from=new,
                    **values,
                ),
                (0, new.position),
                list(new.bases.all()),
            )
            mine = by_pk.get(local_for_new.get(new.pk))
            if mine is not None:
                row.item.lineage = mine.lineage  # the row keeps its identity
            if new.pk in plan.omitted:
                row.item.omitted = True
                row.item.omission_reason = plan.omitted[new.pk]
            elif mine is not None:
                self._local_columns(row, mine, new)
            self.new_rows[new.pk] = row
            parent = self.new_rows.get(new.parent_id)
            (parent.children if parent else roots).append(row)
        for mine in plan.local_items:
            if mine.pk not in plan.counterparts:
                self._local_row(catalog, mine, roots)
        return self._ordered(roots)

    def _local_columns(self, row: _Row, mine: Item, new: Item) -> None:
        names = list(self.plan.carried.get(mine.pk, []))
        for name in LOCAL_FIELDS:
            conflict, decision = self.decision(mine, name)
            if decision != KEEP_LOCAL:
                continue
            if conflict.code == CHANNEL_NOW_REQUIRED:
                required = [c for c in new.channels if c not in mine.channels]
                row.item.channels = [*mine.channels, *required]
            else:
                names.append(name)
        for name in names:
            if name == "bases":
                row.bases = list(mine.bases.all())
                continue
            # The structured time-limit fields travel with the wording.
            for column in BY_KEY[name].fields:
                setattr(row.item, column, copy.deepcopy(getattr(mine, column)))

    def _parent_row(self, mine: Item) -> _Row | None | bool:
        """The row ``mine`` goes under, None at the top, False when it is dropped."""
        if mine.parent_id is None:
            return None
        new = self.plan.counterparts.get(mine.parent_id)
        if new is not None:
            return self.new_rows[new.pk]
        return self.local_rows.get(mine.parent_id) or False

    def _local_row(self, catalog: Catalog, mine: Item, roots: list[_Row]) -> None:
        parent = self._parent_row(mine)
        self.local_rows[mine.pk] = None
        if parent is False or mine.omitted:
            return
        if mine.origin == ItemOrigin.DERIVED:
            # Gone from the standard: kept only by a decision on it or above it.
            topmost = mine.parent_id is None or mine.parent_id in self.plan.counterparts
            if topmost and self.decision(mine, "removed")[1] != KEEP_LOCAL:
                return
        else:
            conflict, decision = self.decision(mine, "overlap")
            if decision == TAKE_STANDARD:
                replacement = self.new_rows[conflict.standard_item.pk]
                if conflict.standard_item.level == mine.level:
                    self.local_rows[mine.pk] = replacement
                    if conflict.standard_item.pk not in self.continued:
                        # The standard item takes the supplement's place.
                        replacement.item.lineage = mine.lineage
                return
            if decision == DROP:
                return
        values = {n: copy.deepcopy(getattr(mine, n)) for n in _SUPPLEMENT_FIELDS}
        row = _Row(
            Item(
                catalog=catalog,
                origin=ItemOrigin.SUPPLEMENT,
                lineage=mine.lineage,
                **values,
            ),
            (1, mine.position),
            list(mine.bases.all()),
            mine.code,
        )
        row.item.level = parent.item.level + 1 if parent else 1
        self.local_rows[mine.pk] = row
        (parent.children if parent else roots).append(row)

    def _ordered(self, roots: list[_Row]) -> list[_Row]:
        """Every row in reading order, numbered, with parents and local codes set."""
        taken = {row.item.code for row in self.new_rows.values() if row.item.code}
        ordered: list[_Row] = []
        stack = [(row, None) for row in sorted(roots, key=_order, reverse=True)]
        while stack:
            row, parent = stack.pop()
            row.item.parent = parent.item if parent else None
            row.item.position = len(ordered) + 1
            if row.item.origin == ItemOrigin.SUPPLEMENT:
                row.item.code = _code(row.wanted_code, parent, taken)
                taken.add(row.item.code)
            ordered.append(row)
            children = sorted(row.children, key=_order, reverse=True)
            stack.extend((child, row) for child in children)
        return ordered


def _order(row: _Row) -> tuple:
    return row.order


def _code(wanted: str, parent: _Row | None, taken: set[str]) -> str:
    """The local item's number, renumbered when the new standard now uses it."""
    if not wanted:
        return ""
    prefix = f"{parent.item.code}." if parent is not None else ""
    if wanted.startswith(prefix) and wanted[len(prefix) :].isdigit():
        if wanted not in taken:
            return wanted
    if parent is not None and not parent.item.code:
        return ""
    numbers = [
        int(code[len(prefix) :])
        for code in taken
        if code.startswith(prefix) and code[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"
