"""Deriving a local catalog from a standard, and the item edits that follow."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from catalogs.layout.rows import CatalogData, ItemData
from catalogs.local.derivation import (
    StaleEditError,
    catalog_derive,
    item_add_sub_item,
    item_add_supplement,
    item_omit,
    item_remove,
    item_restore,
    item_update,
)
from catalogs.models import Catalog, Item, ItemOrigin, LegalScope
from catalogs.selectors import standard_in_force
from catalogs.services import catalog_create_version
from portal.audit import last_history_id
from portal.models import Organisation

pytestmark = pytest.mark.django_db

REASON = "本县未开展此项业务"


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
def local(lankao, editor):
    return catalog_derive(
        organisation=lankao, standard=standard_in_force("employment"), user=editor
    )


def item(catalog, code):
    return Item.objects.get(catalog=catalog, code=code)


def test_derive_copies_every_standard_item(local, lankao):
    standard = standard_in_force("employment")
    assert local.kind == "local"
    assert local.status == "draft"
    assert local.key == "410225-hrss-employment"
    assert local.version == 1
    assert local.title == "兰考县人力资源和社会保障局就业领域基层政务公开目录"
    assert local.organisation == lankao
    assert local.derived_from == standard
    assert (local.expected_level1, local.expected_level2) == (
        standard.expected_level1,
        standard.expected_level2,
    )
    items = list(local.items.select_related("derived_from", "parent"))
    assert len(items) == standard.items.count()
    for row in items:
        source = row.derived_from
        assert row.origin == ItemOrigin.DERIVED
        assert source.catalog == standard
        assert (row.level, row.code, row.name, row.position) == (
            source.level,
            source.code,
            source.name,
            source.position,
        )
        assert row.content == source.content
        assert row.channels == source.channels
        assert row.time_limit_text == source.time_limit_text
        assert row.time_limit_amount == source.time_limit_amount
        assert row.mode_proactive == source.mode_proactive
        assert row.level_township == source.level_township
        assert (row.parent and row.parent.derived_from) == source.parent
        assert [b.text for b in row.bases.all()] == [b.text for b in source.bases.all()]


def test_derive_again_makes_the_next_version(local, lankao, editor):
    again = catalog_derive(
        organisation=lankao, standard=standard_in_force("employment"), user=editor
    )
    assert (again.key, again.version) == (local.key, 2)


def test_derive_records_history_with_user_and_reason(local, editor):
    reason = "Derived from “就业领域基层政务公开标准目录（v1）”."
    record = local.history.get()
    assert (record.history_user, record.history_change_reason) == (editor, reason)
    for row in local.items.all():
        record = row.history.get()
        assert (record.history_user, record.history_change_reason) == (editor, reason)


def test_derive_refuses_a_local_catalog_as_standard(local, lankao):
    with pytest.raises(ValidationError) as caught:
        catalog_derive(organisation=lankao, standard=local)
    assert caught.value.message_dict == {
        "derived_from": [
            f"“{local}” is a local catalog; a local catalog can only be derived "
            "from a standard catalog."
        ]
    }


def test_a_bureau_derives_only_in_the_domains_it_is_responsible_for(lankao, editor):
    # Seen: the 人社局's editor derived the elderly care catalog (the 民政局's).
    elderly = standard_in_force("elderly_care_henan")
    with pytest.raises(ValidationError) as excinfo:
        catalog_derive(organisation=lankao, standard=elderly, user=editor)
    assert excinfo.value.message_dict == {
        "derived_from": [
            "兰考县人力资源和社会保障局 is not responsible for the domain “养老服务”, "
            f"so it may not derive “{elderly}”; the body responsible for that "
            "domain derives it."
        ]
    }
    assert not Catalog.objects.filter(kind="local").exists()
    mca = Organisation.objects.get(code="410225-mca")
    assert catalog_derive(organisation=mca, standard=elderly).organisation == mca


def test_the_derive_page_offers_only_the_standards_of_the_editors_domains(
    client, lankao, editor
):
    client.force_login(editor)
    url = reverse("admin:catalogs_catalog_derive")
    page = client.get(url)
    offered = set(page.context["form"].fields["standard"].queryset)
    assert {c.domain.key for c in offered} == {"employment", "social_insurance"}
    elderly = standard_in_force("elderly_care_henan")
    response = client.post(
        url, {"organisation": lankao.pk, "standard": elderly.pk, "confirm": "1"}
    )
    assert response.status_code == 200
    assert "standard" in response.context["form"].errors
    assert not Catalog.objects.filter(kind="local").exists()


def test_derive_from_a_standard_that_derives_from_another(lankao):
    national = standard_in_force("employment")
    data = CatalogData(
        domain_key="employment",
        title="河南省就业领域基层政务公开标准目录",
        items=[
            ItemData(
                name="就业信息服务",
                code="1",
                children=[
                    ItemData(
                        name="就业政策法规咨询",
                        code="1.1",
                        time_limit_text="10个工作日内",
                        channels=["gov-website"],
                        bases=["《河南省就业促进条例》"],
                    )
                ],
            )
        ],
    )
    provincial = catalog_create_version(data=data, key="employment_henan")
    provincial.derived_from = national
    provincial.save()
    local = catalog_derive(organisation=lankao, standard=provincial)
    assert local.derived_from == provincial
    assert local.key == "410225-hrss-employment"
    sub = item(local, "1.1")
    assert sub.derived_from.catalog == provincial
    assert sub.parent.derived_from == item(provincial, "1")
    assert sub.time_limit_amount == 10
    assert sub.bases.get().scope == LegalScope.LOCAL


def test_derive_queries_do_not_grow_with_the_catalog(lankao):
    small = standard_in_force("elderly_care_henan")
    large = standard_in_force("social_insurance")
    assert large.items.count() > 2 * small.items.count()
    # A body responsible for every domain (no domains listed) derives both.
    office = Organisation.objects.create(
        code="410225-gov",
        name="兰考县人民政府办公室",
        kind="other",
        region=lankao.region,
    )
    counts = []
    for standard in (small, large):
        with CaptureQueriesContext(connection) as queries:
            catalog_derive(organisation=office, standard=standard)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_derive_stays_within_a_fixed_number_of_queries(
    lankao, django_assert_max_num_queries
):
    standard = standard_in_force("social_insurance")
    # Two queries per level and two for the legal bases, however many items, plus
    # the catalog's own checks (its constraints are validated before it is saved).
    with django_assert_max_num_queries(25):
        catalog_derive(organisation=lankao, standard=standard)


def test_omit_keeps_the_row_with_its_reason(local, editor):
    first = item(local, "1")
    item_omit(item=first, reason=REASON, user=editor)
    for row in [first, *local.items.filter(parent=first)]:
        row.refresh_from_db()
        assert row.omitted and row.omission_reason == REASON
        latest = row.history.latest()
        assert latest.history_change_reason == f"Not performed locally: {REASON}"
        assert latest.history_user == editor
    assert local.items.count() == standard_in_force("employment").items.count()


def test_omit_without_a_reason_is_refused(local, editor):
    target = item(local, "1.2")
    with pytest.raises(ValidationError) as caught:
        item_omit(item=target, reason="  ", user=editor)
    assert caught.value.message_dict == {
        "omission_reason": [
            "Say why item “1.2 岗位信息发布” is not performed locally; an omission "
            "needs a reason."
        ]
    }
    target.refresh_from_db()
    assert not target.omitted


def test_only_standard_items_can_be_omitted(local, editor):
    supplement = item_add_supplement(catalog=local, name="零工市场服务", user=editor)
    with pytest.raises(ValidationError) as caught:
        item_omit(item=supplement, reason=REASON, user=editor)
    assert "omitted" in caught.value.message_dict


def test_restore_puts_an_item_back(local, editor):
    target = item(local, "1.2")
    item_omit(item=target, reason=REASON, user=editor)
    item_restore(item=target, user=editor)
    target.refresh_from_db()
    assert not target.omitted and target.omission_reason == ""
    assert target.history.latest().history_change_reason == "Performed locally again."


def test_restore_under_an_omitted_parent_is_refused(local, editor):
    item_omit(item=item(local, "1"), reason=REASON, user=editor)
    with pytest.raises(ValidationError) as caught:
        item_restore(item=item(local, "1.1"), user=editor)
    assert caught.value.message_dict["omitted"] == [
        "Item “1.1 就业政策法规咨询” is under the omitted item “1 就业信息服务”; "
        "restore that item first."
    ]


def test_add_a_third_level_sub_item(local, editor):
    parent = item(local, "1.1")
    sub = item_add_sub_item(
        parent=parent,
        name="创业担保贷款政策咨询",
        columns={"mode_proactive": True, "channels": ["gov-website"]},
        user=editor,
    )
    assert (sub.level, sub.code, sub.parent, sub.origin) == (
        3,
        "1.1.1",
        parent,
        ItemOrigin.SUPPLEMENT,
    )
    assert sub.history.get().history_change_reason == "Third-level sub-item added."


def test_a_sub_item_must_go_under_a_second_level_item(local, editor):
    with pytest.raises(ValidationError) as caught:
        item_add_sub_item(parent=item(local, "1"), name="零工市场", user=editor)
    assert caught.value.message_dict == {
        "parent": [
            "A sub-item goes under a second-level item; “1 就业信息服务” is at level 1."
        ]
    }


def test_add_supplements_at_the_first_and_second_level(local, editor):
    top = item_add_supplement(catalog=local, name="零工市场服务", user=editor)
    assert (top.level, top.code, top.parent) == (1, "10", None)
    below = item_add_supplement(
        catalog=local, parent=top, name="零工岗位发布", user=editor
    )
    assert (below.level, below.code, below.parent) == (2, "10.1", top)
    assert below.position > top.position
    with pytest.raises(ValidationError) as caught:
        item_add_supplement(catalog=local, parent=below, name="零工", user=editor)
    assert "parent" in caught.value.message_dict


def test_remove_a_supplement_but_not_a_standard_item(local, editor):
    top = item_add_supplement(catalog=local, name="零工市场服务", user=editor)
    item_remove(item=top, user=editor, reason="重复录入")
    assert not Item.objects.filter(pk=top.pk).exists()
    assert Item.history.filter(id=top.pk).latest().history_change_reason == "重复录入"
    with pytest.raises(ValidationError):
        item_remove(item=item(local, "1.1"), user=editor)


def test_update_sets_time_limit_channels_body_and_local_bases(local, editor):
    target = item(local, "1.1")
    updated = item_update(
        item=target,
        seen_history_id=last_history_id(target),
        changes={
            "time_limit_text": "信息形成或变更之日起10个工作日内公开",
            "channels": ["gov-website", "service-centre", "other-platform", "radio-tv"],
            "subject": "兰考县人力资源和社会保障局",
            "mode_proactive": True,
            "level_county": True,
            "bases": [
                "《中华人民共和国政府信息公开条例》(中华人民共和国国务院令第711号)",
                "《河南省就业促进条例》",
            ],
        },
        user=editor,
    )
    assert (updated.time_limit_kind, updated.time_limit_amount) == ("within", 10)
    assert updated.time_limit_unit == "working_days"
    assert updated.subject == "兰考县人力资源和社会保障局"
    bases = list(updated.bases.all())
    assert [b.scope for b in bases] == [LegalScope.NATIONAL, LegalScope.LOCAL]
    assert updated.history.latest().history_change_reason.startswith("Item changed: ")


def test_update_refuses_unknown_channels_and_fields(local, editor):
    target = item(local, "1.1")
    with pytest.raises(ValidationError) as caught:
        item_update(
            item=target,
            seen_history_id=last_history_id(target),
            changes={"channels": ["gov-website", "fax"], "origin": "supplement"},
            user=editor,
        )
    assert caught.value.message_dict == {
        "channels": ["The channel “fax” is not in the channel vocabulary."],
        "origin": ["The field “origin” cannot be set on a catalog item here."],
    }


def test_update_refuses_a_level_the_domain_does_not_have(demo):
    mca = Organisation.objects.get(code="410225-mca")
    local = catalog_derive(
        organisation=mca, standard=standard_in_force("elderly_care_henan")
    )
    target = item(local, "1.1")
    with pytest.raises(ValidationError) as caught:
        item_update(
            item=target,
            seen_history_id=last_history_id(target),
            changes={"level_village": True},
        )
    assert caught.value.message_dict == {
        "level_village": [
            "The 养老服务 domain is not published at this level, so “level: "
            "village” cannot be ticked."
        ]
    }


def test_a_stale_edit_is_refused(local, demo, editor):
    target = item(local, "1.1")
    seen = last_history_id(target)
    item_update(
        item=target,
        seen_history_id=seen,
        changes={"time_limit_text": "10个工作日内"},
        user=editor,
    )
    with pytest.raises(StaleEditError) as caught:
        item_update(
            item=target,
            seen_history_id=seen,
            changes={"time_limit_text": "15个工作日内"},
            user=demo["county_reviewer"],
        )
    (message,) = caught.value.messages
    assert message.startswith(
        "Item “1.1 就业政策法规咨询” was changed by county_editor at "
    )
    assert message.endswith(
        "after you opened it. Your change was not saved; reload the item and make "
        "your change again."
    )
    target.refresh_from_db()
    assert target.time_limit_text == "10个工作日内"


def test_standard_items_are_not_edited_here(editor):
    standard_item = item(standard_in_force("employment"), "1.1")
    with pytest.raises(ValidationError) as caught:
        item_update(
            item=standard_item,
            seen_history_id=last_history_id(standard_item),
            changes={"subject": "x"},
        )
    assert "catalog" in caught.value.message_dict


def test_every_step_leaves_a_history_record_with_its_reason(local, editor):
    target = item(local, "1.2")
    item_omit(item=target, reason=REASON, user=editor)
    item_restore(item=target, user=editor, reason="本县已开展")
    item_update(
        item=target,
        seen_history_id=last_history_id(target),
        changes={"mode_proactive": True},
        user=editor,
        reason="补充公开方式",
    )
    reasons = list(
        target.history.order_by("history_id").values_list(
            "history_change_reason", "history_user__username"
        )
    )
    assert reasons == [
        ("Derived from “就业领域基层政务公开标准目录（v1）”.", "county_editor"),
        (f"Not performed locally: {REASON}", "county_editor"),
        ("本县已开展", "county_editor"),
        ("补充公开方式", "county_editor"),
    ]
    assert Catalog.objects.filter(key=local.key).count() == 1
