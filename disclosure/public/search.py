"""Search over public publications (an index) and catalog items (read directly).

The index holds public publications only: ``index_publication`` adds or
refreshes an entry when a publication is public and removes it otherwise, and
every query is joined back to the public rule as well. Items are few per
county, so they are matched on their names directly.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import reduce
from itertools import chain
from operator import and_, or_

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item
from portal.models import Organisation, Region

from ..models import Publication, SearchEntry
from . import tokens
from .rules import PUBLIC_PUBLICATION, public_publications

BODY_CHARS = 2000
CHUNK = 2000


def _entry(publication: Publication) -> SearchEntry:
    region_code = publication.organisation.region.code
    return SearchEntry(
        publication=publication,
        region_code=region_code,
        county=region_code[:6],
        domain_id=publication.item.catalog.domain_id,
        level=publication.level,
        title_tokens=tokens.document_tokens(publication.title),
        tokens=tokens.document_tokens(
            publication.title,
            publication.organisation.name,
            publication.body[:BODY_CHARS],
        ),
        published_at=publication.published_at,
    )


def index_publication(publication: Publication) -> bool:
    """Bring the publication's entry in line with whether it is public now.

    Returns whether the public can see a difference: it was or is public.
    """
    deleted, _ = SearchEntry.objects.filter(publication_id=publication.pk).delete()
    current = (
        public_publications()
        .filter(pk=publication.pk)
        .select_related("item__catalog", "organisation__region")
        .first()
    )
    if current is not None:
        _entry(current).save()
    return bool(deleted) or current is not None


ROW = (
    "pk",
    "title",
    "body",
    "level",
    "published_at",
    "organisation__name",
    "organisation__region__code",
    "item__catalog__domain_id",
)


class _Tokeniser:
    """``document_tokens`` for a whole rebuild, with what repeats done once a run.

    Each distinct raw token is encoded once and each body's name tokenised
    once; a text's tokens are its distinct words encoded, in the order first
    seen, which is what ``document_tokens`` keeps (encoding is one-to-one).
    """

    def __init__(self):
        self.encoded: dict[str, str] = {}
        self.names: dict[str, list[str]] = {}

    def distinct(self, text: str) -> list[str]:
        encoded = self.encoded
        result = []
        for word in dict.fromkeys(tokens.words(text)):
            token = encoded.get(word)
            if token is None:
                token = encoded[word] = tokens.encode(word)
            result.append(token)
        return result

    def entry(self, row: tuple) -> SearchEntry:
        """What ``_entry`` makes of the publication ``row`` (a ``ROW`` tuple)."""
        pk, title, body, level, published_at, name, region_code, domain_id = row
        if name not in self.names:
            self.names[name] = self.distinct(name)
        heading = self.distinct(title)
        every = dict.fromkeys(
            chain(heading, self.names[name], self.distinct(body[:BODY_CHARS]))
        )
        return SearchEntry(
            publication_id=pk,
            region_code=region_code,
            county=region_code[:6],
            domain_id=domain_id,
            level=level,
            title_tokens=_stored(heading),
            tokens=_stored(every),
            published_at=published_at,
        )

    def entries(self, rows: list[tuple]) -> list[SearchEntry]:
        return [self.entry(row) for row in rows]


def _stored(distinct) -> str:
    return " " + " ".join(distinct) + " " if distinct else " "


def _analyse(*models) -> None:
    """Fresh planner statistics: right after bulk writes (seed_scale, a restore)
    they describe empty tables, and reads planned on them can take seconds
    instead of milliseconds (PostgreSQL; SQLite has none until analysed)."""
    tables = [connection.ops.quote_name(m._meta.db_table) for m in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(tables))
        elif connection.vendor == "sqlite":
            for table in tables:
                cursor.execute("ANALYZE " + table)


def rebuild_index(progress=None) -> int:
    """Rebuild the whole index in chunks; returns the number of entries.

    The entries are those ``index_publication`` writes, built from plain rows
    rather than models. A thread tokenises the next chunk while this one waits
    for the database to insert (and index) the current one. A million public
    publications take about four minutes on PostgreSQL (docs/performance.md).
    """
    SearchEntry.objects.all().delete()
    _analyse(Publication, Item, Catalog, Organisation, Region)
    rows = public_publications().order_by("pk").values_list(*ROW)
    tokeniser = _Tokeniser()
    total, last, building = 0, 0, None
    with ThreadPoolExecutor(max_workers=1) as pool:
        while True:
            batch = list(rows.filter(pk__gt=last)[:CHUNK])
            ahead = pool.submit(tokeniser.entries, batch) if batch else None
            if building is not None:
                entries = building.result()
                SearchEntry.objects.bulk_create(entries)
                total += len(entries)
                if progress:
                    progress(total)
            if ahead is None:
                break
            building, last = ahead, batch[-1][0]
    _analyse(SearchEntry)
    return total


def _matches(field: str, groups: list[list[str]]) -> Q:
    return reduce(
        or_,
        (
            reduce(and_, (Q(**{f"{field}__contains": f" {t} "}) for t in group))
            for group in groups
        ),
    )


def _tsquery(groups: list[list[str]]) -> str:
    return " | ".join("(" + " & ".join(group) + ")" for group in groups)


def _filter_entries(groups, county: str | None) -> QuerySet[SearchEntry]:
    """Entries matching every token of some group.

    Within a county, the county's entries (a few thousand) are read through
    their index and matched as substrings: on PostgreSQL the text-search index
    would first find every match in the country (hundreds of thousands for a
    common word like 低保) and then drop those elsewhere: 0.9 s at a province,
    growing with the country, against 0.1–0.2 s for a county at any size
    (docs/performance.md). Wider searches use the text-search index.
    """
    if county:
        return SearchEntry.objects.filter(county=county).filter(
            _matches("tokens", groups)
        )
    entries = SearchEntry.objects.all()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        return entries.annotate(vector=SearchVector("tokens", config="simple")).filter(
            vector=SearchQuery(_tsquery(groups), search_type="raw", config="simple")
        )
    return entries.filter(_matches("tokens", groups))


@dataclass(frozen=True)
class Filters:
    region: str = ""  # a division code: the place and everything below it
    domain: int | None = None
    level: str = ""


def search_publications(query: str, filters: Filters) -> QuerySet[Publication]:
    """Public publications matching ``query``, best first (title matches, then newest)."""
    groups = tokens.query_groups(query)
    if not groups:
        return Publication.objects.none()
    county = filters.region[:6] if len(filters.region) >= 6 else None
    entries = _filter_entries(groups, county)
    if filters.region and filters.region != county:
        entries = entries.filter(region_code__startswith=filters.region)
    if filters.domain:
        entries = entries.filter(domain_id=filters.domain)
    if filters.level:
        entries = entries.filter(level=filters.level)
    return (
        Publication.objects.filter(PUBLIC_PUBLICATION)
        .filter(pk__in=entries.values("publication_id"))
        .annotate(
            rank=Case(
                When(
                    Exists(
                        SearchEntry.objects.filter(
                            _matches("title_tokens", groups),
                            publication=OuterRef("pk"),
                        )
                    ),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .select_related("organisation__region", "item__catalog__domain")
        .order_by("-rank", "-published_at", "-pk")
    )


def search_items(query: str, filters: Filters) -> QuerySet[Item]:
    """Catalog items whose name (or first-level name) holds every token of the query.

    With a place below the province: that county's local catalogs in force;
    otherwise the standard catalogs in force.
    """
    groups = [
        [bytes.fromhex(t[1:]).decode("utf-8") for t in group]
        for group in tokens.query_groups(query)
    ]
    if not groups:
        return Item.objects.none()
    match = reduce(
        or_,
        (
            reduce(
                and_,
                (Q(name__icontains=t) | Q(parent__name__icontains=t) for t in group),
            )
            for group in groups
        ),
    )
    items = Item.objects.filter(level__gte=2, omitted=False).filter(match)
    if len(filters.region) >= 6:
        items = items.filter(
            catalog__kind=CatalogKind.LOCAL,
            catalog__status=CatalogStatus.IN_FORCE,
            catalog__organisation__region__code=filters.region[:6],
        )
    else:
        items = items.filter(
            catalog__kind=CatalogKind.STANDARD, catalog__status=CatalogStatus.IN_FORCE
        )
    if filters.domain:
        items = items.filter(catalog__domain_id=filters.domain)
    if filters.level in ("county", "township", "village"):
        items = items.filter(**{f"level_{filters.level}": True})
    return items.select_related("catalog__domain", "parent").order_by(
        "catalog__domain__position", "catalog__key", "position"
    )
