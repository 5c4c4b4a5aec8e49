"""The labelled query set (``labelled.toml``): its world, and precision and recall at 10.

``build_world`` adds the set's publications to the demo data and one county of
``seed_scale`` data (the caller holds the transaction: the command and the test
roll it back). ``evaluate`` runs every query through ``query.search``, as the
page and the API do, and compares the first ten rows and the first ten
publications with the relevant ones:

- precision at 10: the share of what is shown (at most ten) that is relevant;
  nothing shown is 1 when nothing is relevant, 0 otherwise;
- recall at 10: the share of the relevant ones shown, out of at most ten
  (``min(relevant, 10)``: a query with 300 relevant notices is answered in full
  by ten relevant ones); 1 when nothing is relevant.

Means are over the queries, for rows and for publications separately.
"""

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item
from portal.models import Organisation, Region, RegionLevel

from ...models import Attribute, Publication, PublicationStatus
from ..rules import public_publications
from .publications import Filters
from .query import search

DATA = Path(__file__).with_name("labelled.toml")
TOP = 10
DEMO_PROVINCE = "41"
SCALE_AS_OF = date(2026, 6, 30)
SCALE_SIZE = {
    "counties": 1,
    "townships_per_county": 2,
    "villages_per_township": 2,
    "publications_per_item": 1,
    "as_of": SCALE_AS_OF,
}


@dataclass(frozen=True)
class Labelled:
    text: str
    kind: str
    region: str  # "", a division code, "scale" or "scale-province"
    items: tuple[str, ...]
    publications: tuple[str, ...]


def _data() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def labelled_set() -> list[Labelled]:
    return [
        Labelled(
            text=q["q"],
            kind=q["class"],
            region=q.get("region", ""),
            items=tuple(q.get("items", ())),
            publications=tuple(q.get("publications", ())),
        )
        for q in _data()["query"]
    ]


def _row(catalog_filter: dict, spec: str) -> list[Item]:
    domain, _colon, path = spec.partition(":")
    heading, _slash, name = path.rpartition("/")
    found = Item.objects.filter(
        catalog__domain__key=domain, name=name, omitted=False, **catalog_filter
    )
    if heading:
        found = found.filter(parent__name=heading)
    return list(found)


def build_world(*, out=None) -> dict[str, int]:
    """The set's publications in the demo county and one synthetic county.

    Needs the reference data and ``seed_demo``; returns the keys' publication ids.
    """
    author = get_user_model().objects.get(username="county_publisher")
    now = timezone.now()
    made = {}
    for entry in _data()["publication"]:
        organisation = Organisation.objects.select_related("region").get(
            code=entry["org"]
        )
        county = organisation.region.code[:6]
        local = {
            "catalog__kind": CatalogKind.LOCAL,
            "catalog__status": CatalogStatus.IN_FORCE,
            "catalog__organisation__region__code": county,
        }
        rows = _row(local, f"{entry['domain']}:{entry['item']}")
        if len(rows) != 1:
            raise ValueError(
                f"{entry['key']}: {len(rows)} rows named {entry['item']} in {county}"
            )
        item = rows[0]
        level = {6: "county", 9: "township", 12: "village"}[
            len(organisation.region.code)
        ]
        when = now - timedelta(days=entry["days_ago"])
        made[entry["key"]] = Publication.objects.create(
            item=item,
            organisation=organisation,
            level=level,
            title=entry["title"],
            body=entry["body"],
            formed_on=when.date() - timedelta(days=2),
            due_on=when.date() + timedelta(days=18),
            status=PublicationStatus.PUBLISHED,
            attribute=Attribute.PROACTIVE,
            published_at=when,
            author=author,
        ).pk
    call_command("seed_scale", verbosity=0, stdout=out, stderr=out, **SCALE_SIZE)
    return made


def scale_county() -> str | None:
    return (
        Region.objects.filter(level=RegionLevel.COUNTY)
        .exclude(code__startswith=DEMO_PROVINCE)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )


def _place(region: str) -> str | None:
    if region in ("scale", "scale-province"):
        county = scale_county()
        if county is None:
            return None
        return county if region == "scale" else county[:2]
    return region


