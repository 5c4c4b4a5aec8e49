"""The next local version starts from the current one and takes in the standard's
changes through the one carry-over: a county revising its own catalog, and a
county moving to a new standard version."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from catalogs.demo import _fill_ticks
from catalogs.layout.rows import ItemData
from catalogs.local.derivation import catalog_derive, item_add_sub_item, item_omit
from catalogs.local.lifecycle import (
    catalog_next_version,
    catalog_put_in_force,
    next_version_plan,
)
from catalogs.local.validation import catalog_validate
from catalogs.models import Catalog, CatalogStatus, Item
from catalogs.selectors import standard_in_force
from catalogs.services import catalog_create_version
from portal.models import Organisation
from tests.catalogs.local.carryoverscene import by_code, edit, fixture_data, item

pytestmark = pytest.mark.django_db

REASON = "本县未开展此项业务"
LIMIT_5 = "信息形成或变更之日起5个工作日内公开"
LIMIT_10 = "信息形成或变更之日起10个工作日内公开"
TICKS = {
    "mode_proactive": True,
    "mode_on_request": False,
    "audience_public": True,
    "audience_specific": False,
    "level_county": True,
    "level_township": True,
    "level_village": False,
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def editor(demo):
    return demo["county_editor"]


@pytest.fixture
def lankao(demo):
    return Organisation.objects.get(code="410225-hrss")


@pytest.fixture
def v1(lankao, editor):
    """Version 1 in force with the county's edits: a shortened limit, an omission
    with its reason, a third-level item and an added channel."""
    local = catalog_derive(
        organisation=lankao, standard=standard_in_force("employment"), user=editor
    )
    edit(item(local, "1.1"), editor, time_limit_text=LIMIT_5)
    item_omit(item=item(local, "1.2"), reason=REASON, user=editor)
    item_add_sub_item(
        parent=item(local, "1.1"), name="创业担保贷款政策咨询", user=editor
    )
    target = item(local, "1.3")
    edit(target, editor, channels=[*target.channels, "radio-tv"])
    _fill_ticks(local, editor)
    catalog_put_in_force(catalog=local, user=editor, reason="印发")
    return Catalog.objects.get(pk=local.pk)


def county_state(catalog):
    """What the county set, per row identity."""
    return {
        i.lineage: (
            i.code,
            i.name,
            i.omitted,
            i.omission_reason,
            i.time_limit_text,
            tuple(i.channels),
            i.mode_proactive,
            i.level_township,
            i.origin,
        )
        for i in Item.objects.filter(catalog=catalog)
    }


def test_a_revision_starts_from_the_current_version_with_nothing_to_decide(
    v1, lankao, editor
):
    plan = next_version_plan(organisation=lankao, standard=v1.derived_from)
    assert plan.conflicts == []
    assert plan.local == v1

    v2 = catalog_next_version(
        organisation=lankao, standard=v1.derived_from, decisions={}, user=editor
    )

    assert (v2.version, v2.status) == (2, CatalogStatus.DRAFT)
    assert county_state(v2) == county_state(v1)
    assert [f for f in catalog_validate(v2) if f.is_error] == []
    v1.refresh_from_db()
    assert v1.status == CatalogStatus.IN_FORCE  # until v2 is put in force


def test_a_draft_in_preparation_is_continued_not_started_again(v1, lankao, editor):
    catalog_next_version(
        organisation=lankao, standard=v1.derived_from, decisions={}, user=editor
    )
    with pytest.raises(Exception) as caught:
        next_version_plan(organisation=lankao, standard=v1.derived_from)
    assert "already being prepared as a draft" in str(caught.value)


def new_standard():
    """Two items changed (1.1's time limit, 1.3's body) and one added (1.4)."""
    data = fixture_data("employment")
    first = by_code(data.items, "1")
    by_code(first.children, "1.1").time_limit_text = LIMIT_10
    by_code(first.children, "1.3").subject = "县级人力资源社会保障部门"
    first.children.append(
        ItemData(
            name="就业见习岗位信息",
            code="1.4",
            time_limit_text=LIMIT_10,
            channels=["gov-website"],
            **TICKS,
        )
    )
    return catalog_create_version(data=data, key="employment")


def test_moving_to_a_new_standard_keeps_the_edits_and_asks_only_real_conflicts(
    v1, lankao, editor
):
    before = county_state(v1)
    standard = new_standard()
    plan = next_version_plan(organisation=lankao, standard=standard)

    clarified = item(v1, "1.1")
    assert [(c.id, c.code) for c in plan.conflicts] == [
        (f"{clarified.pk}:time_limit_text", "STANDARD_FIELD_CHANGED")
    ]
    assert [str(i) for i in plan.added] == ["1.4 就业见习岗位信息"]

    v2 = catalog_next_version(
        organisation=lankao,
        standard=standard,
        decisions={f"{clarified.pk}:time_limit_text": "keep_local"},
        user=editor,
        reason="人社部新版标准目录",
    )

    after = county_state(v2)
    for lineage, state in before.items():
        assert after[lineage] == state  # every county edit survives
    assert item(v2, "1.3").subject == "县级人力资源社会保障部门"
    added = item(v2, "1.4")
    assert added.lineage not in before
    assert v2.derived_from == standard
    assert [f for f in catalog_validate(v2) if f.is_error] == []
    catalog_put_in_force(catalog=v2, user=editor, reason="印发第二版")


def _put_in_force_queries(lankao, editor, key):
    local = catalog_derive(
        organisation=lankao, standard=standard_in_force(key), user=editor
    )
    _fill_ticks(local, editor)
    with CaptureQueriesContext(connection) as queries:
        catalog_put_in_force(catalog=local, user=editor, reason="印发")
    return local.items.count(), len(queries)


def test_putting_in_force_takes_the_same_queries_whatever_the_size(
    lankao, editor, demo
):
    # Elderly care is the 民政局's domain: its editor derives it.
    mca = Organisation.objects.get(code="410225-mca")
    small_items, small = _put_in_force_queries(
        mca, demo["mca_editor"], "elderly_care_henan"
    )
    large_items, large = _put_in_force_queries(lankao, editor, "social_insurance")
    assert large_items > 2 * small_items
    assert large == small


def test_derive_from_current_prints_the_plan_and_writes_a_draft(v1):
    out = StringIO()
    call_command(
        "derive_catalog",
        "--org",
        "410225-hrss",
        "--standard",
        "employment",
        "--from-current",
        stdout=out,
    )
    assert "Version 2 would start from version 1." in out.getvalue()
    assert "stays omitted: 本县未开展此项业务" in out.getvalue()
    assert not Catalog.objects.filter(key=v1.key, version=2).exists()

    call_command(
        "derive_catalog",
        "--org",
        "410225-hrss",
        "--standard",
        "employment",
        "--from-current",
        "--commit",
        stdout=out,
    )
    v2 = Catalog.objects.get(key=v1.key, version=2)
    assert county_state(v2) == county_state(v1)


def test_derive_from_current_needs_every_conflict_decided(v1):
    new_standard()
    with pytest.raises(CommandError):
        call_command(
            "derive_catalog",
            "--org",
            "410225-hrss",
            "--standard",
            "employment",
            "--from-current",
            "--commit",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert not Catalog.objects.filter(key=v1.key, version=2).exists()


def test_activate_catalog_validates_first_and_exits_1_with_the_findings(lankao, editor):
    local = catalog_derive(
        organisation=lankao, standard=standard_in_force("employment"), user=editor
    )
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "activate_catalog",
            "--org",
            "410225-hrss",
            "--domain",
            "employment",
            "--version",
            "1",
            "--reason",
            "印发",
            stdout=StringIO(),
            stderr=err,
        )
    assert caught.value.returncode == 1
    assert "MODE_MISSING" in err.getvalue()
    local.refresh_from_db()
    assert local.status == CatalogStatus.DRAFT

    _fill_ticks(local, editor)
    out = StringIO()
    call_command(
        "activate_catalog",
        "--org",
        "410225-hrss",
        "--domain",
        "employment",
        "--version",
        "1",
        "--reason",
        "印发",
        stdout=out,
    )
    local.refresh_from_db()
    assert local.status == CatalogStatus.IN_FORCE
    assert local.history.latest().history_change_reason == "印发"


def test_the_admin_starts_the_next_version_with_the_decisions(client, v1, editor):
    client.force_login(editor)
    new_standard()
    change = reverse("admin:catalogs_catalog_change", args=[v1.pk])
    assert "next-version-link" in client.get(change).content.decode()
    page = reverse("admin:catalogs_catalog_next_version", args=[v1.pk])
    shown = client.get(page).content.decode()
    assert "Item “1.1 就业政策法规咨询”, field" in shown

    refused = client.post(page, {"reason": "人社部新版标准目录"})
    assert refused.status_code == 200
    assert "Decide this conflict" in refused.content.decode()
    assert not Catalog.objects.filter(key=v1.key, version=2).exists()

    done = client.post(
        page, {"reason": "人社部新版标准目录", "conflict_0": "keep_local"}
    )
    v2 = Catalog.objects.get(key=v1.key, version=2)
    assert done.status_code == 302
    assert done["Location"] == reverse("admin:catalogs_catalog_change", args=[v2.pk])
    assert item(v2, "1.1").time_limit_text == LIMIT_5
    assert v2.history.earliest().history_change_reason == "人社部新版标准目录"
