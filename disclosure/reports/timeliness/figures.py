"""Timeliness figures for supervision, as SQL aggregates over workday ordinals.

Every figure of a row concerns one period (a quarter or a year) and one group:
a region below the page's region (its code's first digits), a body, or a domain.

* Publications *due* are those whose due date falls in the period (information
  retained as on-request or not disclosed is never due); *on time* and *late*
  follow ``PUBLISHED_ON_TIME``; *overdue now* are still unpublished past the due
  date. Working days late is the ordinal of the publication day minus that of
  the due date, at least 1 (a publication made on the rest day after its due
  date is one working day late).
* Requests are those *received* in the period; *answered in time* by their
  reply due date (extensions included); the reply time is the ordinal of the
  reply day minus that of the day of receipt.
* Interpretations are counted in the period their policy document was
  published; one published (or still unpublished) more than 3 working days
  after it is late.
* Items with nothing published are the second- and third-level items of the
  catalog in use (in force, else the draft) under which nothing was published
  by the end of the period.

Percentiles use the nearest-rank method in SQL, the same on SQLite and
PostgreSQL (``percentile_cont`` is PostgreSQL-only): per group, rows numbered by
their value (``ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)``) beside the
group's size (``COUNT(*) OVER (PARTITION BY …)``); the median is the value at
rank ⌈n/2⌉ (the lower median of an even count), the 90th percentile at ⌈0.9 n⌉.
Only those rows leave the database: at most two per group.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, RowNumber, Substr, TruncDate
from django.utils import timezone

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item
from portal.models import WorkingDay

from ...deadlines import INTERPRETATION_WORKING_DAYS
from ...models import (
    OPEN_STATUSES,
    PUBLISHED_ON_TIME,
    InformationRequest,
    Publication,
    PublicationKind,
    PublicationStatus,
)

PUBLISHED = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)
UNPUBLISHED = (PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW)


@dataclass
class Figures:
    """The figures of one row; ``None`` where there is nothing to take a median of."""

    due: int = 0
    on_time: int = 0
    late: int = 0
    late_median: int | None = None
    late_p90: int | None = None
    overdue: int = 0
    idle_items: int = 0
    received: int = 0
    answered_in_time: int = 0
    answered_late: int = 0
    reply_median: int | None = None
    requests_overdue: int = 0
    extensions: int = 0
    corrections: int = 0
    interpretations: int = 0
    interpretations_late: int = 0

    @property
    def share_on_time(self) -> float | None:
        published = self.on_time + self.late
        return self.on_time / published if published else None


@dataclass(frozen=True)
class Grouping:
    """How rows are grouped: by the first ``length`` digits of the body's region
    code, by body (``length`` None), or by domain (``by_domain``)."""

    length: int | None = None
    by_domain: bool = False

    def key(self, organisation: str, domain: str):
        if self.by_domain:
            return F(f"{domain}__key")
        if self.length is None:
            return F(f"{organisation}_id")
        return Substr(f"{organisation}__region__code", 1, self.length)


@dataclass(frozen=True)
class Scope:
    """What the figures cover: a predicate per kind of row (already scoped to the
    user and the region) and the period ``[start, end)``."""

    publications: Q
    requests: Q
    items: Q
    start: date
    end: date
    today: date

    @property
    def start_moment(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_moment(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end, time.min))


def _ordinal(name: str):
    """The workday ordinal of the date in the outer row's ``name``."""
    return Subquery(
        WorkingDay.objects.filter(date=OuterRef(name)).values("ordinal")[:1],
        output_field=IntegerField(),
    )


