"""The clocks of on-request disclosure, each rule once, in working days.

政府信息公开条例 (国务院令第711号):

* Art. 31 — the date of receipt: the day of handing in (in person, or by
  phone written down by staff, Art. 29); the day registered post is signed
  for; for an ordinary letter, the online form, e-mail or fax, the day the
  office confirms it with the applicant.
* Art. 33 — reply within 20 working days of receipt (the day of receipt is
  not counted, as everywhere in Chinese law).
* Art. 30 — a correction notice (补正) once only, within 7 working days of
  receipt, with a reasonable time to correct; the reply period then counts
  again from the day the corrected application arrives; an application not
  corrected in time without good reason is treated as withdrawn.
* Art. 32 and 34 — a third party or another body consulted has 15 working
  days to answer; Art. 33 ¶2 — that time is not counted. The pause runs from
  the working day after the letter is sent up to and including the day the
  answer arrives, at most the 15 working days; while no answer is in, the
  whole 15 are assumed, so the due date shown is never too early.
* Art. 33 — one extension of at most 20 working days, approved by the head
  of the disclosure office before the reply falls due, the applicant told.

The reply is due ``REPLY_WORKING_DAYS`` + the extension + the paused working
days after the day the period counts from. Every date comes from the
portal's working-day calendar through ``working_day_after`` and
``working_days_from``, the only two places this module asks it; beyond the
years the calendar confirms it counts on provisional years (weekends and the
statutory holidays), and a date past its horizon refuses loudly
(``CalendarNotCovered``), as for publications. ``Dated.provisional`` says whether
the calendar only guesses the date (暂定).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.calendar.workdays import (
    CalendarNotCovered,
    add_working_days,
    working_days_between,
)

__all__ = [
    "CalendarNotCovered",
    "Dated",
    "reply_due",
    "working_day_after",
    "working_days_from",
]

REPLY_WORKING_DAYS = 20  # Art. 33
CORRECTION_NOTICE_WORKING_DAYS = 7  # Art. 30
CORRECTION_PERIOD_WORKING_DAYS = 15  # house rule for Art. 30's "reasonable time"
CORRECTION_PERIOD_MAX = 30
CONSULTATION_WORKING_DAYS = 15  # Art. 32, 34
EXTENSION_MAX_WORKING_DAYS = 20  # Art. 33
DUE_SOON_WORKING_DAYS = 5


@dataclass(frozen=True)
class Dated:
    """A date computed on the calendar, and whether the calendar only guesses it."""

    on: date
    provisional: bool = False

    def __or__(self, other: "Dated") -> "Dated":
        """Keep this date; provisional if either input was."""
        return Dated(self.on, self.provisional or other.provisional)


def working_day_after(start: date, days: int) -> Dated:
    """The date ``days`` working days after ``start`` (the start not counted),
    provisional when it rests on a year whose schedule is not confirmed."""
    counted = add_working_days(start, days)
    return Dated(counted.day, counted.provisional)


def working_days_from(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    return working_days_between(start, end).days


@dataclass(frozen=True)
class Pause:
    """A consultation's span: letter sent, answer in (None while awaited)."""

    sent_on: date
    answered_on: date | None


def consultation_answer_due(sent_on: date) -> Dated:
    """The last day a consulted party may answer (Art. 32: 15 working days)."""
    return working_day_after(sent_on, CONSULTATION_WORKING_DAYS)


def paused_working_days(pause: Pause) -> int:
    """The working days a consultation stops the clock (at most 15)."""
    if pause.answered_on is None:
        return CONSULTATION_WORKING_DAYS
    return min(
        max(working_days_from(pause.sent_on, pause.answered_on), 0),
        CONSULTATION_WORKING_DAYS,
    )


def reply_period(extension_days: int | None, paused: int) -> int:
    """Working days from the start of the period to the reply's due date."""
    return REPLY_WORKING_DAYS + (extension_days or 0) + paused


