"""Selectors the public pages share: a place's trail, children, catalogs and counts."""

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Domain, Item
from portal.models import Region, RegionLevel

from ..models import Publication, SearchEntry
from .rules import county_code, public_publications, publications_at

CHILD_LEVEL = {
    RegionLevel.PROVINCE: RegionLevel.CITY,
    RegionLevel.CITY: RegionLevel.COUNTY,
    RegionLevel.COUNTY: RegionLevel.TOWNSHIP,
    RegionLevel.TOWNSHIP: RegionLevel.VILLAGE,
}


def trail(region: Region) -> list[Region]:
    """The region's ancestors, outermost first, then the region: one query."""
    codes = region.ancestors_codes
    found = {r.code: r for r in Region.objects.filter(code__in=codes)} if codes else {}
    return [found[c] for c in codes if c in found] + [region]


def children(region: Region) -> QuerySet[Region]:
    return Region.objects.filter(parent=region).order_by("code")


def provinces() -> QuerySet[Region]:
    return Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")


def domains() -> QuerySet[Domain]:
    return Domain.objects.order_by("position", "key")


def county_catalogs(region: Region) -> list[Catalog]:
    """The county's local catalogs in force, one per domain (the first by key)."""
    county = county_code(region)
    if county is None:
        return []
    chosen = {}
    for catalog in (
        Catalog.objects.filter(
            kind=CatalogKind.LOCAL,
            status=CatalogStatus.IN_FORCE,
            organisation__region__code=county,
        )
        .select_related("domain", "organisation")
        .order_by("domain__position", "key")
    ):
        chosen.setdefault(catalog.domain_id, catalog)
    return list(chosen.values())


def catalog_for(region: Region, domain_key: str) -> Catalog:
    for catalog in county_catalogs(region):
        if catalog.domain.key == domain_key:
            return catalog
    if county_code(region) is None:
        raise Http404(
            _(
                "Catalogs are kept by counties: choose a county, township or village "
                "below %(place)s to see its catalog."
            )
            % {"place": region.name}
        )
    raise Http404(
        _("%(place)s has no catalog in force for “%(domain)s”.")
        % {"place": region.name, "domain": domain_key[:40]}
    )


def item_at(region: Region, pk: int) -> Item:
    """An item of a public local catalog of the region's county (in force or superseded)."""
    item = (
        Item.objects.public()
        .filter(
            pk=pk,
            catalog__kind=CatalogKind.LOCAL,
            catalog__organisation__region__code=county_code(region) or "-",
        )
        .select_related("catalog__domain", "catalog__organisation", "parent")
        .prefetch_related("bases")
        .first()
    )
    if item is None:
        raise Http404(
            _("Item %(pk)s is not in a public catalog of %(place)s.")
            % {"pk": pk, "place": region.name}
        )
    return item


def counts_by_row(region: Region, catalog: Catalog) -> dict:
    """Publications at this place per row (``Item.lineage``), across every version
    of ``catalog``: a publication stays under its row when a new version is in
    force. One query."""
    rows = (
        publications_at(region)
        .filter(item__catalog__key=catalog.key)
        .values("item__lineage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["item__lineage"]: row["n"] for row in rows}


def earlier_rows(catalog: Catalog, counts: dict) -> list[Item]:
    """Rows of earlier versions with publications here (``counts``) that the
    version in force omits or no longer has: the newest earlier item of each,
    with its ``publication_count``. One query."""
    current = set(
        Item.objects.filter(catalog=catalog, omitted=False).values_list(
            "lineage", flat=True
        )
    )
    wanted = [lineage for lineage in counts if lineage not in current]
    if not wanted:
        return []
    chosen: dict = {}
    for item in (
        Item.objects.public()
        .filter(catalog__key=catalog.key, lineage__in=wanted)
        .exclude(catalog=catalog)
        .select_related("catalog")
        .order_by("-catalog__version", "position")
    ):
        if item.lineage not in chosen:
            item.publication_count = counts[item.lineage]
            chosen[item.lineage] = item
    return sorted(chosen.values(), key=lambda i: (-i.catalog.version, i.position))


def successor(item: Item) -> Item | None:
    """The row's item in the version in force, when ``item`` is of an earlier
    version and the row is still performed there; else None."""
    if item.catalog.status != CatalogStatus.SUPERSEDED:
        return None
    return Item.objects.filter(
        lineage=item.lineage,
        catalog__key=item.catalog.key,
        catalog__status=CatalogStatus.IN_FORCE,
        omitted=False,
    ).first()


def entries_at(region: Region) -> QuerySet[SearchEntry]:
    """The search entries of a place and everything below it, through the index
    that fits its level: (county, time) for a county and below, where entries
    elsewhere in the county are skipped by their division code; the time index
    for a province or city, read newest first until enough rows match."""
    county = county_code(region)
    if county is None:
        return SearchEntry.objects.filter(region_code__startswith=region.code)
    entries = SearchEntry.objects.filter(county=county)
    if region.code != county:
        entries = entries.filter(region_code__startswith=region.code)
    return entries


def recent_at(region: Region, limit: int = 10) -> list[Publication]:
    """The newest public publications at this place or below it (county and below).

    An ordered scan of ``entries_at`` that stops after ``limit`` rows, then
    joined back to the public rule: two queries whatever the number of
    publications.
    """
    if county_code(region) is None:
        return []
    entries = entries_at(region)
    ids = list(
        entries.order_by("-published_at", "-publication_id").values_list(
            "publication_id", flat=True
        )[:limit]
    )
    return list(
        public_publications()
        .filter(pk__in=ids)
        .select_related("organisation__region", "item__catalog__domain")
        .order_by("-published_at", "-pk")
    )
