"""Carry a local catalog over to the new standard version (dry run unless --commit)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...local.carryover import carryover_apply, carryover_plan
from ..lookups import (
    PlanPrinter,
    add_decide_argument,
    add_domain_argument,
    add_org_argument,
    domain_by_key,
    local_catalog_of,
    organisation_by_code,
    parse_decisions,
    standard_by_key,
)


class Command(BaseCommand):
    help = _(
        "Show what a new version of the standard changes for an organisation's local "
        "catalog, and carry its local edits over to a new local version. Nothing is "
        "written without --commit."
    )

    def add_arguments(self, parser):
        add_org_argument(parser)
        add_domain_argument(parser)
        add_decide_argument(parser)
        parser.add_argument(
            "--commit", action="store_true", help=_("Write the new local version.")
        )
        parser.add_argument(
            "--reason", default="", help=_("The change reason recorded in history.")
        )

    def handle(self, *args, **options):
        local = self._local(options["org"], options["domain"])
        decisions = parse_decisions(options["decide"])
        new_standard = standard_by_key(local.derived_from.key)
        if new_standard.pk == local.derived_from_id:
            self.stdout.write(
                _(
                    "“%(catalog)s” already derives from “%(standard)s”, the version "
                    "in force; there is nothing to carry over."
                )
                % {"catalog": local, "standard": new_standard}
            )
            return
        try:
            plan = carryover_plan(local=local, new_standard=new_standard)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self._show(plan, decisions)
        undecided = plan.undecided(decisions)
        if options["commit"]:
            if undecided:
                raise CommandError(
                    _(
                        "Nothing was written: %(count)s conflicts are undecided "
                        "(%(ids)s). Decide each with --decide CONFLICT_ID=DECISION."
                    )
                    % {
                        "count": len(undecided),
                        "ids": ", ".join(c.id for c in undecided),
                    }
                )
            try:
                catalog = carryover_apply(
                    local=local,
                    new_standard=new_standard,
                    decisions=decisions,
                    reason=options["reason"],
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
            self.stdout.write(
                _("Created “%(catalog)s” (%(key)s, version %(version)s).")
                % {"catalog": catalog, "key": catalog.key, "version": catalog.version}
            )
        else:
            self.stdout.write(
                _("Dry run, nothing was written (add --commit to write).")
            )
        self.stdout.write(
            _("%(summary)s Decided: %(decided)s, undecided: %(undecided)s.")
            % {
                "summary": plan.summary(),
                "decided": len(plan.conflicts) - len(undecided),
                "undecided": len(undecided),
            }
        )

    def _local(self, org_code: str, domain_key: str):
        local = local_catalog_of(
            organisation_by_code(org_code), domain_by_key(domain_key)
        )
        if local.derived_from is None:
            raise CommandError(
                _("“%(catalog)s” does not derive from a standard catalog.")
                % {"catalog": local}
            )
        return local

    def _show(self, plan, decisions: dict[str, str]) -> None:
        PlanPrinter(self.stdout).carryover(plan, decisions)
