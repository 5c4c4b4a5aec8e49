"""What the catalog commands share: the --org, --domain and --standard options, the
lookups behind them, and one way of writing plans and findings.

Every lookup raises ``CommandError`` with a translated message naming what was not
found, so each command stays a thin shell around the services.
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from portal.models import Organisation

from ..local.conflicts import DECISIONS, display_value
from ..models import Catalog, CatalogKind, Domain
from ..selectors import local_catalog_latest, standard_in_force


def add_org_argument(parser, *, several: bool = False) -> None:
    if several:
        parser.add_argument(
            "--org",
            nargs="+",
            required=True,
            metavar="ORG_CODE",
            help=_("The code of the organisation, e.g. 410225-hrss; several allowed."),
        )
    else:
        parser.add_argument(
            "--org",
            required=True,
            metavar="ORG_CODE",
            help=_("The code of the organisation, e.g. 410225-hrss."),
        )


def add_domain_argument(parser) -> None:
    parser.add_argument(
        "--domain",
        required=True,
        metavar="KEY",
        help=_("The key of the domain, e.g. employment."),
    )


def add_standard_argument(parser) -> None:
    parser.add_argument(
        "--standard",
        required=True,
        metavar="KEY",
        help=_("The key of the standard catalog, e.g. employment."),
    )


def add_decide_argument(parser) -> None:
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


def parse_decisions(entries: list[str]) -> dict[str, str]:
    """``--decide`` entries as conflict id → decision; a wrong one is refused."""
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


def no_organisation_message(code: str) -> str:
    return _("No organisation has the code “%(code)s”.") % {"code": code}


def organisation_by_code(code: str) -> Organisation:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise CommandError(no_organisation_message(code))
    return organisation


def domain_by_key(key: str) -> Domain:
    domain = Domain.objects.filter(key=key).first()
    if domain is None:
        raise CommandError(_("No domain has the key “%(key)s”.") % {"key": key})
    return domain


def standard_by_key(key: str) -> Catalog:
    """The version in force of the standard catalog ``key``."""
    standard = standard_in_force(key)
    if standard is None:
        raise CommandError(
            _("No standard catalog with the key “%(key)s” is in force.") % {"key": key}
        )
    return standard


def local_catalog_of(
    organisation: Organisation, domain: Domain, *, version: int | None = None
) -> Catalog:
    """``organisation``'s local catalog for ``domain``: version ``version``, or the
    newest one."""
    if version:
        catalog = Catalog.objects.filter(
            kind=CatalogKind.LOCAL,
            organisation=organisation,
            domain=domain,
            version=version,
        ).first()
    else:
        catalog = local_catalog_latest(organisation=organisation, domain=domain)
    if catalog is None:
        raise CommandError(
            _("%(organisation)s has no local catalog for the %(domain)s domain.")
            % {"organisation": organisation, "domain": domain}
        )
    return catalog


class PlanPrinter:
    """Writes what a command found or would do: headed lists of indented lines, and
    validation findings, the same way in every command."""

    def __init__(self, stream):
        self.write = stream.write

    def heading(self, text: str) -> None:
        self.write(text)

    def line(self, text: str, depth: int = 1) -> None:
        self.write("  " * depth + text)

    def findings(self, findings, *, detailed: bool = False) -> int:
        """One line per finding; returns the number of errors. ``detailed`` adds the
        item and the field after the code."""
        for finding in findings:
            label = _("error") if finding.is_error else _("warning")
            if detailed:
                parts = [str(finding.item or ""), finding.field, finding.message]
                self.write("\t".join([label, finding.code, *parts]))
            else:
                self.line(f"{label}\t{finding.code}\t{finding.message}")
        return sum(1 for finding in findings if finding.is_error)

    def carryover(self, plan, decisions: dict[str, str]) -> None:
        """A carry-over plan: the standard's changes, what carries, the conflicts."""
        self.heading(
            _("Carrying “%(local)s” over from “%(old)s” to “%(new)s”.")
            % {"local": plan.local, "old": plan.old_standard, "new": plan.new_standard}
        )
        comparison = plan.comparison
        self.heading(_("New in the standard:"))
        for item in comparison.added:
            self.line(f"+ {item}")
        self.heading(_("No longer in the standard:"))
        for item in comparison.removed:
            self.line(f"- {item}")
        self.heading(_("Changed in the standard:"))
        for change in comparison.changed:
            for diff in change.differences:
                old = display_value(diff.field, diff.old, {})
                new = display_value(diff.field, diff.new, {})
                self.line(f"~ {change.right}: {diff.label}: {old} → {new}")
        self.heading(_("Carried over without a decision:"))
        for action in plan.actions:
            self.line(f"= {action.code}: {action.message}")
        self.heading(_("Conflicts to decide:"))
        for conflict in plan.conflicts:
            decided = decisions.get(conflict.id) or _("undecided")
            self.line(f"! [{conflict.id}] {conflict.code}: {conflict.message}")
            self.line(
                _("Choices: %(choices)s; decision: %(decision)s.")
                % {"choices": ", ".join(conflict.choices), "decision": decided},
                depth=2,
            )
