"""Working-day arithmetic: one interface, the rules written once over it.

A calendar answers four questions (``WorkingCalendar``): the running workday
ordinal of a date, the date of a workday ordinal, whether a date is a working
day, and whether a date lies in a provisional (unconfirmed) year. Two
implementations: ``DatabaseCalendar`` (the ``WorkingDay`` table, extended with
provisional years on demand) and ``MemoryCalendar`` (the table read once, for
computations in bulk). Every count below works on either, so the two give the
same answers by construction.

A result that rests on a provisional year says so (``provisional``): it may
move when the State Council's schedule for that year is entered and confirmed.
"""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.utils.translation import gettext as _


class CalendarNotCovered(Exception):
    """A computation needs a date the calendar does not hold and will not compute.

    ``first`` is the calendar's first date when the date lies before it;
    ``last`` the last date it computes (the provisional horizon) when the date
    lies after it.
    """

    def __init__(
        self, day: date, *, first: date | None = None, last: date | None = None
    ):
        self.day, self.first, self.last = day, first, last
        if last is not None and day > last:
            message = _(
                "%(date)s is too far ahead: the working-day calendar counts "
                "working days up to %(last)s only, because no holiday schedule is "
                "known beyond it. Check the date."
            ) % {"date": day.isoformat(), "last": last.isoformat()}
        elif first is not None and day < first:
            message = _(
                "%(date)s lies before the working-day calendar, which starts on "
                "%(first)s, so no working days can be counted from it. Check the "
                "date."
            ) % {"date": day.isoformat(), "first": first.isoformat()}
        else:
            message = _(
                "The working-day calendar does not cover %(date)s, so no working "
                "days can be counted across it."
            ) % {"date": day.isoformat()}
        super().__init__(message)


class WorkingCalendar(Protocol):
    """What the counts need of a calendar; every method raises ``CalendarNotCovered``."""

    def ordinal(self, day: date) -> int:
        """Working days from the calendar's first date up to and including ``day``."""

    def workday(self, ordinal: int) -> date:
        """The working day whose ordinal is ``ordinal``."""

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day, 调休 included."""

    def is_provisional(self, day: date) -> bool:
        """Whether ``day`` lies in a year whose schedule is not confirmed."""


@dataclass(frozen=True)
class CountedDate:
    """A date reached by counting working days; provisional if it rests on a
    provisional year."""

    day: date
    provisional: bool


@dataclass(frozen=True)
class CountedDays:
    """A number of working days between two dates; provisional likewise."""

    days: int
    provisional: bool


def _default(calendar: WorkingCalendar | None) -> WorkingCalendar:
    if calendar is not None:
        return calendar
    from .database import DatabaseCalendar

    return DatabaseCalendar()


def spans_provisional(calendar: WorkingCalendar, start: date, end: date) -> bool:
    """Whether any year from ``start``'s to ``end``'s is provisional."""
    low, high = min(start, end), max(start, end)
    return any(
        calendar.is_provisional(date(year, 1, 1))
        for year in range(low.year, high.year + 1)
    )


def add_working_days(
    start: date, days: int, *, calendar: WorkingCalendar | None = None
) -> CountedDate:
    """The date that is ``days`` working days after ``start``.

    As in Chinese law, the starting day itself is not counted: a limit of 20
    working days from a Friday ends on the 20th working day after that Friday.
    ``days=0`` gives ``start`` itself if it is a working day, else the next one.
    """
    if days < 0:
        raise ValueError(_("The number of working days must not be negative."))
    calendar = _default(calendar)
    base = calendar.ordinal(start)
    if days == 0 and calendar.is_workday(start):
        end = start
    else:
        end = calendar.workday(base + max(days, 1))
    return CountedDate(end, spans_provisional(calendar, start, end))


def next_working_day(
    day: date, *, calendar: WorkingCalendar | None = None
) -> CountedDate:
    """``day`` if it is a working day, else the first working day after it."""
    return add_working_days(day, 0, calendar=calendar)


def working_days_between(
    start: date, end: date, *, calendar: WorkingCalendar | None = None
) -> CountedDays:
    """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
    calendar = _default(calendar)
    days = calendar.ordinal(end) - calendar.ordinal(start)
    return CountedDays(days, spans_provisional(calendar, start, end))


def is_workday(day: date, *, calendar: WorkingCalendar | None = None) -> bool:
    """Whether ``day`` is a working day, 调休 included."""
    return _default(calendar).is_workday(day)


def is_provisional(day: date, *, calendar: WorkingCalendar | None = None) -> bool:
    """Whether ``day`` lies in a provisional year (one covered, not yet confirmed)."""
    calendar = _default(calendar)
    calendar.ordinal(day)  # refuses a date the calendar does not cover
    return calendar.is_provisional(day)
