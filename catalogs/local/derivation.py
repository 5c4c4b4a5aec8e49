"""Deriving a county's local catalog from a standard, and editing its items."""

import copy
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portal.audit import audited_bulk_create, audited_save
from portal.models import Organisation

from ..columns import BASIS_FIELDS, COPIED_FIELDS
from ..models import Catalog, CatalogKind, CatalogStatus, Item, ItemOrigin, LegalBasis
from .edits import (
    StaleEditError,
    apply_columns,
    check_local_catalog,
    editable_item,
    item_remove,
    item_save,
    item_update,
    refuse,
    sync_bases,
)

# The edit services live in itemedits; they are part of this module's API too.
__all__ = [
    "DerivationPlan",
    "StaleEditError",
    "catalog_derivation_plan",
    "catalog_derive",
    "item_add_sub_item",
    "item_add_supplement",
    "item_omit",
    "item_remove",
    "item_restore",
    "item_update",
]


@dataclass(frozen=True)
class DerivationPlan:
    """What ``catalog_derive`` would write: the new catalog's particulars and rows."""

    organisation: Organisation
    standard: Catalog
    key: str
    version: int
    title: str
    items: list[Item]  # the standard's items to copy, level by level

    def count(self, level: int) -> int:
        return sum(1 for item in self.items if item.level == level)


def catalog_derivation_plan(*, organisation, standard: Catalog) -> DerivationPlan:
    """Check that ``organisation`` can derive from ``standard`` and say what it would get."""
    if standard.kind != CatalogKind.STANDARD:
        refuse(
            "derived_from",
            _(
                "“%(catalog)s” is a local catalog; a local catalog can only be "
                "derived from a standard catalog."
            ),
            catalog=standard,
        )
    if standard.status != CatalogStatus.IN_FORCE:
        refuse(
            "derived_from",
            _(
                "“%(catalog)s” is not in force (%(status)s); derive from the version "
                "in force."
            ),
            catalog=standard,
            status=standard.get_status_display(),
        )
    domain = standard.domain
    if not organisation.responsible_for(domain.key):
        refuse(
            "derived_from",
            _(
                "%(organisation)s is not responsible for the domain “%(domain)s”, "
                "so it may not derive “%(catalog)s”; the body responsible for that "
                "domain derives it."
            ),
            organisation=organisation,
            domain=domain.name,
            catalog=standard,
        )
    key = f"{organisation.code}-{domain.key}"
    version = (
        Catalog.objects.filter(key=key).aggregate(v=Max("version"))["v"] or 0
    ) + 1
    # The title is data in the catalogs' own language, like the standards' titles.
    title = f"{organisation.name}{domain.name}领域基层政务公开目录"
    rows = Item.objects.filter(catalog=standard).prefetch_related("bases")
    kept: set[int] = set()
    items = []
    # Items the standard itself leaves out, and everything under them, are not copied.
    for item in sorted(rows, key=lambda i: (i.level, i.position, i.pk)):
        if not item.omitted and (item.parent_id is None or item.parent_id in kept):
            kept.add(item.pk)
            items.append(item)
    return DerivationPlan(organisation, standard, key, version, title, items)


class LineageIndex:
    """The rows of an earlier local version, to continue their ``lineage``: by the
    standard item they derive from, else by number, else by level and name."""

    def __init__(self, previous: Catalog | None):
        self.by_source, self.by_code, self.by_name = {}, {}, {}
        self.used: set = set()  # one row of the new version per lineage
        rows = Item.objects.filter(catalog=previous) if previous else []
        for item in rows:
            if item.derived_from_id:
                self.by_source.setdefault(item.derived_from_id, item.lineage)
            if item.code:
                self.by_code.setdefault(item.code, item.lineage)
            self.by_name.setdefault((item.level, item.name), item.lineage)

    def of(self, item: Item, source: Item | None = None):
        """The lineage ``item`` continues, or its own when it continues none."""
        candidates = (
            source is not None and self.by_source.get(source.pk),
            item.code and self.by_code.get(item.code),
            self.by_name.get((item.level, item.name)),
        )
        for found in candidates:
            if found and found not in self.used:
                self.used.add(found)
                return found
        return item.lineage


