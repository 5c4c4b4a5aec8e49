"""The confirmed working-day calendar held in memory, for due dates in bulk.

``due_on`` of millions of rows cannot cost a query each, so the calendar is read
once and ``due_date`` repeats ``disclosure.deadlines.due_date`` over it, with the
same time-limit rules (``deadlines.time_limit_rule``) and the same refusal of dates the
confirmed calendar does not hold. A test compares the two on every rule.
"""

import bisect
import random
from datetime import date, timedelta
from math import ceil

from catalogs.models import Item, TimeLimitUnit
from portal.models import CalendarYear, WorkingDay
from portal.workdays import CalendarNotCovered

from ..deadlines import time_limit_rule


class WorkdayTable:
    """Every date of the confirmed years: whether it is a working day, its ordinal."""

    def __init__(self, rows: list[tuple[date, bool, int]]):
        self.ordinals = {day: ordinal for day, _workday, ordinal in rows}
        self.by_ordinal = {ordinal: day for day, workday, ordinal in rows if workday}
        self.workdays = sorted(day for day, workday, _ordinal in rows if workday)

    @classmethod
    def load(cls) -> "WorkdayTable":
        confirmed = CalendarYear.objects.filter(confirmed=True).values("year")
        rows = WorkingDay.objects.filter(date__year__in=confirmed).values_list(
            "date", "is_workday", "ordinal"
        )
        return cls(list(rows))

    @property
    def first(self) -> date | None:
        return min(self.ordinals, default=None)

    def last_covered(self, since: date) -> date | None:
        """The last date of the unbroken run of covered dates starting at ``since``."""
        if since not in self.ordinals:
            return None
        day = since
        while day + timedelta(days=1) in self.ordinals:
            day += timedelta(days=1)
        return day

    def is_workday(self, day: date) -> bool:
        return self.by_ordinal.get(self._ordinal(day)) == day

    def _ordinal(self, day: date) -> int:
        try:
            return self.ordinals[day]
        except KeyError:
            raise CalendarNotCovered(day) from None

    def add_working_days(self, start: date, days: int) -> date:
        """As ``portal.workdays.add_working_days``: the start day is not counted."""
        base = self._ordinal(start)
        if days == 0:
            if self.by_ordinal.get(base) == start:
                return start
            days = 1
        found = self.by_ordinal.get(base + days)
        if found is None:
            raise CalendarNotCovered(start + timedelta(days=days))
        return found

    def due_date(self, item: Item, formed_on: date) -> date:
        """As ``disclosure.deadlines.due_date``, without a query."""
        amount, unit = time_limit_rule(item)
        if unit == TimeLimitUnit.WORKING_DAYS:
            return self.add_working_days(formed_on, amount)
        self._ordinal(formed_on)
        if unit == TimeLimitUnit.HOURS:
            due = formed_on + timedelta(days=ceil(amount / 24))
            self._ordinal(due)
            return due
        return self.add_working_days(formed_on + timedelta(days=amount), 0)

    def random_workday(self, rng: random.Random, first: date, last: date) -> date:
        """A working day drawn evenly from ``first``…``last`` (both included).

        When the span holds no working day, the first working day after it.
        """
        low = bisect.bisect_left(self.workdays, first)
        high = bisect.bisect_right(self.workdays, last)
        if low >= high:
            return self.add_working_days(last, 1)
        return self.workdays[rng.randrange(low, high)]
