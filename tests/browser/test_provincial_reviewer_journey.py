"""A county files the employment catalog, the province returns it with a comment on
one item, the county corrects it and files again, the province accepts it and
downloads the province bundle, all in a real browser.

Selectors use ids and addresses rather than words, so the journey holds in
Chinese (the default) as in English.
"""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from catalogs.demo import seed_local_catalogs
from catalogs.local.edits import item_update
from catalogs.models import Catalog, Filing, FilingStatus
from portal.audit import last_history_id
from portal.demo import DEMO_PASSWORD, seed_regions_and_accounts

pytestmark = pytest.mark.browser

KEY = "410225-hrss-employment"
COMMENT = "“咨询电话”未列入公开内容，请补充。"


def sign_in(page, username):
    # Into the admin itself (staff otherwise land on 工作台 or the filings queue).
    page.goto(f"{page.base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def sign_out(page):
    page.click(".staff-nav__user button")
    page.wait_for_load_state()


def status_of(page) -> str:
    return page.get_attribute("#filing-status .filing-status", "class")


def test_a_filing_is_returned_corrected_accepted_and_exported(page, screenshot):
    seed_regions_and_accounts()
    seed_local_catalogs()
    catalog = Catalog.objects.get(key=KEY)

    # The county editor files the employment catalog.
    sign_in(page, "county_editor")
    page.goto(f"{page.base_url}/filings/new/")
    screenshot(page, "filing-01-county-catalogs")
    page.click(f"#file-{KEY}")
    page.click("#confirm-file")
    page.wait_for_selector("#filing-identity")
    assert "filing-status--submitted" in status_of(page)
    first = Filing.objects.get()
    screenshot(page, "filing-02-filed")
    sign_out(page)

    # The provincial reviewer finds it in the queue and returns it.
    sign_in(page, "province_reviewer")
    page.goto(f"{page.base_url}/filings/")
    assert page.locator(f"#filing-{first.pk}").is_visible()
    screenshot(page, "filing-03-queue")
    page.click(f"#filing-{first.pk} a")
    page.wait_for_selector("#differences")
    assert page.locator("#diff-added").inner_text().count("兰考县稳岗返还政策咨询") == 1
    page.fill("#id_general", "请按意见修改后重新报送。")
    page.select_option("#id_items-0-item_code", "1.1")
    page.fill("#id_items-0-text", COMMENT)
    screenshot(page, "filing-04-return-form")
    page.click("#return-button")
    page.wait_for_selector("#comments")
    assert "filing-status--returned" in status_of(page)
    assert page.locator("tr.commented[data-ref='1.1']").is_visible()
    sign_out(page)

    # The county reads the comment, corrects the item and files again.
    sign_in(page, "county_editor")
    page.goto(f"{page.base_url}/filings/{first.pk}/")
    assert COMMENT in page.inner_text("#comments")
    screenshot(page, "filing-05-returned-to-county")
    item = catalog.items.get(code="1.1")
    item_update(
        item=item,
        seen_history_id=last_history_id(item),
        changes={"content": [*item.content, "咨询电话"]},
        user=get_user_model().objects.get(username="county_editor"),
        reason="按省厅意见补充咨询电话",
    )
    page.click(f"#refile-{catalog.pk}")
    page.click("#confirm-file")
    page.wait_for_selector("#rounds")
    second = Filing.objects.get(round=2)
    assert page.url.endswith(f"/filings/{second.pk}/")
    assert page.locator("#rounds tbody tr").count() == 2
    sign_out(page)

    # The reviewer accepts round 2 and downloads the province bundle.
    sign_in(page, "province_reviewer")
    page.goto(f"{page.base_url}/filings/{second.pk}/")
    page.click("#accept-button")
    page.wait_for_selector("#record-form")
    assert "filing-status--accepted" in status_of(page)
    second.refresh_from_db()
    assert second.status == FilingStatus.ACCEPTED
    page.goto(f"{page.base_url}/filings/overview/")
    assert "filed--accepted" in page.get_attribute(
        "#county-410225 [data-domain=employment]", "class"
    )
    screenshot(page, "filing-06-overview")
    with page.expect_download() as download:
        page.click("#bundle-button")
    data = open(download.value.path(), "rb").read()  # noqa: SIM115, PTH123
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == [
        "410225_兰考县_employment.xlsx",
        "summary.xlsx",
    ]
    sheet = load_workbook(
        io.BytesIO(archive.read("410225_兰考县_employment.xlsx"))
    ).worksheets[0]
    assert sheet["A1"].value == catalog.title
    assert [c.value for c in sheet[2]][:2] == ["序号", "公开事项"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("咨询电话" in str(c) for c in cells)

    page.goto(f"{page.base_url}/filings/{second.pk}/print/")
    page.wait_for_selector("#signatures")
    screenshot(page, "filing-07-print")
