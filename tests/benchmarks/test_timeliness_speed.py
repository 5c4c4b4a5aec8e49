"""The timeliness statistics at scale: the province page and its workbook.

The provincial reviewer's page of the first province (per city, per domain and
in total, for the year of ``as_of``) and its ``.xlsx``, through the WSGI
handler, at 10 and 150 counties. Queries per page must be the same at both
sizes (the figures are SQL aggregates over the workday ordinals, never a loop
over rows); on PostgreSQL the page should answer in under 300 ms (quality.md:
staff pages), checked as a ratio of the layout baseline of the same run.
Run on demand (``make benchmark``).
"""

import os

import pytest
from django.db import connection

from disclosure.models import InformationRequest, Publication
from portal.models import Region, RegionLevel

from . import measure, scale

pytestmark = pytest.mark.benchmark

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
TARGET_SECONDS = 0.300
# The layout baseline takes at most 2.3 ms on this machine unloaded
# (docs/performance.md), so 300 ms is 130 times it.
MAX_LAYOUT_RATIO = TARGET_SECONDS / 0.0023


def measure_timeliness(counties, as_of, settings) -> dict:
    settings.ROOT_URLCONF = "tests.benchmarks.urls"
    from django.contrib.auth import get_user_model
    from django.test import Client

    province = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")[0]
    reviewer = get_user_model().objects.get(
        username=f"s{province.code}-province-reviewer"
    )
    client = Client()
    client.force_login(reviewer)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    print(
        f"\ntimeliness at {counties} counties ({Publication.objects.count():,} "
        f"publications, {InformationRequest.objects.count():,} requests, "
        f"{connection.vendor}), year {as_of.year}, load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    base = f"/staff/timeliness/{province.code}/?year={as_of.year}&quarter=0"
    pages = {"province page": base, "province workbook": base + "&format=xlsx"}
    figures = {}
    with measure.handler() as app:
        for name, url in pages.items():
            status, _headers, _body = measure.get(app, url, Cookie=cookie)
            assert status == 200, (name, status)
            queries = [
                t for t, _sql, _params in measure.timed_queries(app, url, Cookie=cookie)
            ]
            medians = measure.interleaved_medians(
                {
                    name: lambda url=url: measure.get(app, url, Cookie=cookie),
                    "layout": lambda: measure.get(app, measure.LAYOUT_URL),
                },
                rounds=ROUNDS,
            )
            figures[name] = {
                "queries": len(queries),
                "seconds": medians[name],
                "layout": medians["layout"],
                "database": sum(queries),
            }
            print(
                f"  {name:<18} {len(queries)} queries, median "
                f"{medians[name] * 1000:.1f} ms of {ROUNDS} "
                f"({medians[name] / medians['layout']:.1f}× the layout baseline's "
                f"{medians['layout'] * 1000:.1f} ms); queries "
                f"{sum(queries) * 1000:.1f} ms"
            )
    return figures


def check(figures) -> None:
    if connection.vendor != "postgresql":
        return
    for name, f in figures.items():
        ratio = f["seconds"] / f["layout"]
        assert f["seconds"] < TARGET_SECONDS or ratio < MAX_LAYOUT_RATIO, (name, f)


@pytest.mark.scale("small")
def test_timeliness_at_the_small_size(counties, scale_database, settings):
    figures = measure_timeliness(counties, scale_database.as_of, settings)
    scale_database.record("timeliness", counties, figures)
    check(figures)


@pytest.mark.scale("large")
def test_timeliness_at_the_large_size(counties, scale_database, settings):
    figures = measure_timeliness(counties, scale_database.as_of, settings)
    small = scale_database.recorded("timeliness", scale.small_counties())
    for name, f in figures.items():
        assert f["queries"] == small[name]["queries"], (name, f, small[name])
    check(figures)
