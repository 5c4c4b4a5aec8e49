"""Import a county's local catalog from the official layout; dry run unless --commit.

Exit status: 0 when the catalog was (or in a dry run would be) written without
validation errors; 1 when the file cannot be imported (nothing is written) and
also when the new draft has validation errors: with --commit the draft is
written all the same, and the message says it cannot be put in force until the
errors are fixed. A dry run exits with the status the commit would have.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogs.layout.rows import CatalogDataError, RowError

from ...channels import Vocabulary
from ...columns import TICKS
from ...layout.files import layout_file_read
from ...layout.rows import CatalogData
from ...local.importing import (
    MATCHED,
    SUB_ITEM,
    SUPPLEMENT,
    local_catalog_import_run,
)
from ..lookups import (
    PlanPrinter,
    add_org_argument,
    add_standard_argument,
    organisation_by_code,
    standard_by_key,
)

_LISTS = ("content", "bases", "channels")


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _list(entries) -> str:
    return "、".join(f"“{_quote(entry)}”" for entry in entries)


class Command(BaseCommand):
    help = _(
        "Read an organisation's local catalog in the official layout from an .xlsx "
        "workbook or the tables of a .docx document, match its rows to the standard "
        "catalog and write it as a new draft version, then validate it. Standard "
        "items missing from the file are omitted. Nothing is written without "
        "--commit."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The .xlsx or .docx file."))
        add_org_argument(parser)
        add_standard_argument(parser)
        parser.add_argument(
            "--omit-reason",
            default="",
            metavar="TEXT",
            help=_(
                "The reason recorded for standard items missing from the file; "
                "without it they are omitted without a reason, which validation "
                "reports."
            ),
        )
        parser.add_argument(
            "--commit", action="store_true", help=_("Write the local catalog.")
        )
        parser.add_argument(
            "--reason", default="", help=_("The change reason recorded in history.")
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        organisation = organisation_by_code(options["org"])
        standard = standard_by_key(options["standard"])
        if not path.is_file():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path})
        try:
            items, errors = layout_file_read(
                path, name=path.name, vocabulary=Vocabulary.load()
            )
        except ValidationError as exc:
            self._fail([RowError(message) for message in exc.messages], found=0)
        data = CatalogData(domain_key=standard.domain.key, title=path.name, items=items)
        found = sum(1 for _item in data.walk())
        self.stdout.write(
            _("Read %(found)s items from %(file)s.")
            % {"found": found, "file": path.name}
        )
        if errors:
            self._fail(errors, found=found)
        commit = options["commit"]
        try:
            result = local_catalog_import_run(
                organisation=organisation,
                standard=standard,
                data=data,
                commit=commit,
                omit_reason=options["omit_reason"],
                reason=options["reason"]
                or _("Imported from %(file)s.") % {"file": path.name},
            )
        except CatalogDataError as exc:
            self._fail(exc.errors, found=found)
        self._show_plan(result.plan)
        catalog = result.catalog
        params = {"version": catalog.version, "key": catalog.key}
        if commit:
            self.stdout.write(
                _("Created version %(version)s of “%(key)s” as a draft: %(title)s.")
                % {**params, "title": catalog.title}
            )
        else:
            self.stdout.write(
                _(
                    "Dry run: version %(version)s of “%(key)s” would be created as a "
                    "draft. Run again with --commit to write it."
                )
                % params
            )
        errors = self._show_findings(result.findings)
        self._summary(result.plan, found=found, created=int(commit))
        if errors and commit:
            raise CommandError(
                _(
                    "Version %(version)s of “%(key)s” was written as a draft, but it "
                    "has %(errors)s validation errors; it cannot be put in force "
                    "until they are fixed."
                )
                % {**params, "errors": errors}
            )
        if errors:
            raise CommandError(
                _(
                    "The draft would have %(errors)s validation errors; it could be "
                    "written but not put in force until they are fixed. Nothing was "
                    "written."
                )
                % {"errors": errors}
            )

    def _show_plan(self, plan) -> None:
        out = PlanPrinter(self.stdout)
        matched = plan.of(MATCHED)
        out.heading(
            _("Standard items matched: %(matched)s, of which changed: %(changed)s.")
            % {"matched": len(matched), "changed": len(plan.changed)}
        )
        for row in plan.changed:
            out.line(_("row %(row)s “%(item)s”:") % {"row": row.row, "item": row})
            for line in self._differences(row.differences):
                out.line(line, depth=2)
        for action, title in (
            (SUPPLEMENT, _("Supplementary items: %(count)s.")),
            (SUB_ITEM, _("Third-level sub-items: %(count)s.")),
        ):
            rows = plan.of(action)
            out.heading(title % {"count": len(rows)})
            for row in rows:
                out.line(
                    _("row %(row)s “%(item)s”, level %(level)s")
                    % {"row": row.row, "item": row, "level": row.level}
                )
        out.heading(
            _(
                "Standard items omitted (not in the file, or marked 本地未开展): "
                "%(count)s."
            )
            % {"count": len(plan.omissions)}
        )
        for omission in plan.omissions:
            line = (
                _("“%(item)s”, reason: %(reason)s")
                if omission.reason
                else _("“%(item)s”, without a reason")
            ) % {"item": omission.item, "reason": omission.reason}
            if omission.below:
                line += " " + _("(with the %(count)s items under it)") % {
                    "count": omission.below
                }
            out.line(line)

    @staticmethod
    def _differences(differences) -> list[str]:
        lines, ticked, unticked = [], [], []
        for difference in differences:
            params = {"column": difference.column}
            if difference.field in TICKS:
                (ticked if difference.local else unticked).append(difference.column)
            elif difference.added or difference.removed:
                parts = []
                if difference.added:
                    parts.append(
                        _("added %(entries)s") % {"entries": _list(difference.added)}
                    )
                if difference.removed:
                    parts.append(
                        _("removed %(entries)s")
                        % {"entries": _list(difference.removed)}
                    )
                lines.append(f"{difference.column}: {'; '.join(parts)}")
            elif difference.field in _LISTS:
                lines.append(_("%(column)s: the order changed") % params)
            else:
                lines.append(
                    _("%(column)s: “%(old)s” → “%(new)s”")
                    % {
                        **params,
                        "old": _quote(difference.standard),
                        "new": _quote(difference.local),
                    }
                )
        if ticked:
            lines.append(_("ticked: %(columns)s") % {"columns": "、".join(ticked)})
        if unticked:
            lines.append(
                _("no longer ticked: %(columns)s") % {"columns": "、".join(unticked)}
            )
        return lines

    def _show_findings(self, findings) -> int:
        errors = sum(1 for finding in findings if finding.is_error)
        counts = {"errors": errors, "warnings": len(findings) - errors}
        self.stdout.write(
            _("Validation: %(errors)s errors, %(warnings)s warnings.") % counts
        )
        return PlanPrinter(self.stdout).findings(findings)

    def _summary(self, plan, *, found: int, created: int) -> None:
        self.stdout.write(
            _(
                "Items found: %(found)s; matched: %(matched)s; supplements: "
                "%(supplements)s; sub-items: %(sub_items)s; omitted: %(omitted)s; "
                "catalogs created: %(created)s; errors: 0."
            )
            % {
                "found": found,
                "matched": len(plan.of(MATCHED)),
                "supplements": len(plan.of(SUPPLEMENT)),
                "sub_items": len(plan.of(SUB_ITEM)),
                "omitted": len(plan.omissions),
                "created": created,
            }
        )

    def _fail(self, errors: list[RowError], *, found: int):
        lines = [str(error) for error in errors]
        lines.append(
            _(
                "Items found: %(found)s; catalogs created: %(created)s; errors: "
                "%(errors)s."
            )
            % {"found": found, "created": 0, "errors": len(errors)}
        )
        lines.append(_("Nothing was written."))
        raise CommandError("\n".join(lines))
