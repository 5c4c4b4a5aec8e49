"""The calendar that never blocks work, in a browser.

A township publisher saves a draft formed on 25 December and sees its due date
marked 暂定; the site administrator, warned on the dashboard, follows the link,
enters next year's announced schedule and confirms it; the publisher finds the
moved date on the dashboard and dismisses the notice. Selectors use URLs, ids
and classes, not wording.
"""

from datetime import date

import pytest
from django.core.management import call_command

from catalogs.models import Item
from disclosure.models import DueDateNotice, Publication
from tests.disclosure.test_provisional_due_dates import REST_TEXT, WORK_TEXT

from .conftest import sign_in, sign_out

pytestmark = pytest.mark.browser

TITLE = "东坝头镇岗位信息发布（浏览器测试）"
TOWNSHIP = "410225104-gov"


def test_a_provisional_date_is_confirmed_and_the_body_told(page, screenshot):
    call_command("seed_demo", verbosity=0)
    jobs = Item.objects.get(
        catalog__kind="local",
        catalog__organisation__code="410225-hrss",
        catalog__domain__key="employment",
        code="1.2",
    )

    sign_in(page, "township_publisher", "/staff/")
    assert page.url.endswith(f"/staff/organisations/{TOWNSHIP}/")
    assert page.locator("#calendar-reminder-2027").count() == 1
    assert page.locator("#calendar-reminder-2027 a").count() == 0  # may not edit
    page.click("a[href$='/staff/publications/new/']")
    page.select_option("#id_item", str(jobs.pk))
    page.fill("#id_title", TITLE)
    page.fill("#id_formed_on", "2026-12-25")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    draft = Publication.objects.get(title=TITLE)
    assert (draft.due_on, draft.due_on_provisional) == (date(2027, 1, 25), True)
    assert page.locator(".provisional-mark").inner_text() == "暂定"
    screenshot(page, "calendar-journey-01-provisional-draft")
    sign_out(page)

    sign_in(page, "site_admin", "/staff/")
    page.goto(f"{page.base_url}/staff/organisations/41-hrss/")
    page.click("#calendar-reminder-2027 a")
    page.wait_for_load_state()
    assert page.url.endswith("/admin/portal/calendaryear/schedule/2027/")
    screenshot(page, "calendar-journey-02-schedule-form")
    page.fill("#id_source", "国办发明电〔2026〕7号")
    page.fill("#id_rest_days", REST_TEXT)
    page.fill("#id_workdays", WORK_TEXT)
    page.fill("#id_reason", "国务院办公厅通知已发布。")
    page.click(".submit-row input[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/admin/portal/calendaryear/")
    assert page.locator("#calendar-reminder-2027").count() == 0
    page.goto(f"{page.base_url}/staff/organisations/41-hrss/")
    sign_out(page)

    sign_in(page, "township_publisher", "/staff/")
    notice = DueDateNotice.objects.get(organisation__code=TOWNSHIP)
    section = page.locator(f"#notice-{notice.pk}")
    assert "2027-01-25 → 2027-01-23" in section.inner_text()
    screenshot(page, "calendar-journey-03-notice")
    section.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f"#notice-{notice.pk}").count() == 0
    draft.refresh_from_db()
    assert (draft.due_on, draft.due_on_provisional) == (date(2027, 1, 23), False)
