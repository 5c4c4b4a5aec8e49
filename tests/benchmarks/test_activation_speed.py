"""Putting a local catalog version in force: the same queries at 150 and 1,500 rows,
and under 2 s for 1,500 rows with 10,000 publications under the version before.
Both also hold 50 drafts, which follow their rows into the new version with their
due dates recounted (``disclosure/duedates/versions.py``): the same work at both
sizes, so the counts stay equal.

Run on demand (PostgreSQL):
.venv/bin/python tests/pgcluster.py -- .venv/bin/python -m pytest -q -s \
    tests/benchmarks/test_activation_speed.py -p no:cacheprovider -o addopts=""
"""

import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogs.layout.rows import CatalogData, ItemData
from catalogs.local.derivation import catalog_derive
from catalogs.local.lifecycle import catalog_next_version, catalog_put_in_force
from catalogs.models import Item
from catalogs.services import catalog_create_version
from disclosure.models import Publication
from portal.calendar.memory import MemoryCalendar
from portal.models import Organisation

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

TICKS = {
    "mode_proactive": True,
    "mode_on_request": False,
    "audience_public": True,
    "audience_specific": False,
    "level_county": True,
    "level_township": True,
    "level_village": False,
}


def standard(key: str, rows: int):
    """``rows`` rows: one first-level item per nine second-level ones."""
    first = [
        ItemData(
            name=f"一级事项{a}",
            code=str(a),
            children=[
                ItemData(
                    name=f"二级事项{a}-{b}",
                    code=f"{a}.{b}",
                    content=["办理流程", "咨询电话"],
                    time_limit_text="信息形成或变更之日起20个工作日内公开",
                    subject="县级人力资源社会保障部门",
                    channels=["gov-website"],
                    **TICKS,
                )
                for b in range(1, 10)
            ],
        )
        for a in range(1, rows // 10 + 1)
    ]
    data = CatalogData(domain_key="employment", title=f"基准标准目录{key}", items=first)
    return catalog_create_version(data=data, key=key)


DRAFTS = 50


def publications(catalog, organisation, author, count: int) -> None:
    """``count`` published ones, and ``DRAFTS`` drafts not yet due."""
    items = list(Item.objects.filter(catalog=catalog, level=2))
    now = timezone.now()
    today = timezone.localdate()
    published = [
        Publication(
            item=items[n % len(items)],
            organisation=organisation,
            level="county",
            title=f"基准信息{n}",
            formed_on=date(2026, 1, 5),
            due_on=date(2026, 2, 5),
            status="published",
            attribute="proactive",
            published_at=now,
            author=author,
        )
        for n in range(count)
    ]
    drafts = [
        Publication(
            item=items[n % len(items)],
            organisation=organisation,
            level="county",
            title=f"基准草稿{n}",
            formed_on=today,
            due_on=today + timedelta(days=40),  # recounted: 20 working days
            status="draft",
            author=author,
        )
        for n in range(DRAFTS)
    ]
    Publication.objects.bulk_create(published + drafts, batch_size=1000)


def activation(demo, org_code: str, rows: int, published: int):
    organisation = Organisation.objects.get(code=org_code)
    editor = demo["county_editor"]
    base = standard(f"bench-{rows}", rows)
    v1 = catalog_derive(organisation=organisation, standard=base, user=editor)
    catalog_put_in_force(catalog=v1, user=editor, reason="v1")
    publications(v1, organisation, editor, published)
    v2 = catalog_next_version(
        organisation=organisation, standard=base, decisions={}, user=editor
    )
    # The calendar extends itself to its horizon the first time it is read (a
    # few writes, once); read it before measuring so both sizes count alike.
    MemoryCalendar.load()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        catalog_put_in_force(catalog=v2, user=editor, reason="v2")
        elapsed = time.perf_counter() - started
    moved = Publication.objects.filter(item__catalog=v2, status="draft").count()
    assert moved == DRAFTS
    return v2.items.count(), len(queries), elapsed


def test_putting_a_version_in_force_is_flat_and_fast(demo):
    small = activation(demo, "410221-hrss", 150, 1_000)
    large = activation(demo, "410225-hrss", 1_500, 10_000)
    print(
        f"\nput in force: {small[0]} rows → {small[1]} queries, {small[2] * 1000:.0f} "
        f"ms; {large[0]} rows with 10,000 publications and {DRAFTS} drafts → "
        f"{large[1]} queries, "
        f"{large[2] * 1000:.0f} ms ({connection.vendor})"
    )
    assert (small[0], large[0]) == (150, 1_500)
    assert small[1] == large[1]
    assert large[2] < 2.0, f"{large[2]:.1f} s for 1,500 rows (target 2 s)"
