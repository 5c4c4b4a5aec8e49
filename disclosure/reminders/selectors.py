"""What each body is to be reminded of today, read in a fixed number of queries.

Publications and requests overdue or due within 5 working days (the due-date
lists of the dashboard and the request office: ``publications_due`` and
``requests_due``, over the calendar's workday ordinals), and the annual report
of last year while it is not published: departments by 31 January, governments
by 31 March (政府信息公开条例 Art. 49–50), reminded of in the 5 working days
before that date and every day after it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from portal.calendar.workdays import CalendarNotCovered, working_days_between
from portal.models import Membership, Organisation, OrganisationKind, Role

from ..deadlines import DUE_SOON_WORKING_DAYS
from ..models import AnnualReportVersion
from ..requests.selectors import requests_due
from ..selectors import publications_due

REMINDED_ROLES = (Role.PUBLISHER, Role.REVIEWER)
# (month, day) of the annual report's legal date by kind of body; village
# committees are not administrative bodies and publish no annual report.
REPORT_DUE = {
    OrganisationKind.PROVINCIAL_DEPARTMENT: (1, 31),
    OrganisationKind.COUNTY_BUREAU: (1, 31),
    OrganisationKind.OTHER: (1, 31),
    OrganisationKind.TOWNSHIP_GOVERNMENT: (3, 31),
}


@dataclass(frozen=True)
class ReportDue:
    year: int
    due_on: date
    overdue: bool


@dataclass
class Reminder:
    """One body's reminder: its staff addresses and what to tell them."""

    organisation: Organisation
    recipients: list[str] = field(default_factory=list)
    publications: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    report: ReportDue | None = None

    @property
    def empty(self) -> bool:
        return not (self.publications or self.requests or self.report)


def report_due(kind: str, today: date) -> tuple[int, date] | None:
    """The year of the report a body of ``kind`` owes and its legal date, if the
    reminder window (5 working days before, or past it this year) is open."""
    if kind not in REPORT_DUE:
        return None
    month, day = REPORT_DUE[kind]
    legal = date(today.year, month, day)
    if today > legal:
        return today.year - 1, legal
    try:
        left = working_days_between(today, legal).days
    except CalendarNotCovered:
        return None
    return (today.year - 1, legal) if left <= DUE_SOON_WORKING_DAYS else None


def staff_addresses(organisations) -> dict[int, list[str]]:
    """{organisation id: the e-mail addresses of its publishers and reviewers}."""
    rows = (
        Membership.objects.filter(
            organisation__in=organisations,
            role__in=REMINDED_ROLES,
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("organisation_id", "user__email")
        .order_by("organisation_id", "user__email")
        .distinct()
    )
    addresses: dict[int, list[str]] = defaultdict(list)
    for organisation_id, address in rows:
        addresses[organisation_id].append(address)
    return addresses


def reminders_due(*, today: date, organisations=None) -> list[Reminder]:
    """Every body with staff addresses and something to be reminded of."""
    bodies = organisations if organisations is not None else Organisation.objects
    addresses = staff_addresses(bodies.all())
    reached = Organisation.objects.filter(pk__in=list(addresses)).order_by("code")
    reminders = {
        body.pk: Reminder(organisation=body, recipients=addresses[body.pk])
        for body in reached
    }
    for row in publications_due(organisations=reached, today=today):
        reminders[row.organisation_id].publications.append(row)
    for row in requests_due(
        organisations=reached, today=today, within=DUE_SOON_WORKING_DAYS
    ):
        reminders[row.organisation_id].requests.append(row)
    windows = {}
    for kind in REPORT_DUE:
        window = report_due(kind, today)
        if window is not None:
            windows[kind] = window
    if windows:
        published = set(
            AnnualReportVersion.objects.filter(
                Q(report__organisation__in=reached),
                report__year=today.year - 1,
            ).values_list("report__organisation_id", flat=True)
        )
        for reminder in reminders.values():
            window = windows.get(reminder.organisation.kind)
            if window and reminder.organisation.pk not in published:
                year, legal = window
                reminder.report = ReportDue(year, legal, today > legal)
    return [r for r in reminders.values() if not r.empty]
