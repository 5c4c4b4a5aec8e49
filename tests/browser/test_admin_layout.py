"""A catalog's admin page holds at 1366×768 and on a tablet: its buttons do not
overlap its title and the 公开时限 input is wide enough to read (issue 16, point 1)."""

import pytest
from django.core.management import call_command

from catalogs.models import Catalog
from portal.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width, height", [(1366, 768), (820, 1180)])
def test_a_catalog_page_lays_out_its_buttons_and_time_limit(
    page, screenshot, width, height
):
    call_command("seed_demo", verbosity=0)
    catalog = Catalog.objects.get(key="410225-hrss-employment")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "county_editor")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form#login-form [type=submit]")
    page.wait_for_load_state()

    page.goto(f"{page.base_url}/admin/catalogs/catalog/{catalog.pk}/change/")
    title = page.locator("#content h2, #content h1").first.bounding_box()
    tools = page.locator("#content .object-tools").bounding_box()
    assert tools is not None and title is not None
    assert not overlap(title, tools), (title, tools)
    screenshot(page, f"admin-catalog-page-{width}")


@pytest.mark.parametrize("width, height", [(1366, 768), (820, 1180)])
def test_the_time_limit_input_is_wide_enough_to_read(page, screenshot, width, height):
    call_command("seed_demo", verbosity=0)
    item = Catalog.objects.get(key="employment").items.get(code="1.1")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "site_admin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form#login-form [type=submit]")
    page.wait_for_load_state()
    page.goto(f"{page.base_url}/admin/catalogs/item/{item.pk}/change/")
    field = page.locator("#id_time_limit_text")
    field.fill("信息形成或变更之日起20个工作日内公开")
    # The whole wording is visible: nothing scrolls inside the input.
    scroll, client = field.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= client, (scroll, client)
    screenshot(page, f"admin-item-time-limit-{width}")
