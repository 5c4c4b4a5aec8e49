"""Provisional due dates: never refused for want of a year, recomputed and told on confirmation.

Today is in December and the confirmed calendar ends with this year: a draft
formed on 25 December counts into next year, which is provisional. Entering and
confirming next year's schedule in the admin moves the date to what a count by
hand gives, and the body finds the move on its dashboard.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from disclosure.models import DueDateNotice, Publication
from portal.calendar.services import calendar_set_day
from portal.models import CalendarYear

from .conftest import VILLAGE, make_draft, publish

pytestmark = pytest.mark.django_db

TOWNSHIP = "410225104-gov"
FORMED = date(2026, 12, 25)  # a Friday; 28–31 December 2026 are ordinary weekdays
NEXT = 2027

# What the provisional 2027 rests on: weekends and 国务院令第795号's days
# (除夕 5 February, 正月初一 6 February; 清明 5 April; 端午 9 June; 中秋 15 September).
STATUTORY_2027 = {
    date(2027, 1, 1),
    *(date(2027, 2, d) for d in (5, 6, 7, 8)),
    date(2027, 4, 5),
    date(2027, 5, 1),
    date(2027, 5, 2),
    date(2027, 6, 9),
    date(2027, 9, 15),
    *(date(2027, 10, d) for d in (1, 2, 3)),
}
# A 2027 schedule in the shape of the State Council's announcements: 元旦 with its
# weekend, a nine-day 春节 with a Saturday worked before it and one after,
# 劳动节 and 国庆节 stretched over weekends worked instead.
REST_TEXT = """2027-01-01 至 2027-01-03 元旦
2027-02-05 至 2027-02-13 春节
2027-04-03 至 2027-04-05 清明节
2027-05-01 至 2027-05-05 劳动节
2027-06-09 端午节
2027-09-15 中秋节
2027-10-01 至 2027-10-07 国庆节"""
WORK_TEXT = """2027-01-23 春节调休上班
2027-02-20 春节调休上班
2027-05-08 劳动节调休上班
2027-10-09 国庆节调休上班"""


def _days(first, last):
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


ANNOUNCED_REST = (
    _days(date(2027, 1, 1), date(2027, 1, 3))
    | _days(date(2027, 2, 5), date(2027, 2, 13))
    | _days(date(2027, 4, 3), date(2027, 4, 5))
    | _days(date(2027, 5, 1), date(2027, 5, 5))
    | {date(2027, 6, 9), date(2027, 9, 15)}
    | _days(date(2027, 10, 1), date(2027, 10, 7))
)
ANNOUNCED_WORK = {
    date(2027, 1, 23),
    date(2027, 2, 20),
    date(2027, 5, 8),
    date(2027, 10, 9),
}


def count_by_hand(start, n, *, rest, work):
    """The nth working day after ``start``, counted without the calendar code."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if day in work or (day.weekday() < 5 and day not in rest):
            counted += 1
    return day


@pytest.fixture
def drafts(lankao, employment_item, dibao_item):
    assert not CalendarYear.objects.get(year=NEXT).confirmed
    return {
        # 岗位信息发布: 20 working days, at the township.
        "jobs": make_draft(
            lankao,
            "township_publisher",
            TOWNSHIP,
            employment_item,
            formed_on=FORMED,
            title="乡镇岗位信息",
        ),
        # 低保审核信息: 10 working days, at the village.
        "dibao": make_draft(
            lankao,
            "village_publisher",
            VILLAGE,
            dibao_item,
            formed_on=FORMED,
            title="村低保审核信息",
        ),
    }


def enter_schedule(client, admin, **extra):
    client.force_login(admin)
    url = reverse("admin:portal_calendaryear_schedule", args=[NEXT])
    data = {
        "source": "国办发明电〔2026〕7号",
        "rest_days": REST_TEXT,
        "workdays": WORK_TEXT,
        "confirm": "on",
        "reason": "国务院办公厅通知已发布。",
        **extra,
    }
    return client.post(url, data)


def test_a_draft_formed_on_25_december_is_saved_with_a_provisional_date(
    client, lankao, drafts
):
    jobs = drafts["jobs"]
    expected = count_by_hand(FORMED, 20, rest=STATUTORY_2027, work=set())
    assert expected == date(2027, 1, 25)
    assert (jobs.due_on, jobs.due_on_provisional) == (expected, True)

    client.force_login(lankao["township_publisher"])
    page = client.get(reverse("disclosure:publication-detail", args=[jobs.pk]))
    assert '2027-01-25 <span class="provisional-mark"' in page.content.decode()
    assert ">provisional</span>" in page.content.decode()
    with translation.override("zh-hans"):
        chinese = client.get(reverse("disclosure:publication-detail", args=[jobs.pk]))
    assert ">暂定</span>" in chinese.content.decode()