def _nearest_ranks(qs, key, value) -> dict:
    """{key: (median, p90)} of ``value`` per ``key``, nearest-rank, in one query."""
    size = Window(Count("pk"), partition_by=[key])
    ranked = qs.annotate(
        group=key,
        value=value,
        position=Window(
            RowNumber(), partition_by=[key], order_by=[value.asc(), F("pk").asc()]
        ),
        size=size,
    ).annotate(
        picked=Case(
            When(
                Q(position=ExpressionWrapper((F("size") + 1) / 2, IntegerField()))
                | Q(
                    position=ExpressionWrapper((F("size") * 9 + 9) / 10, IntegerField())
                ),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    found: dict = {}
    rows = ranked.filter(picked=True).values_list("group", "value", "position", "size")
    for group, number, position, count in rows:
        median, p90 = found.get(group, (None, None))
        if position == (count + 1) // 2:
            median = number
        if position == (count * 9 + 9) // 10:
            p90 = number
        found[group] = (median, p90)
    return found


def _publication_figures(scope: Scope, grouping: Grouping, rows: dict) -> None:
    key = grouping.key("organisation", "item__catalog__domain")
    due = (
        Publication.objects.filter(scope.publications)
        .exclude(status=PublicationStatus.RETAINED)
        .filter(due_on__gte=scope.start, due_on__lt=scope.end)
    )
    published = Q(status__in=PUBLISHED)
    counts = (
        due.annotate(group=key)
        .values("group")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=published & PUBLISHED_ON_TIME),
            late=Count("pk", filter=published & ~PUBLISHED_ON_TIME),
            overdue=Count(
                "pk", filter=Q(status__in=UNPUBLISHED, due_on__lt=scope.today)
            ),
        )
        .order_by()
    )
    for entry in counts:
        row = rows.setdefault(entry["group"], Figures())
        row.due, row.on_time = entry["due"], entry["on_time"]
        row.late, row.overdue = entry["late"], entry["overdue"]
    late = (
        due.filter(published)
        .exclude(PUBLISHED_ON_TIME)
        .annotate(published_on=TruncDate("published_at"))
    )
    days = Greatest(_ordinal("published_on") - _ordinal("due_on"), Value(1))
    for group, (median, p90) in _nearest_ranks(late, key, days).items():
        row = rows.setdefault(group, Figures())
        row.late_median, row.late_p90 = median, p90


def _request_figures(scope: Scope, grouping: Grouping, rows: dict) -> None:
    key = grouping.key("organisation", "item__catalog__domain")
    received = InformationRequest.objects.filter(scope.requests).filter(
        received_on__gte=scope.start, received_on__lt=scope.end
    )
    replied = Q(replied_on__isnull=False)
    counts = (
        received.annotate(group=key)
        .values("group")
        .annotate(
            received=Count("pk"),
            in_time=Count("pk", filter=replied & Q(replied_on__lte=F("due_on"))),
            late=Count("pk", filter=replied & Q(replied_on__gt=F("due_on"))),
            overdue=Count(
                "pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=scope.today)
            ),
            extensions=Count("pk", filter=Q(extension_approved_on__isnull=False)),
            corrections=Count("pk", filter=Q(correction_sent_on__isnull=False)),
        )
        .order_by()
    )
    for entry in counts:
        row = rows.setdefault(entry["group"], Figures())
        row.received, row.answered_in_time = entry["received"], entry["in_time"]
        row.answered_late, row.requests_overdue = entry["late"], entry["overdue"]
        row.extensions, row.corrections = entry["extensions"], entry["corrections"]
    days = _ordinal("replied_on") - _ordinal("received_on")
    for group, (median, _p90) in _nearest_ranks(
        received.filter(replied), key, days
    ).items():
        rows.setdefault(group, Figures()).reply_median = median


def _interpretation_figures(scope: Scope, grouping: Grouping, rows: dict) -> None:
    key = grouping.key("organisation", "item__catalog__domain")
    interpretations = (
        Publication.objects.filter(scope.publications)
        .filter(
            kind=PublicationKind.INTERPRETATION,
            interpretation_of__published_at__gte=scope.start_moment,
            interpretation_of__published_at__lt=scope.end_moment,
        )
        .exclude(status=PublicationStatus.RETAINED)
        .annotate(
            document_on=TruncDate("interpretation_of__published_at"),
            own_on=Coalesce(
                Case(When(status__in=PUBLISHED, then=TruncDate("published_at"))),
                Value(scope.today),
            ),
        )
        .annotate(days=_ordinal("own_on") - _ordinal("document_on"))
    )
    counts = (
        interpretations.annotate(group=key)
        .values("group")
        .annotate(
            total=Count("pk"),
            late=Count("pk", filter=Q(days__gt=INTERPRETATION_WORKING_DAYS)),
        )
        .order_by()
    )
    for entry in counts:
        row = rows.setdefault(entry["group"], Figures())
        row.interpretations, row.interpretations_late = entry["total"], entry["late"]


def _idle_item_figures(scope: Scope, grouping: Grouping, rows: dict) -> None:
    key = grouping.key("catalog__organisation", "catalog__domain")
    in_force = Catalog.objects.filter(
        kind=CatalogKind.LOCAL,
        status=CatalogStatus.IN_FORCE,
        organisation=OuterRef("catalog__organisation"),
        domain=OuterRef("catalog__domain"),
    )
    published = Publication.objects.filter(
        item=OuterRef("pk"),
        status__in=PUBLISHED,
        published_at__lt=scope.end_moment,
    )
    idle = (
        Item.objects.filter(scope.items)
        .filter(catalog__kind=CatalogKind.LOCAL, level__gte=2, omitted=False)
        .filter(
            Q(catalog__status=CatalogStatus.IN_FORCE)
            | Q(catalog__status=CatalogStatus.DRAFT) & ~Exists(in_force)
        )
        .filter(~Exists(published))
        .annotate(group=key)
        .values("group")
        .annotate(total=Count("pk"))
        .order_by()
    )
    for entry in idle:
        rows.setdefault(entry["group"], Figures()).idle_items = entry["total"]


def timeliness_figures(scope: Scope, grouping: Grouping) -> dict:
    """{group key: Figures} for every group with anything to count, in a fixed
    number of queries (six) whatever the data's size."""
    rows: dict = {}
    _publication_figures(scope, grouping, rows)
    _request_figures(scope, grouping, rows)
    _interpretation_figures(scope, grouping, rows)
    _idle_item_figures(scope, grouping, rows)
    return rows
