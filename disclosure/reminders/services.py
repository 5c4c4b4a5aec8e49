"""Sending the day's reminders: one e-mail per body, once a day, with a record."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import ReminderSent
from .selectors import Reminder


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0
    errors: list[str] | None = None


def reminder_message(reminder: Reminder, *, today: date) -> EmailMessage:
    """The e-mail of ``reminder``: overdue first, then what falls due soon."""
    base = settings.PORTAL_PUBLIC_URL.rstrip("/")
    body = reminder.organisation
    overdue = [p for p in reminder.publications if p.overdue]
    soon = [p for p in reminder.publications if not p.overdue]
    late_requests = [r for r in reminder.requests if r.due_on < today]
    soon_requests = [r for r in reminder.requests if r.due_on >= today]
    for row in reminder.publications:
        row.link = base + row.get_absolute_url()
    for row in reminder.requests:
        row.link = base + row.get_absolute_url()
    text = render_to_string(
        "disclosure/reminders/email.txt",
        {
            "organisation": body,
            "today": today,
            "overdue": overdue,
            "soon": soon,
            "late_requests": late_requests,
            "soon_requests": soon_requests,
            "report": reminder.report,
            "report_link": base + reverse("annual:list"),
            "dashboard": base
            + reverse("disclosure:dashboard", kwargs={"code": body.code}),
        },
    )
    count = (
        len(overdue)
        + len(late_requests)
        + bool(reminder.report and reminder.report.overdue)
    )
    subject = _("%(body)s: %(overdue)s overdue, %(soon)s due within 5 working days") % {
        "body": body.name,
        "overdue": count,
        "soon": len(soon)
        + len(soon_requests)
        + bool(reminder.report and not reminder.report.overdue),
    }
    return EmailMessage(
        subject=subject, body=text, to=reminder.recipients, from_email=None
    )


def reminders_send(*, reminders: list[Reminder], today: date) -> Outcome:
    """Send each reminder not yet sent today; the record is written in the same
    transaction as the sending, so a failed send leaves no record and a second
    run the same day sends nothing again."""
    outcome = Outcome(errors=[])
    done = set(
        ReminderSent.objects.filter(
            sent_on=today,
            organisation__in=[r.organisation.pk for r in reminders],
        ).values_list("organisation_id", flat=True)
    )
    for reminder in reminders:
        if reminder.organisation.pk in done:
            outcome.skipped += 1
            continue
        message = reminder_message(reminder, today=today)
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    organisation=reminder.organisation,
                    sent_on=today,
                    recipients=reminder.recipients,
                    publications=len(reminder.publications),
                    requests=len(reminder.requests),
                    annual_report=reminder.report is not None,
                )
                message.send()
        except IntegrityError:
            outcome.skipped += 1  # another run sent it meanwhile
        except OSError as error:
            outcome.errors.append(
                _("%(body)s: the mail could not be sent (%(error)s).")
                % {"body": reminder.organisation.name, "error": error}
            )
        else:
            outcome.sent += 1
    return outcome
