"""Create the demo region, organisations and accounts, and print the accounts."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.demo import seed_regions_and_accounts


class Command(BaseCommand):
    help = _(
        "Create the demo province, county, townships, villages, bodies and accounts."
    )

    def handle(self, *args, **options):
        accounts = seed_regions_and_accounts()
        self.stdout.write(_("Demo accounts (sign in at http://127.0.0.1:8000/admin/):"))
        width = max(len(name) for name, _pw, _d in accounts)
        for username, password, description in accounts:
            self.stdout.write(f"  {username.ljust(width)}  {password}  {description}")
