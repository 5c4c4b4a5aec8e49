"""The staff pages of this wave's participation work that the consultation and
subscription checks do not reach pass axe-core with no serious or critical
violation: the concerns list (with an overdue concern), the record form (empty
and with its errors), a concern with its respond and press-conference forms,
and the forms that correct a published text or mask it after publication."""

import pytest
from django.core.management import call_command

from disclosure.models import Concern, Publication

from .conftest import sign_in, sign_out
from .test_accessibility import NOTICE, checker

pytestmark = pytest.mark.browser


def test_concern_and_correction_pages_have_no_serious_violation(page, screenshot):
    call_command("seed_demo", verbosity=0)
    overdue = Concern.objects.get(subject="网传兰考县失业保险金停发")
    notice = Publication.objects.get(title=NOTICE)
    found = []
    check = checker(page, found)

    sign_in(page, "county_publisher", "/staff/concerns/")
    assert page.locator("main").get_by_text(overdue.subject).count()
    check("concerns list")
    screenshot(page, "concerns-a11y-list")
    page.goto(f"{page.base_url}/staff/concerns/new/")
    check("record a concern")
    with page.expect_navigation():
        page.click("form.staff-form button[type=submit]")
    assert page.locator(".field--error").count()  # nothing filled in: said where
    check("record a concern with errors")
    screenshot(page, "concerns-a11y-form-with-errors")
    page.goto(f"{page.base_url}/staff/concerns/{overdue.pk}/")
    check("a concern with its forms")
    page.goto(f"{page.base_url}/en/staff/concerns/{overdue.pk}/")
    check("a concern, in English")

    sign_out(page)
    sign_in(page, "village_publisher", f"/staff/publications/{notice.pk}/correct/")
    assert page.locator("#id_reason").count()
    check("correct a published text")
    page.goto(f"{page.base_url}/staff/publications/{notice.pk}/mask-published/")
    assert page.locator("#id_reason").count()
    check("mask after publication")
    assert not found, "\n".join(found)
