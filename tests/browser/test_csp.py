"""The Django admin works under the content security policy: no violation in Chromium."""

import pytest
from django.urls import reverse

from catalogs.models import Catalog
from portal.demo import DEMO_PASSWORD, seed_regions_and_accounts
from portal.models import Region

pytestmark = pytest.mark.browser

# Collects every violation the page reports, before any of the page's own code runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def violations(page, console):
    recorded = page.evaluate("window.__cspViolations")
    refused = [m for m in console if "Content Security Policy" in m]
    return recorded + refused


def watch(page) -> list[str]:
    """The console messages of ``page`` from now on; violations get recorded."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    return console


def sign_in(page, console):
    seed_regions_and_accounts()
    page.goto(f"{page.base_url}{reverse('admin:login')}?next=/admin/")
    assert violations(page, console) == []
    page.fill("#id_username", "site_admin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    assert violations(page, console) == []


def test_the_admin_raises_no_csp_violation(page, screenshot):
    console = watch(page)
    page.goto(f"{page.base_url}{reverse('admin:login')}")
    csp = page.evaluate(
        "fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    screenshot(page, "csp-00-login")
    sign_in(page, console)
    region = Region.objects.get(code="410225")
    catalog = Catalog.objects.order_by("pk").first()

    pages = {
        "csp-01-changelist": reverse("admin:portal_region_changelist"),
        "csp-02-change-form": reverse("admin:portal_region_change", args=[region.pk]),
        "csp-03-membership-add": reverse("admin:portal_membership_add"),
        "csp-04-catalogs": reverse("admin:catalogs_catalog_changelist"),
        "csp-05-catalog": reverse("admin:catalogs_catalog_change", args=[catalog.pk]),
        "csp-06-sign-ins": reverse("admin:axes_accesslog_changelist"),
    }
    for name, url in pages.items():
        page.goto(f"{page.base_url}{url}")
        page.wait_for_load_state("load")
        screenshot(page, name)
        assert violations(page, console) == [], url

    # The admin's scripts ran: ticking the header box selects every row only
    # when admin/js/actions.js was allowed to load.
    page.goto(f"{page.base_url}{pages['csp-01-changelist']}")
    page.check("#action-toggle")
    assert page.locator("input.action-select:checked").count() > 0
    assert violations(page, console) == []


def test_the_calendar_year_list_raises_no_csp_violation(page):
    console = watch(page)
    sign_in(page, console)
    page.goto(f"{page.base_url}{reverse('admin:portal_calendaryear_changelist')}")
    page.wait_for_load_state("load")
    assert violations(page, console) == []
