"""The staff's catalog page: each row's last publication date and an overdue mark,
read through ``catalogs.activity`` (catalogs never imports disclosure), in one query."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogs.selectors import catalog_item_tree
from disclosure.models import Publication

from .conftest import make_draft, publish
from .test_dashboard import TOWNSHIP, VILLAGE

pytestmark = pytest.mark.django_db


def _rows(catalog):
    rows = {}

    def walk(items):
        for item in items:
            rows[item.pk] = item
            walk(item.tree_children)

    walk(catalog_item_tree(catalog, activity=True))
    return rows


@pytest.fixture
def activity(lankao, dibao_item):
    """Under 审核信息: an older and a newer publication, and a draft past its due date."""
    older = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 1),
        title="九月公示",
    )
    publish(lankao, older)
    newer = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 2),
        title="十月公示",
    )
    publish(lankao, newer)
    newer.refresh_from_db()
    Publication.objects.filter(pk=older.pk).update(
        published_at=newer.published_at.replace(year=newer.published_at.year - 1)
    )
    late = make_draft(
        lankao,
        "township_publisher",
        TOWNSHIP,
        dibao_item,
        formed_on=date(2025, 9, 3),
        title="逾期未发",
    )
    Publication.objects.filter(pk=late.pk).update(due_on=date(2025, 9, 10))
    return {"newer": newer}


def test_each_row_carries_its_last_publication_and_overdue_mark(activity, dibao_item):
    rows = _rows(dibao_item.catalog)

    row = rows[dibao_item.pk]
    assert row.last_published_at == activity["newer"].published_at
    assert row.has_overdue is True
    quiet = [r for pk, r in rows.items() if pk != dibao_item.pk]
    assert quiet and all(r.last_published_at is None for r in quiet)
    assert not any(r.has_overdue for r in quiet)


def test_a_row_with_only_a_draft_on_time_is_not_overdue(lankao, dibao_item):
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 1)
    )
    Publication.objects.filter(pk=draft.pk).update(due_on=date(2099, 1, 1))

    row = _rows(dibao_item.catalog)[dibao_item.pk]

    assert row.last_published_at is None and row.has_overdue is False


def test_the_activity_adds_no_query(activity, dibao_item):
    catalog = dibao_item.catalog
    with CaptureQueriesContext(connection) as plain:
        catalog_item_tree(catalog)
    with CaptureQueriesContext(connection) as annotated:
        catalog_item_tree(catalog, activity=True)

    assert len(annotated) == len(plain) == 2  # the items, their legal bases


def test_the_admin_catalog_page_shows_the_date_and_the_mark(
    client, activity, dibao_item
):
    client.force_login(
        activity and dibao_item.catalog.organisation.memberships.first().user
    )
    url = reverse("admin:catalogs_catalog_change", args=[dibao_item.catalog.pk])

    html = client.get(url).content.decode()

    row = html[html.index(f'id="item-{dibao_item.pk}"') :]
    row = row[: row.index("</tr>")]
    day = activity["newer"].published_at.astimezone().date().isoformat()
    assert day in row
    assert "Overdue" in row
    assert "Last published" in html