@transaction.atomic
def catalog_derive(
    *,
    organisation,
    standard: Catalog,
    user=None,
    reason: str = "",
    lineages: LineageIndex | None = None,
) -> Catalog:
    """Create a draft local catalog for ``organisation`` holding every standard item.

    Items are written level by level with their history, so the number of queries
    does not grow with the number of items. With ``lineages`` (the county's
    earlier version, when a file is read as a new version) each row takes the
    lineage of the row it continues there.
    """
    lineages = lineages or LineageIndex(None)
    plan = catalog_derivation_plan(organisation=organisation, standard=standard)
    reason = reason or _("Derived from “%(standard)s”.") % {"standard": standard}
    catalog = Catalog(
        key=plan.key,
        version=plan.version,
        kind=CatalogKind.LOCAL,
        status=CatalogStatus.DRAFT,
        domain=standard.domain,
        title=plan.title,
        issuer=organisation.name,
        organisation=organisation,
        derived_from=standard,
        expected_level1=standard.expected_level1,
        expected_level2=standard.expected_level2,
    )
    audited_save(catalog, user=user, reason=reason)
    copies: dict[int, Item] = {}
    for level in (1, 2, 3):
        built = []
        for source in plan.items:
            if source.level != level:
                continue
            item = Item(
                catalog=catalog,
                parent=copies.get(source.parent_id),
                origin=ItemOrigin.DERIVED,
                derived_from=source,
                **{
                    name: copy.deepcopy(getattr(source, name)) for name in COPIED_FIELDS
                },
            )
            item.lineage = lineages.of(item, source)
            copies[source.pk] = item
            built.append(item)
        audited_bulk_create(built, Item, user=user, reason=reason)
    bases = [
        LegalBasis(
            item=copies[source.pk],
            **{name: getattr(basis, name) for name in BASIS_FIELDS},
        )
        for source in plan.items
        for basis in source.bases.all()
    ]
    audited_bulk_create(bases, LegalBasis, user=user, reason=reason)
    return catalog


@transaction.atomic
def item_omit(
    *,
    item: Item,
    reason: str,
    user=None,
    seen_history_id: int | None = None,
    allow_blank_reason: bool = False,
) -> Item:
    """Mark a standard item (and the standard items under it) as not performed locally.

    The rows stay, marked omitted with the reason, so the omission is on record.
    ``allow_blank_reason`` is for imports, which record what a file leaves out
    even without a reason; validation then reports the missing reason.
    """
    item = editable_item(item, seen_history_id)
    reason = (reason or "").strip()
    if item.origin != ItemOrigin.DERIVED:
        refuse(
            "omitted",
            _(
                "Item “%(item)s” is a local addition, not a standard item, so it "
                "cannot be omitted; remove it instead."
            ),
            item=item,
        )
    if item.omitted:
        refuse("omitted", _("Item “%(item)s” is already omitted."), item=item)
    if not reason and not allow_blank_reason:
        refuse(
            "omission_reason",
            _(
                "Say why item “%(item)s” is not performed locally; an omission "
                "needs a reason."
            ),
            item=item,
        )
    descendants = _descendants(item)
    local = [d for d in descendants if d.origin != ItemOrigin.DERIVED]
    if local:
        refuse(
            "omitted",
            _(
                "Item “%(item)s” has local items under it, such as “%(child)s”; "
                "remove them before omitting it."
            ),
            item=item,
            child=local[0],
        )
    if reason:
        note = _("Not performed locally: %(reason)s") % {"reason": reason}
    else:
        note = _("Not performed locally; no reason was given.")
    for row in [item, *descendants]:
        if not row.omitted:
            row.omitted = True
            row.omission_reason = reason
            item_save(row, user=user, reason=note)
    return item