def _with_descendants(rows: list[Item]) -> set[int]:
    found = {row.pk for row in rows}
    frontier = set(found)
    while frontier:
        frontier = set(
            Item.objects.filter(parent_id__in=frontier, omitted=False).values_list(
                "pk", flat=True
            )
        )
        found |= frontier
    return found


@dataclass
class Scores:
    precision: float
    recall: float


@dataclass
class Measured:
    query: Labelled
    region: str
    items: Scores
    publications: Scores
    shown_items: list[str] = field(default_factory=list)
    shown_publications: list[str] = field(default_factory=list)


def _scores(shown: list[int], relevant: set[int]) -> Scores:
    hits = len(set(shown) & relevant)
    if not shown:
        precision = 1.0 if not relevant else 0.0
    else:
        precision = hits / len(shown)
    recall = hits / min(len(relevant), TOP) if relevant else 1.0
    return Scores(precision, recall)


def _relevant_publications(
    labelled: Labelled, place: str, keys: dict[str, int]
) -> set[int]:
    synthetic = {
        "catalog__kind": CatalogKind.LOCAL,
    }
    rows = set()
    for spec in labelled.items:
        rows |= _with_descendants(
            [
                r
                for r in _row(synthetic, spec)
                if not r.catalog.organisation.region.code.startswith(DEMO_PROVINCE)
            ]
        )
    scope = public_publications()
    if place:
        scope = scope.filter(organisation__region__code__startswith=place)
    relevant = set(
        scope.filter(item_id__in=rows)
        .exclude(organisation__region__code__startswith=DEMO_PROVINCE)
        .values_list("pk", flat=True)
    )
    for key in labelled.publications:
        if key.startswith("demo:"):
            pks = scope.filter(title=key[5:]).values_list("pk", flat=True)
            relevant |= set(pks)
        elif key in keys and scope.filter(pk=keys[key]).exists():
            relevant.add(keys[key])
    return relevant


def evaluate(keys: dict[str, int] | None = None, *, scale_only=False) -> list[Measured]:
    """Every labelled query searched and scored (``keys``: the world's publications).

    ``scale_only`` measures only what a database of ``seed_scale`` data holds:
    the queries at the synthetic county and province, and the everywhere
    queries whose rows have synthetic publications (benchmarks).
    """
    keys = keys or {}
    measured = []
    for labelled in labelled_set():
        if scale_only and labelled.region not in ("", "scale", "scale-province"):
            continue
        place = _place(labelled.region)
        if place is None:
            continue
        region = Region.objects.filter(code=place).first() if place else None
        filters = Filters(region=place or "")
        results = search(labelled.text, filters, region=region, item_limit=TOP)
        catalogs = {"catalog__in": Catalog.objects.none()}
        searched = list(
            Catalog.objects.filter(status=CatalogStatus.IN_FORCE).filter(
                kind=CatalogKind.LOCAL, organisation__region__code=filters.county
            )
            if filters.county
            else Catalog.objects.filter(
                status=CatalogStatus.IN_FORCE, kind=CatalogKind.STANDARD
            )
        )
        catalogs = {"catalog__in": searched}
        relevant_items = set()
        for spec in labelled.items:
            relevant_items |= _with_descendants(_row(catalogs, spec))
        relevant_publications = _relevant_publications(labelled, place, keys)
        if scale_only and not labelled.region and not relevant_publications:
            continue
        shown = results.publications[0:TOP]
        measured.append(
            Measured(
                query=labelled,
                region=place,
                items=_scores([i.pk for i in results.items], relevant_items),
                publications=_scores([p.pk for p in shown], relevant_publications),
                shown_items=[i.name for i in results.items],
                shown_publications=[p.title for p in shown],
            )
        )
    return measured


def summary(measured: list[Measured]) -> dict[str, dict[str, float]]:
    """Mean precision and recall at 10 per class and overall, rows and publications."""
    groups = defaultdict(list)
    for m in measured:
        groups[m.query.kind].append(m)
        groups["all"].append(m)

    def mean(values):
        return sum(values) / len(values) if values else 0.0

    return {
        kind: {
            "queries": len(ms),
            "item_precision": mean([m.items.precision for m in ms]),
            "item_recall": mean([m.items.recall for m in ms]),
            "publication_precision": mean([m.publications.precision for m in ms]),
            "publication_recall": mean([m.publications.recall for m in ms]),
        }
        for kind, ms in groups.items()
    }
