"""An annual report computed at scale (issue 18): under 200 ms, constant queries.

The body of county 0 with the most requests for information in a year (seed_scale
makes about 670 a county, spread over its bodies), at 10 and 150 counties: its
report's content (every cell of tables 二, 三 and 四 counted from the record and
merged with what staff entered), the check of the 勾稽关系, and the tables laid out
for the public page, as ``annual_report_update`` and the page compute them. The
Word and Excel files are timed beside it (not part of the target). Queries must be
the same at both sizes; on PostgreSQL the computation must take under 200 ms, or
under 87 times the layout baseline of the same run on a loaded machine.
Run on demand (``make benchmark``).
"""

import os
import time

import pytest
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear

from disclosure.models import AnnualReport, InformationRequest
from disclosure.reports.annual.checks import check_content
from disclosure.reports.annual.figures import report_content
from disclosure.reports.annual.files import docx_bytes, xlsx_bytes
from disclosure.reports.annual.layout import COUNTED
from disclosure.reports.annual.tables import laid_out
from portal.models import Organisation, Region, RegionLevel

from . import measure, scale

pytestmark = pytest.mark.benchmark

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
TARGET_SECONDS = 0.200
LAYOUT_IDLE_SECONDS = 0.0023  # the layout baseline unloaded (docs/performance.md)
MAX_LAYOUT_RATIO = TARGET_SECONDS / LAYOUT_IDLE_SECONDS


def _busiest_body() -> tuple[Organisation, int, int]:
    """(the body of county 0 with the most requests in one year, the year, the count)."""
    county = Region.objects.filter(level=RegionLevel.COUNTY).order_by("code").first()
    row = (
        InformationRequest.objects.filter(
            organisation__region__code__startswith=county.code
        )
        .annotate(year=ExtractYear("submitted_at"))
        .values("organisation", "year")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation", "year")
        .first()
    )
    assert row is not None, "seed_scale made no requests"
    return Organisation.objects.get(pk=row["organisation"]), row["year"], row["n"]


def compute(report: AnnualReport) -> dict:
    content = report_content(report)
    problems = check_content(content)
    laid_out(content, public=True)
    return {"content": content, "problems": problems}


def measure_report(counties, settings) -> dict:
    settings.ROOT_URLCONF = "tests.benchmarks.urls"  # the layout baseline
    body, year, requests = _busiest_body()
    report = AnnualReport(organisation=body, year=year)  # a draft, never saved
    compute(report)  # warm: the layout's tables and the translations
    # Counted as executed (the query log of CaptureQueriesContext is a bounded
    # deque, which a long benchmark session can have filled).
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = compute(report)
    with measure.handler() as app:
        medians = measure.interleaved_medians(
            {
                "report": lambda: compute(report),
                "layout": lambda: measure.get(app, measure.LAYOUT_URL),
            },
            rounds=ROUNDS,
        )
    started = time.perf_counter()
    docx = docx_bytes(result["content"])
    xlsx = xlsx_bytes(result["content"])
    files = time.perf_counter() - started
    cells = result["content"]["cells"]
    counted = sum(
        v["value"]
        for k, v in cells.items()
        if k.startswith("3.") and v["source"] == COUNTED
    )
    print(
        f"\nannual report at {counties} counties ({connection.vendor}): {body.name} "
        f"{year}, {requests:,} requests; {len(queries)} queries, median "
        f"{medians['report'] * 1000:.1f} ms of {ROUNDS} "
        f"({medians['report'] / medians['layout']:.1f}× the layout baseline's "
        f"{medians['layout'] * 1000:.1f} ms); the .docx and .xlsx "
        f"({len(docx):,} and {len(xlsx):,} bytes) {files * 1000:.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    return {
        "queries": len(queries),
        "seconds": medians["report"],
        "layout": medians["layout"],
        "problems": len(result["problems"]),
        "counted": counted,
    }


def check(figures) -> None:
    assert figures["problems"] == 0, figures  # counted figures always add up
    assert figures["counted"] > 0, figures  # the requests were counted
    if connection.vendor != "postgresql":
        return
    ratio = figures["seconds"] / figures["layout"]
    assert figures["seconds"] < TARGET_SECONDS or ratio < MAX_LAYOUT_RATIO, (
        figures,
        f"{ratio:.1f}× the layout baseline",
    )


@pytest.mark.scale("small")
def test_annual_report_at_the_small_size(counties, scale_database, settings):
    figures = measure_report(counties, settings)
    scale_database.record("annual report", counties, figures)
    check(figures)


@pytest.mark.scale("large")
def test_annual_report_at_the_large_size(counties, scale_database, settings):
    figures = measure_report(counties, settings)
    small = scale_database.recorded("annual report", scale.small_counties())
    assert figures["queries"] == small["queries"], (figures, small)
    check(figures)
