"""The staff dashboard: overdue and due-soon in one query, gaps, the review queue."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Publication, PublicationStatus
from disclosure.selectors import (
    dashboard_organisations,
    items_without_publications,
    publications_due,
    review_queue,
)
from disclosure.services import publication_submit
from portal.models import Organisation
from tests.factories import first_unknown_year

from .conftest import local_item, make_draft, publish

pytestmark = pytest.mark.django_db

VILLAGE = "410225104201-vc"
TOWNSHIP = "410225104-gov"
# Thursday 9 October 2025, the first working day after National Day; Saturday
# 11 October is an adjusted workday. Five working days on: 10, 11, 13, 14, 15.
TODAY = date(2025, 10, 9)


def draft_due(users, item, due_on, title, *, who="village_publisher", org=VILLAGE):
    publication = make_draft(
        users, who, org, item, formed_on=date(2025, 9, 1), title=title
    )
    publication.due_on = due_on  # the selector is tested apart from the rule
    publication.save()
    return publication


@pytest.fixture
def due_set(lankao, dibao_item):
    made = {
        "overdue": draft_due(lankao, dibao_item, date(2025, 9, 30), "逾期"),
        "today": draft_due(lankao, dibao_item, TODAY, "今日到期"),
        "fifth": draft_due(lankao, dibao_item, date(2025, 10, 15), "第五个工作日"),
        "sixth": draft_due(lankao, dibao_item, date(2025, 10, 16), "第六个工作日"),
        "township": draft_due(
            lankao,
            dibao_item,
            date(2025, 10, 10),
            "镇级即将到期",
            who="township_publisher",
            org=TOWNSHIP,
        ),
    }
    done = draft_due(lankao, dibao_item, date(2025, 10, 10), "已发布")
    publish(lankao, done)
    return made


def everyone():
    return Organisation.objects.all()


def test_overdue_and_due_soon_come_from_one_query(due_set, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(publications_due(organisations=everyone(), today=TODAY))
    assert [(p.title, p.overdue, p.working_days_left) for p in rows] == [
        ("逾期", True, -1),
        ("今日到期", False, 0),
        ("镇级即将到期", False, 1),
        ("第五个工作日", False, 5),
    ]


def test_publications_in_review_count_and_published_ones_do_not(lankao, due_set):
    publication_submit(publication=due_set["today"], user=lankao["village_publisher"])
    titles = [p.title for p in publications_due(organisations=everyone(), today=TODAY)]
    assert "今日到期" in titles
    assert "已发布" not in titles


def test_on_a_rest_day_the_window_starts_from_the_next_working_day(due_set):
    # Saturday 4 October 2025 is a holiday: 9, 10, 11, 13 and 14 October follow.
    rows = publications_due(organisations=everyone(), today=date(2025, 10, 4))
    assert [p.title for p in rows] == ["逾期", "今日到期", "镇级即将到期"]
    assert rows[0].overdue


def test_when_the_calendar_does_not_cover_today_only_overdue_is_listed(
    due_set, django_assert_num_queries
):
    uncovered = date(first_unknown_year(), 1, 5)
    with django_assert_num_queries(1):
        rows = list(publications_due(organisations=everyone(), today=uncovered))
    assert all(p.overdue for p in rows)
    assert len(rows) == 5


def test_the_scope_limits_the_rows(due_set):
    township = Organisation.objects.filter(code=TOWNSHIP)
    rows = publications_due(organisations=township, today=TODAY)
    assert [p.title for p in rows] == ["镇级即将到期"]


def test_a_county_reviewers_dashboard_reaches_the_villages_below(lankao):
    county = lankao["org:410225-hrss"]
    scope = dashboard_organisations(lankao["county_reviewer"], county)
    codes = set(scope.values_list("code", flat=True))
    assert {"410225-hrss", TOWNSHIP, VILLAGE} <= codes
    assert "410225-mca" not in codes  # a peer body, not one below
    village_scope = dashboard_organisations(
        lankao["village_publisher"], lankao[f"org:{VILLAGE}"]
    )
    assert list(village_scope.values_list("code", flat=True)) == [VILLAGE]


def test_items_with_nothing_published(lankao, dibao_item):
    village = lankao[f"org:{VILLAGE}"]
    tekun = local_item("social_relief", "3.3")
    assert set(items_without_publications(village)) == {dibao_item, tekun}
    publish(
        lankao,
        make_draft(
            lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 1)
        ),
    )
    assert list(items_without_publications(village)) == [tekun]


def test_the_review_queue_lists_what_waits_for_review(lankao, due_set):
    publication_submit(publication=due_set["fifth"], user=lankao["village_publisher"])
    queue = review_queue(organisations=everyone())
    assert [p.title for p in queue] == ["第五个工作日"]


def test_the_dashboard_page_shows_due_overdue_queue_gaps_and_withdrawn(
    client, lankao, due_set, monkeypatch
):
    real = timezone.localdate

    def fixed(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", fixed)
    publication_submit(publication=due_set["sixth"], user=lankao["village_publisher"])
    # The 低保 rows below are social relief: on the 民政局 reviewer's dashboard.
    client.force_login(lankao["mca_reviewer"])
    response = client.get(reverse("disclosure:dashboard", args=["410225-mca"]))
    assert response.status_code == 200
    context = response.context
    assert [p.title for p in context["overdue"]] == ["逾期"]
    assert [p.title for p in context["due_soon"]] == [
        "今日到期",
        "镇级即将到期",
        "第五个工作日",
    ]
    assert [p.title for p in context["review_queue"]] == ["第六个工作日"]
    body = response.content.decode()
    assert "1 working day overdue" in body
    assert "5 working days left" in body
    assert "Due today" in body


def test_a_bureaus_dashboard_lists_only_the_rows_of_its_domains(
    client, lankao, due_set, monkeypatch
):
    real = timezone.localdate

    def fixed(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", fixed)
    publication_submit(publication=due_set["sixth"], user=lankao["village_publisher"])
    # The 人社局's reviewer reaches the township and village below, but their
    # 低保 rows are social relief, the 民政局's domain: none is listed.
    client.force_login(lankao["county_reviewer"])
    response = client.get(reverse("disclosure:dashboard", args=["410225-hrss"]))
    assert response.status_code == 200
    context = response.context
    assert context["overdue"] == context["due_soon"] == []
    assert context["review_queue"] == []
    full = client.get(
        reverse("disclosure:publication-list"),
        {"due": "soon", "organisation": "410225-hrss"},
    )
    assert "今日到期" not in full.content.decode()


def test_the_demo_has_every_state_at_every_level_and_a_masked_dibao_list(
    demo_catalogs,
):
    states = set(Publication.objects.values_list("level", "status"))
    for level in ("county", "township", "village"):
        for status in ("draft", "in_review", "published", "withdrawn"):
            assert (level, status) in states
    retained = Publication.objects.get(status=PublicationStatus.RETAINED)
    assert retained.attribute == "not_disclosed"
    assert retained.negative_list_entry.category == "过程性信息"
    listing = Publication.objects.get(title__contains="最低生活保障审核信息公示")
    assert listing.status == PublicationStatus.PUBLISHED
    assert "410225********" in listing.body
    assert "139****2345" in listing.body
    from disclosure.pii import find_personal_data

    assert find_personal_data(listing.body) == []
    today = timezone.localdate()
    rows = list(publications_due(organisations=everyone(), today=today))
    assert any(p.overdue for p in rows) and any(not p.overdue for p in rows)


def test_a_long_review_queue_shows_its_first_rows_and_its_count(
    client, lankao, due_set, monkeypatch
):
    monkeypatch.setattr("disclosure.views.DUE_ROWS_SHOWN", 1)
    for name in ("fifth", "sixth"):
        publication_submit(publication=due_set[name], user=lankao["village_publisher"])
    client.force_login(lankao["mca_reviewer"])
    response = client.get(reverse("disclosure:dashboard", args=["410225-mca"]))
    context = response.context
    assert [p.title for p in context["review_queue"]] == ["第五个工作日"]
    assert context["review_count"] == 2
    body = response.content.decode()
    assert "The first 1 are listed." in body
    assert reverse("disclosure:publication-list") + "?status=in_review" in body


def test_recent_withdrawals_begin_at_midnight_beijing_time_thirty_days_back(due_set):
    """A range on ``withdrawn_at`` from the first moment of the day (in the
    portal's time zone), as the calendar day of the withdrawal would say."""
    from datetime import datetime, timedelta

    from disclosure.selectors import RECENT_DAYS, recently_withdrawn

    first = date.fromordinal(TODAY.toordinal() - RECENT_DAYS)
    beijing = timezone.get_default_timezone()
    moments = {
        "overdue": datetime(first.year, first.month, first.day, 0, 5, tzinfo=beijing),
        "today": datetime(first.year, first.month, first.day, 0, 0, tzinfo=beijing)
        - timedelta(minutes=5),
    }
    for key, moment in moments.items():
        Publication.objects.filter(pk=due_set[key].pk).update(
            status=PublicationStatus.WITHDRAWN,
            published_at=moment - timedelta(days=1),
            withdrawn_at=moment,
        )
    listed = recently_withdrawn(organisations=everyone(), today=TODAY)
    assert [p.title for p in listed] == ["逾期"]  # 23:55 the day before is not
