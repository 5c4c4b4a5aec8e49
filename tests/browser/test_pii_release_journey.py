"""A suspected ID number in a browser: stopped, sent for release, released, published.

A village publisher's notice cites an archive number shaped like an ID number
with a wrong check character. Submitting stops at the personal-data page; the
publisher sends it asking for a release with a note; the county reviewer sees
the number, the note and a release form on the compliance review page,
releases it with a reason and approves. Screenshots of both pages.
"""

import pytest
from django.core.management import call_command

from catalogs.models import Item
from disclosure.models import PersonalDataRelease, Publication

from .conftest import sign_in, sign_out

pytestmark = pytest.mark.browser

TITLE = "张庄村低保档案移交公示（浏览器测试）"
ARCHIVE_NO = "410102199003071234"  # region and date of an ID, wrong check character


def test_a_suspected_number_is_sent_for_release_and_released(page, screenshot):
    call_command("seed_demo", verbosity=0)
    dibao = Item.objects.get(
        catalog__kind="local",
        catalog__organisation__code="410225-mca",
        catalog__domain__key="social_relief",
        code="2.3",
    )
    sign_in(page, "village_publisher", "/staff/")
    page.goto(f"{page.base_url}/staff/publications/new/")
    page.select_option("#id_item", str(dibao.pk))
    page.fill("#id_title", TITLE)
    page.fill("#id_body", f"低保档案（档案号{ARCHIVE_NO}）已移交镇民政所。")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    publication = Publication.objects.get(title=TITLE)

    page.click(f"form[action$='/publications/{publication.pk}/submit/'] button")
    page.wait_for_load_state()
    assert page.url.endswith(f"/publications/{publication.pk}/personal-data/")
    assert "410102********1234" in page.locator("main table").inner_text()
    assert ARCHIVE_NO not in page.locator("main").inner_text()
    page.fill("#id_release_reason", "这是档案编号，不是身份证号码。")
    screenshot(page, "pii-release-01-suspected-number")
    page.click("form:has(input[value=ask_release]) button[type=submit]")
    page.wait_for_load_state()
    publication.refresh_from_db()
    assert publication.status == "in_review"
    sign_out(page)

    sign_in(page, "mca_reviewer", "/staff/")  # social relief: the 民政局's reviewer
    page.goto(f"{page.base_url}/staff/publications/{publication.pk}/review/")
    element = page.locator(".review-personal-data")
    assert "这是档案编号，不是身份证号码。" in element.inner_text()
    assert "410102********1234" in element.inner_text()
    page.fill("#id_release1_reason", "经核对为档案编号。")
    screenshot(page, "pii-release-02-review-page")
    page.click(".release-form button[type=submit]")
    page.wait_for_load_state()
    assert PersonalDataRelease.objects.get(publication=publication).value == ARCHIVE_NO
    assert "经核对为档案编号。" in page.locator(".review-personal-data").inner_text()

    page.check("input[name=attribute][value=proactive]")
    page.check("#id_platform_website")
    page.fill("#id_head_of_unit", "张庄村党支部书记 赵卫东")
    page.click("button[name=action][value=approve]")
    page.wait_for_load_state()
    publication.refresh_from_db()
    assert publication.status == "published"
    page.goto(f"{page.base_url}/p/{publication.pk}/")
    assert ARCHIVE_NO in page.locator("main").inner_text()  # released, so shown
    screenshot(page, "pii-release-03-public-page")
