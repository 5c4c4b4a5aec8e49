"""The working-day calendar: real 调休 dates, deadlines, and refusal outside the calendar."""

from datetime import date

import pytest
from django.utils import translation

from portal.models import CalendarYear, WorkingDay
from portal.services import CalendarError, calendar_add_year, calendar_set_day
from portal.workdays import (
    CalendarNotCovered,
    add_working_days,
    is_workday,
    working_days_between,
)
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
    assert add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)  # Friday → Monday
    assert add_working_days(date(2025, 3, 8), 1) == date(
        2025, 3, 10
    )  # Saturday → Monday


def test_twenty_working_days_across_national_day():
    # From Fri 2025-09-26: Sun 28 Sep (adjusted) 1, 29-30 Sep 2-3, holidays 1-8 Oct,
    # 9-10 Oct 4-5, Sat 11 Oct (adjusted) 6, 13-17 Oct 7-11, 20-24 Oct 12-16,
    # 27-30 Oct 17-20.
    due = add_working_days(date(2025, 9, 26), 20)
    assert due == date(2025, 10, 30)
    assert working_days_between(date(2025, 9, 26), due) == 20


def test_twenty_working_days_across_spring_festival_with_adjusted_days():
    # From 2025-01-20: the adjusted Sunday 26 Jan and Saturday 8 Feb both count.
    due = add_working_days(date(2025, 1, 20), 20)
    assert due == date(2025, 2, 21)


def test_zero_days_from_a_rest_day_is_the_next_workday():
    assert add_working_days(date(2025, 10, 1), 0) == date(2025, 10, 9)
    assert add_working_days(date(2025, 10, 9), 0) == date(2025, 10, 9)


def test_a_date_outside_the_calendar_is_refused_with_a_clear_message():
    unknown = first_unknown_year()
    with pytest.raises(CalendarNotCovered) as excinfo:
        is_workday(date(unknown, 3, 1))
    assert f"{unknown}-03-01" in str(excinfo.value)
    with translation.override("en"):
        assert str(CalendarNotCovered(date(unknown, 3, 1))) == (
            f"The working-day calendar does not cover {unknown}-03-01: the holiday "
            f"schedule for {unknown} has not been entered and confirmed. Add the year "
            "in the admin under Calendar years before computing deadlines that reach it."
        )


def test_a_deadline_running_into_an_unknown_year_is_refused():
    unknown = first_unknown_year()
    with pytest.raises(CalendarNotCovered) as excinfo:
        add_working_days(date(unknown - 1, 12, 20), 20)
    assert str(unknown) in str(excinfo.value)


def test_an_added_year_is_not_used_until_confirmed():
    unknown = first_unknown_year()
    year = calendar_add_year(year=unknown, source="国办发明电")
    days = (date(unknown + 1, 1, 1) - date(unknown, 1, 1)).days
    assert WorkingDay.objects.filter(date__year=unknown).count() == days
    with pytest.raises(CalendarNotCovered):
        add_working_days(date(unknown - 1, 12, 28), 10)
    year.confirmed = True
    year.save()
    assert add_working_days(date(unknown - 1, 12, 28), 10).year == unknown


def test_years_must_be_added_without_gaps():
    unknown = first_unknown_year()
    with pytest.raises(CalendarError) as excinfo:
        calendar_add_year(year=unknown + 2)
    assert str(unknown) in str(excinfo.value)


def test_editing_a_day_recounts_the_ordinals_and_keeps_history():
    before = add_working_days(date(2026, 6, 1), 5)
    calendar_set_day(day=date(2026, 6, 3), is_workday=False, note="测试", reason="test")
    assert add_working_days(date(2026, 6, 1), 5) > before
    row = WorkingDay.objects.get(date=date(2026, 6, 3))
    assert row.history.first().history_change_reason == "test"


def test_seeded_years_are_confirmed():
    seeded = CalendarYear.objects.filter(source__startswith="chinesecalendar")
    assert set(seeded.values_list("year", flat=True)) >= set(range(2004, 2027))
    assert not seeded.filter(confirmed=False).exists()
