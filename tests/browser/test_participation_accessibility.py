"""The participation pages pass axe-core with no serious or critical violation:
a county's consultations, an open consultation with its comment form (also
after a wrong answer), a closed one with its adoption feedback, and the staff's
list, consultation, new-consultation and say pages. The say form on item and
publication pages is checked with those pages (test_accessibility)."""

import pytest

from disclosure.participation.demo import seed_consultations
from portal.demo import seed_regions_and_accounts

from .conftest import sign_in
from .test_accessibility import violations

pytestmark = pytest.mark.browser


def test_participation_pages_have_no_serious_violation(page, screenshot):
    seed_regions_and_accounts()
    opened, closed = seed_consultations()
    found = []

    def check(name):
        page.wait_for_load_state()
        lines, passed = violations(page, name)
        assert passed > 10, name
        found.extend(lines)

    page.goto(f"{page.base_url}/consultations/r/410225/")
    check("county consultations")
    page.goto(f"{page.base_url}{opened.get_absolute_url()}")
    check("open consultation")
    page.fill("#id_contact", "a@example.cn")
    page.fill("#id_captcha_answer", "99")
    page.click("form.public-form button[type=submit]")
    check("comment form with errors")
    screenshot(page, "consultation-a11y-form-with-errors")
    page.goto(f"{page.base_url}{closed.get_absolute_url()}")
    check("closed consultation with feedback")
    sign_in(page, "county_publisher", "/staff/consultations/")
    check("staff list")
    page.goto(f"{page.base_url}{opened.get_staff_url()}")
    check("staff consultation")
    page.goto(f"{page.base_url}/staff/consultations/new/")
    check("new consultation")
    page.goto(f"{page.base_url}/staff/consultations/say/")
    check("the public's say")
    assert not found, "\n".join(found)
