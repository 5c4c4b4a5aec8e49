"""The dashboard's requests due soon and overdue (one query), and "many people ask
for the same thing": three requests about an item in a year suggest publishing
it proactively, with a link to a draft under that item."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosure.requests.selectors import request_due_lists
from disclosure.requests.services import request_set_item

from .conftest import BUREAU, PERSON

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_requests_overdue_and_due_soon(client, office, register):
    overdue = register(date(2026, 10, 8))
    assert overdue.due_on < date.today()
    client.force_login(office["head"])
    page = client.get(reverse("disclosure:dashboard", kwargs={"code": BUREAU}))
    text = page.content.decode()
    assert page.status_code == 200
    assert overdue.reference in text
    assert PERSON["applicant_name"] not in text
    with CaptureQueriesContext(connection) as queries:
        lists = request_due_lists(organisations=[office["bureau"]], today=date.today())
    assert len(queries) == 1
    assert [r.pk for r in lists.overdue] == [overdue.pk] and lists.overdue_count == 1


def test_a_provincial_reviewer_sees_no_request_on_the_dashboard(
    client, office, register
):
    r = register(date(2026, 10, 8))
    client.force_login(office["province_reviewer"])
    text = client.get(
        reverse("disclosure:dashboard", kwargs={"code": "41-hrss"})
    ).content.decode()
    assert r.reference not in text


def test_three_requests_about_an_item_suggest_publishing_it(
    client, lankao, employment_item
):
    from disclosure.requests.services import request_register

    user = lankao["county_publisher"]
    bureau = lankao[f"org:{BUREAU}"]
    made = []
    for day in (date(2026, 9, 1), date(2026, 10, 12), date(2026, 11, 2)):
        r = request_register(
            user=user,
            organisation=bureau,
            channel="in_person",
            received_on=day,
            data=dict(PERSON),
        ).request
        request_set_item(request=r, user=user, item=employment_item)
        made.append(r)
    client.force_login(user)
    queue = client.get(reverse("requests:queue")).content.decode()
    draft = reverse("disclosure:publication-create") + f"?item={employment_item.pk}"
    assert draft in queue.replace("&amp;", "&")
    assert "consider publishing it proactively" in queue
    detail = client.get(made[0].get_absolute_url()).content.decode()
    assert "consider publishing the information proactively (Art. 44)" in detail
    form = client.get(draft).context["form"]
    assert str(form["item"].value()) == str(employment_item.pk)


def test_two_requests_are_not_yet_frequent(client, lankao, employment_item):
    from disclosure.requests.services import request_register

    user = lankao["county_publisher"]
    for day in (date(2026, 9, 1), date(2026, 10, 12)):
        r = request_register(
            user=user,
            organisation=lankao[f"org:{BUREAU}"],
            channel="in_person",
            received_on=day,
            data=dict(PERSON),
        ).request
        request_set_item(request=r, user=user, item=employment_item)
    client.force_login(user)
    queue = client.get(reverse("requests:queue")).content.decode()
    assert "consider publishing it proactively" not in queue
