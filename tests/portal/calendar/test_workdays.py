"""The working-day calendar: real 调休 dates, deadlines, refusal outside its horizon."""

from datetime import date

import pytest
from django.utils import translation

from portal.calendar.services import CalendarError, calendar_add_year, calendar_set_day
from portal.calendar.workdays import (
    CalendarNotCovered,
    add_working_days,
    is_workday,
    working_days_between,
)
from portal.models import CalendarYear, WorkingDay
from tests.factories import first_unknown_year

pytestmark = pytest.mark.django_db


def test_adjusted_workdays_of_2025_are_working_days():
    assert is_workday(date(2025, 1, 26))  # a Sunday, worked for the Spring Festival
    assert is_workday(date(2025, 2, 8))  # a Saturday, worked for the Spring Festival
    assert not is_workday(date(2025, 1, 25))  # an ordinary Saturday


def test_national_day_2025_is_eight_rest_days():
    for day in range(1, 9):
        assert not is_workday(date(2025, 10, day))
    assert is_workday(date(2025, 10, 9))
    assert WorkingDay.objects.get(date=date(2025, 10, 1)).note == "国庆节"


def test_the_starting_day_is_not_counted():
    assert add_working_days(date(2025, 3, 7), 1).day == date(
        2025, 3, 10
    )  # Friday → Monday
    assert add_working_days(date(2025, 3, 8), 1).day == date(
        2025, 3, 10
    )  # Saturday → Monday


def test_twenty_working_days_across_national_day():
    # From Fri 2025-09-26: Sun 28 Sep (adjusted) 1, 29-30 Sep 2-3, holidays 1-8 Oct,
    # 9-10 Oct 4-5, Sat 11 Oct (adjusted) 6, 13-17 Oct 7-11, 20-24 Oct 12-16,
    # 27-30 Oct 17-20.
    due = add_working_days(date(2025, 9, 26), 20).day
    assert due == date(2025, 10, 30)
    assert working_days_between(date(2025, 9, 26), due).days == 20


def test_twenty_working_days_across_spring_festival_with_adjusted_days():
    # From 2025-01-20: the adjusted Sunday 26 Jan and Saturday 8 Feb both count.
    due = add_working_days(date(2025, 1, 20), 20).day
    assert due == date(2025, 2, 21)


def test_zero_days_from_a_rest_day_is_the_next_workday():
    assert add_working_days(date(2025, 10, 1), 0).day == date(2025, 10, 9)
    assert add_working_days(date(2025, 10, 9), 0).day == date(2025, 10, 9)


def test_a_date_beyond_the_horizon_is_refused_with_a_clear_message():
    unknown = first_unknown_year()
    with pytest.raises(CalendarNotCovered) as excinfo, translation.override("en"):
        is_workday(date(unknown, 3, 1))
    horizon = date(unknown - 1, 12, 31)
    assert str(excinfo.value) == (
        f"{unknown}-03-01 is too far ahead: the working-day calendar counts working "
        f"days up to {horizon} only, because no holiday schedule is known beyond "
        "it. Check the date."
    )
    assert not CalendarYear.objects.filter(year=unknown).exists()


def test_a_date_before_the_calendar_is_refused_with_a_clear_message():
    with pytest.raises(CalendarNotCovered) as excinfo, translation.override("en"):
        add_working_days(date(2003, 12, 20), 20)
    assert str(excinfo.value) == (
        "2003-12-20 lies before the working-day calendar, which starts on "
        "2004-01-01, so no working days can be counted from it. Check the date."
    )


def test_a_deadline_running_past_the_horizon_is_refused():
    unknown = first_unknown_year()
    with pytest.raises(CalendarNotCovered) as excinfo:
        add_working_days(date(unknown - 1, 12, 20), 20)
    assert str(unknown) in str(excinfo.value)


def test_a_year_added_by_hand_is_provisional_until_confirmed():
    next_year = CalendarYear.objects.order_by("-year")[0].year + 1
    year = calendar_add_year(year=next_year, source="国办发明电")
    days = (date(next_year + 1, 1, 1) - date(next_year, 1, 1)).days
    assert WorkingDay.objects.filter(date__year=next_year).count() == days
    assert WorkingDay.objects.get(date=date(next_year, 10, 1)).note == "国庆节"
    counted = add_working_days(date(next_year, 3, 2), 10)
    assert counted.day.year == next_year and counted.provisional
    year.confirmed = True
    year.save()
    again = add_working_days(date(next_year, 3, 2), 10)
    assert again.day == counted.day and not again.provisional


def test_years_must_be_added_without_gaps():
    last = CalendarYear.objects.order_by("-year")[0].year
    with pytest.raises(CalendarError) as excinfo, translation.override("en"):
        calendar_add_year(year=last + 2)
    assert f"the next year to add is {last + 1}" in str(excinfo.value)


def test_editing_a_day_recounts_the_ordinals_and_keeps_history():
    before = add_working_days(date(2026, 6, 1), 5).day
    calendar_set_day(day=date(2026, 6, 3), is_workday=False, note="测试", reason="test")
    assert add_working_days(date(2026, 6, 1), 5).day > before
    row = WorkingDay.objects.get(date=date(2026, 6, 3))
    assert row.history.first().history_change_reason == "test"


def test_seeded_years_are_confirmed():
    seeded = CalendarYear.objects.filter(source__startswith="chinesecalendar")
    assert set(seeded.values_list("year", flat=True)) >= set(range(2004, 2027))
    assert not seeded.filter(confirmed=False).exists()
