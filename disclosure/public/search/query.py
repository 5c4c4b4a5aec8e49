"""One search: what the page and the API both answer for a query and its filters.

``search`` reads the query through the vocabulary, finds the catalog rows
(``items``) and the publications (``publications``), marks the matched words,
lists what was published under each row at the place, and when nothing matches
says where to look instead: the nearest rows, the place's catalogs and the same
search one level up.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item
from portal.models import Region

from ...models import Publication
from ..rules import publications_at, regional_catalogs
from . import highlight, items, vocabulary
from .fields import Formula
from .publications import Filters, Hits, exact_matches

ITEM_LIMIT = 10
UNDER_ROW = 3  # newest publications shown under a row at the place


@dataclass
class Results:
    query: str
    formula: Formula | None
    words: list[vocabulary.Word]
    items: list[Item]
    item_total: int
    publications: Hits
    region: Region | None = None
    nearest: list[Item] = field(default_factory=list)
    place_catalogs: list[Catalog] = field(default_factory=list)
    wider: Region | None = None  # one level up
    wider_everywhere: bool = False  # a province's level up: the whole portal

    @property
    def searchable(self) -> bool:
        return self.formula is not None

    @property
    def empty(self) -> bool:
        return self.searchable and not self.items and not self.publications.count()

    def decorate(self, page: list[Publication]) -> list[Publication]:
        """Mark the matched words in the titles of a page of publications."""
        for publication in page:
            publication.marked_title = highlight.highlight(
                publication.title, self.formula
            )
        return page


def _under_rows(rows: list[Item], region: Region | None) -> None:
    """Each row's publications at the place (count and newest), two queries.

    Counted by row (``Item.lineage``), not by item: what was published under an
    earlier version of the row counts under the row in force, as on the
    catalog page."""
    for row in rows:
        row.published_here, row.published_count = [], 0
    if region is None or not rows:
        return
    here = publications_at(region).filter(
        item__lineage__in={row.lineage for row in rows},
        item__catalog__key__in={row.catalog.key for row in rows},
    )
    counts = dict(
        here.values("item__lineage")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("item__lineage", "n")
    )
    newest = (
        here.annotate(
            row_lineage=F("item__lineage"),
            nth=Window(
                RowNumber(),
                partition_by=[F("item__lineage")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(nth__lte=UNDER_ROW)
        .only("pk", "title", "published_at", "item_id", "validity")
        .order_by("-published_at", "-pk")
    )
    by_row = {row.lineage: row for row in rows}
    for publication in newest:
        by_row[publication.row_lineage].published_here.append(publication)
    for row in rows:
        row.published_count = counts.get(row.lineage, 0)


def _help_when_empty(results: Results, filters: Filters) -> None:
    wordings = [run for term in results.formula.terms for p in term for run in p.runs]
    results.nearest = items.nearest_rows(wordings, filters)
    region = results.region
    if region is not None and filters.county:
        results.place_catalogs = list(
            regional_catalogs(region).order_by("domain__position")
        )
    else:
        results.place_catalogs = list(
            Catalog.objects.filter(
                kind=CatalogKind.STANDARD, status=CatalogStatus.IN_FORCE
            )
            .select_related("domain")
            .order_by("domain__position")
        )
    if region is not None:
        if region.parent_id:
            results.wider = Region.objects.filter(pk=region.parent_id).first()
        else:
            results.wider_everywhere = True


def search(
    query: str, filters: Filters, *, region: Region | None = None, item_limit=ITEM_LIMIT
) -> Results:
    """Rows and publications for ``query`` within ``filters`` (``region`` its place)."""
    formula = vocabulary.formula(query)
    rows = items.matching_rows(formula, filters, item_limit)
    results = Results(
        query=query,
        formula=formula,
        words=vocabulary.words(query),
        items=rows.items,
        item_total=rows.total,
        publications=Hits(formula, filters, exact_matches(query, filters)),
        region=region,
    )
    for row in results.items:
        row.marked_name = highlight.highlight(row.name, formula)
    _under_rows(results.items, region if filters.county else None)
    if results.empty:
        _help_when_empty(results, filters)
    return results
