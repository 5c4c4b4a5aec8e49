"""The quarterly progress report: catalogs compiled and filed, publications on time."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from catalogs.demo import seed_local_catalogs
from catalogs.filings.services import filing_accept, filing_submit
from catalogs.models import Catalog, Item
from disclosure.models import Publication
from disclosure.reports.progress import Quarter, progress_report
from portal.models import Organisation, Region

TODAY = date(2026, 11, 20)
QUARTER = Quarter(2026, 4)


def user(name):
    return get_user_model().objects.get(username=name)


def publish(item, org_code, *, formed, due, published=None, status="published"):
    moment = None
    if published is not None:
        moment = timezone.make_aware(datetime.combine(published, time(10)))
    return Publication.objects.create(
        item=item,
        organisation=Organisation.objects.get(code=org_code),
        level="township" if org_code.endswith("-gov") else "county",
        title=f"公开信息{Publication.objects.count() + 1}",
        formed_on=formed,
        due_on=due,
        status=status,
        published_at=moment,
        author=user("county_publisher"),
    )


@pytest.fixture
def henan(demo):
    seed_local_catalogs()
    employment = Catalog.objects.get(key="410225-hrss-employment")
    filing = filing_submit(catalog=employment, user=user("county_editor"))
    filing_accept(filing=filing, user=user("province_reviewer"))
    item = Item.objects.get(catalog=employment, code="1.1")
    october = date(2026, 10, 9)
    publish(
        item, "410225-hrss", formed=october, due=date(2026, 10, 30), published=october
    )
    publish(
        item,
        "410225-hrss",
        formed=october,
        due=date(2026, 10, 12),
        published=date(2026, 10, 20),
    )
    publish(
        item,
        "410225104-gov",
        formed=october,
        due=date(2026, 11, 6),
        published=date(2026, 11, 2),
    )
    publish(
        item,
        "410225-hrss",
        formed=date(2026, 9, 1),
        due=date(2026, 9, 29),
        published=date(2026, 9, 10),
    )
    publish(item, "410225-hrss", formed=october, due=date(2026, 11, 6), status="draft")
    publish(
        item,
        "410225-hrss",
        formed=TODAY,
        due=TODAY + timedelta(days=20),
        status="in_review",
    )
    return employment


def report():
    return {
        (row.county.code, row.domain.key): row
        for row in progress_report(
            province=Region.objects.get(code="41"), quarter=QUARTER, today=TODAY
        )
    }


def test_quarters_run_from_the_first_day_to_the_next_quarter():
    assert Quarter.of(TODAY) == QUARTER
    assert (QUARTER.first_day, QUARTER.next_first_day) == (
        date(2026, 10, 1),
        date(2027, 1, 1),
    )
    assert Quarter(2020, 2).first_day == date(2020, 4, 1)


def test_the_report_counts_per_county_and_domain(henan, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        rows = report()
    assert len(rows) == 2 * 4
    lankao = rows[("410225", "employment")]
    assert (lankao.compiled, lankao.catalog_label) == (True, "Draft")
    assert (lankao.filed, lankao.filing_status) == (True, "accepted")
    assert lankao.items == henan.items.filter(level__gte=2, omitted=False).count()
    # Three published in the quarter (one by a township), one of them late.
    assert (lankao.published, lankao.on_time) == (3, 2)
    assert lankao.share_on_time == pytest.approx(2 / 3)
    assert lankao.overdue == 1
    qixian = rows[("410221", "employment")]
    assert (qixian.compiled, qixian.filed, qixian.published) == (True, False, 0)
    assert qixian.share_on_time is None
    assert not rows[("410221", "social_relief")].compiled


def test_the_reviewer_reads_the_page_and_downloads_the_workbook(client, henan):
    client.force_login(user("province_reviewer"))
    url = reverse("progress:report")
    page = client.get(url, {"year": "2026", "quarter": "4"})
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="progress-410225-employment"' in body
    assert 'id="progress-410221-social_relief"' in body
    answer = client.get(url, {"year": "2026", "quarter": "4", "format": "xlsx"})
    assert answer["Content-Disposition"].endswith('"progress-41-2026Q4.xlsx"')
    rows = list(load_workbook(io.BytesIO(answer.content)).active.values)
    assert rows[0][0].startswith("河南省")
    assert len(rows) == 3 + 2 * 4
    lankao = next(r for r in rows if r[0] == "410225" and r[2] == "就业")
    assert lankao[6:] == (
        henan.items.filter(level__gte=2, omitted=False).count(),
        3,
        2,
        66.7,
        1,
        0,  # none of them on a provisional due date
    )


@pytest.mark.parametrize("username", ["county_editor", "county_publisher", "citizen"])
def test_only_provincial_reviewers_read_the_report(client, henan, username):
    client.force_login(user(username))
    assert client.get(reverse("progress:report")).status_code == 403


def test_the_navigation_links_the_report_when_it_is_installed(client, henan):
    client.force_login(user("province_reviewer"))
    page = client.get(reverse("filings:queue")).content.decode()
    assert 'id="nav-progress"' in page
