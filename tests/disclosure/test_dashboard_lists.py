"""The dashboard's overdue and due-soon lists: the most urgent rows, the totals, the full list."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.selectors import due_lists
from disclosure.views import PublicationListView
from portal.models import Organisation, Role
from tests import factories

from .conftest import publish
from .test_dashboard import TODAY, TOWNSHIP, draft_due

pytestmark = pytest.mark.django_db

OVERDUE = [  # (due on, title), most urgent first; two share a due date
    (date(2025, 9, 22), "逾期一"),
    (date(2025, 9, 25), "逾期二"),
    (date(2025, 9, 25), "逾期三"),
    (date(2025, 9, 29), "逾期四"),
    (date(2025, 9, 30), "逾期五"),
]
DUE_SOON = [
    (TODAY, "今日到期"),
    (date(2025, 10, 10), "明日到期"),
    (date(2025, 10, 11), "调休日到期"),
    (date(2025, 10, 13), "周一到期"),
]


@pytest.fixture
def many_due(lankao, dibao_item):
    """Five overdue and four due-soon drafts of the village, made out of order.

    The two due on the same day are made in list order: the key breaks the tie.
    """
    made = {}
    rows = OVERDUE + DUE_SOON
    for index in (8, 4, 6, 3, 1, 2, 7, 0, 5):
        due_on, title = rows[index]
        made[title] = draft_due(lankao, dibao_item, due_on, title)
    draft_due(lankao, dibao_item, date(2025, 10, 16), "第六个工作日")  # beyond
    publish(lankao, draft_due(lankao, dibao_item, date(2025, 9, 1), "已发布"))
    return made


@pytest.fixture
def fixed_today(monkeypatch):
    real = timezone.localdate

    def fixed(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", fixed)


def titles(rows):
    return [p.title for p in rows]


def test_both_lists_and_their_totals_come_from_two_queries(
    many_due, django_assert_num_queries
):
    # The rows numbered (from the index alone on PostgreSQL), then the shown by key.
    with django_assert_num_queries(2):
        lists = due_lists(
            organisations=Organisation.objects.all(), today=TODAY, shown=3
        )
    assert titles(lists.overdue) == ["逾期一", "逾期二", "逾期三"]
    assert titles(lists.due_soon) == ["今日到期", "明日到期", "调休日到期"]
    assert (lists.overdue_count, lists.due_soon_count) == (5, 4)
    assert all(p.overdue for p in lists.overdue)
    assert not any(p.overdue for p in lists.due_soon)
    assert [p.working_days_left for p in lists.due_soon] == [0, 1, 2]


def test_rows_with_the_same_due_date_keep_the_order_of_their_keys(many_due):
    lists = due_lists(organisations=Organisation.objects.all(), today=TODAY, shown=3)
    second, third = lists.overdue[1:3]
    assert second.due_on == third.due_on and second.pk < third.pk


def test_when_fewer_rows_than_shown_every_row_is_listed(many_due):
    lists = due_lists(organisations=Organisation.objects.all(), today=TODAY)
    assert titles(lists.overdue) == [title for _, title in OVERDUE]
    assert titles(lists.due_soon) == [title for _, title in DUE_SOON]
    assert (lists.overdue_count, lists.due_soon_count) == (5, 4)


def test_an_empty_list_has_a_total_of_nought(many_due, django_assert_num_queries):
    township = Organisation.objects.filter(code=TOWNSHIP)
    with django_assert_num_queries(1):
        lists = due_lists(organisations=township, today=TODAY, shown=3)
    assert lists.overdue == lists.due_soon == []
    assert (lists.overdue_count, lists.due_soon_count) == (0, 0)


def test_the_dashboard_shows_the_most_urgent_rows_and_the_totals(
    client, lankao, many_due, fixed_today, monkeypatch
):
    monkeypatch.setattr("disclosure.views.DUE_ROWS_SHOWN", 3)
    client.force_login(lankao["mca_reviewer"])
    response = client.get(reverse("disclosure:dashboard", args=["410225-mca"]))
    assert response.status_code == 200
    context = response.context
    assert titles(context["overdue"]) == ["逾期一", "逾期二", "逾期三"]
    assert titles(context["due_soon"]) == ["今日到期", "明日到期", "调休日到期"]
    assert (context["overdue_count"], context["due_soon_count"]) == (5, 4)
    body = response.content.decode()
    assert '<span class="count">5</span>' in body
    assert '<span class="count">4</span>' in body
    assert "Showing the 3 most urgent of 5." in body
    assert "Showing the 3 most urgent of 4." in body
    publications = reverse("disclosure:publication-list")
    assert f"{publications}?due=overdue&amp;organisation=410225-mca" in body
    assert f"{publications}?due=soon&amp;organisation=410225-mca" in body
    assert "逾期四" not in body


def test_an_untruncated_list_has_no_showing_sentence(
    client, lankao, many_due, fixed_today
):
    client.force_login(lankao["mca_reviewer"])
    response = client.get(reverse("disclosure:dashboard", args=["410225-mca"]))
    body = response.content.decode()
    assert "most urgent of" not in body
    assert "?due=overdue" not in body
    assert "逾期五" in body


def test_the_full_list_is_the_dashboards_list_most_urgent_first(
    client, lankao, many_due, fixed_today
):
    client.force_login(lankao["mca_reviewer"])
    url = reverse("disclosure:publication-list")
    query = {"due": "overdue", "organisation": "410225-mca"}
    response = client.get(url, query)
    assert response.status_code == 200
    assert titles(response.context["publications"]) == [t for _, t in OVERDUE]
    assert "Overdue" in response.content.decode()
    response = client.get(url, {**query, "due": "soon"})
    assert titles(response.context["publications"]) == [t for _, t in DUE_SOON]
    response = client.get(url, {**query, "status": "in_review"})
    assert titles(response.context["publications"]) == []


def test_the_full_list_is_paginated_and_its_pages_keep_the_filter(
    client, lankao, many_due, fixed_today, monkeypatch
):
    monkeypatch.setattr(PublicationListView, "paginate_by", 2)
    client.force_login(lankao["mca_reviewer"])
    url = reverse("disclosure:publication-list")
    response = client.get(url, {"due": "overdue", "organisation": "410225-mca"})
    assert titles(response.context["publications"]) == ["逾期一", "逾期二"]
    body = response.content.decode()
    assert "?due=overdue&amp;organisation=410225-mca&amp;page=2" in body
    response = client.get(
        url, {"due": "overdue", "organisation": "410225-mca", "page": 3}
    )
    assert titles(response.context["publications"]) == ["逾期五"]


def test_another_countys_reviewer_does_not_see_the_rows(
    client, lankao, many_due, fixed_today
):
    qixian = lankao["org:410221-hrss"]
    client.force_login(
        factories.user(organisation=qixian, role=Role.REVIEWER, is_staff=True)
    )
    url = reverse("disclosure:publication-list")
    for due in ("overdue", "soon"):
        response = client.get(url, {"due": due})
        assert response.status_code == 200
        assert titles(response.context["publications"]) == []
        response = client.get(url, {"due": due, "organisation": "410225-mca"})
        assert response.status_code == 404
        response = client.get(url, {"due": due, "organisation": "410221-hrss"})
        assert titles(response.context["publications"]) == []


def test_a_township_publisher_sees_only_its_own_bodys_rows(
    client, lankao, many_due, dibao_item, fixed_today
):
    draft_due(
        lankao,
        dibao_item,
        date(2025, 9, 30),
        "镇级逾期",
        who="township_publisher",
        org=TOWNSHIP,
    )
    client.force_login(lankao["township_publisher"])
    url = reverse("disclosure:publication-list")
    response = client.get(url, {"due": "overdue"})
    assert titles(response.context["publications"]) == ["镇级逾期"]
    response = client.get(url, {"due": "overdue", "organisation": TOWNSHIP})
    assert titles(response.context["publications"]) == ["镇级逾期"]
