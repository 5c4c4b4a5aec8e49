"""Timeliness figures, checked on a small world whose answers are known by hand."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from catalogs.demo import seed_local_catalogs
from catalogs.models import Catalog, Item
from disclosure.models import InformationRequest, Publication
from disclosure.reports.timeliness.selectors import (
    Period,
    Supervisor,
    body_page,
    region_page,
)
from portal.models import Organisation, Region, WorkingDay
from tests.disclosure.requests.conftest import PERSON

TODAY = date(2026, 11, 20)
Q3 = Period(2026, 3)


def moment(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def publish(item, org, *, due, published=None, status="published", **extra):
    return Publication.objects.create(
        item=item,
        organisation=Organisation.objects.get(code=org),
        level="township" if org.endswith("-gov") else "county",
        title=f"公开信息{Publication.objects.count() + 1}",
        formed_on=date(2026, 7, 1),
        due_on=due,
        status=status,
        published_at=moment(published) if published else None,
        author=extra.pop("author"),
        **extra,
    )


def application(org, *, received, due, replied=None, **extra):
    number = InformationRequest.objects.count() + 1
    body = Organisation.objects.get(code=org)
    return InformationRequest.objects.create(
        organisation=body,
        received_by=body,
        query_code_hash=f"hash-{number}",
        reference=f"LK-2026-{number:04d}",
        channel="web",
        submitted_at=moment(received),
        received_on=received,
        due_on=due,
        replied_on=replied,
        status="replied" if replied else "registered",
        reply_type="granted" if replied else "",
        **PERSON,
        **extra,
    )


@pytest.fixture
def world(demo):
    """Four publications of the county bureau due in Q3 2026: two on time, one
    published on 10 October (a Saturday worked after the National Day holiday),
    three working days after its due date of 30 September, one overdue; and four
    late publications of a township (1, 2, 5 and 9 working days late)."""
    seed_local_catalogs()
    employment = Catalog.objects.get(key="410225-hrss-employment")
    item = Item.objects.filter(catalog=employment, level__gte=2).order_by("pk")[0]
    author = demo["county_publisher"]
    publish(
        item,
        "410225-hrss",
        due=date(2026, 9, 30),
        published=date(2026, 10, 10),
        author=author,
    )
    publish(
        item,
        "410225-hrss",
        due=date(2026, 9, 30),
        published=date(2026, 9, 30),
        author=author,
    )
    publish(
        item,
        "410225-hrss",
        due=date(2026, 9, 15),
        published=date(2026, 9, 1),
        author=author,
    )
    publish(item, "410225-hrss", due=date(2026, 9, 29), status="draft", author=author)
    # Not due in Q3: due in Q4, or retained as on-request information.
    publish(item, "410225-hrss", due=date(2026, 10, 30), status="draft", author=author)
    publish(item, "410225-hrss", due=date(2026, 9, 1), status="retained", author=author)
    for published in (
        date(2026, 9, 2),
        date(2026, 9, 3),
        date(2026, 9, 8),
        date(2026, 9, 14),
    ):
        publish(
            item,
            "410225104-gov",
            due=date(2026, 9, 1),
            published=published,
            author=author,
        )
    # A policy document published on 1 September and two interpretations: one
    # on the 3rd working day (3 September), one on the 4th (4 September).
    document = publish(
        item,
        "410225-hrss",
        due=date(2026, 12, 1),
        published=date(2026, 9, 1),
        kind="policy",
        author=author,
    )
    for published in (date(2026, 9, 4), date(2026, 9, 7)):
        publish(
            item,
            "410225-hrss",
            due=date(2026, 12, 1),
            published=published,
            kind="interpretation",
            interpretation_of=document,
            author=author,
        )
    # Requests received in Q3: replied after 3, 10 and 32 working days (the last
    # one late, its due date extended), one still open past its due date with a
    # correction asked for; one received in Q4 is not counted.
    application(
        "410225-hrss",
        received=date(2026, 9, 1),
        due=date(2026, 9, 29),
        replied=date(2026, 9, 4),
    )
    application(
        "410225-hrss",
        received=date(2026, 9, 1),
        due=date(2026, 9, 29),
        replied=date(2026, 9, 15),
    )
    application(
        "410225-hrss",
        received=date(2026, 9, 1),
        due=date(2026, 10, 20),
        replied=date(2026, 10, 21),
        extension_days=10,
        extension_reason="需要调取档案",
        extension_requested_on=date(2026, 9, 20),
        extension_approved_on=date(2026, 9, 21),
    )
    application(
        "410225-hrss",
        received=date(2026, 9, 10),
        due=date(2026, 10, 15),
        correction_sent_on=date(2026, 9, 11),
        correction_request="请说明所需信息的年份",
    )
    application(
        "410225-hrss",
        received=date(2026, 10, 10),
        due=date(2026, 11, 9),
        replied=date(2026, 11, 2),
    )
    return item


def test_the_calendar_behind_the_world(db):
    """The hand count above holds on the calendar the tests load."""
    ordinal = dict(WorkingDay.objects.values_list("date", "ordinal"))
    assert ordinal[date(2026, 10, 10)] - ordinal[date(2026, 9, 30)] == 3
    assert ordinal[date(2026, 9, 14)] - ordinal[date(2026, 9, 1)] == 9
    assert ordinal[date(2026, 10, 21)] - ordinal[date(2026, 9, 1)] == 32


def test_county_page_counts_per_body(world, demo, django_assert_max_num_queries):
    county = Region.objects.get(code="410225")
    with django_assert_max_num_queries(16):
        page = region_page(
            Supervisor.of(demo["province_reviewer"]), county, period=Q3, today=TODAY
        )
    rows = {row.code: row.figures for row in page.units}
    bureau, township = rows["410225-hrss"], rows["410225104-gov"]
    assert (bureau.due, bureau.on_time, bureau.late, bureau.overdue) == (4, 2, 1, 1)
    assert (bureau.late_median, bureau.late_p90) == (3, 3)
    assert (township.due, township.on_time, township.late) == (4, 0, 4)
    # Nearest rank over 1, 2, 5, 9: the median at rank 2, the 90th percentile at 4.
    assert (township.late_median, township.late_p90) == (2, 9)
    assert (bureau.received, bureau.answered_in_time, bureau.answered_late) == (4, 2, 1)
    assert bureau.reply_median == 10
    assert (bureau.requests_overdue, bureau.extensions, bureau.corrections) == (1, 1, 1)
    assert (bureau.interpretations, bureau.interpretations_late) == (2, 1)
    total = page.total
    assert (total.due, total.on_time, total.late, total.overdue) == (8, 2, 5, 1)
    # Over 1, 2, 3, 5, 9: the median at rank 3, the 90th percentile at rank 5.
    assert (total.late_median, total.late_p90) == (3, 9)
    employment = {row.key: row.figures for row in page.domains}["employment"]
    assert (employment.due, employment.late, employment.late_p90) == (8, 5, 9)


def test_province_page_counts_per_city_and_the_idle_items(world, demo):
    province = Region.objects.get(code="41")
    page = region_page(
        Supervisor.of(demo["province_reviewer"]), province, period=Q3, today=TODAY
    )
    (kaifeng,) = page.units
    assert (kaifeng.code, kaifeng.figures.due, kaifeng.figures.late) == ("4102", 8, 5)
    items = Item.objects.filter(
        catalog__key="410225-hrss-employment", level__gte=2, omitted=False
    ).count()
    # Every item of the county's employment catalog but the one published under.
    assert page.domains[0].figures.idle_items >= items - 1


def test_a_body_page_and_a_county_reviewer_sees_only_their_reach(world, demo):
    bureau = Organisation.objects.get(code="410225-hrss")
    page = body_page(
        Supervisor.of(demo["province_reviewer"]), bureau, period=Q3, today=TODAY
    )
    assert (page.total.due, page.total.late_median, page.total.received) == (4, 3, 4)
    # The township's reviewer-less publisher reaches nothing; the county
    # reviewer reaches the bureau and the townships below it.
    county = Region.objects.get(code="410225")
    page = region_page(
        Supervisor.of(demo["county_reviewer"]), county, period=Q3, today=TODAY
    )
    assert page.total.due == 8
    assert {row.key for row in page.domains} == {"employment", "social_insurance"}
    assert "410225-mca" not in {row.code for row in page.units}
    page = region_page(
        Supervisor.of(demo["township_publisher"]), county, period=Q3, today=TODAY
    )
    assert page.total.due == 0
