"""On-request disclosure in a real browser, from the application to the letter.

A citizen applies on the public form (answering the question), gets a 查询码 and
sees the status; the county bureau registers a phoned-in request for someone
else, sends a 补正 notice, receives the corrected application (the clock starts
again), consults a third party (the due date moves by exactly the paused
working days, counted independently with chinesecalendar), has an extension
approved by the head of the office, replies 部分公开 with its reason and
delivers it by post; the applicant downloads the reply letter from the status
page. Screenshots in tests/artifacts/screenshots/request-journey-*.png.
"""

import io
import re
from datetime import date, timedelta

import chinese_calendar
import docx
import pytest

from disclosure.models import InformationRequest
from disclosure.negativelist import negative_list_load_defaults
from disclosure.pii import id_card_check_character
from portal.demo import seed_regions_and_accounts

from .conftest import sign_in, sign_out

pytestmark = pytest.mark.browser

CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")
WORDS = {c: n for n, c in enumerate("零一二三四五六七八九十")}
FIRST17 = "41022519660403002"
ID_NUMBER = FIRST17 + id_card_check_character(FIRST17)


def independent_after(start: date, days: int) -> date:
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        counted += chinese_calendar.is_workday(day)
    return day


def answer(page) -> str:
    question = page.locator("label[for=id_captcha_answer]").inner_text()
    a, op, b = re.search(r"(.)(加|减)(.)", question).groups()
    a, b = WORDS[a], WORDS[b]
    return str(a + b if op == "加" else a - b)


def fill_applicant(page, **values):
    page.check(f"input[name=applicant_kind][value={values.pop('kind')}]")
    page.check("input[name=information_form][value=paper]")
    page.check("input[name=delivery][value=post]")
    for name, value in values.items():
        page.fill(f"#id_{name}", value)


def step(page, r, name, **fields):
    page.goto(f"{page.base_url}/staff/requests/{r.pk}/")
    page.click(f"a[data-step='{name}']")
    for field, value in fields.items():
        selector = f"#id_{field}"
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        elif page.locator(f"input[name={field}][type=radio]").count():
            page.check(f"input[name={field}][value={value}]")
        else:
            page.fill(selector, value)
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(f"/staff/requests/{r.pk}/"), page.content()[:3000]
    r.refresh_from_db()


