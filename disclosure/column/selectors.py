"""Reads of the public column: the bodies at a place, one body's public content."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from portal.models import Organisation, Region

from ..models import AnnualReportVersion, Publication
from ..public.places import county_catalogs
from ..public.rules import public_publications

RECENT = 10


def bodies_at(place: Region) -> QuerySet[Organisation]:
    """The disclosing bodies whose seat is the place itself."""
    return Organisation.objects.filter(region=place).order_by("name")


def body_at_or_404(place: Region, code: str) -> Organisation:
    found = (
        Organisation.objects.filter(region=place, code=code)
        .select_related("region")
        .first()
    )
    if found is None:
        raise Http404(
            _("%(place)s has no disclosing body with the code “%(code)s”.")
            % {"place": place.name, "code": code[:40]}
        )
    return found


def body_catalogs(body: Organisation) -> list:
    """The catalogs in force at the body's county in the domains it works in."""
    return [
        catalog
        for catalog in county_catalogs(body.region)
        if body.responsible_for(catalog.domain.key)
    ]


def body_recent(body: Organisation) -> list[Publication]:
    return list(
        public_publications()
        .filter(organisation=body)
        .select_related("organisation__region", "item__catalog__domain")
        .order_by("-published_at", "-pk")[:RECENT]
    )


def body_reports(body: Organisation) -> list[AnnualReportVersion]:
    """The newest published version of each year's annual report, newest year first."""
    newest = {}
    for version in (
        AnnualReportVersion.objects.filter(report__organisation=body)
        .select_related("report__organisation__region")
        .order_by("-report__year", "-number")
    ):
        newest.setdefault(version.report.year, version)
    return list(newest.values())
