"""The calendar held in memory: the table read once, for counts in bulk.

Due dates of thousands of rows (the synthetic data, a year's confirmation)
cannot cost queries each. ``MemoryCalendar.load`` first extends the table with
provisional years up to the horizon, as the database calendar would on demand,
so within the horizon both implementations answer alike; outside it both refuse.
"""

from datetime import date

from django.db.models import Max

from ..models import CalendarYear, WorkingDay
from .database import provisional_horizon
from .workdays import CalendarNotCovered


class MemoryCalendar:
    """``WorkingCalendar`` over rows (date, is_workday, ordinal) and the unconfirmed years."""

    def __init__(
        self,
        rows: list[tuple[date, bool, int]],
        *,
        unconfirmed: set[int] = frozenset(),
        horizon: date | None = None,
    ):
        self.ordinals = {day: ordinal for day, _workday, ordinal in rows}
        self.by_ordinal = {ordinal: day for day, workday, ordinal in rows if workday}
        self.workdays = sorted(day for day, workday, _ordinal in rows if workday)
        self.unconfirmed = set(unconfirmed)
        self.horizon = horizon

    @classmethod
    def load(cls, *, since: date | None = None, today: date | None = None):
        """The table from ``since`` (or its start) to its end, extended first up
        to the provisional horizon."""
        from .services import calendar_extend

        horizon = provisional_horizon(today)
        last = CalendarYear.objects.aggregate(last=Max("year"))["last"]
        if last is not None and last < horizon.year:
            calendar_extend(through_year=horizon.year)
        rows = WorkingDay.objects.order_by("date")
        if since is not None:
            rows = rows.filter(date__gte=since)
        unconfirmed = CalendarYear.objects.filter(confirmed=False)
        return cls(
            list(rows.values_list("date", "is_workday", "ordinal")),
            unconfirmed=set(unconfirmed.values_list("year", flat=True)),
            horizon=horizon,
        )

    @property
    def first(self) -> date | None:
        return min(self.ordinals, default=None)

    @property
    def last(self) -> date | None:
        return max(self.ordinals, default=None)

    def ordinal(self, day: date) -> int:
        try:
            return self.ordinals[day]
        except KeyError:
            raise CalendarNotCovered(day, first=self.first, last=self.last) from None

    def workday(self, ordinal: int) -> date:
        try:
            return self.by_ordinal[ordinal]
        except KeyError:
            after = self.last or date.today()
            raise CalendarNotCovered(
                after.replace(year=after.year + 1, month=1, day=1),
                first=self.first,
                last=self.last,
            ) from None

    def is_workday(self, day: date) -> bool:
        return self.by_ordinal.get(self.ordinal(day)) == day

    def is_provisional(self, day: date) -> bool:
        return day.year in self.unconfirmed
