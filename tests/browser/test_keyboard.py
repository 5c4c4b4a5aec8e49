"""The public pages work with the keyboard alone: Tab, Shift+Tab, Enter and Space.

The skip link is the first stop and moves focus to the main content; the search
box and the large-text (适老化) toggle are reached and used without a mouse;
every focused link shows a visible outline; and a citizen reaches the village's
低保 公示 from the home page by keyboard only.
"""

import pytest
from django.core.management import call_command

from portal.demo import seed_regions_and_accounts

pytestmark = pytest.mark.browser

NOTICE = "张庄村2026年第四季度最低生活保障审核信息公示"
MOST_TABS = 250  # more stops than any public page has

# What the focused element is, for messages and checks.
FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(),
    id: e.id,
    cls: e.className,
    text: (e.innerText || e.value || e.getAttribute("aria-label") || "").trim(),
    type: e.getAttribute("type") || "",
    inMain: Boolean(e.closest("main")),
    outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
    shadow: style.boxShadow,
    visible: (() => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0;
    })(),
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, wanted, *, what: str) -> dict:
    """Press Tab until ``wanted(focused element)``; fail after MOST_TABS stops."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if wanted(element):
            return element
    raise AssertionError(f"Tab never reached {what} on {page.url}")


def link(text):
    return lambda e: e["tag"] == "a" and e["text"] == text


def test_the_skip_link_comes_first_and_moves_focus_to_main(page, screenshot):
    seed_regions_and_accounts()
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert "skip-link" in first["cls"], f"the first stop is {first}"
    assert first["visible"], "the skip link shows when it has focus"
    assert first["outline"] >= 2
    screenshot(page, "keyboard-01-skip-link")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    after = focused(page)
    assert after["inMain"], f"after the skip link, Tab goes into the content: {after}"
    assert page.evaluate("location.hash") == "#main"


def test_the_large_text_toggle_works_with_enter_and_space(page, screenshot):
    seed_regions_and_accounts()
    page.goto(page.base_url + "/")
    element = tab_to(page, lambda e: e["id"] == "large-text-toggle", what="the toggle")
    assert element["outline"] >= 2, "the toggle shows where the focus is"
    toggle = page.locator("#large-text-toggle")
    normal = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    large = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert float(large.rstrip("px")) > float(normal.rstrip("px"))
    screenshot(page, "keyboard-02-large-text-on")
    assert focused(page)["id"] == "large-text-toggle", "focus stays on the toggle"
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert not page.evaluate(
        "document.documentElement.classList.contains('large-text')"
    )
    # Shift+Tab goes back the way it came.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["id"] == "large-text-toggle"


def test_every_focused_link_shows_an_outline(page, screenshot):
    call_command("seed_demo", verbosity=0)
    for address in ["/", "/r/410225104201/", "/r/410225104201/social_relief/"]:
        page.goto(page.base_url + address)
        seen = 0
        for stop in range(MOST_TABS):
            page.keyboard.press("Tab")
            element = focused(page)
            if element["tag"] == "body" or (stop and "skip-link" in element["cls"]):
                break  # past the last stop, or round again
            if element["tag"] == "a":
                seen += 1
                assert element["visible"], (
                    f"{address}: focus on a hidden link {element}"
                )
                assert element["outline"] >= 2, f"{address}: no outline on {element}"
        assert seen >= 5, f"{address}: only {seen} links reached by Tab"
    screenshot(page, "keyboard-03-focus-outline")


def test_a_citizen_finds_the_notice_by_keyboard_alone(page, screenshot):
    call_command("seed_demo", verbosity=0)
    page.goto(page.base_url + "/")
    tab_to(page, lambda e: e["id"] == "search-q", what="the search box")
    page.keyboard.type("低保")
    button = tab_to(page, lambda e: e["tag"] == "button", what="the search button")
    assert button["type"] == "submit" and button["outline"] >= 2
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "/search/" in page.url
    # Enter in the search box searches too.
    tab_to(page, lambda e: e["id"] == "search-q", what="the search box")
    page.keyboard.press("Control+A")
    page.keyboard.type("最低生活保障")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=%E6%9C%80" in page.url  # 最…
    tab_to(page, link(NOTICE), what="the notice in the results")
    screenshot(page, "keyboard-04-search-result-focused")
    page.keyboard.press("Enter")
    page.wait_for_url("**/p/**")
    assert page.locator("h1").inner_text() == NOTICE

    # The same notice by place: province, city, county, township, village.
    page.goto(page.base_url + "/")
    for place in ["河南省", "开封市", "兰考县", "东坝头镇", "东坝头镇张庄村"]:
        tab_to(page, link(place), what=place)
        with page.expect_navigation():
            page.keyboard.press("Enter")
    tab_to(page, lambda e: e["tag"] == "a" and "社会救助" in e["text"], what="社会救助")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(
        page,
        lambda e: e["tag"] == "a" and e["text"].endswith("审核信息"),
        what="审核信息",
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, link(NOTICE), what="the notice")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == NOTICE
    screenshot(page, "keyboard-05-notice-reached")
