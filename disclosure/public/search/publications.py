"""Public publications matching a query: title matches first, then the rest, newest first.

A page is read in two ways, chosen by what the place's newest entries show,
never by the database's guess (which, for a phrase of common character pairs,
is off by a thousand times and then reads a province's every entry):

- **the probe**: the ``PROBE`` newest entries of the place, in time order, each
  with whether it matches and whether its title does. A tier whose page is
  among them is answered from them; so is the count when they are the place's
  every entry or hold more than ``MAX_RESULTS`` matches. Common words are
  answered here, in a few milliseconds at any size.
- **every match**: otherwise the words are rare among the newest entries, and
  the tier's matches are all read through the index of the words, then sorted
  (``_newest``): few rows.

Both ways give the same page (the probe holds the newest entries, so the
newest matches among them are the newest matches); the count is exact up to
``MAX_RESULTS`` and stops there (“more than 1,000”), so no search counts a
province's every match.
"""

import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Subquery

from catalogs.models import Item

from ...metadata.docnumbers import document_number_normalise
from ...models import SearchEntry
from ..rules import public_publications
from .fields import Formula

MAX_RESULTS = 1000  # pages reach this far; refine the query to see beyond
EXACT_LIMIT = 20  # publications a query names by 索引号 or 文号
ORDER = ("-published_at", "-publication_id")
PROBE = 2000  # newest entries of the place read first (a few ms; docs/performance.md)
COUNT_PROBE = 16_000  # newest entries a count of common words may read


@dataclass(frozen=True)
class Filters:
    region: str = ""  # a division code: the place and everything below it
    domain: int | None = None
    level: str = ""
    item: int | None = None  # the API's ?item=

    @property
    def county(self) -> str | None:
        return self.region[:6] if len(self.region) >= 6 else None


def entries(filters: Filters) -> QuerySet[SearchEntry]:
    """The index entries within the filters (the place through its county first)."""
    found = SearchEntry.objects.all()
    county = filters.county
    if county:
        found = found.filter(county=county)
    if filters.region and filters.region != county:
        found = found.filter(region_code__startswith=filters.region)
    if filters.domain:
        found = found.filter(domain_id=filters.domain)
    if filters.level:
        found = found.filter(level=filters.level)
    if filters.item:
        # The row, not the item: what was published under an earlier version of
        # the row (same ``Item.lineage``) is published under it too.
        lineage = Item.objects.filter(pk=filters.item).values("lineage")[:1]
        found = found.filter(publication__item__lineage=Subquery(lineage))
    return found


def _newest(found: QuerySet[SearchEntry], limit: int) -> list[int]:
    """The publications of the ``limit`` newest entries of ``found``, read by
    matching first and sorting after: the matches are materialised before the
    sort, so the database cannot walk the time index hoping to meet them soon.
    Used when the probe showed the words rare among the newest entries."""
    using = found.db  # the router's choice (a replica for the public)
    inner = found.values("publication_id", "published_at").order_by()
    sql, params = inner.query.get_compiler(using=using).as_sql()
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"WITH matched AS MATERIALIZED ({sql}) "  # noqa: S608 (compiled ORM SQL)
            "SELECT publication_id FROM matched "
            "ORDER BY published_at DESC, publication_id DESC LIMIT %s",
            [*params, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _count_newest(found: QuerySet[SearchEntry], formula, within: int, limit: int):
    """How many of the ``within`` newest entries of ``found`` match ``formula``,
    read in time order and stopping at the ``limit``-th match."""
    using = found.db
    newest = (
        found.order_by(*ORDER)
        .annotate(hit=_flag(Q(tokens__matches=formula)))
        .values("hit")[:within]
    )
    sql, params = newest.query.get_compiler(using=using).as_sql()
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) AS newest "  # noqa: S608
            "WHERE newest.hit LIMIT %s) AS counted",
            [*params, limit],
        )
        return cursor.fetchone()[0]


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


@dataclass(frozen=True)
class Probe:
    """The newest entries of a place that match, newest first."""

    title: list[int]  # matched in the title
    rest: list[int]  # matched elsewhere only
    whole: bool  # these were the place's every entry


def exact_matches(query: str, filters: Filters) -> list[int]:
    """Publications whose 索引号 is ``query`` or whose 文号 is ``query`` read as
    one (any bracket or digit form clerks type), newest first: one indexed read.
    Control and format characters (NUL, zero-width) are never part of either, and
    PostgreSQL refuses a NUL in a parameter: they are dropped first."""
    query = "".join(c for c in query or "" if unicodedata.category(c)[0] != "C")
    query = query.strip()
    if not query:
        return []
    wanted = Q(publication__index_number=query)
    try:
        number = document_number_normalise(query)
    except ValidationError:
        number = ""
    if number:
        wanted |= Q(publication__document_number=number)
    return list(
        entries(filters)
        .filter(wanted)
        .order_by(*ORDER)
        .values_list("publication_id", flat=True)[:EXACT_LIMIT]
    )


