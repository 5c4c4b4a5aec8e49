"""E-mail each body what falls due within 5 working days and what is overdue."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from disclosure.reminders.selectors import reminders_due
from disclosure.reminders.services import reminders_send


class Command(BaseCommand):
    help = _(
        "E-mail each body's publishers and reviewers what falls due within 5 "
        "working days and what is overdue (publications, requests, the annual "
        "report). Lists only, unless --send is given; meant for cron, once a "
        "day: a body reminded today is not reminded again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--send", action="store_true", help=_("Send the e-mails."))
        parser.add_argument(
            "--date", help=_("The day to remind as of (YYYY-MM-DD); today by default.")
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    _("--date %(value)s is not a date of the form YYYY-MM-DD.")
                    % {"value": options["date"]}
                ) from error
        with translation.override(settings.LANGUAGE_CODE):
            reminders = reminders_due(today=today)
            if not options["send"]:
                for reminder in reminders:
                    self.stdout.write(
                        _(
                            "%(body)s → %(to)s: %(publications)s publications, "
                            "%(requests)s requests%(report)s"
                        )
                        % {
                            "body": reminder.organisation.name,
                            "to": ", ".join(reminder.recipients),
                            "publications": len(reminder.publications),
                            "requests": len(reminder.requests),
                            "report": _(", the annual report")
                            if reminder.report
                            else "",
                        }
                    )
                self.stdout.write(
                    _(
                        "Found %(count)s bodies to remind; nothing sent (dry run, "
                        "use --send)."
                    )
                    % {"count": len(reminders)}
                )
                return
            outcome = reminders_send(reminders=reminders, today=today)
            for error in outcome.errors:
                self.stderr.write(error)
            self.stdout.write(
                _(
                    "Found %(found)s, sent %(sent)s, skipped %(skipped)s (already "
                    "sent today), errors %(errors)s."
                )
                % {
                    "found": len(reminders),
                    "sent": outcome.sent,
                    "skipped": outcome.skipped,
                    "errors": len(outcome.errors),
                }
            )
            if outcome.errors:
                raise CommandError(_("Some reminders could not be sent."))
