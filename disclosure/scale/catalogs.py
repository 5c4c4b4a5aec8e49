"""Each county's four local catalogs, derived and edited as county clerks do.

A copy of every item the standard in force passes on (the rule of
``catalogs.derivation.catalog_derivation_plan``), then the edits that vary from
county to county: audience, mode and levels ticked where the standard left
them open, a few items omitted with a reason, local supplements, third-level
sub-items, shorter time limits and extra channels. Every catalog stays valid
under ``catalogs.validation``. Rows are written in bulk, with a history row for
the derivation and one for each item's edit, dated and signed by the county's
catalog editor.
"""

import copy
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from catalogs.columns import BASIS_FIELDS, COPIED_FIELDS
from catalogs.local.derivation import catalog_derivation_plan
from catalogs.models import (
    Catalog,
    CatalogKind,
    CatalogStatus,
    Item,
    ItemOrigin,
    LegalBasis,
)
from portal.models import Organisation

from .edits import Edits, LocalItem
from .rows import History, Table

# Which county bureau keeps each domain's local catalog.
DOMAIN_OWNERS = {
    "employment": "hrss",
    "social_insurance": "hrss",
    "social_relief": "mca",
    "elderly_care": "mca",
}


@dataclass(frozen=True)
class Standard:
    """A standard catalog in force and the items a derivation copies, in order."""

    catalog: Catalog
    items: list[Item]
    owner: str  # the suffix of the county bureau that keeps its local catalog


def standards_in_force() -> tuple[list[Standard], list[str]]:
    """The standard in force for each domain, and the domain keys that have none."""
    found = {}
    rows = Catalog.objects.filter(
        kind=CatalogKind.STANDARD,
        status=CatalogStatus.IN_FORCE,
        domain__key__in=list(DOMAIN_OWNERS),
    ).select_related("domain")
    for catalog in rows.order_by("key"):
        found.setdefault(catalog.domain.key, catalog)
    # A stand-in body: the plan only needs one to name the catalog it would make.
    stand_in = Organisation(code="seed-scale", name="")
    standards = [
        Standard(
            found[key],
            catalog_derivation_plan(organisation=stand_in, standard=found[key]).items,
            owner,
        )
        for key, owner in DOMAIN_OWNERS.items()
        if key in found
    ]
    return standards, [key for key in DOMAIN_OWNERS if key not in found]


@dataclass
class LocalCatalog:
    """A county's local catalog as built in memory, with its items and history."""

    catalog: Catalog
    items: list[LocalItem]
    editor: object
    derived_at: datetime
    in_force_at: datetime
    reason: str  # why it was derived, on its first history row

    def publishable(self, level: str) -> list[Item]:
        """Items published at ``level``: second or third level, performed, ticked."""
        return [
            local.item
            for local in self.items
            if local.item.level >= 2
            and not local.item.omitted
            and getattr(local.item, f"level_{level}")
        ]


def local_catalog(
    standard: Standard,
    *,
    organisation: Organisation,
    editor,
    rng: random.Random,
    derived_on,
) -> LocalCatalog:
    """Derive ``organisation``'s catalog from ``standard`` in memory and edit it."""
    source_catalog = standard.catalog
    domain = source_catalog.domain
    derived_at = timezone.make_aware(datetime.combine(derived_on, time(9, 30)))
    in_force_at = derived_at + timedelta(days=rng.randint(7, 21))
    catalog = Catalog(
        key=f"{organisation.code}-{domain.key}",  # as catalog_derive names it
        version=1,
        kind=CatalogKind.LOCAL,
        status=CatalogStatus.IN_FORCE,
        domain=domain,
        title=f"{organisation.name}{domain.name}领域基层政务公开目录",
        issuer=organisation.name,
        organisation=organisation,
        derived_from=source_catalog,
        expected_level1=source_catalog.expected_level1,
        expected_level2=source_catalog.expected_level2,
        created_at=derived_at,
        updated_at=in_force_at,
    )
    reason = _("Derived from “%(standard)s”.") % {"standard": source_catalog}
    copies: dict[int, LocalItem] = {}
    for source in standard.items:
        parent = copies.get(source.parent_id)
        item = Item(
            catalog=catalog,
            parent=parent.item if parent else None,
            origin=ItemOrigin.DERIVED,
            derived_from=source,
            **{name: copy.deepcopy(getattr(source, name)) for name in COPIED_FIELDS},
        )
        bases = [
            LegalBasis(item=item, **{name: getattr(b, name) for name in BASIS_FIELDS})
            for b in source.bases.all()
        ]
        copies[source.pk] = LocalItem(item, bases, reason)
    items = list(copies.values())
    editing = Edits(items, domain=domain, organisation=organisation, rng=rng)
    editing.fill_ticks()
    editing.omit()
    editing.shorten_limits()
    editing.add_channels()
    editing.add_supplements()
    editing.add_sub_items()
    return LocalCatalog(catalog, editing.items, editor, derived_at, in_force_at, reason)


class CatalogWriter:
    """Writes local catalogs, their items and legal bases, with their history."""

    def __init__(self):
        self.tables = {
            "catalogs": Table(Catalog),
            "items": Table(Item),
            "legal bases": Table(LegalBasis),
        }
        self.history = 0

    @property
    def counts(self) -> dict[str, int]:
        return {name: table.written for name, table in self.tables.items()}

    def write(self, catalogs: list[LocalCatalog]) -> None:
        self.tables["catalogs"].save([local.catalog for local in catalogs])
        self.tables["items"].save([i.item for c in catalogs for i in c.items])
        self.tables["legal bases"].save(
            [basis for c in catalogs for i in c.items for basis in i.bases]
        )
        history = History(Catalog)
        items = History(Item)
        bases = History(LegalBasis)
        for local in catalogs:
            user_id = local.editor.pk
            history.add_object(
                local.catalog,
                when=local.derived_at,
                user_id=user_id,
                reason=local.reason,
                created=True,
                status=CatalogStatus.DRAFT,
                updated_at=local.derived_at,
            )
            history.add_object(
                local.catalog,
                when=local.in_force_at,
                user_id=user_id,
                reason=_("Put in force."),
            )
            edited_at = local.derived_at + timedelta(hours=2)
            for row in local.items:
                added_at = local.derived_at
                if row.item.origin == ItemOrigin.SUPPLEMENT:
                    added_at = edited_at + timedelta(minutes=30)
                items.add_object(
                    row.item,
                    when=added_at,
                    user_id=user_id,
                    reason=row.added,
                    created=True,
                    **row.before,
                )
                if row.before:
                    items.add_object(
                        row.item,
                        when=edited_at,
                        user_id=user_id,
                        reason=row.edit_reason(),
                    )
                for basis in row.bases:
                    bases.add_object(
                        basis,
                        when=added_at,
                        user_id=user_id,
                        reason=row.added,
                        created=True,
                    )
        self.history += history.write() + items.write() + bases.write()
