"""What the public may see: the one place that decides it.

A publication is public while it is published as proactive disclosure under an
item of a public catalog. Drafts, publications in review, information not
disclosed (不予公开) or disclosed on request only, and withdrawn publications are
never public. Every public page, feed, sitemap entry, search result, API answer
and download starts from these querysets.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item
from catalogs.selectors import public_catalogs
from portal.models import Region, RegionLevel

from ..models import Attribute, Publication, PublicationLevel, PublicationStatus

PUBLIC_PUBLICATION = Q(
    status=PublicationStatus.PUBLISHED, attribute=Attribute.PROACTIVE
) & Q(item__catalog__status__in=[CatalogStatus.IN_FORCE, CatalogStatus.SUPERSEDED])

LOCAL_LEVELS = {
    RegionLevel.COUNTY: PublicationLevel.COUNTY,
    RegionLevel.TOWNSHIP: PublicationLevel.TOWNSHIP,
    RegionLevel.VILLAGE: PublicationLevel.VILLAGE,
}


def public_publications() -> QuerySet[Publication]:
    return Publication.objects.filter(PUBLIC_PUBLICATION)


def public_items() -> QuerySet[Item]:
    return Item.objects.filter(catalog__in=public_catalogs())


def region_or_404(code: str) -> Region:
    region = (
        Region.objects.filter(code=code).select_related("parent__parent").first()
        if code.isdigit()
        else None
    )
    if region is None:
        raise Http404(
            _("There is no region with the division code “%(code)s”.")
            % {"code": code[:20]}
        )
    return region


def county_code(region: Region) -> str | None:
    """The county a region lies in (itself for a county), or None above counties."""
    return region.code[:6] if len(region.code) >= 6 else None


def regional_catalogs(region: Region) -> QuerySet[Catalog]:
    """The local catalogs in force that apply at ``region`` (its county's)."""
    county = county_code(region)
    if county is None:
        return Catalog.objects.none()
    return Catalog.objects.filter(
        kind=CatalogKind.LOCAL,
        status=CatalogStatus.IN_FORCE,
        organisation__region__code=county,
    ).select_related("domain", "organisation")


def publications_at(region: Region) -> QuerySet[Publication]:
    """Public publications of the bodies of exactly this place, at its level."""
    level = LOCAL_LEVELS.get(region.level)
    if level is None:
        return Publication.objects.none()
    return public_publications().filter(organisation__region=region, level=level)
