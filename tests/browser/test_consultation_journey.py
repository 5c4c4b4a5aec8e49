"""A consultation in a real browser, from the draft to the adoption feedback.

The county bureau opens a consultation; two citizens comment (one writes an ID
number, which the moderator sees masked); the bureau moves the last day to
yesterday, and a citizen who had the page open is refused; the bureau
moderates, records the adoption feedback, publishes the summary and links the
final policy; the public page shows the feedback and links to the policy, whose
page links back. Screenshots in tests/artifacts/screenshots/consultation-*.png.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from disclosure.models import ConsultationComment, Publication
from disclosure.pii import id_card_check_character

from .conftest import sign_in, sign_out
from .test_request_journey import answer

pytestmark = pytest.mark.browser

FIRST17 = "41022519800101123"
ID_NUMBER = FIRST17 + id_card_check_character(FIRST17)
TITLE = "兰考县稳岗返还实施办法（征求意见稿）"


def comment(page, url, *, name, contact, text):
    page.goto(url)
    page.fill("#id_name", name)
    page.fill("#id_contact", contact)
    page.fill("#id_text", text)
    page.fill("#id_captcha_answer", answer(page))
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state()


def test_a_consultation_from_draft_to_feedback(page, screenshot):
    call_command("seed_demo", verbosity=0)
    today = timezone.localdate()

    # The county bureau opens a consultation.
    sign_in(page, "county_publisher", "/staff/consultations/")
    page.click("a[href$='/staff/consultations/new/']")
    page.select_option("#id_organisation", label="兰考县人力资源和社会保障局")
    page.fill("#id_title", TITLE)
    page.fill("#id_draft_text", "第一条 为稳定就业岗位，制定本办法。")
    page.fill(
        "#id_interpretation_text",
        "起草背景：落实稳岗返还政策。主要内容：对象、标准、程序。",
    )
    page.fill("#id_opens_on", (today - dt.timedelta(days=5)).isoformat())
    page.fill("#id_closes_on", (today + dt.timedelta(days=10)).isoformat())
    page.fill("#id_contact", "兰考县人社局就业股 0371-26961234")
    screenshot(page, "consultation-01-new")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    page.click("form[action$='/publish/'] button[type=submit]")
    page.wait_for_load_state()
    public_url = page.locator("a", has_text="公开页面").get_attribute("href")
    url = f"{page.base_url}{public_url}"
    sign_out(page)

    # Two citizens comment; one writes an ID number.
    comment(page, url, name="王女士", contact="13700000001", text="建议简化申领材料。")
    assert "意见已收到" in page.content()
    comment(
        page,
        url,
        name="",
        contact="li@example.cn",
        text=f"我的身份证号{ID_NUMBER}，建议扩大返还范围。",
    )
    screenshot(page, "consultation-02-commented")
    assert ID_NUMBER not in page.content()
    # A third citizen opens the form now and sends it only after the closing.
    # (another person: a browser context of their own, with its own cookies)
    other = page.context.browser.new_context(locale="zh-CN")
    late = other.new_page()
    late.goto(url)
    late.fill("#id_contact", "13700000003")
    late.fill("#id_text", "迟到的意见。")
    late.fill("#id_captcha_answer", answer(late))

    # The bureau sees the ID number masked, and closes the consultation early.
    sign_in(page, "county_publisher", "/staff/consultations/")
    page.click(f"a:has-text('{TITLE}')")
    staff_url = page.url
    assert ID_NUMBER not in page.content() and ID_NUMBER[:6] in page.content()
    screenshot(page, "consultation-03-moderation-masked")
    page.click("a[href$='/edit/']")
    page.fill("#id_closes_on", (today - dt.timedelta(days=1)).isoformat())
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()

    late.click("form.public-form button[type=submit]")
    late.wait_for_load_state()
    assert "本次意见征集已于" in late.content() and "不再接收意见" in late.content()
    screenshot(late, "consultation-04-refused-after-closing")
    ours = ConsultationComment.objects.filter(consultation__title=TITLE)
    assert ours.count() == 2
    other.close()

    # Moderation: publish one, keep back the other with a reason.
    for pk, decision in zip(
        ours.order_by("pk").values_list("pk", flat=True),
        ["publish", "reject"],
        strict=True,
    ):
        page.goto(f"{staff_url}comments/{pk}/moderate/")
        page.check(f"input[name=decision][value={decision}]")
        if decision == "reject":
            page.fill("#id_reason", "含有个人信息，已另行联系")
        page.click("form.staff-form button[type=submit]")
        page.wait_for_load_state()

    # Adoption feedback, the summary and the final policy.
    page.goto(f"{staff_url}feedback/")
    page.locator("input[name=comments]").first.check()
    page.fill("#id_gist", "简化申领材料")
    page.check("input[name=verdict][value=partly]")
    page.fill("#id_reason", "身份证明材料依法须提供，其余材料已精简。")
    screenshot(page, "consultation-05-feedback")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    policy = (
        Publication.objects.public()
        .filter(organisation__code="410225-hrss", kind="policy")
        .order_by("-published_at")
        .first()
    )
    page.goto(f"{staff_url}summary/")
    page.fill("#id_summary", "共收到意见2条，公布1条，部分采纳1条。")
    page.select_option("#id_final_publication", str(policy.pk))
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    sign_out(page)

    # The public page shows the feedback and links to the policy, and back.
    page.goto(url)
    text = page.content()
    assert "共收到意见2条" in text and "部分采纳" in text and "简化申领材料" in text
    assert "收到 2 条 · 公布 1 条 · 采纳或部分采纳 1 条" in page.inner_text("body")
    screenshot(page, "consultation-06-public-feedback")
    page.click("p.final-policy a")
    page.wait_for_load_state()
    assert policy.title in page.content()
    screenshot(page, "consultation-07-final-policy-links-back")
    page.click("p.consultation-link a")
    page.wait_for_load_state()
    assert page.url == url
