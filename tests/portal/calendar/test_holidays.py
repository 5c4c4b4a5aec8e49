"""The statutory holidays (国务院令第795号) against the real schedules of 2025 and 2026.

chinesecalendar holds the State Council's announced schedules; the statutory days
off of a year must all be rest days of its real schedule, under the same
holiday's name, and the real schedule adds only bridging days and weekends.
"""

from datetime import date, timedelta

import chinese_calendar
import pytest

from portal.calendar.holidays import provisional_days, statutory_holidays
from portal.calendar.services import HOLIDAY_NAMES


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_off_are_real_holidays_of_the_year(year):
    holidays = statutory_holidays(year)
    assert len(holidays) == 13  # 1 + 4 + 1 + 2 + 1 + 1 + 3 (no two on one day)
    for day, name in holidays.items():
        on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
        assert on_holiday, day
        assert HOLIDAY_NAMES[getattr(holiday, "value", holiday)] == name, day


def test_the_lunar_and_solar_term_days_of_2025_and_2026():
    assert {d for d, n in statutory_holidays(2025).items() if n == "春节"} == {
        date(2025, 1, 28) + timedelta(days=n) for n in range(4)
    }  # 除夕 28 January, 正月初一 29 January
    assert {d for d, n in statutory_holidays(2026).items() if n == "春节"} == {
        date(2026, 2, 16) + timedelta(days=n) for n in range(4)
    }
    named = {n: d for d, n in statutory_holidays(2026).items()}
    assert named["清明节"] == date(2026, 4, 5)
    assert named["端午节"] == date(2026, 6, 19)
    assert named["中秋节"] == date(2026, 9, 25)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_real_schedule_only_adds_rest_days_and_weekend_workdays(year):
    statutory = statutory_holidays(year)
    differing = []
    for day, workday, _note in provisional_days(year):
        real = chinese_calendar.is_workday(day)
        if day in statutory:
            assert not real, day  # a statutory day off is never worked
        if real != workday:
            differing.append(day)
            if real:  # worked instead (调休): only ever a weekend day
                assert day.weekday() >= 5, day
            else:  # a bridging day: part of a holiday of the real schedule
                assert chinese_calendar.get_holiday_detail(day)[0], day
    assert differing  # the announcements do add bridging days and 调休


def test_a_holiday_shared_by_two_festivals_is_one_rest_day_named_for_both():
    # 2028: 中秋 (八月十五) falls on 3 October, within 国庆节.
    holidays = statutory_holidays(2028)
    assert holidays[date(2028, 10, 3)] == "中秋节、国庆节"
    assert len(holidays) == 12


def test_years_outside_the_rules_are_refused():
    with pytest.raises(ValueError):
        statutory_holidays(2024)  # before 国务院令第795号; seeded, never computed
    with pytest.raises(ValueError):
        statutory_holidays(2100)  # past lunardate's table


def test_a_provisional_year_rests_on_weekends_and_holidays_only():
    rows = provisional_days(2027)
    assert len(rows) == 365
    rest = [d for d, w, _n in rows if not w]
    weekends = [d for d, _w, _n in rows if d.weekday() >= 5]
    assert set(weekends) <= set(rest)
    assert set(rest) - set(weekends) == {
        d for d in statutory_holidays(2027) if d.weekday() < 5
    }
    assert not [d for d, w, _n in rows if w and d.weekday() >= 5]  # no 调休 guessed
