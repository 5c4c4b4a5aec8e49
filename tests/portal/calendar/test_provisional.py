"""Provisional years: the bounded extension, and both calendars answering alike."""

from datetime import date, timedelta

import pytest

from disclosure.deadlines import due_date
from portal.calendar.database import DatabaseCalendar, provisional_horizon
from portal.calendar.memory import MemoryCalendar
from portal.calendar.selectors import years_to_confirm
from portal.calendar.workdays import (
    CalendarNotCovered,
    add_working_days,
    is_provisional,
    working_days_between,
)
from portal.models import CalendarYear, WorkingDay

pytestmark = pytest.mark.django_db


def last_year():
    return CalendarYear.objects.order_by("-year").values_list("year", flat=True)[0]


def test_a_count_reaching_past_the_table_extends_it_up_to_that_year_only():
    horizon = provisional_horizon()
    assert last_year() < horizon.year  # seed_calendar adds next year only
    counted = add_working_days(date(horizon.year - 1, 12, 20), 20)
    assert counted.day.year == horizon.year and counted.provisional
    assert last_year() == horizon.year
    added = CalendarYear.objects.get(year=horizon.year)
    assert not added.confirmed and "国务院令第795号" in added.source
    record = WorkingDay.objects.get(date=date(horizon.year, 10, 1)).history.first()
    assert record.history_change_reason.startswith("Provisional year") or (
        record.history_change_reason.startswith("暂定年度")
    )
    # Ordinals run on without a break into the added years.
    ordinals = list(
        WorkingDay.objects.filter(date__year__gte=horizon.year - 2)
        .order_by("date")
        .values_list("is_workday", "ordinal")
    )
    running = ordinals[0][1]
    for workday, ordinal in ordinals[1:]:
        running += workday
        assert ordinal == running


def test_nothing_is_added_beyond_the_horizon_and_the_refusal_is_loud():
    horizon = provisional_horizon()
    before = last_year()
    with pytest.raises(CalendarNotCovered) as caught:
        add_working_days(horizon - timedelta(days=3), 20)
    assert caught.value.last == horizon
    assert last_year() == horizon.year  # extended up to the horizon, not past it
    with pytest.raises(CalendarNotCovered):
        DatabaseCalendar().ordinal(date(horizon.year + 1, 1, 4))
    assert last_year() == horizon.year > before


def test_provisional_flags_follow_the_years_crossed():
    next_year = date.today().year + 1
    assert not is_provisional(date(2026, 6, 1))
    assert is_provisional(date(next_year, 6, 1))
    within = working_days_between(date(2026, 3, 2), date(2026, 3, 16))
    across = working_days_between(date(2026, 12, 1), date(next_year, 1, 8))
    assert (within.days, within.provisional) == (10, False)
    assert across.provisional


LIMITS = [
    ("within", 20, "working_days"),
    ("within", 10, "working_days"),
    ("within", 30, "calendar_days"),
    ("within", 72, "hours"),
    ("realtime", None, ""),
    ("promptly", None, ""),
    ("unspecified", None, ""),
]


def test_both_calendars_give_the_same_answers_confirmed_and_provisional():
    from catalogs.models import Item

    memory = MemoryCalendar.load()
    database = DatabaseCalendar()
    items = [
        Item(time_limit_kind=k, time_limit_amount=a, time_limit_unit=u)
        for k, a, u in LIMITS
    ]
    # Across the 2026 Spring Festival (confirmed) and the turn into next year
    # (provisional), and up to the horizon, where both refuse.
    days = [date(2026, 2, 1) + timedelta(days=n) for n in range(40)]
    days += [date(2026, 12, 10) + timedelta(days=n) for n in range(40)]
    days += [date(2027, 9, 20) + timedelta(days=n) for n in range(20)]
    provisional = 0
    for item in items:
        for day in days:
            one = due_date(item, day, calendar=database)
            assert due_date(item, day, calendar=memory) == one, (item, day)
            provisional += one.provisional
    assert provisional > 50
    for day in days:
        assert memory.is_workday(day) == database.is_workday(day)
        assert memory.ordinal(day) == database.ordinal(day)
    end = provisional_horizon()
    for calendar in (memory, database):
        with pytest.raises(CalendarNotCovered):
            due_date(items[0], end, calendar=calendar)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 10, 31), []),  # this year confirmed, next not yet due
        (date(2026, 11, 1), [2027]),  # from 1 November: next year
        (date(2027, 3, 1), [2027]),  # a year begun unconfirmed
    ],
)
def test_the_years_to_confirm(today, expected):
    found = [getattr(y, "year", y) for y in years_to_confirm(today)]
    assert found == expected


def test_seeding_gives_a_provisional_year_the_packages_schedule_and_confirms_it():
    from portal.calendar.services import calendar_seed, calendar_set_day

    # As if 2026 had been provisional, and a day of it wrongly edited.
    CalendarYear.objects.filter(year=2026).update(confirmed=False)
    calendar_set_day(day=date(2026, 10, 7), is_workday=True, reason="误改")
    assert add_working_days(date(2026, 9, 30), 1).provisional

    calendar_seed(first_year=2026, last_year=2026)

    year = CalendarYear.objects.get(year=2026)
    assert year.confirmed and year.source.startswith("chinesecalendar")
    assert not WorkingDay.objects.get(date=date(2026, 10, 7)).is_workday
    counted = add_working_days(date(2026, 9, 30), 1)
    assert (counted.day, counted.provisional) == (date(2026, 10, 8), False)
