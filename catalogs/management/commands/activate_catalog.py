"""Put a catalog version in force with a reason; a local one is validated first."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...local.lifecycle import CatalogInvalidError, catalog_put_in_force
from ...models import Catalog, CatalogKind
from ..lookups import PlanPrinter, domain_by_key, local_catalog_of, organisation_by_code


class Command(BaseCommand):
    help = _(
        "Put a version of an organisation's local catalog (--org and --domain) or of "
        "a standard catalog (--standard) in force, with a reason recorded in the "
        "history. A local catalog is validated first: with errors nothing changes, "
        "the findings are printed and the exit status is 1."
    )

    def add_base_argument(self, parser, *args, **kwargs):
        # --version is the catalog's version here, not Django's.
        if "--version" not in args:
            super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--org",
            metavar="ORG_CODE",
            help=_("The code of the organisation, e.g. 410225-hrss."),
        )
        parser.add_argument(
            "--domain", metavar="KEY", help=_("The key of the domain, e.g. employment.")
        )
        parser.add_argument(
            "--standard",
            metavar="KEY",
            help=_("The key of a standard catalog, instead of --org and --domain."),
        )
        parser.add_argument(
            "--version",
            type=int,
            required=True,
            metavar="N",
            help=_("The version to put in force."),
        )
        parser.add_argument(
            "--reason",
            required=True,
            help=_("Why it is put in force; recorded in the history."),
        )

    def handle(self, *args, **options):
        catalog = self._catalog(options)
        try:
            catalog_put_in_force(catalog=catalog, reason=options["reason"])
        except CatalogInvalidError as error:
            self.stderr.write(error.message)
            PlanPrinter(self.stderr).findings(error.findings, detailed=True)
            raise CommandError(
                _("“%(catalog)s” was not put in force.") % {"catalog": catalog}
            ) from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(_("“%(catalog)s” is now in force.") % {"catalog": catalog})

    def _catalog(self, options) -> Catalog:
        if not (options["reason"] or "").strip():
            raise CommandError(_("Give a reason; it is recorded in the history."))
        version = options["version"]
        if options["standard"]:
            if options["org"] or options["domain"]:
                raise CommandError(
                    _("Give either --standard, or --org with --domain; not both.")
                )
            catalog = Catalog.objects.filter(
                kind=CatalogKind.STANDARD, key=options["standard"], version=version
            ).first()
            if catalog is None:
                raise CommandError(
                    _("The standard catalog “%(key)s” has no version %(version)s.")
                    % {"key": options["standard"], "version": version}
                )
            return catalog
        if not (options["org"] and options["domain"]):
            raise CommandError(
                _("Give --org with --domain for a local catalog, or --standard.")
            )
        organisation = organisation_by_code(options["org"])
        domain = domain_by_key(options["domain"])
        catalog = local_catalog_of(organisation, domain, version=version)
        if catalog.version != version:
            raise CommandError(
                _("%(organisation)s's %(domain)s catalog has no version %(version)s.")
                % {"organisation": organisation, "domain": domain, "version": version}
            )
        return catalog
