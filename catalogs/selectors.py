"""Reads for catalogs: vocabularies, catalog summaries, item trees."""

import unicodedata

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Catalog, CatalogKind, Channel, Item


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
