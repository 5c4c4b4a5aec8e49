"""Check an organisation's local catalog against its standard; exit 1 on errors."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogs.models import Catalog, CatalogKind, Domain
from catalogs.selectors import local_catalog_latest
from portal.models import Organisation

from ...local.validation import ERROR, catalog_validate


class Command(BaseCommand):
    help = _(
        "Validate an organisation's local catalog for a domain against the rules "
        "for deriving local catalogs. Exits with status 1 when there are errors."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org",
            required=True,
            metavar="ORG_CODE",
            help=_("The code of the organisation, e.g. 410225-hrss."),
        )
        parser.add_argument(
            "--domain",
            required=True,
            metavar="KEY",
            help=_("The key of the domain, e.g. employment."),
        )
        parser.add_argument(
            "--catalog-version",
            type=int,
            dest="catalog_version",
            help=_("The catalog version to check; the newest when left out."),
        )

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(code=options["org"]).first()
        if organisation is None:
            raise CommandError(
                _("No organisation has the code “%(code)s”.") % {"code": options["org"]}
            )
        domain = Domain.objects.filter(key=options["domain"]).first()
        if domain is None:
            raise CommandError(
                _("No domain has the key “%(key)s”.") % {"key": options["domain"]}
            )
        if options["catalog_version"]:
            catalog = Catalog.objects.filter(
                kind=CatalogKind.LOCAL,
                organisation=organisation,
                domain=domain,
                version=options["catalog_version"],
            ).first()
        else:
            catalog = local_catalog_latest(organisation=organisation, domain=domain)
        if catalog is None:
            raise CommandError(
                _("%(organisation)s has no local catalog for the %(domain)s domain.")
                % {"organisation": organisation, "domain": domain}
            )
        findings = catalog_validate(catalog)
        self.stdout.write(_("Checking “%(catalog)s”.") % {"catalog": catalog})
        labels = {ERROR: _("error")}
        for finding in findings:
            self.stdout.write(
                "\t".join(
                    [
                        labels.get(finding.severity, _("warning")),
                        finding.code,
                        str(finding.item or ""),
                        finding.field,
                        finding.message,
                    ]
                )
            )
        errors = sum(1 for finding in findings if finding.is_error)
        counts = {"errors": errors, "warnings": len(findings) - errors}
        self.stdout.write(_("%(errors)s errors, %(warnings)s warnings.") % counts)
        if errors:
            raise CommandError(
                _("The catalog has %(errors)s errors; fix them before filing it.")
                % counts
            )
