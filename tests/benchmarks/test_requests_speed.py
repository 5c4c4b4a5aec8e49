"""Requests for information at scale: the office queue and the due lists.

The same county's office at 10 and 150 counties (about 6,700 and 100,000
requests): the queue page (every tab's count, the open requests, the items
asked about) and the overdue tab as the county's reviewer through the WSGI
handler, and the due-soon/overdue lists of the dashboard (``request_due_lists``,
one query) for the county and for the whole province. Queries per page must be
the same at both sizes; on PostgreSQL each must answer in under 100 ms.
Run on demand (``make benchmark``).
"""

import os
import statistics
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from disclosure.models import InformationRequest
from disclosure.requests.selectors import request_due_lists
from disclosure.selectors import dashboard_organisations
from portal.models import Organisation, Region, RegionLevel

from . import measure, scale

pytestmark = pytest.mark.benchmark

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
TARGET_SECONDS = 0.100
# The machine is shared: a wall-clock target is checked as a ratio of the layout
# baseline (one query and base.html) measured in the same run (quality.md). On this
# machine unloaded the layout baseline takes at most 2.3 ms (docs/performance.md),
# so 100 ms is 43 times it.
LAYOUT_IDLE_SECONDS = 0.0023
MAX_LAYOUT_RATIO = TARGET_SECONDS / LAYOUT_IDLE_SECONDS
ARTIFACTS = measure.ARTIFACTS


def _county():
    return Region.objects.filter(level=RegionLevel.COUNTY).order_by("code").first()


def _pages(county) -> dict[str, str]:
    return {
        "queue (open)": "/staff/requests/?tab=open",
        "queue (overdue)": "/staff/requests/?tab=overdue",
        "queue (due soon)": "/staff/requests/?tab=soon",
    }


def write_plans(name, counties, queries) -> None:
    """Each query of a page with its time, and on PostgreSQL its plan, in
    tests/artifacts/benchmarks/ (the slowest first)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    slug = name.replace(" ", "-").replace("(", "").replace(")", "")
    path = ARTIFACTS / f"requests-{connection.vendor}-{counties}-{slug}.txt"
    lines = []
    for seconds, sql, params in sorted(queries, key=lambda q: -q[0]):
        lines.append(f"-- {seconds * 1000:.2f} ms\n{sql}\n{params}\n")
        if connection.vendor == "postgresql" and seconds > 0.002:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                lines.append("\n".join(row[0] for row in cursor.fetchall()) + "\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def cpu_median(action, rounds: int) -> float:
    """The median CPU time of this process for ``action``: on a machine shared by
    several engineers, the part of the server time that waiting for a core does
    not inflate."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        action()
        times.append(time.process_time() - started)
    return statistics.median(times)


def measure_requests(counties, as_of, settings) -> dict:
    settings.ROOT_URLCONF = "tests.benchmarks.urls"
    county = _county()
    users = get_user_model().objects
    reviewer = users.get(username=f"s{county.code}-reviewer")
    client = Client()
    client.force_login(reviewer)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    total = InformationRequest.objects.count()
    mine = InformationRequest.objects.filter(
        organisation__region__code__startswith=county.code
    ).count()
    print(
        f"\nrequests at {counties} counties ({total:,} requests, {mine:,} in county "
        f"{county.code}, {connection.vendor}), today {as_of}, load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    figures = {}
    with measure.handler() as app:
        for name, url in _pages(county).items():
            status, _headers, _body = measure.get(app, url, Cookie=cookie)
            assert status == 200, (name, status)
            queries = measure.timed_queries(app, url, Cookie=cookie)
            write_plans(name, counties, queries)
            medians = measure.interleaved_medians(
                {
                    name: lambda url=url: measure.get(app, url, Cookie=cookie),
                    "layout": lambda: measure.get(app, measure.LAYOUT_URL),
                },
                rounds=ROUNDS,
            )
            seconds = medians[name]
            cpu = cpu_median(
                lambda url=url: measure.get(app, url, Cookie=cookie), ROUNDS
            )
            database = sum(q[0] for q in queries)
            figures[name] = {
                "queries": len(queries),
                "seconds": seconds,
                "cpu": cpu,
                "layout": medians["layout"],
            }
            print(
                f"  {name:<18} {len(queries)} queries, median {seconds * 1000:.1f} ms "
                f"of {ROUNDS} ({seconds / medians['layout']:.1f}× the layout "
                f"baseline's {medians['layout'] * 1000:.1f} ms); CPU "
                f"{cpu * 1000:.1f} ms, queries {database * 1000:.1f} ms round trip"
            )
    province = county.code[:2]
    scopes = {
        "county lists": dashboard_organisations(
            reviewer, Organisation.objects.get(code=f"{county.code}-hrss")
        ),
        "province lists": Organisation.objects.filter(
            region__code__startswith=province
        ),
    }
    for name, organisations in scopes.items():
        list(organisations)
        with CaptureQueriesContext(connection) as queries:
            lists = request_due_lists(organisations=organisations, today=as_of)
        seconds = measure.interleaved_medians(
            {
                name: lambda o=organisations: request_due_lists(
                    organisations=o, today=as_of
                )
            },
            rounds=ROUNDS,
        )[name]
        figures[name] = {
            "queries": len(queries),
            "seconds": seconds,
            "rows": (lists.overdue_count, lists.due_soon_count),
        }
        print(
            f"  {name:<18} {len(queries)} query, {lists.overdue_count:,} overdue and "
            f"{lists.due_soon_count:,} due soon: median {seconds * 1000:.1f} ms"
        )
    return figures


def check(figures) -> None:
    """One query for each list; on PostgreSQL every page and the county's lists
    within 100 ms, or within 43 times the layout baseline of the same run when
    the machine is slower than unloaded."""
    layout = min(f["layout"] for f in figures.values() if "layout" in f)
    for name, f in figures.items():
        if name.endswith("lists"):
            assert f["queries"] == 1, (name, f)
        if connection.vendor != "postgresql" or name == "province lists":
            continue
        ratio = f["seconds"] / layout
        assert f["seconds"] < TARGET_SECONDS or ratio < MAX_LAYOUT_RATIO, (
            name,
            f,
            f"{ratio:.1f}× the layout baseline",
        )


@pytest.mark.scale("small")
def test_requests_at_the_small_size(counties, scale_database, settings):
    figures = measure_requests(counties, scale_database.as_of, settings)
    scale_database.record("requests", counties, figures)
    check(figures)
    assert figures["county lists"]["rows"] != (0, 0)


@pytest.mark.scale("large")
def test_requests_at_the_large_size(counties, scale_database, settings):
    figures = measure_requests(counties, scale_database.as_of, settings)
    small = scale_database.recorded("requests", scale.small_counties())
    for name, f in figures.items():
        assert f["queries"] == small[name]["queries"], (name, f, small[name])
    assert figures["county lists"]["rows"] == small["county lists"]["rows"]
    check(figures)
