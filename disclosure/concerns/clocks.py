"""The one home of the response clocks for public concerns (Rizhao §四(二)).

Real hours from the moment the concern was noticed, not working days: a major
emergency (特别重大/重大突发事件) needs authoritative information within 5 hours
and a press conference within 24 hours; any other concern a response within 48
hours. Nights, weekends and holidays count like any other hour.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from ..models import Severity

MAJOR_INFORMATION = timedelta(hours=5)
MAJOR_CONFERENCE = timedelta(hours=24)
OTHER_RESPONSE = timedelta(hours=48)


@dataclass(frozen=True)
class Deadlines:
    response: datetime
    conference: datetime | None  # only major emergencies need one


def deadlines(severity: str, noticed_at: datetime) -> Deadlines:
    """When the response (and for a major emergency the press conference) is due."""
    if severity == Severity.MAJOR:
        return Deadlines(noticed_at + MAJOR_INFORMATION, noticed_at + MAJOR_CONFERENCE)
    return Deadlines(noticed_at + OTHER_RESPONSE, None)


def overdue_q(now: datetime) -> Q:
    """Concerns late now: no response by its due time, or a major emergency's
    press conference not held by its due time."""
    return Q(responded_at__isnull=True, response_due_at__lt=now) | Q(
        conference_due_at__lt=now, conference_at__isnull=True
    )


def is_overdue(concern, now: datetime | None = None) -> bool:
    """The same rule as ``overdue_q``, in Python."""
    now = now or timezone.now()
    late_response = concern.responded_at is None and concern.response_due_at < now
    late_conference = (
        concern.conference_due_at is not None
        and concern.conference_at is None
        and concern.conference_due_at < now
    )
    return late_response or late_conference


def late_by(concern, now: datetime | None = None) -> timedelta:
    """How long past its earliest missed deadline a concern is (zero if none)."""
    now = now or timezone.now()
    missed = []
    if concern.responded_at is None:
        missed.append(concern.response_due_at)
    if concern.conference_due_at is not None and concern.conference_at is None:
        missed.append(concern.conference_due_at)
    late = [now - due for due in missed if due < now]
    return max(late) if late else timedelta(0)
