"""Due dates: a catalog item's time limit counted on the working-day calendar.

The rule per kind of time limit (``catalogs.models.TimeLimitKind``):

* within N working days → the Nth working day after the information was formed
  (the starting day is not counted, as in Chinese law);
* within N calendar days → formed date + N; a limit that ends on a rest day
  runs to the next working day (民法典 Art. 203);
* within N hours → the day the hours run out (formed date + ⌈N / 24⌉), not moved:
  hour limits are for emergencies, which do not wait for Monday;
* periodically every N units → as "within N units" of the last change;
* in real time → the same day if it is a working day, else the next working day;
* promptly (及时) → 5 working days, a house rule: the wording promises faster than
  the 20-day default but names no number;
* not stated, or a limit without a number → 20 working days (政府信息公开条例
  Art. 26), the ceiling for all proactive information.

``due_date`` is the one place this rule is written: the services call it on the
database calendar, the synthetic-data builder on its in-memory table
(``calendar=``). A due date counted across a year whose schedule is not confirmed
is provisional (``DueDate.provisional``) and is recomputed when the year is; a
date the calendar refuses (before its first year, past its provisional horizon)
raises ``CalendarNotCovered``.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from django.utils import timezone
from django.utils.translation import gettext as _

from catalogs.models import Item, TimeLimitKind, TimeLimitUnit
from catalogs.timelimits import TimeLimit
from portal.calendar.database import DatabaseCalendar
from portal.calendar.workdays import (
    CalendarNotCovered,
    WorkingCalendar,
    add_working_days,
    working_days_between,
)

__all__ = ["CalendarNotCovered", "DueDate", "due_date", "due_rule_text"]

STATUTORY_WORKING_DAYS = 20  # 政府信息公开条例 Art. 26
PROMPT_WORKING_DAYS = 5
INTERPRETATION_WORKING_DAYS = 3  # Rizhao plan §四(一)
DUE_SOON_WORKING_DAYS = 5


def time_limit_rule(item: Item) -> tuple[int, str]:
    """The item's time limit (``TimeLimit.of``) as (amount, unit) after the rules above."""
    limit = TimeLimit.of(item)
    if limit.kind == TimeLimitKind.REALTIME:
        return 0, TimeLimitUnit.WORKING_DAYS
    if limit.kind == TimeLimitKind.PROMPTLY:
        return PROMPT_WORKING_DAYS, TimeLimitUnit.WORKING_DAYS
    if (
        limit.kind in (TimeLimitKind.WITHIN, TimeLimitKind.PERIODIC)
        and limit.amount
        and limit.unit
    ):
        return limit.amount, limit.unit
    return STATUTORY_WORKING_DAYS, TimeLimitUnit.WORKING_DAYS


@dataclass(frozen=True)
class DueDate:
    """When information must be published, and whether that may still move."""

    day: date
    provisional: bool


def due_date(
    item: Item, formed_on: date, *, calendar: WorkingCalendar | None = None
) -> DueDate:
    """The date by which information formed on ``formed_on`` must be published.

    ``calendar`` defaults to the database's (``DatabaseCalendar``).
    """
    calendar = calendar or DatabaseCalendar()
    amount, unit = time_limit_rule(item)
    if unit == TimeLimitUnit.WORKING_DAYS:
        counted = add_working_days(formed_on, amount, calendar=calendar)
        return DueDate(counted.day, counted.provisional)
    calendar.ordinal(formed_on)  # refuses a start the calendar does not cover
    if unit == TimeLimitUnit.HOURS:
        # Not moved to a working day, so no schedule can move it either.
        due = formed_on + timedelta(days=ceil(amount / 24))
        calendar.ordinal(due)
        return DueDate(due, False)
    counted = add_working_days(formed_on + timedelta(days=amount), 0, calendar=calendar)
    return DueDate(counted.day, counted.provisional)


def due_rule_text(item: Item) -> str:
    """How the due date of ``item``'s publications is counted, as one sentence."""
    amount, unit = time_limit_rule(item)
    if item.time_limit_kind == TimeLimitKind.REALTIME:
        return _("In real time: due the same working day the information is formed.")
    if unit == TimeLimitUnit.WORKING_DAYS:
        text = _(
            "Due %(amount)s working days after the information is formed or changed."
        ) % {"amount": amount}
    elif unit == TimeLimitUnit.HOURS:
        text = _("Due %(amount)s hours after the information is formed.") % {
            "amount": amount
        }
    else:
        text = _(
            "Due %(amount)s calendar days after the information is formed or "
            "changed, or the next working day when that is a rest day."
        ) % {"amount": amount}
    if item.time_limit_kind == TimeLimitKind.PROMPTLY:
        text += " " + _(
            "The catalog says “promptly”; the portal allows 5 working days."
        )
    elif item.time_limit_kind not in (
        TimeLimitKind.WITHIN,
        TimeLimitKind.PERIODIC,
    ) or not (item.time_limit_amount and item.time_limit_unit):
        text += " " + _(
            "The catalog states no usable time limit, so the statutory 20 working "
            "days apply."
        )
    return text


@dataclass(frozen=True)
class InterpretationTiming:
    """How long after its policy document an interpretation came (or is still due)."""

    document: object
    interpretation: object
    working_days: int | None
    published: bool

    @property
    def late(self) -> bool:
        return (
            self.working_days is not None
            and self.working_days > INTERPRETATION_WORKING_DAYS
        )


def _timing(document, interpretation, today: date) -> InterpretationTiming:
    published = interpretation.published_at is not None
    days = None
    if document.published_at is not None:
        end = timezone.localdate(interpretation.published_at) if published else today
        try:
            days = working_days_between(
                timezone.localdate(document.published_at), end
            ).days
        except CalendarNotCovered:
            days = None
    return InterpretationTiming(document, interpretation, days, published)


def interpretation_lateness(publication, *, today: date | None = None):
    """Timings between a document and its interpretations, from either side.

    An interpretation is due within 3 working days of its document's publication
    (Rizhao plan §四(一)); one published later, or still unpublished after
    that, is flagged ``late``.
    """
    today = today or timezone.localdate()
    if publication.interpretation_of_id:
        return [_timing(publication.interpretation_of, publication, today)]
    return [_timing(publication, i, today) for i in publication.interpretations.all()]