def reply_due(
    *,
    counted_from: date,
    extension_days: int | None = None,
    pauses: Iterable[Pause] = (),
) -> Dated:
    """When the reply is due: 20 working days, plus the approved extension, plus
    the working days paused by consultations sent since the period began."""
    paused = sum(paused_working_days(p) for p in pauses if p.sent_on >= counted_from)
    return working_day_after(counted_from, reply_period(extension_days, paused))


def working_days_left(due_on: date, today: date) -> int:
    """Working days from ``today`` to ``due_on`` (negative once overdue)."""
    return working_days_from(today, due_on)


# ── The refusals: each rule checks its own condition and says why ───────────


def correction_notice_last_day(received_on: date) -> Dated:
    """The last day a correction notice may be sent (Art. 30: 7 working days)."""
    return working_day_after(received_on, CORRECTION_NOTICE_WORKING_DAYS)


def check_correction_notice(*, received_on: date, on: date, already: date | None):
    """Refuse a second notice, or one sent later than Art. 30 allows."""
    if already is not None:
        raise ValidationError(
            _(
                "A correction notice can be sent only once (Art. 30 of the "
                "Regulations); one was already sent on %(date)s."
            )
            % {"date": already.isoformat()},
            code="second_correction",
        )
    last = correction_notice_last_day(received_on).on
    if on > last:
        raise ValidationError(
            _(
                "A correction notice must be sent within 7 working days of receipt "
                "(Art. 30 of the Regulations): the application was received on "
                "%(received)s, so the last day was %(last)s."
            )
            % {"received": received_on.isoformat(), "last": last.isoformat()},
            code="correction_too_late",
        )


def correction_due(sent_on: date, days: int) -> Dated:
    """The day by which the applicant is to correct the application."""
    if not 1 <= days <= CORRECTION_PERIOD_MAX:
        raise ValidationError(
            {
                "days": _(
                    "Give the applicant from 1 to %(max)s working days to correct "
                    "the application."
                )
                % {"max": CORRECTION_PERIOD_MAX}
            },
            code="correction_period",
        )
    return working_day_after(sent_on, days)


def check_lapse(*, correction_due_on: date, on: date) -> None:
    """An uncorrected application is treated as withdrawn only after its time."""
    if on <= correction_due_on:
        raise ValidationError(
            _(
                "The applicant has until %(due)s to correct the application; only "
                "after that day is it treated as withdrawn (Art. 30)."
            )
            % {"due": correction_due_on.isoformat()},
            code="correction_still_open",
        )


def check_extension(
    *, days: int, due_on: date, on: date, already: int | None, approved_on
) -> None:
    """One extension, of 1 to 20 working days, asked for before the reply is due."""
    if already is not None:
        if approved_on is not None:
            message = _(
                "The reply period can be extended only once (Art. 33 of the "
                "Regulations); it was already extended by %(days)s working days on "
                "%(date)s."
            ) % {"days": already, "date": approved_on.isoformat()}
        else:
            message = _(
                "An extension of %(days)s working days is already waiting for the "
                "approval of the head of the disclosure office."
            ) % {"days": already}
        raise ValidationError(message, code="second_extension")
    if not 1 <= days <= EXTENSION_MAX_WORKING_DAYS:
        raise ValidationError(
            {
                "days": _(
                    "An extension is of at most 20 working days (Art. 33 of the "
                    "Regulations); give a number from 1 to 20."
                )
            },
            code="extension_too_long",
        )
    check_before_due(due_on=due_on, on=on)


def check_before_due(*, due_on: date, on: date) -> None:
    if on > due_on:
        raise ValidationError(
            _(
                "The reply was due on %(due)s; an extension must be approved before "
                "the reply period ends (Art. 33)."
            )
            % {"due": due_on.isoformat()},
            code="extension_after_due",
        )


def check_not_before(*, earlier: date, on: date, field: str, what: str) -> None:
    """Refuse a step dated before the step it follows."""
    if on < earlier:
        raise ValidationError(
            {
                field: _("The date cannot be before %(what)s (%(date)s).")
                % {"what": what, "date": earlier.isoformat()}
            },
            code="date_order",
        )


def check_not_future(*, on: date, today: date, field: str) -> None:
    if on > today:
        raise ValidationError(
            {field: _("The date cannot be in the future.")}, code="future_date"
        )
