"""Carrying a local catalog's edits over to a new version of its standard."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalogs.local.carryover import carryover_apply, carryover_plan
from catalogs.local.derivation import catalog_derive, item_add_supplement, item_omit
from catalogs.local.validation import catalog_validate
from catalogs.models import Catalog, Item, ItemOrigin, LegalBasis
from catalogs.selectors import standard_in_force
from catalogs.services import catalog_create_version
from portal.models import Organisation
from tests.catalogs.local.carryoverscene import (
    ABROAD,
    BUREAU,
    LIMIT_10,
    LIMIT_15,
    LOCAL_BASIS,
    REASON,
    build_scene,
    decide_all,
    fixture_data,
    ids,
    item,
)

pytestmark = pytest.mark.django_db


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
def scene(lankao, editor):
    return build_scene(lankao, editor)


def test_the_plan_lists_standard_changes_carried_edits_and_conflicts(scene):
    plan = carryover_plan(local=scene["local"], new_standard=scene["new"])
    assert sorted(str(i) for i in plan.added) == [
        "1.4 就业见习岗位信息",
        "10 零工市场服务",
        "10.1 零工岗位信息",
        "9.1 外国人来华工作许可",
    ]
    assert [str(i) for i in plan.comparison.removed] == ["1.3 求职信息登记"]
    conflict = ids(scene)
    assert sorted((c.id, c.code) for c in plan.conflicts) == sorted(
        [
            (conflict["time_limit"], "TIME_LIMIT_NOW_LONGER"),
            (conflict["subject"], "STANDARD_FIELD_CHANGED"),
            (conflict["channels"], "CHANNEL_NOW_REQUIRED"),
            (conflict["removed"], "STANDARD_ITEM_REMOVED"),
            (conflict["overlap"], "SUPPLEMENT_NOW_STANDARD"),
        ]
    )
    assert sorted((a.code, str(a.item), a.field) for a in plan.actions) == [
        ("EDIT_CARRIED", "1.1 就业政策法规咨询", "bases"),
        ("EDIT_CARRIED", "1.1 就业政策法规咨询", "level_county"),
        ("OMISSION_CARRIED", "1.2 岗位信息发布", "omitted"),
        ("OMISSION_CARRIED", "9 国(境)外人员入境就业", "omitted"),
        ("OMITTED_WITH_PARENT", "9.1 外国人来华工作许可", "omitted"),
        ("SUPPLEMENT_CARRIED", "1.1.1 创业担保贷款政策咨询", ""),
    ]
    assert plan.summary() == (
        "The new standard adds 4 items, removes 1 and changes 2; 6 local edits "
        "carry over and 5 conflicts need a decision."
    )


def test_conflict_messages_name_the_item_the_field_and_the_values(scene):
    plan = carryover_plan(local=scene["local"], new_standard=scene["new"])
    messages = {c.code: c for c in plan.conflicts}
    assert messages["TIME_LIMIT_NOW_LONGER"].message == (
        "Item “1.1 就业政策法规咨询”, field “time limit (as worded)”: the local time "
        f"limit “{LIMIT_15}” is longer than the new standard’s “{LIMIT_10}”. A local "
        "catalog may shorten a time limit but never lengthen it, so it must be "
        "shortened again."
    )
    assert messages["TIME_LIMIT_NOW_LONGER"].choices == ("take_standard", "drop")
    subject = messages["STANDARD_FIELD_CHANGED"]
    assert subject.message == (
        "Item “1.1 就业政策法规咨询”, field “disclosing body”: the local catalog "
        "changed this field and the new standard changes it too. Old standard: "
        "“县级人力资源社会保障部门;乡镇人民政府(街道办事处)”; new standard: "
        f"“县级人力资源社会保障部门”; local catalog: “{BUREAU}”."
    )
    assert (subject.old, subject.new, subject.local) == (
        "县级人力资源社会保障部门;乡镇人民政府(街道办事处)",
        "县级人力资源社会保障部门",
        BUREAU,
    )
    assert messages["CHANNEL_NOW_REQUIRED"].message == (
        "Item “1.1 就业政策法规咨询”, field “channels”: the new standard requires "
        "“两微一端”, which the local catalog lacks. A local catalog may add channels "
        "but never drop one."
    )
    assert messages["STANDARD_ITEM_REMOVED"].message == (
        "Item “1.3 求职信息登记”: the new standard no longer has this item, but the "
        "local catalog has changes on it (changed mode: proactive). Keep it as a "
        "local supplementary item, or drop it."
    )
    assert messages["SUPPLEMENT_NOW_STANDARD"].message == (
        "Item “10 零工市场服务”, field “name”: the supplementary item now overlaps "
        "the new standard’s item “10 零工市场服务”. A supplement must not overlap a "
        "first- or second-level item of the standard."
    )


def test_the_plan_is_a_pure_read(scene):
    before = (Catalog.objects.count(), Item.objects.count(), Item.history.count())
    carryover_plan(local=scene["local"], new_standard=scene["new"])
    assert (
        Catalog.objects.count(),
        Item.objects.count(),
        Item.history.count(),
    ) == before


def test_apply_writes_a_new_local_version_with_the_edits(scene, editor):
    local, new = scene["local"], scene["new"]
    carried = carryover_apply(
        local=local,
        new_standard=new,
        decisions=decide_all(scene),
        user=editor,
        reason="标准目录第2版",
    )
    local.refresh_from_db()
    assert local.status == "superseded"
    assert (carried.key, carried.version, carried.status) == (local.key, 2, "draft")
    assert (carried.kind, carried.derived_from, carried.organisation) == (
        "local",
        new,
        local.organisation,
    )
    clarified = item(carried, "1.1")
    assert clarified.derived_from == item(new, "1.1")
    assert clarified.time_limit_text == LIMIT_10  # take_standard
    assert clarified.time_limit_amount == 10
    assert clarified.subject == BUREAU  # keep_local
    assert clarified.channels == [
        "gov-website",
        "service-centre",
        "other-platform",
        "radio-tv",
        "weibo-wechat-app",
    ]
    assert clarified.level_county is True  # carried as-is
    assert [b.text for b in clarified.bases.all()][-1] == LOCAL_BASIS
    sub = item(carried, "1.1.1")
    assert (sub.parent, sub.origin, sub.name) == (
        clarified,
        ItemOrigin.SUPPLEMENT,
        "创业担保贷款政策咨询",
    )
    omitted = item(carried, "1.2")
    assert (omitted.omitted, omitted.omission_reason) == (True, REASON)
    abroad, permit = item(carried, "9"), item(carried, "9.1")
    assert (abroad.omitted, permit.omitted, permit.omission_reason) == (
        True,
        True,
        ABROAD,
    )
    kept = item(carried, "1.3")
    assert (kept.origin, kept.derived_from, kept.parent) == (
        ItemOrigin.SUPPLEMENT,
        None,
        item(carried, "1"),
    )
    assert kept.mode_proactive is True
    assert item(carried, "3").name == "公共就业服务专项活动（春风行动等）"
    assert item(carried, "10").origin == ItemOrigin.DERIVED
    gig = item(carried, "11")  # renumbered: the standard now uses 10
    assert (gig.name, gig.origin) == ("零工市场服务", ItemOrigin.SUPPLEMENT)
    assert item(carried, "11.1").parent == gig
    positions = list(carried.items.order_by("position").values_list("code", flat=True))
    assert positions.index("1.1.1") == positions.index("1.1") + 1
    for row in [
        *carried.items.all(),
        *LegalBasis.objects.filter(item__catalog=carried),
    ]:
        record = row.history.get()
        assert (record.history_user, record.history_change_reason) == (
            editor,
            "标准目录第2版",
        )


def test_the_new_version_validates_like_the_decisions_say(scene):
    carried = carryover_apply(
        local=scene["local"], new_standard=scene["new"], decisions=decide_all(scene)
    )
    findings = catalog_validate(carried)
    # Modes and levels the standard leaves open are the county's to state.
    rules = {f.code for f in findings} - {"MODE_MISSING", "LEVEL_MISSING"}
    assert rules == {"SUPPLEMENT_OVERLAPS"}  # the overlap was kept on purpose
    (overlap,) = [f for f in findings if f.code == "SUPPLEMENT_OVERLAPS"]
    assert str(overlap.item) == "11 零工市场服务"


def test_taking_the_standard_moves_a_supplements_items_under_it(scene):
    carried = carryover_apply(
        local=scene["local"],
        new_standard=scene["new"],
        decisions=decide_all(scene, overlap="take_standard", removed="drop"),
    )
    standard_gig = item(carried, "10")
    assert list(standard_gig.children.values_list("code", "name", "origin")) == [
        ("10.1", "零工岗位信息", "derived"),
        ("10.2", "零工求职登记", "supplement"),
    ]
    assert not carried.items.filter(code__in=["1.3", "11"]).exists()
    findings = catalog_validate(carried)
    assert {f.code for f in findings} <= {"MODE_MISSING", "LEVEL_MISSING"}


def test_dropping_a_supplement_drops_the_items_under_it(scene):
    carried = carryover_apply(
        local=scene["local"],
        new_standard=scene["new"],
        decisions=decide_all(scene, overlap="drop"),
    )
    assert not carried.items.filter(name="零工求职登记").exists()
    assert carried.items.filter(name="零工市场服务").count() == 1


def test_an_undecided_conflict_writes_nothing(scene):
    conflict = ids(scene)
    decisions = decide_all(scene)
    del decisions[conflict["subject"]], decisions[conflict["overlap"]]
    counted = (Catalog, Item, LegalBasis, Catalog.history.model, Item.history.model)
    before = [model.objects.count() for model in counted]
    with pytest.raises(ValidationError) as caught:
        carryover_apply(
            local=scene["local"], new_standard=scene["new"], decisions=decisions
        )
    assert [m.partition(" is undecided: ")[0] for m in caught.value.messages] == [
        f"Conflict “{conflict['overlap']}”",
        f"Conflict “{conflict['subject']}”",
    ]
    assert caught.value.messages[1].endswith(
        f"Old standard: “县级人力资源社会保障部门;乡镇人民政府(街道办事处)”; new "
        f"standard: “县级人力资源社会保障部门”; local catalog: “{BUREAU}”."
    )
    assert [model.objects.count() for model in counted] == before
    scene["local"].refresh_from_db()
    assert scene["local"].status == "draft"


def test_wrong_decisions_are_refused(scene):
    conflict = ids(scene)
    decisions = decide_all(scene, time_limit="keep_local")
    decisions["nope"] = "drop"
    with pytest.raises(ValidationError) as caught:
        carryover_apply(
            local=scene["local"], new_standard=scene["new"], decisions=decisions
        )
    assert caught.value.messages == [
        "There is no conflict “nope” in this carry-over.",
        f"“keep_local” is not a decision for conflict “{conflict['time_limit']}”; "
        "choose one of take_standard, drop.",
    ]


def test_only_the_newest_local_version_is_carried_over(scene):
    carryover_apply(
        local=scene["local"], new_standard=scene["new"], decisions=decide_all(scene)
    )
    with pytest.raises(ValidationError) as caught:
        carryover_plan(local=scene["local"], new_standard=scene["new"])
    assert caught.value.message_dict == {
        "catalog": [
            f"“{scene['local']}” has been superseded by a newer version; carry "
            "over the newest version."
        ]
    }


def test_a_local_catalog_never_moves_to_an_older_standard(lankao):
    old = standard_in_force("employment")
    new = catalog_create_version(data=fixture_data("employment"), key="employment")
    local = catalog_derive(organisation=lankao, standard=new)
    with pytest.raises(ValidationError) as caught:
        carryover_plan(local=local, new_standard=old)
    assert caught.value.message_dict == {
        "derived_from": [
            f"“{local}” derives from “{new}”, which is newer than “{old}”; a local "
            "catalog never moves to an older standard."
        ]
    }


def test_carrying_over_to_the_same_standard_keeps_every_edit_silently(scene):
    local = scene["local"]
    plan = carryover_plan(local=local, new_standard=scene["old"])
    assert plan.conflicts == []
    assert plan.comparison.is_same
    carried = carryover_apply(local=local, new_standard=scene["old"], decisions={})
    assert sorted(carried.items.values_list("lineage", flat=True)) == sorted(
        local.items.values_list("lineage", flat=True)
    )


def _carry_over_queries(lankao, key):
    old = standard_in_force(key)
    local = catalog_derive(organisation=lankao, standard=old)
    top = local.items.filter(level=1).order_by("position").first()
    second = local.items.filter(level=2).order_by("position").first()
    item_omit(item=second, reason=REASON)
    item_add_supplement(catalog=local, parent=top, name="本地补充事项甲")
    new = catalog_create_version(data=fixture_data(key), key=key)
    plan = carryover_plan(local=local, new_standard=new)
    assert not plan.conflicts
    with CaptureQueriesContext(connection) as queries:
        carried = carryover_apply(local=local, new_standard=new, decisions={})
    assert carried.items.count() == local.items.count()
    return len(queries)


def test_apply_queries_do_not_grow_with_the_catalog(lankao):
    small = standard_in_force("elderly_care_henan").items.count()
    large = standard_in_force("social_insurance").items.count()
    assert large > 2 * small
    mca = Organisation.objects.get(code="410225-mca")  # elderly care is its domain
    counts = [
        _carry_over_queries(mca, "elderly_care_henan"),
        _carry_over_queries(lankao, "social_insurance"),
    ]
    assert counts[0] == counts[1]
    # reads, full_clean checks (the constraints among them), two inserts per level,
    # and three to move the public cache version (the old version is superseded)
    assert counts[1] <= 53


def test_a_version_in_force_stays_in_force_until_its_successor_is(scene, editor):
    local, new = scene["local"], scene["new"]
    Catalog.objects.filter(pk=local.pk).update(status="in_force")
    carried = carryover_apply(
        local=local, new_standard=new, decisions=decide_all(scene), user=editor
    )
    local.refresh_from_db()
    assert (local.status, carried.status) == ("in_force", "draft")
