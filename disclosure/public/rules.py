"""What the public may see: the one place that decides it.

A publication is public while it is published as proactive disclosure under an
item of a public catalog. Drafts, publications in review, information not
disclosed (不予公开) or disclosed on request only, and withdrawn publications are
never public. Every public page, feed, sitemap entry, search result, API answer
and download starts from these querysets.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item
from portal.models import Region, RegionLevel

from ..models import Publication, PublicationLevel, public_publication_q

# The rule itself lives with the models (``public_publication_q`` and the
# querysets' ``public()``), so related lookups can use it with a prefix.
PUBLIC_PUBLICATION = public_publication_q()

LOCAL_LEVELS = {
    RegionLevel.COUNTY: PublicationLevel.COUNTY,
    RegionLevel.TOWNSHIP: PublicationLevel.TOWNSHIP,
    RegionLevel.VILLAGE: PublicationLevel.VILLAGE,
}


def public_publications() -> QuerySet[Publication]:
    return Publication.objects.public()


def public_items() -> QuerySet[Item]:
    return Item.objects.public()


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
