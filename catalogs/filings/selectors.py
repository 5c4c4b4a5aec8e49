"""Reads for filings: who sees and reviews which, the province queue and overview.

Every queryset is scoped through ``portal.selectors``: a provincial reviewer
reaches the organisations whose region code starts with their own; a county
body reaches its own filings only.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate

from portal.models import Region, RegionLevel, Role, WorkingDay
from portal.selectors import is_site_admin, organisations_for, scope_q

from ..models import Catalog, CatalogKind, CatalogStatus, Domain, Filing, FilingStatus

# Working days a filing may wait for the next step (the reviewer's decision, or
# the county's corrected filing) before it shows as overdue: the statutory
# 20 working days of 政府信息公开条例 Art. 26, applied as a house rule.
FILING_ACTION_WORKING_DAYS = 20
AWAITING = (FilingStatus.SUBMITTED, FilingStatus.RETURNED)
FILING_DOMAIN = "domain__key"  # a filing's (and a catalog's) domain, for scope_q


def filings_visible_to(user) -> QuerySet[Filing]:
    """The filings ``user`` may read: of the organisations and domains they reach."""
    qs = Filing.objects.select_related(
        "organisation__region", "domain", "catalog", "filed_by", "reviewed_by"
    )
    if not user.has_perm("catalogs.view_filing"):
        return qs.none()
    if is_site_admin(user):
        return qs
    return qs.filter(scope_q(user, domain=FILING_DOMAIN))


def filings_reviewable_by(user) -> QuerySet[Filing]:
    """The filings ``user`` may accept, return and record: a provincial reviewer's."""
    if not user.has_perm("catalogs.review_filing"):
        return Filing.objects.none()
    if is_site_admin(user):
        return Filing.objects.all()
    reach = scope_q(user, roles={Role.PROVINCIAL_REVIEWER}, domain=FILING_DOMAIN)
    return Filing.objects.filter(reach)


def may_review(user, filing: Filing) -> bool:
    return filings_reviewable_by(user).filter(pk=filing.pk).exists()


def may_file_for(user, organisation) -> bool:
    """Whether ``user`` may file catalogs for ``organisation``: one of its editors."""
    if not user.has_perm("catalogs.add_filing"):
        return False
    if is_site_admin(user):
        return True
    editors = organisations_for(user, roles={Role.EDITOR})
    return editors.filter(pk=organisation.pk).exists()


def fileable_catalogs(user) -> QuerySet[Catalog]:
    """The local catalogs ``user`` may file: drafts and those in force, theirs."""
    if not user.has_perm("catalogs.add_filing"):
        return Catalog.objects.none()
    qs = Catalog.objects.filter(kind=CatalogKind.LOCAL).exclude(
        status=CatalogStatus.SUPERSEDED
    )
    if not is_site_admin(user):
        qs = qs.filter(scope_q(user, roles={Role.EDITOR}, domain=FILING_DOMAIN))
    return qs.select_related("domain", "organisation__region").order_by(
        "organisation__region__code", "domain__position", "key", "-version"
    )


def reviewer_provinces(user) -> QuerySet[Region]:
    """The provinces whose filings ``user`` reviews (all of them for site admins)."""
    provinces = Region.objects.filter(level=RegionLevel.PROVINCE)
    if is_site_admin(user):
        return provinces
    if not user.has_perm("catalogs.review_filing"):
        return provinces.none()
    codes = {
        org.region.code[:2]
        for org in organisations_for(user, roles={Role.PROVINCIAL_REVIEWER})
        .filter(region__level=RegionLevel.PROVINCE)
        .select_related("region")
    }
    return provinces.filter(code__in=codes)


def latest_rounds(qs: QuerySet[Filing]) -> QuerySet[Filing]:
    """Only the newest round of each body and domain (no later round exists)."""
    later = Filing.objects.filter(
        organisation=OuterRef("organisation"),
        domain=OuterRef("domain"),
        round__gt=OuterRef("round"),
    )
    return qs.filter(~Exists(later))


