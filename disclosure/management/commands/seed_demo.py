"""Create the demo region, organisations and accounts, and print the accounts."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from catalogs.demo import put_demo_catalogs_in_force, seed_local_catalogs
from catalogs.filings.demo import seed_filings
from disclosure.concerns.demo import seed_participation
from disclosure.demo import seed_publications
from disclosure.participation.demo import seed_consultations
from disclosure.reports.annual.demo import seed_annual_reports
from disclosure.requests.demo import codes as request_codes
from disclosure.requests.demo import seed_requests
from disclosure.requests.identity import formatted_code
from portal.demo import seed_regions_and_accounts


class Command(BaseCommand):
    help = _(
        "Create the demo province, county, townships, villages, bodies and accounts."
    )

    def handle(self, *args, **options):
        accounts = seed_regions_and_accounts()
        for catalog in seed_local_catalogs():
            if options["verbosity"] > 0:
                self.stdout.write(_("Derived %(title)s.") % {"title": catalog.title})
        seed_filings()  # one returned, one accepted, one awaiting review
        put_demo_catalogs_in_force()
        publications = seed_publications()
        if options["verbosity"] > 0 and publications:
            self.stdout.write(
                _("Created %(count)s demo publications.") % {"count": len(publications)}
            )
        requests = seed_requests()
        if options["verbosity"] > 0 and requests:
            self.stdout.write(
                _(
                    "Created %(count)s demo requests for information; try their "
                    "query codes at /requests/status/: %(first)s to %(last)s."
                )
                % {
                    "count": len(requests),
                    "first": formatted_code(request_codes()[0]),
                    "last": formatted_code(request_codes()[len(requests) - 1]),
                }
            )
        seed_annual_reports()  # last year's published, this year's a draft
        if seed_consultations() and options["verbosity"] > 0:
            self.stdout.write(
                _(
                    "Created two demo consultations (one open, one closed with its "
                    "adoption feedback); see /consultations/r/410225/."
                )
            )
        seed_participation()  # concerns, a subscription, a corrected text
        if options["verbosity"] == 0:
            return
        self.stdout.write(_("Demo accounts (sign in at http://127.0.0.1:8000/admin/):"))
        width = max(len(name) for name, _pw, _d in accounts)
        for username, password, description in accounts:
            self.stdout.write(f"  {username.ljust(width)}  {password}  {description}")
