"""Public publications matching a query: title matches first, then the rest, newest first.

Both tiers are read from the index in time order and cut to the page, so a page
always costs two short reads of ``SearchEntry`` and one of the publications, joined
back to the public rule; the count is exact up to ``MAX_RESULTS`` and stops
there (“more than 1,000”), so no search counts a province's every match.
"""

import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Subquery

from catalogs.models import Item

from ...metadata.docnumbers import document_number_normalise
from ...models import SearchEntry
from ..rules import public_publications
from .fields import Formula

MAX_RESULTS = 1000  # pages reach this far; refine the query to see beyond
EXACT_LIMIT = 20  # publications a query names by 索引号 or 文号
ORDER = ("-published_at", "-publication_id")


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

    def count(self) -> int:
        if self._count is None:
            self._count = len(self.exact)
            if self.formula is not None:
                found = (
                    self._entries()
                    .filter(tokens__matches=self.formula)
                    .values("pk")[: MAX_RESULTS + 1]
                )
                self._count += found.count()
        return min(self._count, MAX_RESULTS)

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
        title = list(
            self._title()
            .order_by(*ORDER)
            .values_list("publication_id", flat=True)[:stop]
        )
        found = [(pk, 1) for pk in title[start:stop]]
        # The rest is read on every page, even one that title matches fill (then
        # for one row, thrown away), so a page costs the same queries whatever
        # the data: every title match up to ``stop`` is in ``title``.
        skip = max(0, start - len(title))
        wanted = stop - start - len(found)
        rest = list(
            self._rest()
            .order_by(*ORDER)
            .values_list("publication_id", flat=True)[skip : skip + max(wanted, 1)]
        )
        found += [(pk, 0) for pk in rest[:wanted]]
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