@transaction.atomic
def item_restore(
    *, item: Item, user=None, reason: str = "", seen_history_id: int | None = None
) -> Item:
    """Put an omitted item back into the local catalog (its children stay omitted)."""
    item = editable_item(item, seen_history_id)
    if not item.omitted:
        refuse("omitted", _("Item “%(item)s” is not omitted."), item=item)
    if item.parent is not None and item.parent.omitted:
        refuse(
            "omitted",
            _(
                "Item “%(item)s” is under the omitted item “%(parent)s”; restore "
                "that item first."
            ),
            item=item,
            parent=item.parent,
        )
    item.omitted = False
    item.omission_reason = ""
    item_save(item, user=user, reason=reason or _("Performed locally again."))
    return item


@transaction.atomic
def item_add_supplement(
    *,
    catalog: Catalog,
    name: str,
    parent: Item | None = None,
    code: str = "",
    columns: dict | None = None,
    user=None,
    reason: str = "",
) -> Item:
    """Add a local first-level item, or a second-level one under ``parent``."""
    if parent is not None and parent.level != 1:
        refuse(
            "parent",
            _(
                "A supplementary item goes at the first level or under a "
                "first-level item; “%(parent)s” is at level %(level)s. Add a "
                "sub-item to put an item under a second-level item."
            ),
            parent=parent,
            level=parent.level,
        )
    return _add_item(
        catalog=catalog,
        parent=parent,
        name=name,
        code=code,
        columns=columns,
        user=user,
        reason=reason or _("Local supplementary item added."),
    )


@transaction.atomic
def item_add_sub_item(
    *,
    parent: Item,
    name: str,
    code: str = "",
    columns: dict | None = None,
    user=None,
    reason: str = "",
) -> Item:
    """Add a third-level sub-item (三级事项) under a second-level item."""
    if parent.level != 2:
        refuse(
            "parent",
            _(
                "A sub-item goes under a second-level item; “%(parent)s” is at "
                "level %(level)s."
            ),
            parent=parent,
            level=parent.level,
        )
    return _add_item(
        catalog=parent.catalog,
        parent=parent,
        name=name,
        code=code,
        columns=columns,
        user=user,
        reason=reason or _("Third-level sub-item added."),
    )


def _add_item(*, catalog, parent, name, code, columns, user, reason) -> Item:
    catalog = Catalog.objects.select_related("domain").get(pk=catalog.pk)
    check_local_catalog(catalog)
    if parent is not None:
        if parent.catalog_id != catalog.pk:
            refuse(
                "parent",
                _("“%(parent)s” is not an item of “%(catalog)s”."),
                parent=parent,
                catalog=catalog,
            )
        if parent.omitted:
            refuse(
                "parent",
                _("“%(parent)s” is omitted; restore it before adding items under it."),
                parent=parent,
            )
    position = Item.objects.filter(catalog=catalog).aggregate(p=Max("position"))["p"]
    item = Item(
        catalog=catalog,
        parent=parent,
        level=parent.level + 1 if parent is not None else 1,
        name=" ".join((name or "").split()),
        code=code or _new_code(catalog, parent),
        position=(position or 0) + 1,
        origin=ItemOrigin.SUPPLEMENT,
    )
    bases = apply_columns(item, dict(columns or {}))
    item_save(item, user=user, reason=reason)
    if bases:
        sync_bases(item, bases, user=user, reason=reason)
    return item


def _new_code(catalog: Catalog, parent: Item | None) -> str:
    """The next free number: after the last first-level number, or parent.code.N."""
    if parent is not None and not parent.code:
        return ""
    prefix = f"{parent.code}." if parent is not None else ""
    codes = Item.objects.filter(
        catalog=catalog, level=parent.level + 1 if parent else 1
    )
    numbers = [
        int(code[len(prefix) :])
        for code in codes.values_list("code", flat=True)
        if code.startswith(prefix) and code[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _descendants(item: Item) -> list[Item]:
    rows = Item.objects.filter(catalog_id=item.catalog_id, level__gt=item.level)
    by_parent: dict[int, list[Item]] = {}
    for row in rows.order_by("level", "position"):
        by_parent.setdefault(row.parent_id, []).append(row)
    found, queue = [], [item.pk]
    while queue:
        for child in by_parent.get(queue.pop(0), []):
            found.append(child)
            queue.append(child.pk)
    return found
