"""A village publisher's 低保 公示: stopped for an ID number, masked, reviewed, live.

The village publisher drafts the notice with a full ID number and mobile number,
is stopped and offered masking, masks and submits; the county reviewer fills in
the compliance review form and approves; the notice is published before its due
date, and the dashboards show what is due and overdue. Selectors use URLs, ids
and classes, not wording, so the test survives the Chinese translation.
"""

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalogs.models import Item
from disclosure.models import ComplianceReview, Publication
from disclosure.pii import id_card_check_character

from .conftest import sign_in, sign_out

pytestmark = pytest.mark.browser

TITLE = "张庄村最低生活保障审核信息公示（浏览器测试）"
FIRST17 = "41022519720815003"
ID_NUMBER = FIRST17 + id_card_check_character(FIRST17)
MOBILE = "13937805678"


def test_village_publisher_masks_and_county_reviewer_publishes(page, screenshot):
    call_command("seed_demo", verbosity=0)
    dibao = Item.objects.get(
        catalog__kind="local",
        catalog__organisation__code="410225-mca",
        catalog__domain__key="social_relief",
        code="2.3",
    )

    # The village publisher lands on the village's dashboard and starts a draft.
    sign_in(page, "village_publisher")
    assert page.url.endswith("/staff/organisations/410225104201-vc/")
    screenshot(page, "village-journey-01-village-dashboard")
    page.click("a[href$='/staff/publications/new/']")
    page.select_option("#id_item", str(dibao.pk))
    page.select_option("#id_kind", "notice")
    page.fill("#id_title", TITLE)
    page.fill(
        "#id_body",
        "经入户调查、民主评议，拟纳入最低生活保障对象公示如下：\n"
        f"赵红梅\t{ID_NUMBER}\t{MOBILE}\t2人\t月保障金485元",
    )
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    publication = Publication.objects.get(title=TITLE)
    assert page.url.endswith(f"/staff/publications/{publication.pk}/")
    assert page.locator(".notice--error").count() == 1  # personal data spotted

    # Submitting is stopped; the masking offer shows the masked forms only.
    page.click(f"form[action$='/publications/{publication.pk}/submit/'] button")
    page.wait_for_load_state()
    assert page.url.endswith(f"/staff/publications/{publication.pk}/personal-data/")
    offer = page.content()
    assert f"410225********{ID_NUMBER[-4:]}" in offer
    assert "139****5678" in offer
    assert ID_NUMBER not in page.locator("main table").inner_text()
    screenshot(page, "village-journey-02-masking-offer")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    publication.refresh_from_db()
    assert ID_NUMBER not in publication.body
    assert f"410225********{ID_NUMBER[-4:]}\t139****5678" in publication.body

    page.click(f"form[action$='/publications/{publication.pk}/submit/'] button")
    page.wait_for_load_state()
    publication.refresh_from_db()
    assert publication.status == "in_review"
    assert page.locator(".status--in_review").count() >= 1
    screenshot(page, "village-journey-03-submitted")
    sign_out(page)

    # The county reviewer of the 民政局 (social relief is its domain) finds it
    # in the review queue and completes the form.
    sign_in(page, "mca_reviewer")
    assert page.url.endswith("/staff/organisations/410225-mca/")
    queue = page.locator("#queue-heading + ul")
    assert TITLE in queue.inner_text()
    screenshot(page, "village-journey-04-review-queue")
    queue.locator(f"a[href$='/publications/{publication.pk}/']").click()
    page.click(f"a[href$='/publications/{publication.pk}/review/']")
    page.wait_for_load_state()
    page.check("input[name=attribute][value=proactive]")
    page.check("#id_platform_website")
    page.fill("#id_column", "村务公开栏")
    page.fill("#id_head_of_unit", "张庄村党支部书记 赵卫东")
    page.fill("#id_leader_in_charge", "东坝头镇分管副镇长 孙明")
    screenshot(page, "village-journey-05-review-form")
    page.click("button[name=action][value=approve]")
    page.wait_for_load_state()

    publication.refresh_from_db()
    assert publication.status == "published"
    assert timezone.localdate(publication.published_at) <= publication.due_on
    assert page.locator("h1").inner_text() == TITLE
    assert page.locator(".status--published").count() >= 2  # published, on time
    screenshot(page, "village-journey-06-published")

    # The completed form is kept and printable.
    review = ComplianceReview.objects.get(publication=publication)
    assert review.decision == "approved" and review.reviewer.username == "mca_reviewer"
    page.click(f"a[href$='/reviews/{review.pk}/print/']")
    page.wait_for_load_state()
    printed = page.locator(".print-form").inner_text()
    for text in [TITLE, "赵卫东", "孙明", "村务公开栏"]:
        assert text in printed
    page.emulate_media(media="print")
    screenshot(page, "village-journey-07-printable-review-form")
    page.emulate_media(media="screen")

    # The 民政局's dashboard shows what is due and overdue below the county in
    # its domains; the 人社局's own employment rows are not its to see.
    with page.expect_navigation():
        page.click(".staff-nav a[href$='/staff/']")  # 工作台
    assert page.url.endswith("/staff/organisations/410225-mca/")
    overdue = page.locator("#overdue-heading + .table-wrap").inner_text()
    due_soon = page.locator("#due-heading + .table-wrap").inner_text()
    assert "张庄村特困人员供养审核信息公示" in overdue
    assert "兰考县第三批公益性岗位信息" not in overdue
    assert "张庄村低保动态调整公示" in due_soon
    assert TITLE not in overdue + due_soon  # published, so no longer due
    screenshot(page, "village-journey-08-county-dashboard")
