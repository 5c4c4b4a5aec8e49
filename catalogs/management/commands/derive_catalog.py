"""Derive a county's local catalog from the standard in force, or start its next
version from the current one (--from-current); dry run unless --commit."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogs.models import Catalog, CatalogKind
from portal.models import Organisation

from ...local.derivation import catalog_derivation_plan, catalog_derive
from ...local.lifecycle import catalog_next_version, next_version_plan
from ..lookups import (
    PlanPrinter,
    add_decide_argument,
    add_org_argument,
    add_standard_argument,
    no_organisation_message,
    parse_decisions,
    standard_by_key,
)


class Command(BaseCommand):
    help = _(
        "Derive a local catalog for each organisation from the latest in-force "
        "version of a standard catalog. Nothing is written without --commit."
    )

    def add_arguments(self, parser):
        add_org_argument(parser, several=True)
        add_standard_argument(parser)
        parser.add_argument(
            "--from-current",
            action="store_true",
            help=_(
                "Start the next local version from the current one, keeping "
                "everything the county set and taking in the standard's changes."
            ),
        )
        add_decide_argument(parser)
        parser.add_argument(
            "--commit", action="store_true", help=_("Write the local catalogs.")
        )
        parser.add_argument(
            "--reason", default="", help=_("The change reason recorded in history.")
        )

    def handle(self, *args, **options):
        standard = standard_by_key(options["standard"])
        if options["from_current"]:
            return self._from_current(standard, options)
        commit = options["commit"]
        created = skipped = errors = 0
        for code in options["org"]:
            organisation = Organisation.objects.filter(code=code).first()
            if organisation is None:
                errors += 1
                self.stderr.write(no_organisation_message(code))
                continue
            existing = (
                Catalog.objects.filter(
                    kind=CatalogKind.LOCAL,
                    organisation=organisation,
                    derived_from=standard,
                )
                .order_by("-version")
                .first()
            )
            if existing is not None:
                skipped += 1
                self.stdout.write(
                    _(
                        "%(organisation)s already has “%(catalog)s” derived from "
                        "“%(standard)s”; skipped."
                    )
                    % {
                        "organisation": organisation,
                        "catalog": existing,
                        "standard": standard,
                    }
                )
                continue
            try:
                plan = catalog_derivation_plan(
                    organisation=organisation, standard=standard
                )
                if commit:
                    catalog_derive(
                        organisation=organisation,
                        standard=standard,
                        reason=options["reason"],
                    )
            except ValidationError as exc:
                errors += 1
                self.stderr.write(f"{organisation.code}: {'; '.join(exc.messages)}")
                continue
            created += 1
            template = (
                _(
                    "Created “%(title)s” (%(key)s, version %(version)s) from "
                    "“%(standard)s”: %(l1)s first-level, %(l2)s second-level and "
                    "%(l3)s third-level items."
                )
                if commit
                else _(
                    "Would create “%(title)s” (%(key)s, version %(version)s) from "
                    "“%(standard)s”: %(l1)s first-level, %(l2)s second-level and "
                    "%(l3)s third-level items."
                )
            )
            self.stdout.write(
                template
                % {
                    "title": plan.title,
                    "key": plan.key,
                    "version": plan.version,
                    "standard": standard,
                    "l1": plan.count(1),
                    "l2": plan.count(2),
                    "l3": plan.count(3),
                }
            )
        counts = {"created": created, "skipped": skipped, "errors": errors}
        if commit:
            summary = _(
                "Created: %(created)s, skipped: %(skipped)s, errors: %(errors)s."
            )
        else:
            summary = _(
                "Dry run, nothing was written (add --commit to write). Would "
                "create: %(created)s, skipped: %(skipped)s, errors: %(errors)s."
            )
        self.stdout.write(summary % counts)
        if errors:
            raise CommandError(
                _("%(errors)s organisation(s) could not be derived.") % counts
            )

    def _from_current(self, standard, options) -> None:
        """The next version of each organisation's local catalog, from its current
        one; with --commit only when every conflict is decided."""
        decisions = parse_decisions(options["decide"])
        failed = []
        for code in options["org"]:
            organisation = Organisation.objects.filter(code=code).first()
            if organisation is None:
                failed.append(code)
                self.stderr.write(no_organisation_message(code))
                continue
            try:
                plan = next_version_plan(organisation=organisation, standard=standard)
                PlanPrinter(self.stdout).carryover(plan, decisions)
                undecided = plan.undecided(decisions)
                if options["commit"] and undecided:
                    raise ValidationError(
                        _(
                            "Nothing was written: %(count)s conflicts are undecided "
                            "(%(ids)s). Decide each with --decide "
                            "CONFLICT_ID=DECISION."
                        )
                        % {
                            "count": len(undecided),
                            "ids": ", ".join(c.id for c in undecided),
                        }
                    )
                if options["commit"]:
                    created = catalog_next_version(
                        organisation=organisation,
                        standard=standard,
                        decisions=decisions,
                        reason=options["reason"],
                    )
            except ValidationError as exc:
                failed.append(code)
                self.stderr.write(f"{code}: {'; '.join(exc.messages)}")
                continue
            if options["commit"]:
                self.stdout.write(
                    _(
                        "Created “%(catalog)s” (%(key)s, version %(version)s) from "
                        "version %(current)s, as a draft."
                    )
                    % {
                        "catalog": created,
                        "key": created.key,
                        "version": created.version,
                        "current": plan.local.version,
                    }
                )
            else:
                self.stdout.write(
                    _(
                        "Dry run, nothing was written (add --commit to write). "
                        "Version %(version)s would start from version %(current)s."
                    )
                    % {"version": plan.local.version + 1, "current": plan.local.version}
                )
        if failed:
            raise CommandError(
                _("No new version for: %(codes)s.") % {"codes": ", ".join(failed)}
            )
