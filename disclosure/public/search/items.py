"""Catalog rows matching a query, and the nearest rows when nothing matches.

The rows searched are those that apply: a county's local catalogs in force for
a place at or below a county, the standard catalogs in force elsewhere. They
are few (a county holds a few hundred), so they are matched here in Python on
the same token streams and phrase rule the index uses (``tokens.contains``):
the same answer on every database. A row is found by its name first, then by
its first- and second-level headings, then by its content elements; within a
tier in catalog order, and only the best tier found is answered: a row named
失业登记 is what a search for 失业登记 wants, not 就业登记 beside it under the
heading 就业失业登记. Prepared rows are kept per catalog and public version.
"""

from collections import OrderedDict
from dataclasses import dataclass, field

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item

from .. import versions
from . import tokens
from .fields import Formula
from .publications import Filters

KEPT_CATALOGS = 256
NEAREST = 5


@dataclass
class Row:
    pk: int
    catalog_id: int
    name: str
    headings: list[str]  # the first-level name, then the second's for a sub-item
    content: list[str]
    levels: tuple[bool | None, bool | None, bool | None]
    name_stream: list[str] = field(default_factory=list)
    context_stream: list[str] = field(default_factory=list)
    content_stream: list[str] = field(default_factory=list)
    bigrams: frozenset[str] = frozenset()

    def tier(self, formula: Formula) -> int | None:
        """0 by name, 1 with the headings, 2 with the content; None: no match."""
        parts = (self.name_stream, self.context_stream, self.content_stream)
        for tier in range(3):
            streams = parts[: tier + 1]
            if all(
                any(tokens.contains(s, phrase) for s in streams for phrase in term)
                for term in formula.terms
            ):
                return tier
        return None


_kept: OrderedDict = OrderedDict()


def catalogs_for(filters: Filters):
    county = filters.county
    catalogs = Catalog.objects.filter(status=CatalogStatus.IN_FORCE)
    if county:
        catalogs = catalogs.filter(
            kind=CatalogKind.LOCAL, organisation__region__code=county
        )
    else:
        catalogs = catalogs.filter(kind=CatalogKind.STANDARD)
    if filters.domain:
        catalogs = catalogs.filter(domain_id=filters.domain)
    return catalogs.select_related("domain").order_by(
        "domain__position", "key", "version"
    )


def _prepare(catalog_id: int) -> list[Row]:
    items = list(
        Item.objects.filter(catalog_id=catalog_id)
        .order_by("position", "pk")
        .values_list(
            "pk",
            "parent_id",
            "level",
            "name",
            "content",
            "omitted",
            "level_county",
            "level_township",
            "level_village",
        )
    )
    names = {row[0]: (row[1], row[3]) for row in items}
    rows = []
    for pk, parent, level, name, content, omitted, county, township, village in items:
        if level < 2 or omitted:
            continue
        headings = []
        while parent is not None:
            parent, heading = names[parent]
            headings.insert(0, heading)
        content = [c for c in (content or []) if isinstance(c, str)]
        row = Row(pk, catalog_id, name, headings, content, (county, township, village))
        row.name_stream = tokens.stream(name)
        row.context_stream = tokens.stream(" ".join(headings))
        row.content_stream = tokens.stream(" ".join(content))
        row.bigrams = frozenset(
            t
            for t in row.name_stream + row.context_stream + row.content_stream
            if len(t) == 2
        )
        rows.append(row)
    return rows


def rows_of(catalogs: list[Catalog], county: str | None) -> list[Row]:
    token = versions.read(county).token
    found = []
    for catalog in catalogs:
        key = (catalog.pk, token)
        if key not in _kept:
            _kept[key] = _prepare(catalog.pk)
            while len(_kept) > KEPT_CATALOGS:
                _kept.popitem(last=False)
        found += _kept[key]
    return found


def _allowed(row: Row, level: str) -> bool:
    index = {"county": 0, "township": 1, "village": 2}.get(level)
    return index is None or row.levels[index] is not False


def _items(pks: list[int]) -> list[Item]:
    by_pk = Item.objects.select_related("catalog__domain", "parent").in_bulk(pks)
    return [by_pk[pk] for pk in pks if pk in by_pk]


@dataclass
class RowHits:
    items: list[Item]  # the best ``limit`` rows
    total: int


def matching_rows(formula: Formula | None, filters: Filters, limit: int) -> RowHits:
    if formula is None:
        return RowHits([], 0)
    catalogs = list(catalogs_for(filters))
    ranked = []
    for order, row in enumerate(rows_of(catalogs, filters.county)):
        if not _allowed(row, filters.level):
            continue
        tier = row.tier(formula)
        if tier is not None:
            ranked.append((tier, order, row.pk))
    best = min((tier for tier, _o, _pk in ranked), default=None)
    ranked = sorted(r for r in ranked if r[0] == best)
    return RowHits(_items([pk for _t, _o, pk in ranked[:limit]]), len(ranked))


def nearest_rows(query_runs: list[str], filters: Filters) -> list[Item]:
    """Rows sharing the most character pairs with the query's wordings (Dice over
    the pairs of their names, headings and content), best first."""
    wanted = {t for run in query_runs for t in tokens.stream(run) if len(t) == 2} or {
        t for run in query_runs for t in tokens.stream(run)
    }
    if not wanted:
        return []
    catalogs = list(catalogs_for(Filters(region=filters.region, domain=filters.domain)))
    scored = []
    for order, row in enumerate(rows_of(catalogs, filters.county)):
        shared = len(wanted & row.bigrams)
        if shared:
            score = 2 * shared / (len(wanted) + len(row.bigrams))
            scored.append((-score, order, row.pk))
    scored.sort()
    return _items([pk for _s, _o, pk in scored[:NEAREST]])
