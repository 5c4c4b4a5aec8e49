"""The bulk edit (issue 14, point 5): many items of a local catalog changed in one
action, one history record per item and one reason."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from catalogs.local.derivation import catalog_derive, item_update
from catalogs.local.edits import items_update
from catalogs.local.validation import MODE_MISSING, catalog_validate
from catalogs.models import Item
from catalogs.selectors import standard_in_force
from portal.audit import last_history_id
from portal.models import Organisation

pytestmark = pytest.mark.django_db

REASON = "按县政府办意见统一填写公开方式和公开层级"


def url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:catalogs_{name}", args=args)


@pytest.fixture
def editor(client, demo):
    client.force_login(demo["county_editor"])
    return demo["county_editor"]


@pytest.fixture
def local(editor):
    with translation.override("en"):
        return catalog_derive(
            organisation=Organisation.objects.get(code="410225-hrss"),
            standard=standard_in_force("employment"),
            user=editor,
        )


def codes(catalog, code):
    return [f.item for f in catalog_validate(catalog) if f.code == code]


def test_the_bulk_edit_fixes_the_seven_mode_missing_errors_in_one_action(
    client, editor, local
):
    missing = codes(local, MODE_MISSING)
    assert len(missing) == 7
    before = {item.pk: item.history.count() for item in missing}
    data = {"action": "bulk_edit", "_selected_action": [i.pk for i in missing]}

    asked = client.post(url("item_changelist"), data)

    assert asked.status_code == 200
    form = asked.context["form"]
    assert {"mode_proactive", "level_village", "subject", "add_channel"} <= set(
        form.fields
    )
    # Asking wrote nothing.
    assert {i.pk: i.history.count() for i in Item.objects.filter(pk__in=before)} == (
        before
    )
    seen = {f"seen_{i.pk}": str(last_history_id(i)) for i in missing}
    done = client.post(
        url("item_changelist"),
        {
            **data,
            **seen,
            "apply": "1",
            "mode_proactive": "yes",
            "mode_on_request": "no",
            "audience_public": "yes",
            "level_county": "yes",
            "level_township": "yes",
            "level_village": "no",
            "add_channel": "notice-board",
            "reason": REASON,
        },
    )

    assert done.status_code == 302
    assert codes(local, MODE_MISSING) == []
    with translation.override("en"):
        shown = [str(m) for m in get_messages(done.wsgi_request)]
    assert "7 of the 7 selected items were changed." in shown
    for item in Item.objects.filter(pk__in=before):
        assert item.history.count() == before[item.pk] + 1  # one record per item
        record = item.history.order_by("-history_id").first()
        assert record.history_change_reason == REASON
        assert record.history_user == editor
        assert (item.mode_proactive, item.mode_on_request) == (True, False)
        assert (item.level_county, item.level_township, item.level_village) == (
            True,
            True,
            False,
        )
        assert item.audience_public is True and item.audience_specific is None
        assert item.channels.count("notice-board") == 1


def test_the_bulk_edit_without_any_column_or_reason_is_refused(client, editor, local):
    target = Item.objects.get(catalog=local, code="1.2")
    records = target.history.count()
    data = {"action": "bulk_edit", "_selected_action": [target.pk], "apply": "1"}
    with translation.override("en"):
        answer = client.post(url("item_changelist"), {**data, "reason": "统一"})
        assert answer.status_code == 200
        assert "Nothing would change" in str(answer.context["form"].non_field_errors())
        answer = client.post(url("item_changelist"), {**data, "mode_proactive": "yes"})
        assert answer.context["form"].errors["reason"]
    assert target.history.count() == records
    assert Item.objects.get(pk=target.pk).mode_proactive is None


def test_a_stale_item_stops_the_whole_bulk_edit(local, editor):
    first, second = Item.objects.filter(catalog=local, level=2).order_by("position")[:2]
    seen = {first.pk: last_history_id(first), second.pk: last_history_id(second)}
    item_update(
        item=second,
        seen_history_id=seen[second.pk],
        changes={"subject": "另一位编辑"},
        user=editor,
        reason="同时修改",
    )
    with pytest.raises(ValidationError) as refused:
        items_update(
            items=[first, second],
            changes={"mode_proactive": True},
            seen=seen,
            user=editor,
            reason=REASON,
        )
    assert second.name in str(refused.value)
    first.refresh_from_db()
    assert first.mode_proactive is None  # nothing half-written
