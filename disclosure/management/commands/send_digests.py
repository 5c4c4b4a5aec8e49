"""Send the daily digests of newly public publications to confirmed subscribers."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.scale.progress import ProgressBar
from disclosure.subscriptions.digest import BATCH, send_digests


class Command(BaseCommand):
    help = gettext_lazy(
        "Send each confirmed subscription one e-mail listing the public "
        "publications that became public since its last digest (meant for cron, "
        "once a day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=BATCH)

    def handle(self, *args, batch, **options):
        if batch < 1:
            raise CommandError(_("--batch must be at least 1."))
        bar = None

        def progress(done, total):
            nonlocal bar
            if bar is None:
                bar = ProgressBar(self.stderr, total=total, unit=_("subscriptions"))
            bar.update(done)

        try:
            summary = send_digests(batch=batch, progress=progress)
        except OSError as error:  # the mail relay refused or is down
            raise CommandError(
                _("Sending failed; nothing more was sent: %(error)s") % {"error": error}
            ) from error
        if bar is not None:
            bar.finish()
        self.stdout.write(
            _(
                "Subscriptions: %(subscriptions)s, new publications: "
                "%(publications)s, mails sent: %(mails)s."
            )
            % summary.__dict__
        )
