"""The working-day calendar held in memory for the synthetic data.

``due_on`` of millions of rows cannot cost a query each, so the calendar is read
once (``portal.calendar.memory.MemoryCalendar``, provisional years included) and
passed to the one rule, ``disclosure.deadlines.due_date(..., calendar=table)``.
This module adds only what the builder needs besides: the unbroken run of
covered dates and a working day drawn at random.
"""

import bisect
import random
from datetime import date, timedelta

from portal.calendar.memory import MemoryCalendar
from portal.calendar.workdays import add_working_days


class WorkdayTable(MemoryCalendar):
    """Every date of the calendar: whether it is a working day, its ordinal."""

    def last_covered(self, since: date) -> date | None:
        """The last date of the unbroken run of covered dates starting at ``since``."""
        if since not in self.ordinals:
            return None
        day = since
        while day + timedelta(days=1) in self.ordinals:
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """``portal.calendar.workdays.add_working_days`` on this table: the date."""
        return add_working_days(start, days, calendar=self).day

    def random_workday(self, rng: random.Random, first: date, last: date) -> date:
        """A working day drawn evenly from ``first``…``last`` (both included).

        When the span holds no working day, the first working day after it.
        """
        low = bisect.bisect_left(self.workdays, first)
        high = bisect.bisect_right(self.workdays, last)
        if low >= high:
            return self.add_working_days(last, 1)
        return self.workdays[rng.randrange(low, high)]
