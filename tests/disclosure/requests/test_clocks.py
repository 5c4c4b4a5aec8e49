"""Every clock rule on real dates across the 2026 Spring Festival, and the refusals.

2026: 春节 holidays 15–23 February, adjusted workdays (调休) Saturday 14 and
Saturday 28 February. Each expected date is written out and also counted
independently with the chinesecalendar package (not the portal's table).
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from disclosure.models import InformationRequest
from disclosure.requests import clocks, services
from disclosure.requests.periods import (
    request_ask_extension,
    request_consult,
    request_consultation_answered,
    request_decide_extension,
    request_lapse,
    request_receive_correction,
    request_send_correction,
)
from disclosure.requests.replies import request_reply
from tests import factories

from .conftest import independent_workdays_after, independent_workdays_between

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE = date(2026, 2, 6)


def messages(excinfo) -> list[str]:
    return excinfo.value.messages


def test_twenty_working_days_across_the_spring_festival(register):
    # Working days after 6 Feb: 9–13, Sat 14 (调休), 24–27, Sat 28 (调休),
    # 2–6 and 9–12 March: the 20th is Thursday 12 March.
    r = register(FRIDAY_BEFORE)

    assert r.due_on == date(2026, 3, 12)
    assert r.due_on == independent_workdays_after(FRIDAY_BEFORE, 20)
    assert r.status == "registered" and r.clock_start_on == FRIDAY_BEFORE


def test_the_adjusted_saturday_counts_and_the_holiday_does_not():
    assert clocks.working_day_after(date(2026, 2, 13), 1).on == date(2026, 2, 14)
    assert clocks.working_day_after(date(2026, 2, 14), 1).on == date(2026, 2, 24)
    assert clocks.working_days_from(date(2026, 2, 13), date(2026, 2, 24)) == 2


def test_a_correction_notice_on_the_seventh_working_day_stops_the_clock(
    register, office
):
    r = register(FRIDAY_BEFORE)
    seventh = date(2026, 2, 24)  # 9–13, Sat 14, then 24 after the holiday
    assert seventh == independent_workdays_after(FRIDAY_BEFORE, 7)

    r = request_send_correction(
        request=r,
        user=office["handler"],
        text="请写明补贴的年度和地区。",
        days=15,
        on=seventh,
    )

    assert r.status == "awaiting_correction"
    assert r.correction_due_on == independent_workdays_after(seventh, 15)
    assert r.correction_due_on == date(2026, 3, 16)


def test_the_corrected_application_restarts_the_clock(register, office):
    r = register(FRIDAY_BEFORE)
    request_send_correction(
        request=r,
        user=office["handler"],
        text="请写明年度。",
        days=10,
        on=date(2026, 2, 10),
    )
    corrected_on = date(2026, 3, 2)

    r = request_receive_correction(
        request=r, user=office["handler"], on=corrected_on, corrected="2025年度"
    )

    assert r.status == "registered"
    assert r.clock_start_on == corrected_on
    assert r.due_on == date(2026, 3, 30) == independent_workdays_after(corrected_on, 20)
    assert "2025年度" in r.description
    # The due date of each step is in the history, with its reason.
    dues = list(r.history.order_by("history_id").values_list("due_on", flat=True))
    assert dues == [date(2026, 3, 12), date(2026, 3, 12), date(2026, 3, 30)]


def test_a_third_party_pauses_the_clock_by_the_working_days_it_takes(register, office):
    received = date(2026, 2, 2)
    r = register(received)
    assert r.due_on == date(2026, 3, 6) == independent_workdays_after(received, 20)
    sent, answered = date(2026, 2, 11), date(2026, 2, 26)

    consultation = request_consult(
        request=r,
        user=office["handler"],
        kind="third_party",
        party="兰考县某商贸公司",
        on=sent,
    )
    r.refresh_from_db()
    assert r.status == "consulting"
    # While the answer is awaited the whole 15 working days are assumed.
    assert r.due_on == independent_workdays_after(date(2026, 3, 6), 15)
    assert consultation.answer_due_on == independent_workdays_after(sent, 15)

    request_consultation_answered(
        consultation=consultation,
        user=office["handler"],
        on=answered,
        opinion="objects",
    )
    r.refresh_from_db()

    paused = independent_workdays_between(sent, answered)  # 12, 13, Sat 14, 24–26
    assert paused == 6
    assert r.due_on == independent_workdays_after(date(2026, 3, 6), paused)
    assert r.due_on == date(2026, 3, 16)
    assert r.status == "registered"


def test_a_late_answer_pauses_the_clock_by_fifteen_working_days_only(register, office):
    r = register(date(2026, 2, 2))
    consultation = request_consult(
        request=r,
        user=office["handler"],
        kind="other_body",
        party="兰考县财政局",
        on=date(2026, 2, 3),
    )
    request_consultation_answered(
        consultation=consultation,
        user=office["handler"],
        on=date(2026, 4, 1),
        opinion="agrees",
    )
    r.refresh_from_db()
    assert r.due_on == independent_workdays_after(date(2026, 3, 6), 15)


def test_no_answer_is_recorded_only_after_the_fifteen_days(register, office):
    r = register(date(2026, 2, 2))
    consultation = request_consult(
        request=r,
        user=office["handler"],
        kind="third_party",
        party="张某",
        on=date(2026, 2, 3),
    )
    with pytest.raises(ValidationError) as excinfo:
        request_consultation_answered(
            consultation=consultation,
            user=office["handler"],
            on=date(2026, 2, 10),
            opinion="no_answer",
        )
    assert excinfo.value.message_dict == {
        "opinion": [
            "The consulted party has until 2026-03-02 to answer (15 working days, "
            "Art. 32); record “no answer” only after that day."
        ]
    }


def test_an_approved_extension_adds_its_working_days(register, office):
    r = register(FRIDAY_BEFORE)
    r = request_ask_extension(
        request=r,
        user=office["handler"],
        days=20,
        reason="涉及多年数据，需调档核对。",
        on=date(2026, 3, 10),
    )
    assert r.due_on == date(2026, 3, 12)  # not until it is approved

    r = request_decide_extension(
        request=r, user=office["head"], approve=True, on=date(2026, 3, 11)
    )

    assert r.extended
    assert r.due_on == independent_workdays_after(FRIDAY_BEFORE, 40)
    assert r.due_on == date(2026, 4, 10)  # Qingming: 4–6 April are rest days
    assert r.events.filter(kind="extension_approved", public=True).exists()


def test_pauses_and_the_extension_add_up(register, office):
    received = date(2026, 2, 2)
    r = register(received)
    c = request_consult(
        request=r,
        user=office["handler"],
        kind="third_party",
        party="李某",
        on=date(2026, 2, 11),
    )
    request_consultation_answered(
        consultation=c, user=office["handler"], on=date(2026, 2, 26), opinion="agrees"
    )
    r.refresh_from_db()
    request_ask_extension(
        request=r,
        user=office["handler"],
        days=5,
        reason="需汇总。",
        on=date(2026, 3, 5),
    )
    r = request_decide_extension(
        request=r, user=office["head"], approve=True, on=date(2026, 3, 5)
    )
    assert r.due_on == independent_workdays_after(received, 20 + 6 + 5)


# ── Refusals, each with its message ─────────────────────────────────────────


def test_a_correction_notice_after_seven_working_days_is_refused(register, office):
    r = register(FRIDAY_BEFORE)
    with pytest.raises(ValidationError) as excinfo:
        request_send_correction(
            request=r,
            user=office["handler"],
            text="请补正。",
            days=15,
            on=date(2026, 2, 25),
        )
    assert messages(excinfo) == [
        "A correction notice must be sent within 7 working days of receipt (Art. 30 "
        "of the Regulations): the application was received on 2026-02-06, so the "
        "last day was 2026-02-24."
    ]
    r.refresh_from_db()
    assert r.status == "registered" and r.correction_sent_on is None
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as excinfo:
            request_send_correction(
                request=r,
                user=office["handler"],
                text="请补正。",
                days=15,
                on=date(2026, 2, 25),
            )
    assert messages(excinfo) == [
        "补正通知应当自收到申请之日起7个工作日内一次性发出（《条例》第三十条）：本申请于"
        "2026-02-06收到，最后一日为2026-02-24。"
    ]


def test_a_second_correction_notice_is_refused(register, office):
    r = register(FRIDAY_BEFORE)
    request_send_correction(
        request=r, user=office["handler"], text="请补正。", days=5, on=date(2026, 2, 9)
    )
    request_receive_correction(request=r, user=office["handler"], on=date(2026, 2, 12))
    with pytest.raises(ValidationError) as excinfo:
        request_send_correction(
            request=r,
            user=office["handler"],
            text="再补正。",
            days=5,
            on=date(2026, 2, 13),
        )
    assert messages(excinfo) == [
        "A correction notice can be sent only once (Art. 30 of the Regulations); one "
        "was already sent on 2026-02-09."
    ]


def test_a_second_extension_is_refused(register, office):
    r = register(FRIDAY_BEFORE)
    request_ask_extension(
        request=r,
        user=office["handler"],
        days=10,
        reason="需调档。",
        on=date(2026, 3, 2),
    )
    request_decide_extension(
        request=r, user=office["head"], approve=True, on=date(2026, 3, 2)
    )
    with pytest.raises(ValidationError) as excinfo:
        request_ask_extension(
            request=r,
            user=office["handler"],
            days=10,
            reason="再延期。",
            on=date(2026, 3, 3),
        )
    assert messages(excinfo) == [
        "The reply period can be extended only once (Art. 33 of the Regulations); it "
        "was already extended by 10 working days on 2026-03-02."
    ]


def test_an_extension_without_approval_is_refused(register, office):
    r = register(FRIDAY_BEFORE)
    with pytest.raises(ValidationError) as excinfo:
        request_decide_extension(
            request=r, user=office["head"], approve=True, on=date(2026, 3, 2)
        )
    assert messages(excinfo) == [
        "No extension is waiting for approval: the handler asks for it first, then "
        "the head of the disclosure office approves it."
    ]
    request_ask_extension(
        request=r,
        user=office["handler"],
        days=10,
        reason="需调档。",
        on=date(2026, 3, 2),
    )
    with pytest.raises(ValidationError) as excinfo:
        request_decide_extension(
            request=r, user=office["handler"], approve=True, on=date(2026, 3, 2)
        )
    assert messages(excinfo) == [
        "An extension must be approved by the head of the disclosure office (Art. "
        "33), not by the person who asked for it."
    ]
    with pytest.raises(PermissionDenied):  # a colleague without the authority
        request_decide_extension(
            request=r,
            user=office["township_publisher"],
            approve=True,
            on=date(2026, 3, 2),
        )
    r.refresh_from_db()
    assert not r.extended and r.due_on == date(2026, 3, 12)


def test_an_extension_of_more_than_twenty_days_or_after_the_due_date_is_refused(
    register, office
):
    r = register(FRIDAY_BEFORE)
    with pytest.raises(ValidationError) as excinfo:
        request_ask_extension(
            request=r,
            user=office["handler"],
            days=21,
            reason="久。",
            on=date(2026, 3, 2),
        )
    assert excinfo.value.message_dict == {
        "days": [
            "An extension is of at most 20 working days (Art. 33 of the "
            "Regulations); give a number from 1 to 20."
        ]
    }
    with pytest.raises(ValidationError) as excinfo:
        request_ask_extension(
            request=r,
            user=office["handler"],
            days=5,
            reason="晚。",
            on=date(2026, 3, 13),
        )
    assert messages(excinfo) == [
        "The reply was due on 2026-03-12; an extension must be approved before the "
        "reply period ends (Art. 33)."
    ]


@pytest.mark.parametrize(
    ("reply_type", "reason", "expected"),
    [
        (
            "withheld",
            "",
            "A reply “Not disclosed (不予公开)” needs its reason: choose one of "
            "State secret (属于国家秘密)",
        ),
        ("partial", "", "A reply “Partly disclosed (部分公开)” needs its reason"),
        ("unable", "", "A reply “Cannot be provided (无法提供)” needs its reason"),
        (
            "withheld",
            "repeated",
            "“A repeated application (重复申请)” is not a reason for a reply “Not "
            "disclosed (不予公开)”.",
        ),
        ("granted", "state_secret", "A reply “Disclosed (予以公开)” takes no reason."),
    ],
)
def test_a_reply_type_without_its_reason_is_refused(
    register, office, reply_type, reason, expected
):
    r = register(FRIDAY_BEFORE)
    with pytest.raises(ValidationError) as excinfo:
        request_reply(
            request=r,
            user=office["handler"],
            reply_type=reply_type,
            reason=reason,
            on=date(2026, 3, 2),
        )
    assert excinfo.value.message_dict["reason"][0].startswith(expected)
    r.refresh_from_db()
    assert r.status == "registered" and r.reply_type == ""


def test_uncorrected_applications_lapse_only_after_their_time(register, office):
    r = register(FRIDAY_BEFORE)
    request_send_correction(
        request=r, user=office["handler"], text="请补正。", days=5, on=date(2026, 2, 9)
    )
    r.refresh_from_db()
    assert r.correction_due_on == date(2026, 2, 14)  # the adjusted Saturday
    with pytest.raises(ValidationError) as excinfo:
        request_lapse(request=r, user=office["handler"], on=date(2026, 2, 14))
    assert messages(excinfo) == [
        "The applicant has until 2026-02-14 to correct the application; only after "
        "that day is it treated as withdrawn (Art. 30)."
    ]
    r = request_lapse(request=r, user=office["handler"], on=date(2026, 2, 24))
    assert (r.status, r.reply_type, r.reply_reason) == (
        "replied",
        "other",
        "no_correction",
    )


def test_a_year_the_calendar_does_not_know_is_refused_loudly(register, monkeypatch):
    year = factories.first_unknown_year()
    monkeypatch.setattr(services, "today", lambda: date(year - 1, 12, 20))
    with pytest.raises(ValidationError) as excinfo:
        register(date(year - 1, 12, 20))
    assert excinfo.value.message_dict == {
        "received_on": [
            f"{year}-01-01 is too far ahead: the working-day calendar counts "
            f"working days up to {year - 1}-12-31 only, because no holiday schedule "
            "is known beyond it. Check the date."
        ]
    }
    assert not InformationRequest.objects.exists()
