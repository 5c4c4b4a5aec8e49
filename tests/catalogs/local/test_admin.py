"""A county editor's local catalog in the admin: each operation, its rules and history."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from catalogs.demo import _fill_ticks
from catalogs.local.derivation import catalog_derive, item_update
from catalogs.local.forms import TICKS
from catalogs.local.lifecycle import catalog_put_in_force
from catalogs.models import Catalog, CatalogStatus, Item, ItemOrigin
from catalogs.selectors import standard_in_force
from portal.audit import last_history_id
from portal.models import Organisation
from tests.adminforms import admin_form_data

pytestmark = pytest.mark.django_db

CHANNEL_DROPPED_MESSAGE = (
    "Item “1.1 就业政策法规咨询”, field “channels”: the standard item’s channel "
    "“政务服务中心” is missing. A local catalog may add channels but never drop "
    "one. (CHANNEL_DROPPED)"
)


def url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:catalogs_{name}", args=args)


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def editor(client, demo):
    client.force_login(demo["county_editor"])
    return demo["county_editor"]


@pytest.fixture
def lankao(demo):
    return Organisation.objects.get(code="410225-hrss")


@pytest.fixture
def local(lankao, editor):
    with translation.override("en"):  # the history reasons are asserted in English
        return catalog_derive(
            organisation=lankao, standard=standard_in_force("employment"), user=editor
        )


def item(catalog, code):
    return Item.objects.get(catalog=catalog, code=code)


def edit_data(target, **changes):
    """What the edit form posts when nothing is touched, with ``changes``."""
    ticks = {None: "unknown", True: "true", False: "false"}
    data = {
        "content": "\n".join(target.content),
        "bases": "\n".join(b.text for b in target.bases.order_by("position")),
        "time_limit_text": target.time_limit_text,
        "subject": target.subject,
        "channels": list(target.channels),
        "seen_history_id": last_history_id(target),
        "reason": "核对标准目录",
    }
    data.update({name: ticks[getattr(target, name)] for name, _l, _f in TICKS})
    data.update(changes)
    return data


def test_derive_shows_a_preview_then_creates_a_draft(client, editor, lankao):
    standard = standard_in_force("employment")
    page = client.get(url("catalog_derive"))
    assert list(page.context["form"].fields["organisation"].queryset) == [lankao]
    data = {"organisation": lankao.pk, "standard": standard.pk, "reason": ""}

    preview = client.post(url("catalog_derive"), data)

    assert preview.status_code == 200
    assert preview.context["plan"].key == "410225-hrss-employment"
    assert "410225-hrss-employment" in preview.content.decode()
    assert not Catalog.objects.filter(organisation=lankao).exists()

    created = client.post(url("catalog_derive"), {**data, "confirm": "1"})

    catalog = Catalog.objects.get(organisation=lankao)
    assert created["Location"] == url("catalog_change", catalog.pk)
    assert catalog.status == CatalogStatus.DRAFT
    assert catalog.items.count() == standard.items.count()
    record = catalog.history.get()
    assert record.history_user == editor


def test_derive_for_another_county_is_refused(client, editor):
    qixian = Organisation.objects.get(code="410221-hrss")
    standard = standard_in_force("employment")

    response = client.post(
        url("catalog_derive"),
        {"organisation": qixian.pk, "standard": standard.pk, "confirm": "1"},
    )

    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Catalog.objects.filter(organisation=qixian).exists()


def test_the_catalog_page_lists_items_with_their_operations(client, editor, local):
    response = client.get(url("catalog_change", local.pk))

    html = response.content.decode()
    target = item(local, "1.1")
    assert f'id="item-{target.pk}"' in html
    assert url("item_omit", target.pk) in html
    assert url("item_add_sub_item", target.pk) in html
    assert url("item_edit", target.pk) in html
    assert url("catalog_add_supplement", local.pk) in html


def test_omit_needs_a_reason_and_keeps_the_row(client, editor, local):
    target = item(local, "9")
    omit = url("item_omit", target.pk)

    refused = client.post(omit, {"reason": ""})
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    target.refresh_from_db()
    assert not target.omitted

    done = client.post(omit, {"reason": "本县无此项业务"})

    assert done.status_code == 302
    target.refresh_from_db()
    assert (target.omitted, target.omission_reason) == (True, "本县无此项业务")
    record = target.history.latest()
    assert record.history_user == editor
    assert record.history_change_reason == "Not performed locally: 本县无此项业务"
    assert "Item “9 国(境)外人员入境就业” is now marked as not performed locally." in (
        shown(done)
    )

    restored = client.post(url("item_restore", target.pk), {"reason": "已开展"})
    assert restored.status_code == 302
    target.refresh_from_db()
    assert not target.omitted
    assert target.history.latest().history_change_reason == "已开展"


def test_add_supplements_and_a_third_level_item(client, editor, local):
    first = client.post(
        url("catalog_add_supplement", local.pk),
        {"name": "零工市场服务", "reason": "本县设立零工市场", "channels": []},
    )
    assert first.status_code == 302, first.context["form"].errors
    top = Item.objects.get(catalog=local, name="零工市场服务")
    assert (top.level, top.origin, top.code) == (1, ItemOrigin.SUPPLEMENT, "10")

    second = client.post(
        url("catalog_add_supplement", local.pk),
        {"parent": top.pk, "name": "零工岗位信息", "reason": "补充二级事项"},
    )
    assert second.status_code == 302
    assert Item.objects.get(catalog=local, name="零工岗位信息").parent == top

    parent = item(local, "1.1")
    third = client.post(
        url("item_add_sub_item", parent.pk),
        {
            "name": "稳岗返还政策咨询",
            "content": "申领条件\n办理流程",
            "time_limit_text": "信息形成或变更之日起10个工作日内公开",
            "channels": ["gov-website"],
            "mode_proactive": "true",
            "reason": "增设三级事项",
        },
    )
    assert third.status_code == 302, third.context["form"].errors
    sub = Item.objects.get(catalog=local, name="稳岗返还政策咨询")
    assert (sub.level, sub.parent, sub.code) == (3, parent, "1.1.1")
    assert sub.content == ["申领条件", "办理流程"]
    assert sub.history.get().history_change_reason == "增设三级事项"


def test_a_third_level_item_under_a_first_level_item_is_refused(client, editor, local):
    response = client.post(
        url("item_add_sub_item", item(local, "1").pk),
        {"name": "某事项", "reason": "试试"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "A sub-item goes under a second-level item; “1 就业信息服务” is at level 1."
    ]


def test_shortening_a_time_limit_and_adding_channels_and_local_bases(
    client, editor, local
):
    target = item(local, "1.1")
    data = edit_data(
        target,
        time_limit_text="公开事项信息形成或变更之日起10个工作日内公开",
        subject="兰考县人力资源和社会保障局",
        channels=[*target.channels, "notice-board"],
        bases=edit_data(target)["bases"] + "\n《河南省就业促进条例》",
        mode_proactive="true",
        mode_on_request="false",
        reason="本县承诺10个工作日内公开",
    )

    response = client.post(url("item_edit", target.pk), data)

    assert response.status_code == 302, response.context["form"].errors
    target.refresh_from_db()
    assert (target.time_limit_amount, target.time_limit_unit) == (10, "working_days")
    assert "notice-board" in target.channels
    assert target.subject == "兰考县人力资源和社会保障局"
    assert target.bases.order_by("position").last().scope == "local"
    assert target.history.latest().history_change_reason == "本县承诺10个工作日内公开"
    assert not [m for m in shown(response) if "(TIME_LIMIT_LONGER)" in m]


def test_dropping_a_required_channel_is_kept_as_a_draft_and_told_why_not(
    client, editor, local
):
    target = item(local, "1.1")
    channels = [c for c in target.channels if c != "service-centre"]

    response = client.post(
        url("item_edit", target.pk), edit_data(target, channels=channels)
    )

    assert response.status_code == 302
    assert CHANNEL_DROPPED_MESSAGE in shown(response)
    target.refresh_from_db()
    assert "service-centre" not in target.channels


def test_lengthening_a_time_limit_is_told_at_once(client, editor, local):
    target = item(local, "1.1")

    response = client.post(
        url("item_edit", target.pk),
        edit_data(target, time_limit_text="信息形成或变更之日起30个工作日内公开"),
    )

    assert any(m.endswith("(TIME_LIMIT_LONGER)") for m in shown(response))


def test_a_stale_edit_is_refused_and_nothing_is_written(client, editor, demo, local):
    target = item(local, "1.1")
    stale = edit_data(target, subject="兰考县人社局")
    item_update(
        item=target,
        seen_history_id=last_history_id(target),
        changes={"subject": "兰考县人力资源和社会保障局"},
        user=demo["mca_editor"],
        reason="同事先改了",
    )
    before = target.history.count()

    response = client.post(url("item_edit", target.pk), stale)

    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("Item “1.1 就业政策法规咨询” was changed by mca_editor at ")
    assert error.endswith(
        "after you opened it. Your change was not saved; reload the item and make "
        "your change again."
    )
    target.refresh_from_db()
    assert target.subject == "兰考县人力资源和社会保障局"
    assert target.history.count() == before


def test_an_unchanged_form_writes_no_history(client, editor, local):
    target = item(local, "1.1")
    before = target.history.count()

    response = client.post(url("item_edit", target.pk), edit_data(target))

    assert response.status_code == 302
    assert target.history.count() == before
    assert "Nothing was changed in item “1.1 就业政策法规咨询”." in shown(response)


def test_a_local_item_is_read_only_in_the_plain_change_form(client, editor, local):
    target = item(local, "1.1")
    change = url("item_change", target.pk)

    page = client.get(change)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert url("item_edit", target.pk) in page.content.decode()
    assert client.post(change, {"name": "改名", "change_reason": "x"}).status_code == (
        403
    )
    assert client.get(url("item_add")).status_code == 403


def test_a_local_catalog_form_cannot_change_its_status(client, editor, local):
    page = client.get(url("catalog_change", local.pk))
    fields = page.context["adminform"].form.fields
    assert "status" not in fields and "organisation" not in fields
    assert "title" in fields


def test_the_validation_page_lists_code_item_field_and_message(client, editor, local):
    response = client.get(url("catalog_validate", local.pk))

    html = response.content.decode()
    assert response.status_code == 200
    finding = response.context["findings"][0]
    assert finding.code == "MODE_MISSING"
    assert "<code>MODE_MISSING</code>" in html
    # The field column reads as the field's label, never the column's key.
    assert finding.field == "mode_proactive"
    assert str(finding.label) == "mode"  # the page is the English one (url())
    assert "<td>mode</td>" in html
    assert "mode_proactive" not in html
    chinese = client.get(url("catalog_validate", local.pk).removeprefix("/en"))
    assert "<td>公开方式</td>" in chinese.content.decode()
    assert finding.message in html


def test_put_in_force_is_refused_with_the_errors_then_allowed(client, editor, local):
    refused = client.post(url("catalog_put_in_force", local.pk), {"reason": "备案"})

    assert refused.status_code == 200
    messages = shown(refused)
    assert messages[0].startswith(
        "“兰考县人力资源和社会保障局就业领域基层政务公开目录（v1）” has "
    )
    assert messages[0].endswith(
        "errors against its standard, so it cannot be put in force. Correct them "
        "and try again."
    )
    assert {f.code for f in refused.context["findings"]} == {
        "MODE_MISSING",
        "LEVEL_MISSING",
    }
    assert "<code>MODE_MISSING</code>" in refused.content.decode()
    local.refresh_from_db()
    assert local.status == CatalogStatus.DRAFT

    _fill_ticks(local, editor)
    allowed = client.post(url("catalog_put_in_force", local.pk), {"reason": "备案"})

    assert allowed.status_code == 302
    local.refresh_from_db()
    assert local.status == CatalogStatus.IN_FORCE
    assert local.history.latest().history_change_reason == "备案"
    assert local.history.latest().history_user == editor


def test_the_changelist_action_puts_valid_catalogs_in_force(client, editor, local):
    _fill_ticks(local, editor)
    data = {"action": "put_in_force", "_selected_action": [local.pk]}

    asked = client.post(url("catalog_changelist"), data)
    assert asked.status_code == 200
    assert "reason" in asked.context["form"].fields

    done = client.post(
        url("catalog_changelist"), {**data, "apply": "1", "reason": "备案"}
    )

    assert done.status_code == 302
    local.refresh_from_db()
    assert local.status == CatalogStatus.IN_FORCE


def test_a_catalog_in_force_is_not_changed_any_more(client, editor, local):
    _fill_ticks(local, editor)
    catalog_put_in_force(catalog=local, user=editor, reason="备案")
    target = item(local, "1.1")

    response = client.post(url("item_omit", target.pk), {"reason": "不做了"})

    assert response.status_code == 302
    assert shown(response) == [
        "“兰考县人力资源和社会保障局就业领域基层政务公开目录（v1）” is in force and can "
        "no longer be changed; derive a new version, change that and put it in force."
    ]
    target.refresh_from_db()
    assert not target.omitted
    page = client.get(url("catalog_change", local.pk))
    assert url("item_omit", target.pk) not in page.content.decode()


def test_remove_a_local_addition(client, editor, local):
    client.post(
        url("catalog_add_supplement", local.pk),
        {"name": "零工市场服务", "reason": "补充"},
    )
    top = Item.objects.get(catalog=local, name="零工市场服务")

    response = client.post(url("item_remove", top.pk), {"reason": "重复录入"})

    assert response.status_code == 302
    assert not Item.objects.filter(pk=top.pk).exists()
    standard_item = item(local, "1.1")
    refused = client.post(url("item_remove", standard_item.pk), {"reason": "删"})
    assert refused.status_code == 200
    assert Item.objects.filter(pk=standard_item.pk).exists()


def test_history_shows_every_step_with_user_and_reason(client, editor, local):
    target = item(local, "1.1")
    client.post(url("item_omit", item(local, "9").pk), {"reason": "本县无此项业务"})
    client.post(
        url("item_add_sub_item", target.pk), {"name": "稳岗返还", "reason": "增设三级"}
    )
    client.post(
        url("item_edit", target.pk),
        edit_data(target, time_limit_text="10个工作日内", reason="缩短时限"),
    )

    page = client.get(url("catalog_changes", local.pk))

    html = page.content.decode()
    steps = [(c.reason, c.user) for c in page.context["page_obj"]][:3]
    assert steps == [
        ("缩短时限", editor),
        ("增设三级", editor),
        ("Not performed locally: 本县无此项业务", editor),
    ]
    assert "Derived from “就业领域基层政务公开标准目录（v1）”." in html
    assert "公开事项信息形成或变更之日起20个工作日内公开 &rarr; 10个工作日内" in html
    item_history = client.get(url("item_history", target.pk)).content.decode()
    assert "缩短时限" in item_history
    assert "10个工作日内" in item_history  # the diff column of simple-history


def test_a_local_item_is_reverted_through_its_edit_form(client, editor, local):
    target = item(local, "1.1")
    first = target.history.latest()
    client.post(
        url("item_edit", target.pk),
        edit_data(target, subject="兰考县人社局", reason="填写主体"),
    )

    history_page = client.get(url("item_simple_history", target.pk, first.history_id))
    revert = f"{url('item_edit', target.pk)}?from_history={first.history_id}"
    assert revert.replace("&", "&amp;") in history_page.content.decode()
    assert (
        client.post(
            url("item_simple_history", target.pk, first.history_id),
            {"change_reason": "x"},
        ).status_code
        == 403
    )

    form = client.get(revert).context["form"]

    assert form.initial["subject"] == first.subject
    target.refresh_from_db()
    data = edit_data(target, subject=first.subject, reason="撤回主体")
    assert client.post(url("item_edit", target.pk), data).status_code == 302
    target.refresh_from_db()
    assert target.subject == first.subject


def test_a_revert_cannot_change_a_local_catalogs_status(client, editor, local):
    _fill_ticks(local, editor)
    catalog_put_in_force(catalog=local, user=editor, reason="备案")
    in_force = local.history.latest()
    assert (
        client.get(url("catalog_change", local.pk)).context["has_change_permission"]
        is False
    )
    # Back to draft without history, as if a draft had that record in its past.
    Catalog.objects.filter(pk=local.pk).update(status=CatalogStatus.DRAFT)
    revert = url("catalog_simple_history", local.pk, in_force.history_id)

    response = client.post(
        revert, admin_form_data(client.get(revert), change_reason="恢复")
    )

    assert response.status_code == 302
    local.refresh_from_db()
    assert local.status == CatalogStatus.DRAFT
    assert local.history.latest().history_change_reason == "恢复"
