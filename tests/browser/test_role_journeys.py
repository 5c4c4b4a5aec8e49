"""Each role starts from the public home page, picks the language by its link,
follows 工作人员登录 to the sign-in page and lands where it works, in both
languages (screenshots of every landing page); the county reviewer then reviews
and publishes a notice from the review queue without typing an address.

The county editor's, village publisher's and provincial reviewer's own tasks are
in their journeys beside this file; each starts from the plain sign-in page and
goes on by clicks only.
"""

import pytest
from django.core.management import call_command

from disclosure.models import Publication
from portal.demo import DEMO_PASSWORD

from .conftest import sign_in, sign_out

pytestmark = pytest.mark.browser

LANDINGS = {
    "county_editor": "/staff/organisations/410225-hrss/",
    "village_publisher": "/staff/organisations/410225104201-vc/",
    "county_reviewer": "/staff/organisations/410225-hrss/",
    "province_reviewer": "/filings/",
}


def sign_in_from_the_home_page(page, username, language):
    """The public home page, its language link, its 工作人员登录 link, the form."""
    page.goto(f"{page.base_url}/")
    if language == "en":
        with page.expect_navigation():
            page.click("nav.language a[hreflang=en]")
    with page.expect_navigation():
        page.click("#staff-sign-in")
    assert "next=" not in page.url  # the plain sign-in page, lands by role
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form#login-form [type=submit]")
    page.wait_for_load_state()


def test_every_role_lands_where_it_works_in_both_languages(page, screenshot):
    call_command("seed_demo", verbosity=0)
    for prefix, language in [("", "zh"), ("/en", "en")]:
        for username, landing in LANDINGS.items():
            sign_in_from_the_home_page(page, username, language)
            path = page.url.removeprefix(page.base_url)
            assert path == f"{prefix}{landing}", (username, language, path)
            assert page.locator("html").get_attribute("lang") == (
                "zh-hans" if language == "zh" else "en"
            )
            screenshot(page, f"landing-{username}-{language}")
            sign_out(page)


def test_a_county_reviewer_reviews_and_publishes_from_the_queue(page, screenshot):
    call_command("seed_demo", verbosity=0)
    sign_in(page, "county_reviewer")
    assert page.url.endswith(LANDINGS["county_reviewer"])
    queue = page.locator("#queue-heading + ul")
    first = queue.locator("a").first
    href = first.get_attribute("href")
    publication = Publication.objects.get(pk=int(href.rstrip("/").split("/")[-1]))
    assert publication.status == "in_review"
    screenshot(page, "county-reviewer-01-queue")
    first.click()
    page.click(f"a[href$='/publications/{publication.pk}/review/']")
    page.wait_for_load_state()
    page.check("input[name=attribute][value=proactive]")
    page.check("#id_platform_website")
    page.fill("#id_column", "政务公开专栏")
    page.fill("#id_head_of_unit", "兰考县人社局局长 王建国")
    page.fill("#id_leader_in_charge", "兰考县人社局副局长 李明")
    screenshot(page, "county-reviewer-02-review-form")
    page.click("button[name=action][value=approve]")
    page.wait_for_load_state()
    publication.refresh_from_db()
    assert publication.status == "published"
    assert page.locator(".status--published").count() >= 1
    screenshot(page, "county-reviewer-03-published")
