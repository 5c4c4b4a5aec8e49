"""A 150-row county catalog imported and validated in under a second; derive queries flat.

Run on demand:
.venv/bin/python -m pytest -q -s tests/benchmarks/test_local_import_speed.py \
    -p no:cacheprovider -o addopts=""
"""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from catalogs.layout.rows import CatalogData, ItemData
from catalogs.layout.workbook import write_catalog
from catalogs.local.derivation import catalog_derive
from catalogs.models import Catalog
from catalogs.selectors import standard_in_force
from catalogs.services import catalog_create_version
from portal.models import Organisation

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

ROWS = 150
SUPPLEMENT_CHILDREN = 12


def county_workbook(path, catalog) -> int:
    """``catalog`` in the official layout plus supplement rows up to ``ROWS`` rows."""
    with path.open("wb") as stream:
        write_catalog(catalog, stream)
    workbook = load_workbook(path)
    sheet = workbook.active
    labels = [
        lower or upper
        for upper, lower in zip(*sheet.iter_rows(2, 3, values_only=True), strict=True)
    ]
    column = {label: i for i, label in enumerate(labels)}
    rows = sheet.max_row - 3
    number = 10
    while rows < ROWS:
        for n in range(1, SUPPLEMENT_CHILDREN + 1):
            if rows == ROWS:
                break
            row = [None] * len(labels)
            for label, value in {
                "序号": number,
                "一级事项": f"兰考县补充事项{number}",
                "二级事项": f"{number}.{n} 补充子项{number}-{n}",
                "公开内容（要素）": "办理条件\n办理流程\n咨询电话",
                "公开依据": "《中华人民共和国就业促进法》\n《河南省就业促进条例》",
                "公开时限": "信息形成或变更之日起10个工作日内公开",
                "公开主体": "兰考县人力资源和社会保障局",
                "公开渠道和载体": "■政府网站\n■政务服务中心\n■宣传栏",
                "全社会": "√",
                "主动": "√",
                "县级": "√",
                "乡级": "√",
            }.items():
                row[column[label]] = value
            sheet.append(row)
            rows += 1
        number += 1
    workbook.save(path)
    return rows


def big_standard(items: int) -> Catalog:
    first = [
        ItemData(
            name=f"一级事项{a}",
            code=str(a),
            children=[
                ItemData(
                    name=f"二级事项{a}-{b}",
                    code=f"{a}.{b}",
                    content=["办理流程", "咨询电话"],
                    bases=["《中华人民共和国政府信息公开条例》（国务院令第711号）"],
                    time_limit_text="信息形成或变更之日起20个工作日内公开",
                    channels=["gov-website"],
                    mode_proactive=True,
                )
                for b in range(1, 10)
            ],
        )
        for a in range(1, items // 10 + 1)
    ]
    data = CatalogData(domain_key="employment", title="基准标准目录", items=first)
    return catalog_create_version(data=data, key="bench-employment")


def test_county_catalog_import_speed(demo_catalogs, tmp_path):
    organisation = Organisation.objects.get(code="410225-hrss")
    small = standard_in_force("employment")
    path = tmp_path / "county.xlsx"
    lankao = Catalog.objects.get(organisation=organisation, derived_from=small)
    rows = county_workbook(path, lankao)
    args = ["import_local_catalog", str(path), "--org", organisation.code]
    args += ["--standard", "employment", "--omit-reason", "本县未开展。"]
    with translation.override("en"):
        call_command(*args, stdout=StringIO())  # warm-up: a dry run
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            call_command(*args, "--commit", stdout=StringIO())
            elapsed = time.perf_counter() - started
    catalog = Catalog.objects.filter(organisation=organisation).latest("version")
    items = catalog.items.count()
    print(
        f"\nimport_local_catalog --commit: {rows} rows, {items} items written and "
        f"validated in {elapsed * 1000:.0f} ms with {len(queries)} queries "
        f"({connection.vendor})"
    )
    assert rows == ROWS
    assert items >= ROWS
    assert elapsed < 1.0

    big = big_standard(ROWS)
    counts, others = {}, {}
    for standard in (small, big):
        with CaptureQueriesContext(connection) as queries:
            derived = catalog_derive(organisation=organisation, standard=standard)
        size = derived.items.count()
        counts[size] = len(queries)
        others[size] = sum(
            not q["sql"].lstrip().upper().startswith("INSERT")
            for q in queries.captured_queries
        )
    print(
        f"catalog_derive queries by items derived: {counts}; other than inserts: "
        f"{others} ({connection.vendor})"
    )
    # SQLite takes 999 parameters a statement, so its inserts come in batches of
    # about thirty rows; PostgreSQL writes each level in one statement.
    assert len(set(others.values())) == 1, others
    if connection.vendor == "postgresql":
        assert len(set(counts.values())) == 1, counts
