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

What each row counts as (its day, state and working days) is defined once, in
``tallies.rows``. A county's or a body's figures group those rows; a city's or a
province's group their tallies (the same rows counted per county, domain, day
and outcome), so a province's page adds up thousands of tallies, not a million
rows. Either way one query per kind of row returns the counts grouped by every
grouping's key, outcome and working days together; they are added up per
grouping over those groups, never over rows. Percentiles use the nearest-rank
method on the grouped working days (a histogram per group): the median is the
value at rank ⌈n/2⌉ (the lower median of an even count), the 90th percentile at
⌈0.9 n⌉.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.utils import timezone

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item

from ...deadlines import INTERPRETATION_WORKING_DAYS
from ...models import Publication, TallyKind, TallyState, TimelinessTally
from . import tallies
from .tallies import ANSWERED_STATES, COUNTY_CODE_LENGTH, PUBLISHED, ordinal


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
class Paths:
    """Where a kind of row keeps its region code, its body and its domain."""

    codes: str
    body: str | None
    domain: str


ROW_PATHS = Paths(
    "organisation__region__code", "organisation_id", "item__catalog__domain"
)
TALLY_PATHS = Paths("region_code", None, "domain")
ITEM_PATHS = Paths(
    "catalog__organisation__region__code", "catalog__organisation_id", "catalog__domain"
)


@dataclass(frozen=True)
class Grouping:
    """How rows are grouped: by the first ``length`` digits of the body's region
    code, by body (``length`` None), by domain (``by_domain``), or not at all
    (``whole``: the total)."""

    length: int | None = None
    by_domain: bool = False
    whole: bool = False

    def key(self, paths: Paths):
        if self.whole:
            return None
        if self.by_domain:
            return F(f"{paths.domain}__key")
        if paths.body is None and (self.length or 99) > COUNTY_CODE_LENGTH:
            raise ValueError("tallies add up the bodies below a county per county")
        if self.length is None:
            return F(paths.body)
        return Substr(paths.codes, 1, self.length)


TOTAL = Grouping(whole=True)


@dataclass(frozen=True)
class Scope:
    """What the figures cover: a predicate per kind of row (already scoped to the
    user and the region), whether publications and requests are read from
    their tallies (``tallied``; the predicates are then on ``TimelinessTally``)
    and the period ``[start, end)``."""

    publications: Q
    requests: Q
    items: Q
    start: date
    end: date
    today: date
    tallied: bool = False

    @property
    def end_moment(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end, time.min))


