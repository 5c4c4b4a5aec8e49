"""A citizen finds the village's 低保 公示: by place from the home page, and by search.

Also on a phone-sized screen, and in the large-text (适老化) mode.
"""

from django.core.management import call_command

NOTICE = "张庄村2026年第四季度最低生活保障审核信息公示"


def seed():
    call_command("seed_demo", verbosity=0)


def test_by_place_county_township_village(page, screenshot):
    seed()
    page.goto(page.base_url + "/")
    screenshot(page, "citizen-01-home")
    page.get_by_role("link", name="河南省", exact=True).click()
    page.get_by_role("link", name="开封市", exact=True).click()
    page.get_by_role("link", name="兰考县", exact=True).click()
    screenshot(page, "citizen-02-county")
    page.get_by_role("link", name="东坝头镇", exact=True).click()
    screenshot(page, "citizen-03-township")
    page.get_by_role("link", name="东坝头镇张庄村", exact=True).click()
    screenshot(page, "citizen-04-village")
    page.get_by_role("link", name="社会救助").first.click()
    assert page.locator("h1").inner_text().endswith("社会救助")
    screenshot(page, "citizen-05-catalog")
    page.get_by_role("link", name="审核信息").first.click()
    screenshot(page, "citizen-06-item")
    page.get_by_role("link", name=NOTICE).click()
    assert page.locator("h1").inner_text() == NOTICE
    screenshot(page, "citizen-07-notice")


def test_by_search_on_a_phone_in_large_text(page, screenshot):
    seed()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/")
    toggle = page.locator("#large-text-toggle")
    normal = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    large = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert float(large.rstrip("px")) > float(normal.rstrip("px"))
    page.get_by_role("searchbox").fill("低保")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    screenshot(page, "citizen-08-search-phone-large-text")
    # The choice holds on the next page (kept in this browser, not on the server).
    page.get_by_role("link", name=NOTICE).click()
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    assert page.locator("h1").inner_text() == NOTICE
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, "no sideways scrolling on a phone"
    screenshot(page, "citizen-09-notice-phone-large-text")
