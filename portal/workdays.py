"""Working-day arithmetic over the calendar table: lookups by workday ordinal."""

from datetime import date

from django.utils.translation import gettext as _

from .models import CalendarYear, WorkingDay


class CalendarNotCovered(Exception):
    """Raised when a computation needs a date the confirmed calendar does not hold."""

    def __init__(self, day: date):
        self.day = day
        super().__init__(
            _(
                "The working-day calendar does not cover %(date)s: the holiday "
                "schedule for %(year)s has not been entered and confirmed. Add the "
                "year in the admin under Calendar years before computing deadlines "
                "that reach it."
            )
            % {"date": day.isoformat(), "year": day.year}
        )


def _confirmed(day: date) -> bool:
    return CalendarYear.objects.filter(year=day.year, confirmed=True).exists()


def _row(day: date) -> WorkingDay:
    if not _confirmed(day):
        raise CalendarNotCovered(day)
    try:
        return WorkingDay.objects.only("date", "is_workday", "ordinal").get(date=day)
    except WorkingDay.DoesNotExist:
        raise CalendarNotCovered(day) from None


def is_workday(day: date) -> bool:
    """Whether ``day`` is a working day, 调休 included."""
    return _row(day).is_workday


def add_working_days(start: date, days: int) -> date:
    """The date that is ``days`` working days after ``start``.

    As in Chinese law, the starting day itself is not counted: a limit of 20
    working days from a Friday ends on the 20th working day after that Friday.
    ``days=0`` gives ``start`` itself if it is a working day, else the next one.
    """
    if days < 0:
        raise ValueError(_("The number of working days must not be negative."))
    base = _row(start).ordinal
    target = base + days
    if days == 0:
        row = _row(start)
        if row.is_workday:
            return start
        target = base + 1
    found = (
        WorkingDay.objects.filter(ordinal=target, is_workday=True)
        .values_list("date", flat=True)
        .first()
    )
    if found is None:
        raise CalendarNotCovered(_first_uncovered_after(start))
    if not _confirmed(found):
        raise CalendarNotCovered(found)
    return found


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
    return _row(end).ordinal - _row(start).ordinal


def _first_uncovered_after(day: date) -> date:
    last = WorkingDay.objects.order_by("-date").values_list("date", flat=True).first()
    if last is None or last < day:
        return day
    return date(last.year + 1, 1, 1)
