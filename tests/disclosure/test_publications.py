"""Drafting and the publication lifecycle: due dates, levels, forged posts, uploads."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from catalogs.local.lifecycle import catalog_next_version, catalog_put_in_force
from catalogs.models import Item
from catalogs.selectors import standard_in_force
from disclosure.deadlines import due_date
from disclosure.models import Publication, PublicationStatus
from disclosure.services import (
    publication_update,
    publication_withdraw,
)
from tests.factories import first_unknown_year

from .conftest import VILLAGE, make_draft, post_draft, publish

pytestmark = pytest.mark.django_db


# Due dates on the working-day calendar, 调休 included.


def test_ten_working_days_across_the_spring_festival_count_adjusted_days(
    lankao, dibao_item
):
    # From Mon 2025-01-20: Sun 26 Jan and Sat 8 Feb are adjusted workdays.
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 1, 20)
    )
    assert draft.due_on == date(2025, 2, 8)


def test_twenty_working_days_across_national_day(lankao, employment_item):
    draft = make_draft(
        lankao,
        "county_publisher",
        "410225-hrss",
        employment_item,
        formed_on=date(2025, 9, 26),
    )
    assert draft.due_on == date(2025, 10, 30)


@pytest.mark.parametrize(
    ("kind", "amount", "unit", "formed", "due"),
    [
        # 7 calendar days end on 1 October, a holiday: the next working day.
        ("within", 7, "calendar_days", date(2025, 9, 24), date(2025, 10, 9)),
        ("within", 24, "hours", date(2025, 9, 24), date(2025, 9, 25)),
        ("realtime", None, "", date(2025, 10, 1), date(2025, 10, 9)),
        ("realtime", None, "", date(2025, 9, 24), date(2025, 9, 24)),
        # 及时: five working days, the Sunday 28 September counted.
        ("promptly", None, "", date(2025, 9, 24), date(2025, 9, 30)),
        ("unspecified", None, "", date(2025, 9, 26), date(2025, 10, 30)),
        ("within", None, "", date(2025, 9, 26), date(2025, 10, 30)),
        ("periodic", 20, "working_days", date(2025, 9, 26), date(2025, 10, 30)),
    ],
)
def test_due_date_rule_per_kind_of_time_limit(kind, amount, unit, formed, due):
    item = Item(time_limit_kind=kind, time_limit_amount=amount, time_limit_unit=unit)
    assert due_date(item, formed).day == due


def test_a_date_beyond_the_calendars_horizon_is_refused_and_nothing_is_written(
    lankao, dibao_item
):
    unknown = first_unknown_year()
    with pytest.raises(ValidationError) as excinfo, translation.override("en"):
        make_draft(
            lankao,
            "village_publisher",
            VILLAGE,
            dibao_item,
            formed_on=date(unknown, 3, 1),
        )
    (message,) = excinfo.value.message_dict["formed_on"]
    assert message.startswith(f"{unknown}-03-01 is too far ahead")
    assert not Publication.objects.exists()


def test_the_draft_form_shows_the_calendar_error_for_an_unknown_year(
    client, lankao, dibao_item
):
    unknown = first_unknown_year()
    client.force_login(lankao["village_publisher"])
    response = post_draft(
        client, lankao[f"org:{VILLAGE}"], dibao_item, formed_on=f"{unknown}-01-04"
    )
    assert response.status_code == 200
    # post_draft posts to the English pages.
    assert f"{unknown}-01-04" in response.content.decode()
    assert "is too far ahead" in response.content.decode()
    assert not Publication.objects.exists()


# Lifecycle, each transition with its reason in the history.


def test_lifecycle_draft_review_published_withdrawn_is_in_history(lankao, dibao_item):
    draft = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 26),
        title="低保公示",
    )
    assert draft.status == PublicationStatus.DRAFT
    published = publish(lankao, draft)
    assert published.status == PublicationStatus.PUBLISHED
    assert published.published_at is not None
    assert published.attribute == "proactive"
    withdrawn = publication_withdraw(
        publication=published, user=lankao["village_publisher"], reason="名单有误。"
    )
    assert withdrawn.status == PublicationStatus.WITHDRAWN
    history = list(withdrawn.history.order_by("history_id"))
    assert [h.status for h in history] == [
        "draft",
        "in_review",
        "published",
        "withdrawn",
    ]
    assert history[-1].history_change_reason == "名单有误。"
    assert history[-1].history_user == lankao["village_publisher"]


def test_withdrawing_needs_a_reason(lankao, dibao_item):
    published = publish(
        lankao,
        make_draft(
            lankao,
            "village_publisher",
            VILLAGE,
            dibao_item,
            formed_on=date(2025, 9, 26),
        ),
    )
    with pytest.raises(ValidationError) as excinfo:
        publication_withdraw(
            publication=published, user=lankao["village_publisher"], reason=" "
        )
    assert excinfo.value.message_dict["reason"] == [
        "Give a reason; it is recorded in the history."
    ]


def test_only_drafts_are_edited_and_stale_edits_are_refused(lankao, dibao_item):
    user = lankao["village_publisher"]
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    seen = draft.history.latest().history_id
    publication_update(
        publication=draft,
        user=user,
        changes={"title": "新标题"},
        seen_history_id=seen,
        reason="改标题",
    )
    with pytest.raises(ValidationError) as excinfo:
        publication_update(
            publication=draft,
            user=user,
            changes={"title": "旧页面"},
            seen_history_id=seen,
            reason="再改",
        )
    assert "after you opened it" in excinfo.value.messages[0]
    assert Publication.objects.get().title == "新标题"


# Levels and forged posts.


def test_levels_are_limited_to_the_levels_the_item_allows(lankao, employment_item):
    with pytest.raises(ValidationError) as excinfo:
        make_draft(
            lankao,
            "village_publisher",
            VILLAGE,
            employment_item,
            formed_on=date(2025, 9, 26),
        )
    assert (
        "is not published at the village level" in excinfo.value.message_dict["item"][0]
    )
    assert not Publication.objects.exists()


def test_the_level_is_the_organisations_own(lankao, dibao_item):
    township = make_draft(
        lankao,
        "township_publisher",
        "410225104-gov",
        dibao_item,
        formed_on=date(2025, 9, 26),
    )
    village = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    assert (township.level, village.level) == ("township", "village")


def test_publishing_for_another_organisation_is_refused_by_the_service(
    lankao, dibao_item
):
    with pytest.raises(PermissionDenied):
        make_draft(
            lankao,
            "village_publisher",
            "410225104-gov",
            dibao_item,
            formed_on=date(2025, 9, 26),
        )
    assert not Publication.objects.exists()


def test_a_forged_post_for_another_organisation_writes_nothing(
    client, lankao, dibao_item
):
    client.force_login(lankao["village_publisher"])
    response = post_draft(client, lankao["org:410225-hrss"], dibao_item)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_forged_post_at_a_level_the_item_does_not_allow_writes_nothing(
    client, lankao, employment_item
):
    client.force_login(lankao["village_publisher"])
    response = post_draft(client, lankao[f"org:{VILLAGE}"], employment_item)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_forged_edit_of_another_organisations_draft_is_not_found(
    client, lankao, dibao_item
):
    draft = make_draft(
        lankao,
        "township_publisher",
        "410225104-gov",
        dibao_item,
        formed_on=date(2025, 9, 26),
    )
    client.force_login(lankao["village_publisher"])
    response = client.post(
        reverse("disclosure:publication-edit", args=[draft.pk]), {"title": "x"}
    )
    assert response.status_code == 404
    assert Publication.objects.get().title == "公示"


# Script tags are text.


def test_script_tags_are_stored_as_text_and_escaped_on_every_page(
    client, lankao, dibao_item
):
    script = "<script>alert('x')</script>"
    draft = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 26),
        title=f"公示{script}",
        body=f"正文{script}",
    )
    assert Publication.objects.get().title == f"公示{script}"
    client.force_login(lankao["village_publisher"])
    pages = [
        reverse("disclosure:publication-detail", args=[draft.pk]),
        reverse("disclosure:publication-list"),
        reverse("disclosure:dashboard", args=[VILLAGE]),
        reverse("disclosure:publication-edit", args=[draft.pk]),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
    detail = client.get(pages[0]).content.decode()
    assert "公示&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in detail
    assert "正文&lt;script&gt;" in detail
    client.force_login(lankao["site_admin"])
    admin = client.get(
        reverse("admin:disclosure_publication_changelist")
    ).content.decode()
    assert "<script>alert" not in admin


# Only a catalog in force is published under.


def _draft_version(lankao, code="2.3"):
    """A second version of the relief catalog, begun from the one in force."""
    catalog_next_version(
        organisation=lankao["org:410225-mca"],
        standard=standard_in_force("social_relief_henan"),
        decisions={},
    )
    return Item.objects.get(
        catalog__key="410225-mca-social_relief", catalog__status="draft", code=code
    )


def test_a_drafts_items_are_not_offered_to_publishers(client, lankao, dibao_item):
    drafted = _draft_version(lankao)
    client.force_login(lankao["village_publisher"])
    page = client.get(reverse("disclosure:publication-create")).content.decode()
    assert f'value="{dibao_item.pk}"' in page
    assert f'value="{drafted.pk}"' not in page


def test_a_forged_post_under_a_drafts_item_is_refused_with_the_reason(
    client, lankao, dibao_item
):
    drafted = _draft_version(lankao)
    client.force_login(lankao["village_publisher"])
    response = post_draft(client, lankao[f"org:{VILLAGE}"], drafted)
    assert response.status_code == 200
    assert (
        "which is draft, not in force; publish only under the catalog in force"
        in response.content.decode()
    )
    assert not Publication.objects.exists()
    with pytest.raises(ValidationError) as excinfo:
        make_draft(
            lankao, "village_publisher", VILLAGE, drafted, formed_on=date(2025, 9, 26)
        )
    assert "not in force" in excinfo.value.message_dict["item"][0]


def test_a_draft_under_an_earlier_version_is_offered_its_row_in_force(
    client, lankao, dibao_item
):
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    drafted = _draft_version(lankao)
    catalog_put_in_force(catalog=drafted.catalog, reason="印发第二版")
    client.force_login(lankao["village_publisher"])
    page = client.get(reverse("disclosure:publication-edit", args=[draft.pk]))
    assert f'<option value="{drafted.pk}" selected>' in page.content.decode()
    assert f'value="{dibao_item.pk}"' not in page.content.decode()


def test_someone_publishing_for_two_bodies_is_offered_their_items_only(
    client, lankao, dibao_item
):
    """Not every local item of the country (7,921 options at 150 counties):
    the items either body publishes under."""
    from disclosure.selectors import publishable_items
    from portal.models import Membership, Organisation, Role

    township = Organisation.objects.get(code="410225104-gov")
    Membership.objects.create(
        user=lankao["village_publisher"], organisation=township, role=Role.PUBLISHER
    )
    client.force_login(lankao["village_publisher"])
    response = client.get(reverse("disclosure:publication-create"))
    offered = set(response.context["form"].fields["item"].queryset)
    village = Organisation.objects.get(code=VILLAGE)
    expected = set(publishable_items(village)) | set(publishable_items(township))
    assert offered == expected and dibao_item in offered