@dataclass
class _Fold:
    """The groups of every grouping, filled from grouped counts."""

    keys: dict
    rows: dict
    histograms: dict = field(default_factory=dict)

    def entries(self, qs, weight, **flags):
        """Yield ({grouping name: Figures}, entry) for every group of ``qs``."""
        named = {f"g_{n}": k for n, k in self.keys.items() if k is not None}
        grouped = (
            qs.annotate(**named, **flags)
            .values(*named, "state", "days", *flags)
            .annotate(n=weight)
            .order_by()
        )
        for entry in grouped:
            yield (
                {
                    name: self.rows[name].setdefault(
                        entry[f"g_{name}"] if key is not None else None, Figures()
                    )
                    for name, key in self.keys.items()
                },
                entry,
            )

    def add_days(self, row: Figures, what: str, days, n: int) -> None:
        if days is not None:
            self.histograms.setdefault((id(row), what), (row, Counter()))[1][days] += n

    def nearest_ranks(self, what: str):
        """Yield (row, median, p90) of every row's histogram of ``what``."""
        for (_id, kind), (row, counts) in self.histograms.items():
            if kind != what:
                continue
            total = sum(counts.values())
            ranks = {"median": (total + 1) // 2, "p90": (total * 9 + 9) // 10}
            found, seen = {}, 0
            for days in sorted(counts):
                seen += counts[days]
                for name, rank in ranks.items():
                    if name not in found and seen >= rank:
                        found[name] = days
            yield row, found.get("median"), found.get("p90")


def _source(scope: Scope, kind: str, where: Q):
    """The rows of ``kind`` in ``scope``'s period, or their tallies, and how
    to count them."""
    if scope.tallied:
        qs, weight = TimelinessTally.objects.filter(kind=kind), Sum("count")
    else:
        qs, weight = tallies.rows(kind), Count("pk")
    return qs.filter(where, day__gte=scope.start, day__lt=scope.end), weight


def _flag(condition: Q):
    return Case(
        When(condition, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _publication_figures(scope: Scope, fold: _Fold) -> None:
    qs, weight = _source(scope, TallyKind.PUBLICATION, scope.publications)
    overdue = _flag(Q(state=TallyState.OPEN, day__lt=scope.today))
    for rows, entry in fold.entries(qs, weight, overdue_now=overdue):
        n, state = entry["n"], entry["state"]
        for row in rows.values():
            row.due += n
            if state == TallyState.ON_TIME:
                row.on_time += n
            elif state == TallyState.LATE:
                row.late += n
                fold.add_days(row, "late", entry["days"], n)
            if entry["overdue_now"]:
                row.overdue += n
    for row, median, p90 in fold.nearest_ranks("late"):
        row.late_median, row.late_p90 = median, p90


def _request_figures(scope: Scope, fold: _Fold) -> None:
    qs, weight = _source(scope, TallyKind.REQUEST, scope.requests)
    overdue = _flag(Q(open_due_on__lt=scope.today))
    for rows, entry in fold.entries(
        qs, weight, overdue_now=overdue, ext=F("extended"), corr=F("corrected")
    ):
        n, state = entry["n"], entry["state"]
        for row in rows.values():
            row.received += n
            if state == TallyState.IN_TIME:
                row.answered_in_time += n
            elif state == TallyState.ANSWERED_LATE:
                row.answered_late += n
            if state in ANSWERED_STATES:
                fold.add_days(row, "reply", entry["days"], n)
            row.requests_overdue += n if entry["overdue_now"] else 0
            row.extensions += n if entry["ext"] else 0
            row.corrections += n if entry["corr"] else 0
    for row, median, _p90 in fold.nearest_ranks("reply"):
        row.reply_median = median


def _interpretation_figures(scope: Scope, fold: _Fold) -> None:
    qs, weight = _source(scope, TallyKind.INTERPRETATION, scope.publications)
    # One still unpublished is as late as today is after its document.
    qs = qs.annotate(waited=ordinal(scope.today) - ordinal("day"))
    late = _flag(
        Q(state=TallyState.PUBLISHED, days__gt=INTERPRETATION_WORKING_DAYS)
        | Q(state=TallyState.OPEN, waited__gt=INTERPRETATION_WORKING_DAYS)
    )
    for rows, entry in fold.entries(qs, weight, is_late=late):
        for row in rows.values():
            row.interpretations += entry["n"]
            row.interpretations_late += entry["n"] if entry["is_late"] else 0


def _idle_item_figures(scope: Scope, groupings: dict, rows: dict) -> None:
    keys = {name: grouping.key(ITEM_PATHS) for name, grouping in groupings.items()}
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
    named = {f"g_{n}": k for n, k in keys.items() if k is not None}
    for entry in (
        idle.annotate(**named).values(*named).annotate(n=Count("pk")).order_by()
    ):
        for name, key in keys.items():
            group = entry[f"g_{name}"] if key is not None else None
            rows[name].setdefault(group, Figures()).idle_items += entry["n"]


def timeliness_figures(scope: Scope, groupings: dict[str, Grouping]) -> dict:
    """{grouping name: {group key: Figures}} for every group with anything to
    count (the key of ``TOTAL`` is None), in four queries whatever the number
    of groupings and the size of the data: one per kind of row."""
    rows: dict = {name: {} for name in groupings}
    paths = TALLY_PATHS if scope.tallied else ROW_PATHS
    keys = {name: grouping.key(paths) for name, grouping in groupings.items()}
    _publication_figures(scope, _Fold(keys, rows))
    _request_figures(scope, _Fold(keys, rows))
    _interpretation_figures(scope, _Fold(keys, rows))
    _idle_item_figures(scope, groupings, rows)
    return rows
