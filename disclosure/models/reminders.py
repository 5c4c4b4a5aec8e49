"""The record of reminder e-mails sent, so that a day's reminders go out once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation


class ReminderSent(models.Model):
    """One body's reminder e-mail of one day (``manage.py send_reminders``).

    Written in the same transaction as the sending, so a second run on the same
    day finds it and sends nothing; written by the command only, never edited.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.JSONField(_("recipients"), default=list)
    publications = models.PositiveIntegerField(_("publications reminded of"), default=0)
    requests = models.PositiveIntegerField(_("requests reminded of"), default=0)
    annual_report = models.BooleanField(_("annual report reminded of"), default=False)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_on", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sent_on"], name="reminder_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.sent_on}"
