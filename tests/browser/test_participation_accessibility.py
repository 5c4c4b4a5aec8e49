"""The participation pages pass axe-core with no serious or critical violation:
a county's consultations, an open consultation with its comment form (also
after a wrong answer), a closed one with its adoption feedback, and the staff's
list, consultation, new-consultation and say pages; the subscription pages and
the correction log with a withdrawn publication's tombstone. The say form on
item and publication pages is checked with those pages (test_accessibility)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from disclosure.models import Publication, Subscription
from disclosure.participation.demo import seed_consultations
from disclosure.services import publication_withdraw
from disclosure.subscriptions import tokens
from portal.demo import seed_regions_and_accounts

from .conftest import sign_in
from .test_accessibility import NOTICE, checker
from .test_request_journey import answer

pytestmark = pytest.mark.browser


def test_participation_pages_have_no_serious_violation(page, screenshot):
    seed_regions_and_accounts()
    opened, closed = seed_consultations()
    found = []
    check = checker(page, found)

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


def test_subscription_and_correction_pages_have_no_serious_violation(page, screenshot):
    """The subscription form (empty, with errors, sent), its confirm and
    unsubscribe pages (before and after the button, and a bad link), a county's
    correction log and the 410 tombstone of a withdrawn publication."""
    call_command("seed_demo", verbosity=0)
    notice = Publication.objects.get(title=NOTICE)
    publication_withdraw(
        publication=notice,
        user=get_user_model().objects.get(username="village_publisher"),
        reason="名单有误，核实后重新公示。",
    )
    found = []
    check = checker(page, found)

    page.goto(f"{page.base_url}/subscriptions/?region=410225")
    check("subscription form")
    page.fill("#id_email", "not-an-address")
    page.fill("#id_place", "999999")
    page.fill("#id_captcha_answer", "99")
    page.click("form.public-form button[type=submit]")
    check("subscription form with errors")
    screenshot(page, "subscription-a11y-form-with-errors")
    page.fill("#id_email", "zhang@example.cn")
    page.fill("#id_place", "410225")
    page.fill("#id_captcha_answer", answer(page))
    page.click("form.public-form button[type=submit]")
    check("subscription mail sent")
    subscription = Subscription.objects.get(email="zhang@example.cn")
    assert subscription.confirmed_at is None
    page.goto(
        f"{page.base_url}/subscriptions/confirm/"
        f"{tokens.make(subscription, tokens.CONFIRM)}/"
    )
    check("confirm the subscription")
    page.click("main form button[type=submit]")
    check("subscription confirmed")
    page.goto(
        f"{page.base_url}/subscriptions/unsubscribe/"
        f"{tokens.make(subscription, tokens.UNSUBSCRIBE)}/"
    )
    check("unsubscribe")
    page.click("main form button[type=submit]")
    check("unsubscribed")
    assert not Subscription.objects.filter(email="zhang@example.cn").exists()
    page.goto(f"{page.base_url}/subscriptions/unsubscribe/no-such-token/")
    check("bad subscription link")
    page.goto(f"{page.base_url}/r/410225/corrections/")
    assert page.locator("main").get_by_text("名单有误，核实后重新公示。").count()
    check("county correction log")
    response = page.goto(f"{page.base_url}/p/{notice.pk}/")
    assert response.status == 410
    check("tombstone of a withdrawn publication")
    screenshot(page, "correction-a11y-tombstone")
    page.goto(f"{page.base_url}/en/r/410225/corrections/")
    check("English correction log")
    assert not found, "\n".join(found)
