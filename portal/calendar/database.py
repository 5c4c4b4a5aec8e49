"""The calendar as stored: the ``WorkingDay`` table, extended with provisional years.

Nothing is refused for want of a calendar year: a count that reaches past the
table's last year extends it with provisional years (weekends and statutory
holidays, ``holidays.py``) up to the horizon, ``PROVISIONAL_YEARS_AHEAD`` years
after today's. Beyond the horizon, and before the first seeded year, the
calendar refuses loudly (``CalendarNotCovered``): such a date is a typing
mistake far more often than a real deadline.
"""

from datetime import date

from django.db.models import Max, Min
from django.utils import timezone

from ..models import CalendarYear, WorkingDay
from .workdays import CalendarNotCovered

PROVISIONAL_YEARS_AHEAD = 2


def provisional_horizon(today: date | None = None) -> date:
    """The last date the calendar computes provisionally: 31 December, two years on."""
    today = today or timezone.localdate()
    return date(today.year + PROVISIONAL_YEARS_AHEAD, 12, 31)


class DatabaseCalendar:
    """``WorkingCalendar`` over the database; rows read are kept for the instance."""

    def __init__(self, *, today: date | None = None):
        self.horizon = provisional_horizon(today)
        self._rows: dict[date, tuple[bool, int]] = {}
        self._unconfirmed: set[int] | None = None

    def _row(self, day: date) -> tuple[bool, int]:
        if day not in self._rows:
            row = (
                WorkingDay.objects.filter(date=day)
                .values_list("is_workday", "ordinal")
                .first()
            )
            if row is None and self._extend_through(day):
                row = (
                    WorkingDay.objects.filter(date=day)
                    .values_list("is_workday", "ordinal")
                    .first()
                )
            if row is None:
                raise self._not_covered(day)
            self._rows[day] = row
        return self._rows[day]

    def ordinal(self, day: date) -> int:
        return self._row(day)[1]

    def is_workday(self, day: date) -> bool:
        return self._row(day)[0]

    def workday(self, ordinal: int) -> date:
        while True:
            found = (
                WorkingDay.objects.filter(ordinal=ordinal, is_workday=True)
                .values_list("date", flat=True)
                .first()
            )
            if found is not None:
                return found
            last = WorkingDay.objects.aggregate(last=Max("date"))["last"]
            if last is None:
                raise self._not_covered(timezone.localdate())
            after = date(last.year + 1, 1, 1)
            if not self._extend_through(after):
                raise self._not_covered(after)

    def is_provisional(self, day: date) -> bool:
        if self._unconfirmed is None:
            self._unconfirmed = set(
                CalendarYear.objects.filter(confirmed=False).values_list(
                    "year", flat=True
                )
            )
        return day.year in self._unconfirmed

    def _extend_through(self, day: date) -> bool:
        """Add provisional years up to ``day``'s if it lies after the table and
        within the horizon; whether the table grew."""
        if day > self.horizon:
            return False
        last = CalendarYear.objects.aggregate(last=Max("year"))["last"]
        if last is None or day.year <= last:
            return False
        from .services import calendar_extend

        calendar_extend(through_year=day.year)
        self._unconfirmed = None
        return True

    def _not_covered(self, day: date) -> CalendarNotCovered:
        first = WorkingDay.objects.aggregate(first=Min("date"))["first"]
        return CalendarNotCovered(day, first=first, last=self.horizon)


def ensure_covered(day: date) -> bool:
    """Extend the table with provisional years so that it holds ``day``, if the
    horizon allows; whether it holds it. For pages whose queries read the table
    in SQL (the dashboard's due-soon list), which cannot extend it themselves."""
    try:
        DatabaseCalendar().ordinal(day)
    except CalendarNotCovered:
        return False
    return True
