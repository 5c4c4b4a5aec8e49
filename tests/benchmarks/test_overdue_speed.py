"""The overdue and due-soon lists: one SQL query, timed at the small and large size.

``publications_due`` over a county's bodies (its reviewer's dashboard) and over
a whole province (the provincial reviewer's), on the day the data was built
for. At the large size on PostgreSQL the table holds over a million
publications; the plan (``EXPLAIN ANALYZE``) is printed and written to
``tests/artifacts/benchmarks/``. The dashboard shows the 100 most urgent rows of
each list with their totals (``due_lists``: two queries, the numbering from the
index and the shown rows by key): timed the same way.
Run on demand (``make benchmark``).
"""

import os
import statistics
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.models import Publication
from disclosure.selectors import dashboard_organisations, due_lists, publications_due
from portal.models import Organisation, Region, RegionLevel

from . import measure, scale

pytestmark = pytest.mark.benchmark

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
ARTIFACTS = measure.ARTIFACTS
MAX_GROWTH = 5.0  # a county's list, large against small: catches a plan that scans


def scopes() -> dict[str, object]:
    """Whose lists: county 0's reviewer and its province's provincial reviewer."""
    users = get_user_model().objects
    county = Region.objects.filter(level=RegionLevel.COUNTY).order_by("code").first()
    province = county.code[:2]
    return {
        "county": dashboard_organisations(
            users.get(username=f"s{county.code}-reviewer"),
            Organisation.objects.get(code=f"{county.code}-hrss"),
        ),
        "province": dashboard_organisations(
            users.get(username=f"s{province}-province-reviewer"),
            Organisation.objects.get(code=f"{province}-hrss"),
        ),
    }


def plan(queryset) -> str:
    if connection.vendor == "postgresql":
        return queryset.explain(analyze=True, buffers=True)
    return queryset.explain()


def measure_lists(counties, as_of) -> dict[str, dict]:
    figures = {}
    total = Publication.objects.count()
    print(
        f"\noverdue and due-soon lists at {counties} counties ({total:,} "
        f"publications, {connection.vendor}), today {as_of}"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, organisations in scopes().items():
        list(organisations)  # the reach itself: the dashboard reads it anyway
        due = publications_due(organisations=organisations, today=as_of)
        with CaptureQueriesContext(connection) as queries:
            rows = list(due)
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            list(publications_due(organisations=organisations, today=as_of))
            times.append(time.perf_counter() - started)
        explained = plan(due)
        path = ARTIFACTS / f"overdue-{connection.vendor}-{counties}-{name}.txt"
        path.write_text(f"{queries[0]['sql']}\n\n{explained}\n", encoding="utf-8")
        overdue = sum(p.overdue for p in rows)
        seconds = statistics.median(times)
        print(
            f"  {name:<9} {len(queries)} query, {len(rows):,} rows ({overdue:,} "
            f"overdue, {len(rows) - overdue:,} due soon): median {seconds * 1000:.1f} ms "
            f"of {ROUNDS}; plan in {path.relative_to(ARTIFACTS.parents[2])}"
        )
        if connection.vendor == "postgresql":
            print("    " + "\n    ".join(explained.splitlines()))
        with CaptureQueriesContext(connection) as shown:
            lists = due_lists(organisations=organisations, today=as_of)
        dashboard = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            due_lists(organisations=organisations, today=as_of)
            dashboard.append(time.perf_counter() - started)
        print(
            f"  {'':<9} the dashboard's lists (due_lists): {len(shown)} queries, "
            f"{len(lists.overdue) + len(lists.due_soon)} rows shown of "
            f"{lists.overdue_count + lists.due_soon_count:,}: median "
            f"{statistics.median(dashboard) * 1000:.1f} ms"
        )
        assert lists.overdue_count == overdue
        assert lists.due_soon_count == len(rows) - overdue
        figures[name] = {
            "queries": len(queries),
            "rows": len(rows),
            "seconds": seconds,
            "dashboard_queries": len(shown),
        }
    return figures


@pytest.mark.scale("small")
def test_overdue_lists_at_the_small_size(counties, scale_database):
    figures = measure_lists(counties, scale_database.as_of)
    scale_database.record("overdue", counties, figures)
    assert all(f["queries"] == 1 for f in figures.values()), figures
    assert all(f["dashboard_queries"] == 2 for f in figures.values()), figures
    assert figures["county"]["rows"] > 0


@pytest.mark.scale("large")
def test_overdue_lists_at_the_large_size(counties, scale_database):
    figures = measure_lists(counties, scale_database.as_of)
    small = scale_database.recorded("overdue", scale.small_counties())
    growth = figures["county"]["seconds"] / small["county"]["seconds"]
    print(
        f"  a county's list: {growth:.2f}× its time at {scale.small_counties()} "
        f"counties (the same county, the same rows: {small['county']['rows']:,} "
        f"and {figures['county']['rows']:,})"
    )
    assert all(f["queries"] == 1 for f in figures.values()), figures
    assert all(f["dashboard_queries"] == 2 for f in figures.values()), figures
    assert figures["county"]["rows"] == small["county"]["rows"]
    assert growth <= MAX_GROWTH
