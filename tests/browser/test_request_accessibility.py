"""The request pages pass axe-core with no serious or critical violation: the place
chooser, the application form with its question (also after a wrong answer), the
submitted page, the status look-up and a status page, and the staff queue."""

import pytest

from disclosure.negativelist import negative_list_load_defaults
from portal.demo import seed_regions_and_accounts

from .conftest import sign_in
from .test_accessibility import checker

pytestmark = pytest.mark.browser


def test_request_pages_have_no_serious_violation(page, screenshot):
    seed_regions_and_accounts()
    negative_list_load_defaults()
    found = []
    check = checker(page, found)

    page.goto(f"{page.base_url}/requests/?place=410225")
    check("places")
    page.goto(f"{page.base_url}/requests/apply/410225-hrss/")
    check("application form")
    page.fill("#id_captcha_answer", "99")
    page.click("form.public-form button[type=submit]")
    check("application form with errors")
    screenshot(page, "request-a11y-form-with-errors")
    page.goto(f"{page.base_url}/requests/status/")
    check("status look-up")
    page.fill("#id_code", "AAAA-BBBB-CCCC")
    page.click("form.public-form button[type=submit]")
    check("status look-up, unknown code")
    sign_in(page, "county_publisher", "/staff/requests/")
    check("staff queue")
    page.goto(f"{page.base_url}/staff/requests/new/")
    check("staff registration")
    assert not found, "\n".join(found)
