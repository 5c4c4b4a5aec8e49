"""A provincial reviewer opens the timeliness statistics, sees the charts drawn
(ECharts under the site's CSP, no violation), drills down to a county and a body,
and downloads the figures; axe finds no serious violation on the pages, charts
drawn."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from catalogs.demo import seed_local_catalogs
from catalogs.models import Catalog, Item
from portal.demo import DEMO_PASSWORD, seed_regions_and_accounts
from tests.disclosure.reports.test_timeliness_figures import publish

from .test_accessibility import checker

pytestmark = pytest.mark.browser


def test_a_reviewer_drills_down_and_exports(page, screenshot):
    seed_regions_and_accounts()
    seed_local_catalogs()
    author = get_user_model().objects.get(username="county_publisher")
    catalog = Catalog.objects.get(key="410225-hrss-employment")
    item = Item.objects.filter(catalog=catalog, level__gte=2).order_by("pk")[0]
    for due, published in (
        (date(2026, 9, 30), date(2026, 10, 10)),
        (date(2026, 9, 30), date(2026, 9, 30)),
        (date(2026, 9, 15), date(2026, 9, 1)),
        (date(2026, 9, 29), None),
    ):
        publish(
            item,
            "410225-hrss",
            due=due,
            published=published,
            status="published" if published else "draft",
            author=author,
        )
    problems, found = [], []
    check = checker(page, found)
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{page.base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", "province_reviewer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")

    page.goto(f"{page.base_url}/staff/timeliness/41/?year=2026&quarter=3")
    page.wait_for_selector("#chart-units-publications canvas")
    screenshot(page, "timeliness-01-province")
    check("timeliness of a province, charts drawn")
    page.click("#timeliness-units a")  # 开封市
    page.wait_for_selector("#timeliness-units")
    page.click("#timeliness-units a[href*='410225']")  # 兰考县
    page.wait_for_selector("#chart-units-publications canvas")
    assert "/staff/timeliness/410225/" in page.url and "quarter=3" in page.url
    screenshot(page, "timeliness-02-county")
    check("timeliness of a county, charts drawn")
    bureau = page.locator("#timeliness-units tbody tr", has_text="人力资源")
    assert bureau.locator("td").first.inner_text() == "4"
    with page.expect_download() as download:
        page.click("#timeliness-xlsx")
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert any(row[0] == "410225-hrss" and row[2] == 4 for row in rows)
    page.click("#timeliness-units a[href*='410225-hrss']")
    page.wait_for_selector("#chart-domains-publications canvas")
    screenshot(page, "timeliness-03-body")
    check("timeliness of a body, charts drawn")
    assert problems == [], problems
    assert not found, "\n".join(found)
