"""A county files the employment catalog, the province returns it with a comment on
one item, the county corrects it and files again, the province accepts it and
downloads the province bundle, all in a real browser.

Selectors use ids and addresses rather than words, so the journey holds in
Chinese (the default) as in English.
"""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from catalogs.demo import seed_local_catalogs
from catalogs.models import Catalog, Filing, FilingStatus
from portal.demo import seed_regions_and_accounts

from .conftest import sign_in, sign_out

pytestmark = pytest.mark.browser

KEY = "410225-hrss-employment"
COMMENT = "“咨询电话”未列入公开内容，请补充。"


def click(page, selector):
    with page.expect_navigation():
        page.click(selector)


def status_of(page) -> str:
    return page.get_attribute("#filing-status .filing-status", "class")


def test_a_filing_is_returned_corrected_accepted_and_exported(page, screenshot):
    seed_regions_and_accounts()
    seed_local_catalogs()
    catalog = Catalog.objects.get(key=KEY)

    # The county editor files the employment catalog.
    sign_in(page, "county_editor")
    assert page.url.endswith("/staff/organisations/410225-hrss/")  # the workbench
    click(page, "#staff-nav-filings")
    click(page, "#nav-file")
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
    assert page.url.endswith("/filings/")  # the province's queue is the landing
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
    click(page, "#staff-nav-filings")
    click(page, f"#filing-{first.pk} a")
    assert COMMENT in page.inner_text("#comments")
    screenshot(page, "filing-05-returned-to-county")
    # To the catalog in the admin, where item 1.1 gets the missing line.
    click(page, ".staff-nav a[href$='/admin/']")
    click(page, "#content-main a[href$='/admin/catalogs/catalog/']")
    click(page, f"#result_list a[href$='/admin/catalogs/catalog/{catalog.pk}/change/']")
    item = catalog.items.get(code="1.1")
    click(page, f"#item-{item.pk} a[href$='/edit/']")
    content = page.input_value("#id_content")
    page.fill("#id_content", f"{content.rstrip()}\n咨询电话")
    page.fill("#id_reason", "按省厅意见补充咨询电话")
    click(page, "#item-form input[type=submit]")
    item.refresh_from_db()
    assert item.content[-1] == "咨询电话"
    # Back to the returned filing by the portal menu, and file again.
    click(page, "#portal-nav-filings")
    click(page, f"#filing-{first.pk} a")
    page.click(f"#refile-{catalog.pk}")
    page.click("#confirm-file")
    page.wait_for_selector("#rounds")
    second = Filing.objects.get(round=2)
    assert page.url.endswith(f"/filings/{second.pk}/")
    assert page.locator("#rounds tbody tr").count() == 2
    sign_out(page)

    # The reviewer accepts round 2 and downloads the province bundle.
    sign_in(page, "province_reviewer")
    click(page, f"#filing-{second.pk} a")
    page.click("#accept-button")
    page.wait_for_selector("#record-form")
    assert "filing-status--accepted" in status_of(page)
    second.refresh_from_db()
    assert second.status == FilingStatus.ACCEPTED
    click(page, "#nav-overview")
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

    click(page, "#county-410225 [data-domain=employment] a")
    assert page.url.endswith(f"/filings/{second.pk}/")
    click(page, "#print-link")
    page.wait_for_selector("#signatures")
    screenshot(page, "filing-07-print")
