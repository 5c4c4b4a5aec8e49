"""A county editor derives and edits the employment catalog in a real browser.

The selectors use ids, names and addresses rather than words, so the journey
holds in Chinese (the default) as in English.
"""

import re

import pytest

from catalogs.models import Catalog, CatalogStatus, Item
from portal.demo import seed_regions_and_accounts

from .conftest import sign_in, sign_out

pytestmark = pytest.mark.browser

TITLE = "兰考县人力资源和社会保障局就业领域基层政务公开目录"


def open_the_catalog_list(page):
    """From the workbench (or any admin page): 管理后台, then the catalogs."""
    if page.locator("#user-tools").count() == 0:
        with page.expect_navigation():
            page.click(f".staff-nav a[href$='{ADMIN_INDEX}']")
    with page.expect_navigation():
        page.click(f"#content-main a[href$='{CATALOG_LIST}']")


ADMIN_INDEX = "/admin/"
CATALOG_LIST = "/admin/catalogs/catalog/"


def row(page, catalog, code):
    item = Item.objects.get(catalog=catalog, code=code)
    return page.locator(f"#item-{item.pk}")


def messages(page, level):
    return page.locator(f"ul.messagelist li.{level}").all_inner_texts()


def test_a_county_editor_derives_and_edits_the_employment_catalog(page, screenshot):
    seed_regions_and_accounts()

    sign_in(page, "county_editor")
    assert page.url.endswith("/staff/organisations/410225-hrss/")  # the workbench
    open_the_catalog_list(page)
    screenshot(page, "journey-01-catalog-list")

    page.click("#derive-link")
    page.select_option("#id_organisation", label="兰考县人力资源和社会保障局")
    page.select_option("#id_standard", label="就业领域基层政务公开标准目录（v1）")
    page.click("input[name=preview]")
    page.wait_for_selector(".derive-preview")
    assert "410225-hrss-employment" in page.inner_text(".derive-preview")
    screenshot(page, "journey-02-derive-preview")
    page.click("#confirm-derive")
    page.wait_for_selector("#item-tree-heading")
    catalog = Catalog.objects.get(key="410225-hrss-employment")
    assert catalog.status == CatalogStatus.DRAFT
    screenshot(page, "journey-03-derived")

    row(page, catalog, "9").locator("a[href$='/omit/']").click()
    page.fill("#id_reason", "本县无外国人来华工作许可受理权限，由开封市人社局办理。")
    page.click("#reason-form input[type=submit]")
    page.wait_for_selector("#item-tree-heading")
    assert "omitted" in row(page, catalog, "9").get_attribute("class")
    screenshot(page, "journey-04-omitted")

    row(page, catalog, "1.1").locator("a[href$='/add-sub-item/']").click()
    page.fill("#id_name", "兰考县稳岗返还政策咨询")
    page.fill("#id_content", "申领条件\n办理流程\n咨询电话")
    page.select_option("#id_mode_proactive", "true")
    page.fill("#id_reason", "增设三级事项：稳岗返还政策咨询")
    page.click("#item-form input[type=submit]")
    page.wait_for_selector("#item-tree-heading")
    sub = Item.objects.get(catalog=catalog, name="兰考县稳岗返还政策咨询")
    assert (sub.level, sub.code) == (3, "1.1.1")
    assert page.locator(f"#item-{sub.pk}").is_visible()
    screenshot(page, "journey-05-third-level-item")

    row(page, catalog, "1.1").locator("a[href$='/edit/']").click()
    page.fill("#id_time_limit_text", "信息形成或变更之日起10个工作日内公开")
    page.fill("#id_reason", "本县承诺10个工作日内公开")
    screenshot(page, "journey-06-edit-form")
    page.click("#item-form input[type=submit]")
    page.wait_for_selector("#item-tree-heading")
    assert not any("TIME_LIMIT_LONGER" in m for m in messages(page, "error"))
    assert Item.objects.get(pk=row_pk(catalog, "1.1")).time_limit_amount == 10
    screenshot(page, "journey-07-time-limit-shortened")

    row(page, catalog, "1.1").locator("a[href$='/edit/']").click()
    page.uncheck("input[name=channels][value=service-centre]")
    page.fill("#id_reason", "试图取消政务服务中心渠道")
    page.click("#item-form input[type=submit]")
    page.wait_for_selector("ul.messagelist")
    errors = messages(page, "error")
    assert any("CHANNEL_DROPPED" in m for m in errors), errors
    assert any("政务服务中心" in m for m in errors)
    screenshot(page, "journey-08-channel-dropped-told-why")

    page.click("#put-in-force-link")
    page.fill("#id_reason", "报送备案")
    page.click("#put-in-force-form input[type=submit]")
    page.wait_for_selector("ul.messagelist")
    assert messages(page, "error")
    assert "CHANNEL_DROPPED" in page.inner_text("table.findings")
    catalog.refresh_from_db()
    assert catalog.status == CatalogStatus.DRAFT
    screenshot(page, "journey-09-not-in-force-while-invalid")

    # Back to the catalog by its breadcrumb, then to all its changes.
    page.click(f".breadcrumbs a[href$='/admin/catalogs/catalog/{catalog.pk}/change/']")
    page.click("#changes-link")
    history = page.inner_text("#catalog-changes")
    for reason in [
        "试图取消政务服务中心渠道",
        "本县承诺10个工作日内公开",
        "增设三级事项：稳岗返还政策咨询",
        "本县无外国人来华工作许可受理权限，由开封市人社局办理。",
    ]:
        assert reason in history
    assert "county_editor" in history
    assert re.search(
        r"20个工作日内公开\s*→\s*信息形成或变更之日起10个工作日内公开", history
    )
    screenshot(page, "journey-10-history")

    sign_out(page)
    sign_in(page, "qixian_editor")
    open_the_catalog_list(page)
    assert TITLE not in page.inner_text("#content")
    screenshot(page, "journey-11-other-county-list")
    # No link leads there; an address copied from Lankao's editor is refused
    # (asked with the session's cookies, not typed into the journey).
    for address in [
        f"/admin/catalogs/catalog/{catalog.pk}/change/",
        f"/admin/catalogs/item/{row_pk(catalog, '1.1')}/edit/",
    ]:
        assert page.request.get(f"{page.base_url}{address}").status == 404, address


def row_pk(catalog, code):
    return Item.objects.get(catalog=catalog, code=code).pk
