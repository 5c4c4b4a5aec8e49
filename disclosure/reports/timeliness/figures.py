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
    code, by body (``length`` None), by domain (``by_domain``), or not at all
    (``whole``: the total)."""

    length: int | None = None
    by_domain: bool = False
    whole: bool = False

    def key(self, organisation: str, domain: str):
        if self.whole:
            return None
        if self.by_domain:
            return F(f"{domain}__key")
        if self.length is None:
            return F(f"{organisation}_id")
        return Substr(f"{organisation}__region__code", 1, self.length)


TOTAL = Grouping(whole=True)


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


class _Pass:
    """One pass over one kind of row for every grouping at once: the counts
    grouped by every key together (then added up per grouping, over the groups,
    never over rows), the percentiles with one window per grouping."""

    def __init__(self, groupings: dict, organisation: str, domain: str, rows: dict):
        self.keys = {
            name: grouping.key(organisation, domain)
            for name, grouping in groupings.items()
        }
        self.rows = rows

    def row(self, name, group) -> Figures:
        return self.rows[name].setdefault(None if group is _WHOLE else group, Figures())

    def counts(self, qs, **aggregates):
        """Yield (grouping name, group, {aggregate: value}) summed per grouping."""
        named = {f"g_{n}": k for n, k in self.keys.items() if k is not None}
        entries = qs.annotate(**named).values(*named).annotate(**aggregates).order_by()
        sums: dict = {}
        for entry in entries:
            for name, key in self.keys.items():
                group = entry[f"g_{name}"] if key is not None else _WHOLE
                totals = sums.setdefault((name, group), dict.fromkeys(aggregates, 0))
                for aggregate in aggregates:
                    totals[aggregate] += entry[aggregate]
        for (name, group), totals in sums.items():
            yield self.row(name, group), totals

    def nearest_ranks(self, qs, value):
        """Yield (row, median, p90) of ``value`` per group of every grouping:
        nearest rank, in one query, only the rows at those ranks fetched."""
        annotations = {"value": value}
        picked = None
        for name, key in self.keys.items():
            partition = {"partition_by": [key]} if key is not None else {}
            if key is not None:
                annotations[f"g_{name}"] = key
            annotations[f"p_{name}"] = Window(
                RowNumber(), order_by=[value.asc(), F("pk").asc()], **partition
            )
            annotations[f"n_{name}"] = Window(Count("pk"), **partition)
            size = F(f"n_{name}")
            at = Q(
                **{f"p_{name}": ExpressionWrapper((size + 1) / 2, IntegerField())}
            ) | Q(
                **{f"p_{name}": ExpressionWrapper((size * 9 + 9) / 10, IntegerField())}
            )
            picked = at if picked is None else picked | at
        ranked = qs.annotate(**annotations).annotate(
            picked=Case(
                When(picked, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        fields = ["value"]
        for name, key in self.keys.items():
            fields += [f"p_{name}", f"n_{name}"]
            if key is not None:
                fields.append(f"g_{name}")
        found: dict = {}
        for entry in ranked.filter(picked=True).values(*fields):
            for name, key in self.keys.items():
                group = entry[f"g_{name}"] if key is not None else _WHOLE
                position, count = entry[f"p_{name}"], entry[f"n_{name}"]
                median, p90 = found.get((name, group), (None, None))
                if position == (count + 1) // 2:
                    median = entry["value"]
                if position == (count * 9 + 9) // 10:
                    p90 = entry["value"]
                found[(name, group)] = (median, p90)
        for (name, group), (median, p90) in found.items():
            yield self.row(name, group), median, p90


_WHOLE = object()


def _publication_figures(scope: Scope, groupings: dict, rows: dict) -> None:
    run = _Pass(groupings, "organisation", "item__catalog__domain", rows)
    due = (
        Publication.objects.filter(scope.publications)
        .exclude(status=PublicationStatus.RETAINED)
        .filter(due_on__gte=scope.start, due_on__lt=scope.end)
    )
    published = Q(status__in=PUBLISHED)
    for row, entry in run.counts(
        due,
        due=Count("pk"),
        on_time=Count("pk", filter=published & PUBLISHED_ON_TIME),
        late=Count("pk", filter=published & ~PUBLISHED_ON_TIME),
        overdue=Count("pk", filter=Q(status__in=UNPUBLISHED, due_on__lt=scope.today)),
    ):
        row.due, row.on_time = entry["due"], entry["on_time"]
        row.late, row.overdue = entry["late"], entry["overdue"]
    late = (
        due.filter(published)
        .exclude(PUBLISHED_ON_TIME)
        .annotate(published_on=TruncDate("published_at"))
    )
    days = Greatest(_ordinal("published_on") - _ordinal("due_on"), Value(1))
    for row, median, p90 in run.nearest_ranks(late, days):
        row.late_median, row.late_p90 = median, p90


def _request_figures(scope: Scope, groupings: dict, rows: dict) -> None:
    run = _Pass(groupings, "organisation", "item__catalog__domain", rows)
    received = InformationRequest.objects.filter(scope.requests).filter(
        received_on__gte=scope.start, received_on__lt=scope.end
    )
    replied = Q(replied_on__isnull=False)
    for row, entry in run.counts(
        received,
        received=Count("pk"),
        in_time=Count("pk", filter=replied & Q(replied_on__lte=F("due_on"))),
        late=Count("pk", filter=replied & Q(replied_on__gt=F("due_on"))),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=scope.today)),
        extensions=Count("pk", filter=Q(extension_approved_on__isnull=False)),
        corrections=Count("pk", filter=Q(correction_sent_on__isnull=False)),
    ):
        row.received, row.answered_in_time = entry["received"], entry["in_time"]
        row.answered_late, row.requests_overdue = entry["late"], entry["overdue"]
        row.extensions, row.corrections = entry["extensions"], entry["corrections"]
    days = _ordinal("replied_on") - _ordinal("received_on")
    for row, median, _p90 in run.nearest_ranks(received.filter(replied), days):
        row.reply_median = median


def _interpretation_figures(scope: Scope, groupings: dict, rows: dict) -> None:
    run = _Pass(groupings, "organisation", "item__catalog__domain", rows)
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
    for row, entry in run.counts(
        interpretations,
        total=Count("pk"),
        late=Count("pk", filter=Q(days__gt=INTERPRETATION_WORKING_DAYS)),
    ):
        row.interpretations, row.interpretations_late = entry["total"], entry["late"]


def _idle_item_figures(scope: Scope, groupings: dict, rows: dict) -> None:
    run = _Pass(groupings, "catalog__organisation", "catalog__domain", rows)
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
    )
    for row, entry in run.counts(idle, total=Count("pk")):
        row.idle_items = entry["total"]


def timeliness_figures(scope: Scope, groupings: dict[str, Grouping]) -> dict:
    """{grouping name: {group key: Figures}} for every group with anything to
    count (the key of ``TOTAL`` is None), in six queries whatever the number of
    groupings and the size of the data: per kind of row one pass of counts and,
    for publications and requests, one of percentiles."""
    rows: dict = {name: {} for name in groupings}
    _publication_figures(scope, groupings, rows)
    _request_figures(scope, groupings, rows)
    _interpretation_figures(scope, groupings, rows)
    _idle_item_figures(scope, groupings, rows)
    return rows
