"""Drafts follow their row into a new catalog version; due dates not yet reached
are recounted from the new row's time limit, with the history kept.

The real case of issue 14: 兰考县's employment catalog v1 in force with drafts,
a publication in review and published ones under it; v2 starts from v1, shortens
one row's time limit, omits another row and is put in force. Nothing is lost.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalogs.local.derivation import item_omit
from catalogs.local.edits import item_update
from catalogs.local.lifecycle import catalog_next_version, catalog_put_in_force
from catalogs.models import Catalog, CatalogStatus, Item
from catalogs.selectors import standard_in_force
from disclosure.deadlines import due_date
from disclosure.duedates.versions import drafts_follow_rows
from disclosure.models import Publication, PublicationStatus
from disclosure.selectors import publishable_items
from disclosure.services import check_item_for, publication_create
from portal.audit import last_history_id
from portal.models import Organisation

pytestmark = pytest.mark.django_db

KEY = "410225-hrss-employment"
SHORTER = "信息形成或变更之日起3个工作日内公开"


def row(catalog, code):
    return Item.objects.get(catalog=catalog, code=code)


def draft(site, item, title, *, formed_days_ago=0):
    return publication_create(
        user=site["county_publisher"],
        organisation=Organisation.objects.get(code="410225-hrss"),
        item=item,
        title=title,
        formed_on=timezone.localdate() - timedelta(days=formed_days_ago),
    )


@pytest.fixture
def world(demo_catalogs):
    site = demo_catalogs
    v1 = Catalog.objects.get(key=KEY, status=CatalogStatus.IN_FORCE)
    rows = [
        i
        for i in publishable_items(Organisation.objects.get(code="410225-hrss"))
        if i.catalog_id == v1.pk
    ]
    shortened, omitted = rows[0], rows[1]
    fresh = draft(site, shortened, "本月就业政策咨询服务安排")
    late = draft(site, shortened, "去年的就业政策汇编", formed_days_ago=120)
    in_review = draft(site, shortened, "就业困难人员认定办法解读")
    Publication.objects.filter(pk=in_review.pk).update(
        status=PublicationStatus.IN_REVIEW
    )
    stranded = draft(site, omitted, "已并入综合窗口的事项说明")
    before = {
        p.pk: (p.item.lineage, p.status)
        for p in Publication.objects.filter(item__catalog__key=KEY).select_related(
            "item"
        )
    }
    editor = site["county_editor"]
    county_body = Organisation.objects.get(code="410225-hrss")
    v2 = catalog_next_version(
        organisation=county_body,
        standard=standard_in_force("employment"),
        decisions={},
        user=editor,
        reason="动态调整：第二版",
    )
    target = Item.objects.get(catalog=v2, lineage=shortened.lineage)
    item_update(
        item=target,
        seen_history_id=last_history_id(target),
        changes={"time_limit_text": SHORTER},
        user=editor,
        reason="本县承诺3个工作日内公开",
    )
    item_omit(
        item=Item.objects.get(catalog=v2, lineage=omitted.lineage),
        reason="本县已将此项并入综合窗口办理",
        user=editor,
    )
    old_due = {p.pk: p.due_on for p in (fresh, late, in_review)}
    catalog_put_in_force(catalog=v2, user=editor, reason="印发第二版")
    for p in (fresh, late, in_review, stranded):
        p.refresh_from_db()
    return {
        "v1": v1,
        "v2": v2,
        "fresh": fresh,
        "late": late,
        "in_review": in_review,
        "stranded": stranded,
        "old_due": old_due,
        "before": before,
        "county_body": county_body,
        "site": site,
    }


def test_drafts_and_publications_in_review_move_to_the_row_in_force(world):
    v2 = world["v2"]
    for name in ("fresh", "late", "in_review"):
        publication = world[name]
        assert publication.item.catalog_id == v2.pk, name
        assert publication.item.lineage == world["before"][publication.pk][0]


def test_a_moved_draft_can_be_published_under_its_new_row(world):
    level = check_item_for(
        user=world["site"]["county_publisher"],
        organisation=world["county_body"],
        item=world["fresh"].item,
    )
    assert level == "county"


def test_a_due_date_not_yet_reached_is_recounted_from_the_new_limit(world):
    fresh = world["fresh"]
    expected = due_date(fresh.item, fresh.formed_on)
    assert fresh.due_on == expected.day
    assert fresh.due_on < world["old_due"][fresh.pk]  # 3 working days, not 10
    record = fresh.history.latest()
    assert "版本" in record.history_change_reason or "version" in (
        record.history_change_reason
    )
    assert world["old_due"][fresh.pk].isoformat() in record.history_change_reason
    assert fresh.due_on.isoformat() in record.history_change_reason
    # Written by the one who put the version in force, with the row moved to.
    assert record.history_user == world["site"]["county_editor"]
    assert (record.item_id, record.due_on) == (fresh.item_id, fresh.due_on)
    assert record.updated_at == fresh.updated_at > record.prev_record.updated_at
    earlier = record.prev_record
    assert earlier.due_on == world["old_due"][fresh.pk]
    assert earlier.item_id != fresh.item_id


def test_a_due_date_already_passed_stays(world):
    late = world["late"]
    assert late.due_on == world["old_due"][late.pk]
    assert late.due_on < timezone.localdate()
    assert late.history.latest().item_id == late.item_id


def test_a_draft_under_a_row_the_new_version_omits_stays_where_it_was(world):
    stranded = world["stranded"]
    assert stranded.item.catalog_id == world["v1"].pk
    assert stranded.status == PublicationStatus.DRAFT


def test_published_ones_stay_under_their_items_and_nothing_is_lost(world):
    after = {
        p.pk: (p.item.lineage, p.status, p.item.catalog_id)
        for p in Publication.objects.filter(item__catalog__key=KEY).select_related(
            "item"
        )
    }
    assert {pk: v[:2] for pk, v in after.items()} == world["before"]
    published = [v for v in after.values() if v[1] == PublicationStatus.PUBLISHED]
    assert published and all(v[2] == world["v1"].pk for v in published)


def test_nothing_moves_for_a_standard_or_without_a_superseded_version(world):
    standard = standard_in_force("employment")
    assert drafts_follow_rows(catalog=standard, superseded=[world["v1"]]) == []
    assert drafts_follow_rows(catalog=world["v2"], superseded=[]) == []
