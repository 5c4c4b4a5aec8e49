"""The statutory holidays of a year, for a provisional calendar beyond the confirmed ones.

《全国年节及纪念日放假办法》 as revised by 国务院令第795号 (in force 2025-01-01), Art. 2:
元旦 1 day (1 January), 春节 4 days (农历除夕 and 正月初一至初三), 清明节 1 day (the
solar term), 劳动节 2 days (1 and 2 May), 端午节 1 day (农历五月初五), 中秋节 1 day
(农历八月十五), 国庆节 3 days (1 to 3 October). A provisional year rests on weekends and
on these days and on nothing else: the State Council's yearly announcement adds the
bridging days and the weekend days worked instead (调休), which cannot be foreseen, so
none is guessed. Where two holidays fall on one day (中秋 on 1 October) the day is
one rest day named for both; the announcement decides what follows from that.

The lunar dates come from ``lunardate`` (a table of the Chinese calendar for
1900–2099, agreeing with ``lunar_python`` on every 春节, 端午 and 中秋 of 1990–2099);
清明 is the solar term computed by ``chinese_calendar.get_solar_terms``.
"""

from datetime import date, timedelta

import chinese_calendar
from lunardate import LunarDate

# The first year the revised rules apply to; earlier years come from the
# chinesecalendar package (confirmed) and are never computed here.
RULES_IN_FORCE_FROM = 2025
LUNAR_TABLE_LAST_YEAR = 2099  # lunardate's table ends with the lunar year 2099
RULES_SOURCE = "《全国年节及纪念日放假办法》（国务院令第795号）"

# Notes are data in the official language, like region names.
NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
TOMB_SWEEPING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"


def _lunar(year: int, month: int, day: int) -> date:
    return LunarDate(year, month, day).to_solar_date()


def _qingming(year: int) -> date:
    terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
    (day,) = [day for day, name in terms if name == "清明"]
    return day


def statutory_holidays(year: int) -> dict[date, str]:
    """Every statutory rest day of ``year`` (weekends aside) with its holiday's name.

    The 春节 of the lunar year starting in ``year``; its 除夕 (the day before
    正月初一) may fall in January, never in the year before.
    """
    if year < RULES_IN_FORCE_FROM or year > LUNAR_TABLE_LAST_YEAR:
        raise ValueError(
            f"Statutory holidays are computed for {RULES_IN_FORCE_FROM}–"
            f"{LUNAR_TABLE_LAST_YEAR}, not {year}."
        )
    new_year = _lunar(year, 1, 1)
    days: list[tuple[date, str]] = [
        (date(year, 1, 1), NEW_YEAR),
        *((new_year + timedelta(days=n), SPRING_FESTIVAL) for n in range(-1, 3)),
        (_qingming(year), TOMB_SWEEPING),
        (date(year, 5, 1), LABOUR_DAY),
        (date(year, 5, 2), LABOUR_DAY),
        (_lunar(year, 5, 5), DRAGON_BOAT),
        (_lunar(year, 8, 15), MID_AUTUMN),
        *((date(year, 10, d), NATIONAL_DAY) for d in (1, 2, 3)),
    ]
    holidays: dict[date, str] = {}
    for day, name in days:
        holidays[day] = f"{holidays[day]}、{name}" if day in holidays else name
    return holidays


def provisional_days(year: int) -> list[tuple[date, bool, str]]:
    """(date, is_workday, note) for every day of ``year``: weekends and statutory days off."""
    holidays = statutory_holidays(year)
    rows = []
    day = date(year, 1, 1)
    while day.year == year:
        name = holidays.get(day, "")
        rows.append((day, not name and day.weekday() < 5, name))
        day += timedelta(days=1)
    return rows
