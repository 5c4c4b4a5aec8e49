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


def counts_by_item(region: Region, catalog: Catalog) -> dict[int, int]:
    rows = (
        publications_at(region)
        .filter(item__catalog=catalog)
        .values("item_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["item_id"]: row["n"] for row in rows}


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
