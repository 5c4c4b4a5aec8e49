"""Filing exports: a county workbook against bare openpyxl, the bundle's memory.

Run on demand:
.venv/bin/python -m pytest -q -s tests/benchmarks/test_filing_exports_speed.py \
    -o addopts=""
"""

import copy
import gc
import io
import time
import tracemalloc
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from catalogs.demo import seed_local_catalogs
from catalogs.filings.exports import FETCH_CHUNK, bundle_chunks, write_filing
from catalogs.filings.selectors import bundle_filings
from catalogs.filings.services import filing_submit
from catalogs.models import Catalog, Filing
from portal.demo import seed_regions_and_accounts
from portal.models import Organisation, Region, RegionLevel

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

REPEAT = 15
COUNTY_ROWS = 150  # one domain's catalog of a county
WHOLE_COUNTY_ROWS = 1500  # all 26 domains of a county
SMALL, LARGE = 10, 150


@pytest.fixture
def base_filing(db):
    seed_regions_and_accounts()
    seed_local_catalogs()
    catalog = Catalog.objects.get(key="410225-hrss-employment")
    editor = get_user_model().objects.get(username="county_editor")
    return filing_submit(catalog=catalog, user=editor)


def grown(snapshot: dict, rows: int) -> dict:
    """The snapshot with supplementary items added until it has ``rows`` items."""
    snapshot = copy.deepcopy(snapshot)
    items = snapshot["items"]
    template = next(i for i in items if i["level"] == 2 and i["content"])
    next_id = max(i["id"] for i in items) + 1
    number = 100
    while len(items) < rows:
        first = {**template, "id": next_id, "parent_id": None, "level": 1}
        first.update(code=str(number), name=f"补充一级事项{number}", content=[])
        items.append(first)
        next_id += 1
        for n in range(1, 11):
            if len(items) >= rows:
                break
            second = copy.deepcopy(template)
            second.update(
                id=next_id,
                parent_id=first["id"],
                code=f"{number}.{n}",
                name=f"补充二级事项{number}-{n}",
            )
            items.append(second)
            next_id += 1
        number += 1
    return snapshot


def best_time(action) -> float:
    times = []
    for _ in range(REPEAT):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_openpyxl(sheets: list[tuple[str, list[list]]]) -> None:
    """The same cells written with openpyxl's write-only mode, nothing else."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(io.BytesIO())


@pytest.mark.parametrize("rows", [COUNTY_ROWS, WHOLE_COUNTY_ROWS])
def test_a_county_export_is_at_most_1_5_times_bare_openpyxl(base_filing, rows):
    filing = Filing(
        catalog=base_filing.catalog,
        organisation=base_filing.organisation,
        domain=base_filing.domain,
        round=2,
        status="accepted",
        snapshot=grown(base_filing.snapshot, rows),
        filed_by=base_filing.filed_by,
        filed_at=timezone.now(),
        reviewed_by=base_filing.filed_by,
        reviewed_at=timezone.now(),
    )
    filing.save()  # written without history: a benchmark fixture, not a filing
    stream = io.BytesIO()
    write_filing(filing, stream)
    book = load_workbook(io.BytesIO(stream.getvalue()))
    sheets = [
        (sheet.title, [list(r) for r in sheet.iter_rows(values_only=True)])
        for sheet in book.worksheets
    ]
    cells = sum(1 for _t, rs in sheets for r in rs for v in r if v is not None)

    export = best_time(lambda: write_filing(filing, io.BytesIO()))
    bare = best_time(lambda: bare_openpyxl(sheets))
    ratio = export / bare
    print(
        f"\ncounty export, {rows} items ({cells} cells): filing workbook "
        f"{export * 1000:.1f} ms, bare openpyxl write-only {bare * 1000:.1f} ms, "
        f"ratio {ratio:.2f}"
    )
    assert ratio <= 1.5


def synthetic_province(code: str, counties: int, base: Filing) -> None:
    """``counties`` counties in province ``code``, each with one filing, in bulk."""
    province = Region.objects.create(code=code, name=f"省{code}", level="province")
    snapshot = grown(base.snapshot, COUNTY_ROWS)
    cities, regions = {}, []
    for n in range(counties):
        city_code = f"{code}{n // 90 + 1:02d}"
        if city_code not in cities:
            cities[city_code] = Region.objects.create(
                code=city_code, name=f"市{city_code}", level="city", parent=province
            )
        regions.append(
            Region(
                code=f"{city_code}{n % 90 + 1:02d}",
                name=f"县{n + 1}",
                level=RegionLevel.COUNTY,
                parent=cities[city_code],
            )
        )
    regions = Region.objects.bulk_create(regions)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            code=f"{r.code}-hrss",
            name=f"{r.name}人力资源和社会保障局",
            kind="county_bureau",
            region=r,
        )
        for r in regions
    )
    filings = []
    for organisation in organisations:
        own = copy.deepcopy(snapshot)
        own["organisation"].update(
            code=organisation.code,
            name=organisation.name,
            region_code=organisation.region.code,
            region_name=organisation.region.name,
        )
        filings.append(
            Filing(
                catalog=base.catalog,
                organisation=organisation,
                domain=base.domain,
                round=1,
                status="accepted",
                snapshot=own,
                filed_by=base.filed_by,
                filed_at=base.filed_at,
                reviewed_by=base.filed_by,
                reviewed_at=base.filed_at,
            )
        )
    Filing.objects.bulk_create(filings, batch_size=50)


def bundle_peak(province: str) -> tuple[int, int, int]:
    """Peak traced memory while streaming the bundle, its size and its entries."""
    size = 0
    filings = bundle_filings(province=province, statuses=["accepted"])
    gc.collect()
    tracemalloc.start()
    for chunk in bundle_chunks(filings.iterator(chunk_size=FETCH_CHUNK), title="bench"):
        size += len(chunk)  # each chunk is dropped, as a response sends it on
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, size, filings.count()


def test_the_bundle_streams_in_flat_memory(base_filing, tmp_path):
    synthetic_province("45", SMALL, base_filing)
    synthetic_province("46", LARGE, base_filing)
    bundle_peak("45")  # warm-up: imports, translations, first-use caches
    small, small_size, small_count = bundle_peak("45")
    large, large_size, large_count = bundle_peak("46")
    assert (small_count, large_count) == (SMALL, LARGE)
    print(
        f"\nprovince bundle: {SMALL} counties {small_size / 1e6:.1f} MB zip, peak "
        f"{small / 1e6:.2f} MB; {LARGE} counties {large_size / 1e6:.1f} MB zip, "
        f"peak {large / 1e6:.2f} MB; ratio {large / small:.2f}"
    )
    assert large <= small * 1.2

    path = tmp_path / "bundle.zip"
    with path.open("wb") as out:
        for chunk in bundle_chunks(
            bundle_filings(province="46").iterator(chunk_size=FETCH_CHUNK),
            title="bench",
        ):
            out.write(chunk)
    assert len(zipfile.ZipFile(path).namelist()) == LARGE + 1
