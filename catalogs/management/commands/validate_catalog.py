"""Check an organisation's local catalog against its standard; exit 1 on errors."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...local.validation import catalog_validate
from ..lookups import (
    PlanPrinter,
    add_domain_argument,
    add_org_argument,
    domain_by_key,
    local_catalog_of,
    organisation_by_code,
)


class Command(BaseCommand):
    help = _(
        "Validate an organisation's local catalog for a domain against the rules "
        "for deriving local catalogs. Exits with status 1 when there are errors."
    )

    def add_arguments(self, parser):
        add_org_argument(parser)
        add_domain_argument(parser)
        parser.add_argument(
            "--catalog-version",
            type=int,
            dest="catalog_version",
            help=_("The catalog version to check; the newest when left out."),
        )

    def handle(self, *args, **options):
        catalog = local_catalog_of(
            organisation_by_code(options["org"]),
            domain_by_key(options["domain"]),
            version=options["catalog_version"],
        )
        findings = catalog_validate(catalog)
        self.stdout.write(_("Checking “%(catalog)s”.") % {"catalog": catalog})
        errors = PlanPrinter(self.stdout).findings(findings, detailed=True)
        counts = {"errors": errors, "warnings": len(findings) - errors}
        self.stdout.write(_("%(errors)s errors, %(warnings)s warnings.") % counts)
        if errors:
            raise CommandError(
                _("The catalog has %(errors)s errors; fix them before filing it.")
                % counts
            )