def with_waiting(qs: QuerySet[Filing], *, today: date) -> QuerySet[Filing]:
    """Annotate ``working_days_waiting`` and ``overdue`` in the same query.

    A submitted filing waits for the reviewer from the day it was filed, a
    returned one for the county from the day it was returned. The working days
    are read off the calendar's ordinals, the provisional years included (as
    every other clock counts them, ``portal.calendar``); when the calendar does
    not cover today (or the start), nothing is flagged rather than guessed.
    """
    calendar = WorkingDay.objects.all()
    today_ordinal = Subquery(calendar.filter(date=today).values("ordinal")[:1])
    since_ordinal = Subquery(
        calendar.filter(date=OuterRef("waiting_since")).values("ordinal")[:1]
    )
    later = Filing.objects.filter(
        organisation=OuterRef("organisation"),
        domain=OuterRef("domain"),
        round__gt=OuterRef("round"),
    )
    return qs.annotate(
        waiting_since=TruncDate(
            Case(
                When(status=FilingStatus.RETURNED, then=F("reviewed_at")),
                default=F("filed_at"),
            )
        ),
        is_latest=~Exists(later),
    ).annotate(
        working_days_waiting=Case(
            When(
                Q(status__in=AWAITING, is_latest=True),
                then=today_ordinal - since_ordinal,
            ),
            default=Value(None),
            output_field=IntegerField(),
        ),
        overdue=Case(
            When(
                Q(working_days_waiting__gt=FILING_ACTION_WORKING_DAYS),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def filing_queue(
    user,
    *,
    today: date,
    province: str = "",
    city: str = "",
    domain: str = "",
    status: str = "",
    overdue: bool = False,
    all_rounds: bool = False,
) -> QuerySet[Filing]:
    """The filings ``user`` sees, filtered; the newest round of each unless asked."""
    qs = filings_visible_to(user)
    if not all_rounds:
        qs = latest_rounds(qs)
    if province:
        qs = qs.filter(organisation__region__code__startswith=province)
    if city:
        qs = qs.filter(organisation__region__code__startswith=city)
    if domain:
        qs = qs.filter(domain__key=domain)
    if status:
        qs = qs.filter(status=status)
    qs = with_waiting(qs, today=today)
    if overdue:
        qs = qs.filter(overdue=True)
    return qs.order_by("organisation__region__code", "domain__position", "-round")


def filing_rounds(filing: Filing) -> QuerySet[Filing]:
    """Every round of the filing's body and domain, newest first."""
    return (
        Filing.objects.filter(organisation=filing.organisation, domain=filing.domain)
        .select_related("filed_by", "reviewed_by")
        .prefetch_related("comments")
        .order_by("-round")
    )


def cities_of(province: str) -> QuerySet[Region]:
    return Region.objects.filter(
        level=RegionLevel.CITY, code__startswith=province
    ).order_by("code")


@dataclass
class OverviewCell:
    """One county × domain: its newest filing (or none) and how far it deviates."""

    domain: Domain
    has_catalog: bool = False
    filing: dict | None = None

    @property
    def filed(self) -> bool:
        return self.filing is not None


@dataclass
class OverviewRow:
    county: Region
    cells: list[OverviewCell] = field(default_factory=list)


def province_overview(province: Region) -> tuple[list[Domain], list[OverviewRow]]:
    """Every county of ``province`` × every domain: filed or not, and the deviations.

    Four queries whatever the number of counties: the counties, the domains,
    the local catalogs present and the newest filings (their deviation counts
    read out of the snapshot by the database, not the whole snapshot).
    """
    counties = list(
        Region.objects.filter(
            level=RegionLevel.COUNTY, code__startswith=province.code
        ).order_by("code")
    )
    domains = list(Domain.objects.order_by("position", "key"))
    in_province = Q(organisation__region__code__startswith=province.code)
    catalogs = {
        (code[:6], domain_id)
        for code, domain_id in Catalog.objects.filter(
            in_province, kind=CatalogKind.LOCAL
        ).values_list("organisation__region__code", "domain_id")
    }
    filings = {}
    rows = (
        latest_rounds(Filing.objects.filter(in_province))
        .order_by("filed_at")
        .values(
            "pk",
            "round",
            "status",
            "filed_at",
            "domain_id",
            "organisation__region__code",
            "organisation__name",
            "snapshot__deviations",
        )
    )
    for row in rows:
        row["status_label"] = FilingStatus(row["status"]).label
        row["deviations"] = row.pop("snapshot__deviations") or {}
        filings[(row["organisation__region__code"][:6], row["domain_id"])] = row
    overview = []
    for county in counties:
        cells = [
            OverviewCell(
                domain=domain,
                has_catalog=(county.code, domain.pk) in catalogs,
                filing=filings.get((county.code, domain.pk)),
            )
            for domain in domains
        ]
        overview.append(OverviewRow(county=county, cells=cells))
    return domains, overview


def bundle_filings(*, province: str, domain: str = "", statuses=()) -> QuerySet[Filing]:
    """The newest round of each county body and domain in ``province``, for export."""
    qs = latest_rounds(
        Filing.objects.filter(organisation__region__code__startswith=province)
    )
    if domain:
        qs = qs.filter(domain__key=domain)
    if statuses:
        qs = qs.filter(status__in=list(statuses))
    return qs.select_related(
        "organisation__region", "domain", "filed_by", "reviewed_by", "recorded_by"
    ).order_by("organisation__region__code", "domain__position", "organisation__code")
