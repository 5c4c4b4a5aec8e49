"""Reads for catalogs: vocabularies, catalog summaries, item trees."""

import unicodedata

from django.db.models import Count, Prefetch, Q, QuerySet

from portal.selectors import is_site_admin, organisations_for

from .models import Catalog, CatalogKind, CatalogStatus, Channel, Item


def normalise_label(text: str) -> str:
    """Fold width and spacing so 'X（电子屏）' and 'X(电子屏)' compare equal."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split())


def channel_lookup() -> dict[str, Channel]:
    """Every channel keyed by its normalised name, aliases and code."""
    table: dict[str, Channel] = {}
    for channel in Channel.objects.all():
        for label in [channel.name, channel.code, *channel.aliases]:
            table[normalise_label(label)] = channel
    return table


def catalogs_with_counts(qs: QuerySet[Catalog] | None = None) -> QuerySet[Catalog]:
    """Catalogs annotated with the number of first- and second-level items present."""
    qs = Catalog.objects.all() if qs is None else qs
    return qs.select_related("domain", "organisation", "derived_from").annotate(
        present_level1=Count("items", filter=Q(items__level=1), distinct=True),
        present_level2=Count("items", filter=Q(items__level=2), distinct=True),
        present_level3=Count("items", filter=Q(items__level=3), distinct=True),
    )


def standard_catalogs() -> QuerySet[Catalog]:
    return catalogs_with_counts(Catalog.objects.filter(kind=CatalogKind.STANDARD))


def latest_version(key: str) -> Catalog | None:
    return Catalog.objects.filter(key=key).order_by("-version").first()


def catalog_item_tree(catalog: Catalog) -> list[Item]:
    """First-level items with ``children`` (and their children) prefetched, in order."""
    items = list(
        Item.objects.filter(catalog=catalog)
        .prefetch_related(Prefetch("bases"))
        .order_by("position")
    )
    by_parent: dict[int | None, list[Item]] = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    for item in items:
        item.tree_children = by_parent.get(item.pk, [])
    return by_parent.get(None, [])


def standard_in_force(key: str) -> Catalog | None:
    """The latest in-force version of the standard catalog ``key``."""
    return (
        Catalog.objects.filter(
            key=key, kind=CatalogKind.STANDARD, status=CatalogStatus.IN_FORCE
        )
        .select_related("domain")
        .order_by("-version")
        .first()
    )


def local_catalog_latest(*, organisation, domain) -> Catalog | None:
    """The newest version of ``organisation``'s local catalog for ``domain``."""
    return (
        Catalog.objects.filter(
            kind=CatalogKind.LOCAL, organisation=organisation, domain=domain
        )
        .select_related("domain", "organisation", "derived_from")
        .order_by("-version")
        .first()
    )


def item_last_history_id(item: Item) -> int | None:
    """The id of the item's newest history record: the token for stale-edit checks.

    A form keeps it from when it was opened and hands it back to ``item_update``.
    """
    return (
        item.history.order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def catalogs_visible_to(user, *, for_editing: bool = False) -> QuerySet[Catalog]:
    """The catalogs ``user`` may read, or with ``for_editing`` may change.

    Standard catalogs are read by all staff and changed by site administrators;
    local catalogs are read and changed through the owner's organisations.
    """
    if is_site_admin(user):
        return Catalog.objects.all()
    local = Q(kind=CatalogKind.LOCAL, organisation__in=organisations_for(user))
    if for_editing:
        return Catalog.objects.filter(local)
    return Catalog.objects.filter(local | Q(kind=CatalogKind.STANDARD))


def items_visible_to(user, *, for_editing: bool = False) -> QuerySet[Item]:
    return Item.objects.filter(
        catalog__in=catalogs_visible_to(user, for_editing=for_editing)
    )


def channel_vocabulary() -> list[Channel]:
    """Every channel, the official options first in their printed order."""
    return list(Channel.objects.order_by("-official", "position", "code"))