def test_a_request_from_application_to_reply_letter(page, screenshot, tmp_path):
    seed_regions_and_accounts()
    negative_list_load_defaults()

    # A citizen applies on the public form and follows the application.
    page.goto(f"{page.base_url}/requests/?place=410225")
    screenshot(page, "request-journey-01-choose-a-body")
    page.click("a[href$='/requests/apply/410225-hrss/']")
    fill_applicant(
        page,
        kind="natural_person",
        applicant_name="陈晓燕",
        identity_number="E12345678",
        address="河南省开封市兰考县城关镇裕禄大道18号",
        phone="13937801234",
        information_title="2026年城乡公益性岗位招聘计划",
        description="请提供2026年城乡公益性岗位的招聘计划及岗位数量。",
    )
    page.select_option("#id_identity_type", "passport")
    page.fill("#id_captcha_answer", answer(page))
    screenshot(page, "request-journey-02-public-form")
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state()
    code = page.locator("#query-code").inner_text()
    assert CODE.fullmatch(code)
    screenshot(page, "request-journey-03-query-code")
    page.goto(f"{page.base_url}/requests/status/")
    page.fill("#id_code", code)
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state()
    assert "陈晓燕" not in page.content()
    screenshot(page, "request-journey-04-status-submitted")

    # The county bureau registers a request phoned in for someone else.
    sign_in(page, "county_publisher", "/staff/requests/")
    page.click("a[href$='/staff/requests/new/']")
    page.select_option("#id_channel", "phone")
    page.fill("#id_received_on", "2026-11-02")
    fill_applicant(
        page,
        kind="natural_person",
        applicant_name="李建国",
        identity_number=ID_NUMBER,
        address="河南省开封市兰考县东坝头镇张庄村",
        phone="15803781234",
        information_title="张庄村2025年公益性岗位人员名单及补贴标准",
        description="李建国来电申请，由工作人员代为填写（条例第二十九条）。",
    )
    screenshot(page, "request-journey-05-register-phoned-in")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    phoned = CODE.search(page.locator(".messages").inner_text()).group(0)
    r = InformationRequest.objects.get(applicant_name="李建国")
    assert r.channel == "phone" and r.due_on == independent_after(date(2026, 11, 2), 20)
    assert ID_NUMBER in page.locator("#identity").inner_text()  # the handler
    screenshot(page, "request-journey-06-registered")

    step(
        page,
        r,
        "correction",
        on="2026-11-04",
        text="请写明所需名单的年度和村名。",
        days="10",
    )
    assert r.status == "awaiting_correction"
    step(page, r, "correction-received", on="2026-11-09", corrected="2025年度，张庄村")
    restarted = independent_after(date(2026, 11, 9), 20)
    assert r.clock_start_on == date(2026, 11, 9) and r.due_on == restarted
    screenshot(page, "request-journey-07-clock-restarted")

    step(
        page,
        r,
        "consult",
        on="2026-11-10",
        kind="third_party",
        party="名单所列人员代表",
    )
    consultation = r.consultations.get()
    page.click(f"a[href$='/consultations/{consultation.pk}/answer/']")
    page.fill("#id_on", "2026-11-17")
    page.select_option("#id_opinion", "objects")
    page.fill("#id_note", "不同意公开身份证号码和银行账号")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    r.refresh_from_db()
    paused = sum(
        chinese_calendar.is_workday(date(2026, 11, 10) + timedelta(days=n))
        for n in range(1, 8)
    )
    assert paused == 5
    assert r.due_on == independent_after(restarted, paused)
    assert page.locator("#due-on").inner_text().startswith(r.due_on.isoformat())
    screenshot(page, "request-journey-08-paused-by-third-party")

    step(
        page,
        r,
        "extension",
        on="2026-11-18",
        days="20",
        reason="名单涉及多个村，需逐一核对。",
    )
    assert r.extension_pending
    sign_out(page)
    sign_in(page, "county_reviewer", f"/staff/requests/{r.pk}/")
    page.click(f"a[href$='/staff/requests/{r.pk}/extension/decision/']")
    page.fill("#id_on", "2026-11-18")
    page.check("input[name=decision][value=approve]")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()
    r.refresh_from_db()
    assert r.extended and r.extension_approved_by.username == "county_reviewer"
    assert "*" in page.locator("#identity").inner_text()  # masked for the head
    screenshot(page, "request-journey-09-extension-approved")
    sign_out(page)

    sign_in(page, "county_publisher", f"/staff/requests/{r.pk}/")
    step(
        page,
        r,
        "reply",
        on="2026-11-20",
        reply_type="partial",
        reason="third_party",
        text="现提供人员名单及补贴标准；名单中的身份证号码和银行账号属于第三方个人信息，不予公开。",
    )
    assert (r.reply_type, r.reply_reason) == ("partial", "third_party")
    step(
        page,
        r,
        "deliver",
        on="2026-11-23",
        method="post",
        tracking_number="1151234567890",
    )
    assert r.status == "delivered"
    screenshot(page, "request-journey-10-replied-and-delivered")
    page.click(f"a[href$='/staff/requests/{r.pk}/letters/reply/']")
    page.wait_for_load_state()
    page.emulate_media(media="print")
    screenshot(page, "request-journey-11-printable-reply-letter")
    page.emulate_media(media="screen")
    sign_out(page)

    # The applicant downloads the reply letter from the status page.
    page.goto(f"{page.base_url}/requests/status/")
    page.fill("#id_code", phoned)
    page.click("form.public-form button[type=submit]")
    page.wait_for_load_state()
    assert ID_NUMBER not in page.content()
    screenshot(page, "request-journey-12-status-replied")
    with page.expect_download() as download:
        page.click("button[data-letter=reply]")
    path = tmp_path / "reply.docx"
    download.value.save_as(path)
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs
    )
    for expected in [
        "部分公开",
        "保护第三方合法权益",
        "第三十七条",
        "六十日",
        "六个月",
    ]:
        assert expected in text, (expected, text)
    assert ID_NUMBER not in text
