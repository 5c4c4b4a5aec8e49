"""A county editor starts version 2 of the employment catalog from version 1 in a
real browser, omits a row that has publications and puts version 2 in force; a
citizen still finds every publication under its row.

The selectors use ids, names and addresses rather than words, so the journey
holds in Chinese (the default) as in English.
"""

import pytest
from django.core.management import call_command

from catalogs.models import Catalog, CatalogStatus, Item
from disclosure.models import Publication
from tests.browser.conftest import sign_in
from tests.browser.test_county_editor_journey import messages, row

pytestmark = pytest.mark.browser

KEY = "410225-hrss-employment"
REASON = "本县已将岗位信息发布并入综合窗口办理"


def test_a_county_revises_its_catalog_and_keeps_its_publications(page, screenshot):
    call_command("seed_demo", verbosity=0)
    v1 = Catalog.objects.get(key=KEY, status=CatalogStatus.IN_FORCE)
    published = list(
        Publication.objects.public()
        .filter(item__catalog=v1, organisation__region__code="410225")
        .select_related("item")
        .order_by("pk")
    )
    omitted_v1 = published[0].item
    kept = next(p for p in published if p.item_id != omitted_v1.pk)

    sign_in(page, "county_editor", "/admin/")
    page.goto(f"{page.base_url}/admin/catalogs/catalog/{v1.pk}/change/")
    screenshot(page, "versions-01-catalog-in-force")
    page.click("#next-version-link")
    page.wait_for_selector("#next-version-form")
    assert page.locator("#carried li").count() > 0
    screenshot(page, "versions-02-new-version-from-current")
    page.fill("#id_reason", "动态调整：编制第二版")
    page.click("#next-version-form input[type=submit]")
    page.wait_for_selector("#item-tree-heading")
    v2 = Catalog.objects.get(key=KEY, version=v1.version + 1)
    assert v2.status == CatalogStatus.DRAFT
    assert messages(page, "success")
    screenshot(page, "versions-03-version-two-drafted")

    row(page, v2, omitted_v1.code).locator("a[href$='/omit/']").click()
    page.fill("#id_reason", REASON)
    page.click("#reason-form input[type=submit]")
    page.wait_for_selector("#item-tree-heading")
    assert "omitted" in row(page, v2, omitted_v1.code).get_attribute("class")
    screenshot(page, "versions-04-row-omitted")

    page.click("#put-in-force-link")
    page.fill("#id_reason", "印发第二版")
    page.click("#put-in-force-form input[type=submit]")
    page.wait_for_selector("ul.messagelist")
    assert messages(page, "success"), messages(page, "error")
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (
        CatalogStatus.SUPERSEDED,
        CatalogStatus.IN_FORCE,
    )
    screenshot(page, "versions-05-version-two-in-force")

    page.goto(f"{page.base_url}/r/410225/employment/")
    section = page.locator("section.earlier-version")
    assert section.is_visible()
    assert section.locator(f"a[href$='/items/{omitted_v1.pk}/']").count() == 1
    screenshot(page, "versions-06-earlier-catalog-version")

    response = page.goto(f"{page.base_url}/r/410225/items/{kept.item_id}/")
    successor = Item.objects.get(catalog=v2, lineage=kept.item.lineage)
    assert response.request.redirected_from is not None
    assert response.request.redirected_from.redirected_to is not None
    assert page.url.endswith(f"/r/410225/items/{successor.pk}/")
    assert kept.title in page.inner_text("#main")
    screenshot(page, "versions-07-old-item-address-redirected")

    page.goto(f"{page.base_url}/r/410225/items/{omitted_v1.pk}/")
    assert page.locator(".earlier-version").is_visible()
    assert published[0].title in page.inner_text("#main")
    screenshot(page, "versions-08-omitted-row-still-public")
