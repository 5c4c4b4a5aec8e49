"""What the calendar announces to the layers above it: "these dates changed".

``portal`` is the ground layer and imports no app (docs/architecture.md), yet a
change to the calendar moves due dates that ``disclosure`` stores, and the
reply clocks of on-request disclosure will store more. Rather than the calendar
knowing who keeps dates, it announces each change and whoever keeps dates
listens: ``disclosure`` connects in its ``AppConfig.ready``. The signal is sent
inside the calendar write's transaction and receivers run synchronously
(``send``, not ``send_robust``), so a receiver that fails rolls the calendar
change back with it: stored dates never disagree with the calendar.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

# Sent with ``change=CalendarChange(...)`` after the table and its ordinals are
# written. Receivers recompute what they computed from days in
# ``change.first`` … ``change.last``.
calendar_changed = Signal()


class ChangeKind(models.TextChoices):
    SCHEDULE = "schedule", _("The year's schedule was entered")
    CONFIRMED = "confirmed", _("The year was confirmed")
    DAY = "day", _("A day was edited")


@dataclass(frozen=True)
class CalendarChange:
    """One change to the calendar: what kind, which year, which days, by whom, why."""

    kind: str
    year: int
    first: date
    last: date
    user: object
    reason: str
    confirmed: bool  # whether the year is confirmed after the change


def announce(change: CalendarChange) -> None:
    calendar_changed.send(sender=CalendarChange, change=change)
