"""The staff's pages and the admin's, as three people use them (issue 20, point 5).

``walk(role)`` lists the GET pages a county editor, a township publisher or a
provincial reviewer of seed_scale's first county or province opens in a day:
every admin change list and change page of the models they work with
(publications, items, catalogs, reviews, filings), their history pages, and
the ``/staff/`` and ``/filings/`` pages. Objects are picked in the person's
own reach (the first county, its first township), so the same pages are
measured at every size.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from catalogs.models import Catalog, CatalogKind, Filing, Item
from disclosure.models import ComplianceReview, InformationRequest, Publication
from portal.models import Organisation, Region, RegionLevel

ROLES = ("county editor", "township publisher", "provincial reviewer")


def _first(qs):
    found = qs.order_by("pk").first()
    assert found is not None, qs.query
    return found


def people() -> dict:
    """The three people of the first county and province, by role."""
    province = _first(Region.objects.filter(level=RegionLevel.PROVINCE))
    county = _first(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=province.code)
    )
    township = _first(
        Region.objects.filter(level=RegionLevel.TOWNSHIP, code__startswith=county.code)
    )
    users = get_user_model().objects
    return {
        "county editor": (users.get(username=f"s{county.code}-editor"), county),
        "township publisher": (
            users.get(username=f"s{township.code}-publisher"),
            township,
        ),
        "provincial reviewer": (
            users.get(username=f"s{province.code}-province-reviewer"),
            province,
        ),
    }


def _admin(name: str, *args) -> str:
    return reverse(f"admin:{name}", args=args)


def walk(role: str, region: Region, user) -> list[tuple[str, str]]:
    """(page name, URL) of every page ``role`` (``user``) opens, objects in
    ``region``."""
    code = region.code
    publications = Publication.objects.filter(
        organisation__region__code__startswith=code
    )
    publication = _first(publications.filter(status="published"))
    catalog = _first(
        Catalog.objects.filter(
            kind=CatalogKind.LOCAL,
            organisation__region__code__startswith=code[:6],
        )
    )
    item = _first(Item.objects.filter(catalog=catalog, level__gte=2))
    pages = [
        ("admin index", _admin("index")),
        ("admin publications", _admin("disclosure_publication_changelist")),
        (
            "admin publications, published, by title",
            _admin("disclosure_publication_changelist")
            + "?status__exact=published&o=2",
        ),
        (
            "admin publications, searched",
            _admin("disclosure_publication_changelist") + "?q=%E6%95%91%E5%8A%A9",
        ),
        ("admin publication", _admin("disclosure_publication_change", publication.pk)),
        (
            "admin publication history",
            _admin("disclosure_publication_history", publication.pk),
        ),
        ("staff dashboard", reverse("disclosure:dashboard-index")),
        ("staff publications", reverse("disclosure:publication-list")),
        (
            "staff publications overdue",
            reverse("disclosure:publication-list") + "?due=overdue",
        ),
        (
            "staff publications due soon",
            reverse("disclosure:publication-list") + "?due=soon",
        ),
        (
            "staff publication",
            reverse("disclosure:publication-detail", args=[publication.pk]),
        ),
        ("staff concerns", reverse("disclosure:concern-list")),
        ("staff consultations", reverse("participation-staff:list")),
    ]
    body = _first(Organisation.objects.filter(memberships__user=user))
    pages.append(
        ("staff body dashboard", reverse("disclosure:dashboard", args=[body.code]))
    )
    draft = publications.filter(status="draft").order_by("pk").first()
    if role == "township publisher":
        pages.append(
            ("staff new publication", reverse("disclosure:publication-create"))
        )
        if draft is not None:
            pages.append(
                (
                    "staff edit a draft",
                    reverse("disclosure:publication-edit", args=[draft.pk]),
                )
            )
    if role != "township publisher":
        review = ComplianceReview.objects.filter(
            publication__organisation__region__code__startswith=code
        )
        pages += [
            ("admin catalogs", _admin("catalogs_catalog_changelist")),
            ("admin catalog", _admin("catalogs_catalog_change", catalog.pk)),
            ("admin catalog history", _admin("catalogs_catalog_history", catalog.pk)),
            (
                "admin items of a catalog",
                _admin("catalogs_item_changelist")
                + f"?catalog__id__exact={catalog.pk}",
            ),
            ("admin items", _admin("catalogs_item_changelist")),
            ("admin item", _admin("catalogs_item_edit", item.pk)),
            ("admin item history", _admin("catalogs_item_history", item.pk)),
            ("admin reviews", _admin("disclosure_compliancereview_changelist")),
            (
                "admin review",
                _admin("disclosure_compliancereview_change", _first(review).pk),
            ),
            ("admin filings", _admin("catalogs_filing_changelist")),
            ("filings", reverse("filings:queue")),
            ("filings overview", reverse("filings:overview")),
            ("staff requests", reverse("requests:queue")),
            ("staff progress report", reverse("progress:report")),
            ("staff annual reports", reverse("annual:list")),
        ]
        filing = Filing.objects.filter(
            catalog__organisation__region__code__startswith=code[:6]
        ).first()
        if filing is not None:
            pages += [
                ("admin filing", _admin("catalogs_filing_change", filing.pk)),
                ("filing", reverse("filings:detail", args=[filing.pk])),
                ("filing printed", reverse("filings:print", args=[filing.pk])),
            ]
        request = InformationRequest.objects.filter(
            organisation__region__code__startswith=code
        ).first()
        if request is not None:
            pages.append(
                ("staff request", reverse("requests:detail", args=[request.pk]))
            )
    if role == "county editor":
        pages.append(("filings to file", reverse("filings:file-list")))
    if role == "provincial reviewer":
        county = _first(
            Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=code)
        )
        pages += [
            ("timeliness", reverse("timeliness:region", args=[code])),
            (
                "timeliness of a county",
                reverse("timeliness:region", args=[county.code]),
            ),
            (
                "timeliness of a body",
                reverse("timeliness:body", args=[publication.organisation.code]),
            ),
            ("requests statistics", reverse("requests:statistics")),
        ]
    return pages
