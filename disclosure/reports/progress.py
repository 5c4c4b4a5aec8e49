"""The quarterly progress report Henan asks of every county (河南省民政厅 2020, §六(三)).

Per county and domain: whether the local catalog is compiled and filed, how many
items it has, what was published in the quarter and how much of it on time,
and what is overdue now. A fixed number of queries for the whole province.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from catalogs.filings.selectors import latest_rounds
from catalogs.layout.workbook import neutralise
from catalogs.models import (
    Catalog,
    CatalogKind,
    CatalogStatus,
    Domain,
    Filing,
    FilingStatus,
)
from portal.models import Region, RegionLevel

from ..models import PUBLISHED_ON_TIME, Publication, PublicationStatus

COUNTY_CODE_LENGTH = 6
PUBLISHED = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)
UNPUBLISHED = (PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW)


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def next_first_day(self) -> date:
        if self.number == 4:
            return date(self.year + 1, 1, 1)
        return date(self.year, 3 * self.number + 1, 1)

    def __str__(self):
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}


@dataclass
class ProgressRow:
    """One county × domain of the report."""

    county: Region
    domain: Domain
    catalog_status: str = ""
    filing_status: str = ""
    items: int = 0
    published: int = 0
    on_time: int = 0
    overdue: int = 0
    # Of the publications counted (in the quarter, overdue now), those whose due
    # date is provisional (暂定): their on-time or overdue verdict may change.
    provisional: int = 0

    @property
    def compiled(self) -> bool:
        return bool(self.catalog_status)

    @property
    def filed(self) -> bool:
        return self.filing_status in (FilingStatus.ACCEPTED, FilingStatus.RECORDED)

    @property
    def share_on_time(self) -> float | None:
        """The share of the quarter's publications published by their due date."""
        return self.on_time / self.published if self.published else None

    @property
    def catalog_label(self) -> str:
        if not self.catalog_status:
            return _("Not compiled")
        return str(CatalogStatus(self.catalog_status).label)

    @property
    def filing_label(self) -> str:
        if not self.filing_status:
            return _("Not filed")
        return str(FilingStatus(self.filing_status).label)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def progress_report(
    *, province: Region, quarter: Quarter, today: date
) -> list[ProgressRow]:
    """Every county of ``province`` × every domain, in code and domain order."""
    counties = list(
        Region.objects.filter(
            level=RegionLevel.COUNTY, code__startswith=province.code
        ).order_by("code")
    )
    domains = list(Domain.objects.order_by("position", "key"))
    rows = {
        (county.code, domain.pk): ProgressRow(county=county, domain=domain)
        for county in counties
        for domain in domains
    }
    in_province = Q(organisation__region__code__startswith=province.code)
    county = Substr("organisation__region__code", 1, COUNTY_CODE_LENGTH)

    # The catalog in use: the one in force, else the newest draft.
    catalogs = (
        Catalog.objects.filter(in_province, kind=CatalogKind.LOCAL)
        .exclude(status=CatalogStatus.SUPERSEDED)
        .annotate(
            county=county,
            item_count=Count(
                "items", filter=Q(items__omitted=False, items__level__gte=2)
            ),
        )
        .order_by("version")
        .values_list("county", "domain_id", "status", "item_count")
    )
    for code, domain_id, status, count in catalogs:
        row = rows.get((code, domain_id))
        if row is None or row.catalog_status == CatalogStatus.IN_FORCE:
            continue
        row.catalog_status, row.items = status, count

    filings = (
        latest_rounds(Filing.objects.filter(in_province))
        .annotate(county=county)
        .order_by("filed_at")
        .values_list("county", "domain_id", "status")
    )
    for code, domain_id, status in filings:
        if (code, domain_id) in rows:
            rows[(code, domain_id)].filing_status = status

    publications = Publication.objects.filter(in_province).annotate(
        county=county, domain_id=F("item__catalog__domain_id")
    )
    start, end = _moment(quarter.first_day), _moment(quarter.next_first_day)
    published = (
        publications.filter(
            status__in=PUBLISHED, published_at__gte=start, published_at__lt=end
        )
        .values("county", "domain_id")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=PUBLISHED_ON_TIME),
            provisional=Count("pk", filter=Q(due_on_provisional=True)),
        )
        .order_by()
    )
    for entry in published:
        row = rows.get((entry["county"], entry["domain_id"]))
        if row is not None:
            row.published, row.on_time = entry["total"], entry["on_time"]
            row.provisional += entry["provisional"]
    overdue = (
        publications.filter(status__in=UNPUBLISHED, due_on__lt=today)
        .values("county", "domain_id")
        .annotate(
            total=Count("pk"),
            provisional=Count("pk", filter=Q(due_on_provisional=True)),
        )
        .order_by()
    )
    for entry in overdue:
        row = rows.get((entry["county"], entry["domain_id"]))
        if row is not None:
            row.overdue = entry["total"]
            row.provisional += entry["provisional"]
    return list(rows.values())


def progress_workbook(
    rows: list[ProgressRow], *, province: Region, quarter: Quarter, today: date
) -> Workbook:
    """The report as a write-only workbook: a title, a header and a row each."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Progress")[:31])
    bold = Font(bold=True)

    def strong(value):
        cell = WriteOnlyCell(sheet, value=neutralise(str(value)))
        cell.font = bold
        return cell

    for letter, width in zip(
        "ABCDEFGHIJKL", (10, 16, 12, 10, 12, 22, 8, 12, 12, 12, 10, 14), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.append(
        [
            strong(
                _(
                    "%(province)s: quarterly progress of the disclosure catalogs, %(quarter)s"
                )
                % {"province": province.name, "quarter": quarter}
            )
        ]
    )
    sheet.append([_("Prepared on %(date)s.") % {"date": today.isoformat()}])
    sheet.append([strong(label) for label in column_labels()])
    for row in rows:
        share = row.share_on_time
        sheet.append(
            [
                row.county.code,
                neutralise(row.county.name),
                neutralise(row.domain.name),
                _("Yes") if row.compiled else _("No"),
                row.catalog_label,
                row.filing_label,
                row.items,
                row.published,
                row.on_time,
                round(share * 100, 1) if share is not None else None,
                row.overdue,
                row.provisional,
            ]
        )
    return workbook


def column_labels() -> list[str]:
    return [
        _("County code"),
        _("County"),
        _("Domain"),
        _("Catalog compiled"),
        _("Catalog status"),
        _("Filing"),
        _("Items"),
        _("Publications in the quarter"),
        _("Published on time"),
        _("Share on time (%)"),
        _("Overdue now"),
        _("Of these, on provisional due dates (暂定)"),
    ]