class Hits:
    """The matching publications, best first: a sequence ``Paginator`` can page.

    ``count()`` is exact up to ``MAX_RESULTS``; ``capped`` says whether more
    match. Items of a page are public publications with ``rank`` 2 for the
    publications the query names by 索引号 or 文号 (``exact``, always first), 1
    for a title match and 0 otherwise, ready for the result list (organisation,
    region, domain selected).
    """

    def __init__(
        self, formula: Formula | None, filters: Filters, exact: list[int] = ()
    ):
        self.formula = formula
        self.filters = filters
        self.exact = list(exact)
        self._count: int | None = None
        self._probed: Probe | None = None

    def _entries(self) -> QuerySet[SearchEntry]:
        found = entries(self.filters)
        if self.exact:
            found = found.exclude(publication_id__in=self.exact)
        return found

    def _title(self) -> QuerySet[SearchEntry]:
        return self._entries().filter(title_tokens__matches=self.formula)

    def _rest(self) -> QuerySet[SearchEntry]:
        return (
            self._entries()
            .filter(tokens__matches=self.formula)
            .exclude(title_tokens__matches=self.formula)
        )

    def _probe(self) -> Probe:
        if self._probed is None:
            rows = list(
                self._entries()
                .order_by(*ORDER)
                .annotate(
                    hit=_flag(Q(tokens__matches=self.formula)),
                    in_title=_flag(Q(title_tokens__matches=self.formula)),
                )
                .values_list("publication_id", "hit", "in_title")[:PROBE]
            )
            self._probed = Probe(
                title=[pk for pk, hit, in_title in rows if hit and in_title],
                rest=[pk for pk, hit, in_title in rows if hit and not in_title],
                whole=len(rows) < PROBE,
            )
        return self._probed

    def _tier(self, probed: list[int], found: QuerySet[SearchEntry], stop: int):
        """The first ``stop`` of a tier (fewer: the whole tier)."""
        if len(probed) >= stop or self._probe().whole:
            return probed[:stop]
        return _newest(found, stop)

    def count(self) -> int:
        if self._count is None:
            self._count = len(self.exact)
            if self.formula is not None:
                self._count += self._matches()
        return min(self._count, MAX_RESULTS)

    def _matches(self) -> int:
        """The matches, counted up to ``MAX_RESULTS`` + 1: from the probe when it
        holds the answer; in time order when the probe's share of matches says
        the cap lies within the ``COUNT_PROBE`` newest entries; else through the
        index of the words (a common pair's list costs 0.15 s at a province)."""
        probe = self._probe()
        probed = len(probe.title) + len(probe.rest)
        if probe.whole or probed > MAX_RESULTS:
            return probed
        if probed * COUNT_PROBE >= 2 * (MAX_RESULTS + 1) * PROBE:
            found = _count_newest(
                self._entries(), self.formula, COUNT_PROBE, MAX_RESULTS + 1
            )
            if found > MAX_RESULTS:
                return found
        return (
            self._entries()
            .filter(tokens__matches=self.formula)
            .values("pk")[: MAX_RESULTS + 1]
            .count()
        )

    @property
    def capped(self) -> bool:
        self.count()
        return self._count > MAX_RESULTS

    def __len__(self) -> int:
        return self.count()

    def ids(self, start: int, stop: int) -> list[tuple[int, int]]:
        """(publication id, rank) of the hits from ``start`` to ``stop``."""
        stop = min(stop, MAX_RESULTS)
        if start >= stop:
            return []
        named = [(pk, 2) for pk in self.exact[start:stop]]
        start = max(0, start - len(self.exact))
        stop -= len(self.exact)
        if self.formula is None or start >= stop:
            return named
        return named + self._matched(start, stop)

    def _matched(self, start: int, stop: int) -> list[tuple[int, int]]:
        probe = self._probe()
        title = self._tier(probe.title, self._title(), stop)
        found = [(pk, 1) for pk in title[start:stop]]
        if len(title) < stop:  # the title tier ends on this page: the rest follows
            skip = max(0, start - len(title))
            wanted = stop - start - len(found)
            rest = self._tier(probe.rest, self._rest(), skip + wanted)
            found += [(pk, 0) for pk in rest[skip:]]
        return found

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        ranked = self.ids(
            key.start or 0, key.stop if key.stop is not None else MAX_RESULTS
        )
        by_pk = {
            p.pk: p
            for p in public_publications()
            .filter(pk__in=[pk for pk, _rank in ranked])
            .select_related("organisation__region", "item__catalog__domain")
        }
        page = []
        for pk, rank in ranked:
            if pk in by_pk:  # an entry not public any more is never shown
                by_pk[pk].rank = rank
                page.append(by_pk[pk])
        return page
