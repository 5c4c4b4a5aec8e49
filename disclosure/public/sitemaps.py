"""``/sitemap.xml``: an index of sections, each paginated, listing the public pages.

Sections: places, every body's disclosure column, each place's catalog per domain, the standard and local
catalogs, their items, publications, and item pages where something has been
published at that place. An item's page at a place where nothing was published
yet exists too, but is reached from the catalog page rather than listed, or the
sitemap would list every item at every village of the country.

Only the version in force is listed: an earlier version's item page at a place
answers a permanent redirect to its row's page in force, so the sitemap names
that page (publications are found by ``Item.lineage``); a row the version in
force omits keeps its newest earlier page, which shows what was published.
Catalog items are listed for the catalogs in force; superseded versions stay
reachable from their catalog's page, for the record.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Substr
from django.urls import reverse

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Domain, Item
from catalogs.selectors import public_catalogs
from portal.models import Organisation, Region

from ..participation.selectors import public_consultations
from .rules import public_publications

PAGE = 5000


class PublicSitemap(Sitemap):
    limit = PAGE
    protocol = None


class Places(PublicSitemap):
    def items(self):
        return Region.objects.order_by("code").only("code")

    def location(self, obj):
        return reverse("public:region", kwargs={"code": obj.code})


class PlaceCatalogs(PublicSitemap):
    """Every place at county level or below whose county has a catalog in the domain."""

    def __init__(self, domain: Domain):
        self.domain = domain

    def items(self):
        counties = Catalog.objects.filter(
            kind=CatalogKind.LOCAL,
            status=CatalogStatus.IN_FORCE,
            domain=self.domain,
        ).values("organisation__region__code")
        return (
            Region.objects.annotate(county=Substr("code", 1, 6))
            .filter(county__in=counties)
            .order_by("code")
            .only("code")
        )

    def location(self, obj):
        return reverse(
            "public:catalog", kwargs={"code": obj.code, "domain": self.domain.key}
        )


class Catalogs(PublicSitemap):
    def items(self):
        return public_catalogs().order_by("pk").only("key", "version", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


class CatalogItems(PublicSitemap):
    def items(self):
        return (
            Item.objects.public()
            .filter(catalog__status=CatalogStatus.IN_FORCE)
            .order_by("pk")
            .only("pk")
        )

    def location(self, obj):
        return reverse("catalogs:item", kwargs={"pk": obj.pk})


class Publications(PublicSitemap):
    def items(self):
        return public_publications().order_by("pk").only("pk", "updated_at")

    def location(self, obj):
        return reverse("public:publication", kwargs={"pk": obj.pk})

    def lastmod(self, obj):
        return obj.updated_at


class Consultations(PublicSitemap):
    def items(self):
        return (
            public_consultations()
            .select_related(None)
            .order_by("pk")
            .only("pk", "updated_at")
        )

    def lastmod(self, obj):
        return obj.updated_at


class ItemPages(PublicSitemap):
    """Item pages at the places where something is published under the item."""

    def items(self):
        in_force = Item.objects.filter(
            lineage=OuterRef("item__lineage"),
            catalog__key=OuterRef("item__catalog__key"),
            catalog__status=CatalogStatus.IN_FORCE,
            omitted=False,
        ).values("pk")[:1]
        return (
            public_publications()
            .annotate(page=Coalesce(Subquery(in_force), F("item_id")))
            .values("page", "organisation__region__code")
            .distinct()
            .order_by("organisation__region__code", "page")
        )

    def location(self, obj):
        return reverse(
            "public:item",
            kwargs={"code": obj["organisation__region__code"], "pk": obj["page"]},
        )


class Columns(PublicSitemap):
    """Every body's 政府信息公开 column."""

    def items(self):
        return Organisation.objects.order_by("pk").values("code", "region__code")

    def location(self, obj):
        return reverse(
            "public:column", kwargs={"code": obj["region__code"], "body": obj["code"]}
        )


def sections() -> dict[str, Sitemap]:
    result = {
        "places": Places(),
        "columns": Columns(),
        "catalogs": Catalogs(),
        "catalog-items": CatalogItems(),
        "publications": Publications(),
        "item-pages": ItemPages(),
        "consultations": Consultations(),
    }
    for domain in Domain.objects.order_by("position", "key"):
        result[f"catalogs-{domain.key}"] = PlaceCatalogs(domain)
    return result
