"""Carry a local catalog over to the new standard version (dry run unless --commit)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...local.carryover import (
    DECISIONS,
    carryover_apply,
    carryover_plan,
    display_value,
)
from ..lookups import (
    PlanPrinter,
    add_domain_argument,
    add_org_argument,
    domain_by_key,
    local_catalog_of,
    organisation_by_code,
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
        parser.add_argument(
            "--decide",
            action="append",
            default=[],
            metavar="CONFLICT_ID=DECISION",
            help=_(
                "How to settle a conflict: keep_local, take_standard or drop. "
                "Repeat for each conflict."
            ),
        )
        parser.add_argument(
            "--commit", action="store_true", help=_("Write the new local version.")
        )
        parser.add_argument(
            "--reason", default="", help=_("The change reason recorded in history.")
        )

    def handle(self, *args, **options):
        local = self._local(options["org"], options["domain"])
        decisions = self._decisions(options["decide"])
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

    def _decisions(self, entries: list[str]) -> dict[str, str]:
        decisions = {}
        for entry in entries:
            conflict_id, sep, decision = entry.partition("=")
            if not sep or decision not in DECISIONS:
                raise CommandError(
                    _(
                        "“%(entry)s” is not a decision; write CONFLICT_ID=DECISION "
                        "with one of %(choices)s."
                    )
                    % {"entry": entry, "choices": ", ".join(DECISIONS)}
                )
            decisions[conflict_id.strip()] = decision
        return decisions

    def _show(self, plan, decisions: dict[str, str]) -> None:
        out = PlanPrinter(self.stdout)
        out.heading(
            _("Carrying “%(local)s” over from “%(old)s” to “%(new)s”.")
            % {"local": plan.local, "old": plan.old_standard, "new": plan.new_standard}
        )
        comparison = plan.comparison
        out.heading(_("New in the standard:"))
        for item in comparison.added:
            out.line(f"+ {item}")
        out.heading(_("No longer in the standard:"))
        for item in comparison.removed:
            out.line(f"- {item}")
        out.heading(_("Changed in the standard:"))
        for change in comparison.changed:
            for diff in change.differences:
                old = display_value(diff.field, diff.old, {})
                new = display_value(diff.field, diff.new, {})
                out.line(f"~ {change.right}: {diff.label}: {old} → {new}")
        out.heading(_("Carried over without a decision:"))
        for action in plan.actions:
            out.line(f"= {action.code}: {action.message}")
        out.heading(_("Conflicts to decide:"))
        for conflict in plan.conflicts:
            decided = decisions.get(conflict.id) or _("undecided")
            out.line(f"! [{conflict.id}] {conflict.code}: {conflict.message}")
            out.line(
                _("Choices: %(choices)s; decision: %(decision)s.")
                % {"choices": ", ".join(conflict.choices), "decision": decided},
                depth=2,
            )
