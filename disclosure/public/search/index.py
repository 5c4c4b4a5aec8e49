"""The index: one ``SearchEntry`` per public publication, kept in step and rebuilt.

An entry holds two token streams (``tokens.stream``). The first, for ranking, is
the title and the names of the places it was published for (province down to
village); the second adds the catalog row it was published under (the row's
headings and name: on a portal a notice stands in its row, and a row named
办事指南 under 最低生活保障 says what it is about) and the first
``BODY_CHARS`` characters of the text. Parts are separated by ``fields.GAP``,
so that no phrase spans two parts.
Every text passes through ``disclosure.pii.mask_personal_data`` first, so a
personal number is never in the index and never found by search.
"""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from catalogs.models import Catalog, Item
from disclosure.pii import mask_personal_data
from portal.models import Organisation, Region

from ...models import Publication, SearchEntry
from ..markup import plain_text
from ..rules import public_publications
from . import tokens
from .fields import GAP, MAX_POSITION

BODY_CHARS = 2000
CHUNK = 2000
PREFIXES = (2, 4, 6, 9, 12)  # division code lengths, province to village


def place_codes(region_code: str) -> list[str]:
    return [region_code[:n] for n in PREFIXES if n <= len(region_code)]


def streams(
    title: str, places: list[str], row: list[str], body: str
) -> tuple[list[str], list[str]]:
    """(title stream, whole stream) of a publication's texts."""
    heading = tokens.stream(mask_personal_data(title)) + [GAP]
    heading += tokens.stream(" ".join(places))
    path = tokens.stream(" ".join(row))
    text = tokens.stream(mask_personal_data(plain_text(body))[:BODY_CHARS])
    return heading, (heading + [GAP] + path + [GAP] + text)[:MAX_POSITION]


def row_path(*names: str | None) -> list[str]:
    """The row's headings and name, outermost first (names given innermost first)."""
    return [name for name in reversed(names) if name]


def _entry(pk, title, body, level, published_at, region_code, domain_id, names, row):
    heading, whole = streams(title, names, row, body)
    return SearchEntry(
        publication_id=pk,
        region_code=region_code,
        county=region_code[:6],
        domain_id=domain_id,
        level=level,
        title_tokens=heading,
        tokens=whole,
        published_at=published_at,
    )


def entry_for(publication: Publication) -> SearchEntry:
    region_code = publication.organisation.region.code
    names = dict(
        Region.objects.filter(code__in=place_codes(region_code)).values_list(
            "code", "name"
        )
    )
    return _entry(
        publication.pk,
        publication.title,
        publication.body,
        publication.level,
        publication.published_at,
        region_code,
        publication.item.catalog.domain_id,
        [names[c] for c in place_codes(region_code) if c in names],
        row_path(*_row_names(publication.item_id)),
    )


def _row_names(item_id: int) -> tuple:
    return (
        Item.objects.filter(pk=item_id)
        .values_list("name", "parent__name", "parent__parent__name")
        .get()
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
        entry_for(current).save()
    return bool(deleted) or current is not None


def reindex_rows(item_ids: list[int]) -> int:
    """Write again the entries of the public publications under these rows and
    the rows below them (a row renamed changes what its publications are found by)."""
    rows, frontier = set(item_ids), set(item_ids)
    while frontier:
        frontier = (
            set(
                Item.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            - rows
        )
        rows |= frontier
    found = list(
        public_publications().filter(item_id__in=rows).order_by("pk").values_list(*ROW)
    )
    SearchEntry.objects.filter(publication_id__in=[r[0] for r in found]).delete()
    builder = _Builder(codes={row[5] for row in found})
    SearchEntry.objects.bulk_create(builder.entries(found), batch_size=CHUNK)
    return len(found)


ROW = (
    "pk",
    "title",
    "body",
    "level",
    "published_at",
    "organisation__region__code",
    "item__catalog__domain_id",
    "item__name",
    "item__parent__name",
    "item__parent__parent__name",
)


class _Builder:
    """``entry_for`` for a whole rebuild, from plain rows and one name table."""

    def __init__(self, codes: set[str] | None = None):
        regions = Region.objects.all()
        if codes is not None:  # only the places of these division codes
            regions = regions.filter(
                code__in={c for code in codes for c in place_codes(code)}
            )
        self.names = dict(regions.values_list("code", "name"))
        self.places: dict[str, list[str]] = {}

    def entries(self, rows: list[tuple]) -> list[SearchEntry]:
        made = []
        for row in rows:
            pk, title, body, level, published_at, code, domain_id = row[:7]
            places = self.places.get(code)
            if places is None:
                places = self.places[code] = [
                    self.names[c] for c in place_codes(code) if c in self.names
                ]
            made.append(
                _entry(
                    pk,
                    title,
                    body,
                    level,
                    published_at,
                    code,
                    domain_id,
                    places,
                    row_path(*row[7:]),
                )
            )
        return made


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
    for the database to insert (and index) the current one.
    """
    SearchEntry.objects.all().delete()
    _analyse(Publication, Item, Catalog, Organisation, Region)
    rows = public_publications().order_by("pk").values_list(*ROW)
    builder = _Builder()
    total, last, building = 0, 0, None
    with ThreadPoolExecutor(max_workers=1) as pool:
        while True:
            batch = list(rows.filter(pk__gt=last)[:CHUNK])
            ahead = pool.submit(builder.entries, batch) if batch else None
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
