"""The benchmarks' data: ``seed_scale`` at two sizes, in the test database, committed.

The page, overdue and load benchmarks measure the same county at a small and a
large national size (10 and 150 counties by default). ``ScaleDatabase.ensure``
builds a size with the real command (its ``rebuild_public_index`` included) and
commits it, so a gunicorn started by the load test sees it too; going to
another size flushes the database and builds again. A county's rows depend on
its index and the seed only, so county 0 is the same at both sizes.

Sizes come from the environment: ``BENCH_SMALL_COUNTIES`` (10),
``BENCH_LARGE_COUNTIES`` (150) and ``BENCH_PUBLICATIONS_PER_ITEM`` (3.5 on
PostgreSQL: 1.26 million publications at 150 counties; 1 on SQLite).
"""

import io
import os
import time
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from datetime import date
from unittest import mock
from urllib.parse import quote

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from catalogs.models import Catalog
from disclosure.public.rules import public_publications
from disclosure.public.search import index as search
from portal.models import Region, RegionLevel
from tests import factories

PAGE_TYPES = ("item", "catalog", "region", "publication")  # quality.md's targets


def small_counties() -> int:
    return int(os.environ.get("BENCH_SMALL_COUNTIES", "10"))


def large_counties() -> int:
    return int(os.environ.get("BENCH_LARGE_COUNTIES", "150"))


def publications_per_item() -> float:
    default = "3.5" if connection.vendor == "postgresql" else "1"
    return float(os.environ.get("BENCH_PUBLICATIONS_PER_ITEM", default))


@dataclass
class Build:
    """What one ``seed_scale`` run wrote and how long it took."""

    counties: int
    per_item: float
    publications: int
    searchable: int
    seconds: float  # the whole command, index included
    index_seconds: float  # rebuild_public_index inside it


@dataclass
class ScaleDatabase:
    """The size the test database holds now, and figures kept across sizes."""

    blocker: object
    as_of: date = field(default_factory=timezone.localdate)
    current: Build | None = None
    figures: dict[tuple, object] = field(default_factory=dict)

    def ensure(self, counties: int) -> Build:
        """Hold exactly ``counties`` synthetic counties (flushing another size)."""
        if self.current is not None and self.current.counties == counties:
            return self.current
        with self.blocker.unblock():
            if self.current is not None:
                call_command("flush", interactive=False, verbosity=0)
                with redirect_stdout(io.StringIO()):
                    factories.load_reference_data()
            self.current = self._seed(counties)
        return self.current

    def _seed(self, counties: int) -> Build:
        from disclosure.models import Publication, SearchEntry

        per_item = publications_per_item()
        spent = []
        rebuild = search.rebuild_index

        def timed_rebuild(*args, **kwargs):
            started = time.perf_counter()
            try:
                return rebuild(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - started)

        print(
            f"\nseed_scale --counties {counties} --publications-per-item {per_item} "
            f"({connection.vendor}) …",
            flush=True,
        )
        started = time.perf_counter()
        with mock.patch.object(search, "rebuild_index", timed_rebuild):
            call_command(
                "seed_scale",
                counties=counties,
                publications_per_item=per_item,
                as_of=self.as_of,
                stdout=io.StringIO(),
            )
        build = Build(
            counties=counties,
            per_item=per_item,
            publications=Publication.objects.count(),
            searchable=SearchEntry.objects.count(),
            seconds=time.perf_counter() - started,
            index_seconds=sum(spent),
        )
        print(
            f"\nbuilt {counties} counties: {build.publications:,} publications "
            f"({build.searchable:,} public) in {build.seconds:.0f} s, of which "
            f"rebuild_public_index {build.index_seconds:.0f} s",
            flush=True,
        )
        return build

    def record(self, benchmark: str, counties: int, value) -> None:
        self.figures[benchmark, counties] = value

    def recorded(self, benchmark: str, counties: int):
        """A figure an earlier stage recorded; the stages run smallest first."""
        key = (benchmark, counties)
        assert key in self.figures, (
            f"{benchmark} at {counties} counties was not measured: run the whole "
            "benchmark module, whose small stage runs first"
        )
        return self.figures[key]


def county_pages() -> dict[str, str]:
    """The pages measured, chosen by natural keys so every size gets the same ones."""
    county = (
        Region.objects.filter(level=RegionLevel.COUNTY).order_by("code").first().code
    )
    busiest = (
        public_publications()
        .filter(organisation__region__code__startswith=county)
        .values("organisation__region__code", "item_id", "item__catalog__key")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__region__code", "item__catalog__key", "item_id")
        .first()
    )
    place = busiest["organisation__region__code"]
    largest = (
        Catalog.objects.filter(
            organisation__region__code=county, kind="local", status="in_force"
        )
        .annotate(n=Count("items"))
        .order_by("-n", "key")
        .select_related("domain")
        .first()
    )
    newest = (
        public_publications()
        .filter(organisation__region__code=place)
        .order_by("-published_at", "title")
        .values_list("pk", flat=True)
        .first()
    )
    return {
        "item": f"/r/{place}/items/{busiest['item_id']}/",
        "catalog": f"/r/{place}/{largest.domain.key}/",
        "region": f"/r/{county}/",
        "publication": f"/p/{newest}/",
        "home": "/",
        "search": f"/search/?q={quote('低保')}&region={county}",
    }