def test_confirming_the_year_moves_the_date_to_the_hand_count_and_tells_the_body(
    client, lankao, drafts
):
    jobs, dibao = drafts["jobs"], drafts["dibao"]
    before = jobs.due_on

    response = enter_schedule(client, lankao["site_admin"])

    assert response.status_code == 302
    year = CalendarYear.objects.get(year=NEXT)
    assert year.confirmed and year.source == "国办发明电〔2026〕7号"
    jobs.refresh_from_db()
    expected = count_by_hand(FORMED, 20, rest=ANNOUNCED_REST, work=ANNOUNCED_WORK)
    assert expected == date(2027, 1, 23)  # the Saturday worked for the 春节
    assert (jobs.due_on, jobs.due_on_provisional) == (expected, False)
    record = jobs.history.order_by("-history_id")[0]
    assert record.history_user == lankao["site_admin"]
    assert "2027" in record.history_change_reason

    # The village's date did not move (10 working days end on 11 January either
    # way) but is no longer provisional; only the township is told.
    dibao.refresh_from_db()
    assert (dibao.due_on, dibao.due_on_provisional) == (date(2027, 1, 11), False)
    (notice,) = DueDateNotice.objects.all()
    assert notice.organisation.code == TOWNSHIP
    assert [
        (m.publication, m.old_due_on, m.new_due_on) for m in notice.moves.all()
    ] == [(jobs, before, expected)]

    client.force_login(lankao["township_publisher"])
    dashboard = client.get(reverse("disclosure:dashboard", args=[TOWNSHIP])).content
    text = dashboard.decode()
    assert "Due dates of" in text and "乡镇岗位信息" in text
    assert "due 2027-01-25 → 2027-01-23" in text


def test_the_body_dismisses_the_notice_and_the_dismissal_is_in_history(
    client, lankao, drafts
):
    enter_schedule(client, lankao["site_admin"])
    notice = DueDateNotice.objects.get()
    dismiss = reverse("disclosure:notice-dismiss", args=[notice.pk])

    client.force_login(lankao["village_publisher"])  # not the body told
    assert client.post(dismiss).status_code == 404
    client.force_login(lankao["township_publisher"])
    assert client.get(dismiss).status_code == 405
    response = client.post(dismiss, {"dashboard": TOWNSHIP})

    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.dismissed_by == lankao["township_publisher"]
    assert notice.history.order_by("-history_id")[0].history_change_reason == (
        "Notice dismissed."
    )
    page = client.get(reverse("disclosure:dashboard", args=[TOWNSHIP])).content
    assert "due 2027-01-25" not in page.decode()


def test_editing_a_day_of_a_provisional_year_recomputes_and_tells(lankao, drafts):
    jobs = drafts["jobs"]
    calendar_set_day(
        day=date(2027, 1, 18),
        is_workday=False,
        note="测试",
        user=lankao["site_admin"],
        reason="录入有误后更正。",
    )
    jobs.refresh_from_db()
    assert (jobs.due_on, jobs.due_on_provisional) == (date(2027, 1, 26), True)
    notice = DueDateNotice.objects.get(organisation__code=TOWNSHIP)
    assert notice.changed_by == lankao["site_admin"]
    assert notice.reason == "录入有误后更正。"


def test_a_failing_recompute_leaves_the_calendar_as_it_was(
    client, lankao, drafts, monkeypatch
):
    from disclosure.duedates import services

    def broken(**kwargs):
        raise RuntimeError("recompute failed")

    monkeypatch.setattr(services, "due_dates_recompute", broken)
    with pytest.raises(RuntimeError):
        enter_schedule(client, lankao["site_admin"])
    assert not CalendarYear.objects.get(year=NEXT).confirmed
    jobs = Publication.objects.get(pk=drafts["jobs"].pk)
    assert (jobs.due_on, jobs.due_on_provisional) == (date(2027, 1, 25), True)


def test_a_bad_schedule_line_is_named_and_nothing_changes(client, lankao, drafts):
    response = enter_schedule(
        client,
        lankao["site_admin"],
        rest_days=REST_TEXT + "\n2027-02-30 春节",
        workdays="2027-01-20 调休",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["rest_days"] == [
        "Days off, line 8 (“2027-02-30 春节”): 2027-02-30 is not a date of the "
        "calendar."
    ]
    assert not CalendarYear.objects.get(year=NEXT).confirmed

    response = enter_schedule(client, lankao["site_admin"], workdays="2027-01-20 调休")
    assert response.context["form"].non_field_errors() == [
        "2027-01-20 is a weekday; list as adjusted working days only the Saturdays "
        "and Sundays worked (调休上班)."
    ]
    assert not CalendarYear.objects.get(year=NEXT).confirmed


def test_published_information_on_a_provisional_date_counts_in_the_report(
    lankao, drafts
):
    from disclosure.reports.progress import Quarter, progress_report
    from portal.models import Region

    publish(lankao, drafts["dibao"])
    today = timezone.localdate()
    rows = progress_report(
        province=Region.objects.get(code="41"), quarter=Quarter.of(today), today=today
    )
    relief = next(
        r for r in rows if r.county.code == "410225" and r.domain.key == "social_relief"
    )
    assert (relief.published, relief.provisional) == (1, 1)
