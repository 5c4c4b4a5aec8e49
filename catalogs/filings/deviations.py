"""Where a filed catalog departs from its standard, item by item, read from the
snapshot: the items the county does not perform (with the reason on record) and
the items it adds (supplements and third-level items). The filing workbook and
the province bundle list them, so a reviewer sees which items and why, not only
how many."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..layout.workbook import neutralise
from ..models import ItemOrigin


@dataclass(frozen=True)
class Deviation:
    kind: str  # translated: not performed locally, local supplement, third level
    code: str
    name: str
    note: str  # the reason of an omission, the parent of an addition


def filing_deviations(snapshot: dict) -> list[Deviation]:
    """The omitted items (the heads of omitted subtrees) and the local additions,
    in the order the table prints them."""
    rows = sorted(snapshot.get("items", []), key=lambda r: (r["position"], r["id"]))
    by_id = {row["id"]: row for row in rows}
    children: dict = {}
    for row in rows:
        children.setdefault(row.get("parent_id"), []).append(row)
    items, stack = [], list(reversed(children.get(None, [])))
    while stack:  # depth first, as the table prints them
        row = stack.pop()
        items.append(row)
        stack.extend(reversed(children.get(row["id"], [])))
    deviations = []
    for row in items:
        parent = by_id.get(row.get("parent_id"))
        if row.get("omitted"):
            if parent is not None and parent.get("omitted"):
                continue  # omitted with the item above it, listed there
            reason = row.get("omission_reason") or _("No reason was given.")
            deviations.append(
                Deviation(
                    _("Not performed locally"),
                    row.get("code", ""),
                    row["name"],
                    reason,
                )
            )
        elif row.get("origin") == ItemOrigin.SUPPLEMENT:
            kind = _("Third-level item") if row["level"] == 3 else _("Local supplement")
            under = _("Under %(item)s") % {"item": _label(parent)} if parent else ""
            deviations.append(Deviation(kind, row.get("code", ""), row["name"], under))
    return deviations


def _label(row: dict) -> str:
    return f"{row.get('code', '')} {row['name']}".strip()


def deviations_sheet(workbook):
    """The bundle's sheet listing every county's omitted items (why) and additions;
    ``workbook`` is write-only, its rows are added by ``deviation_rows``."""
    sheet = workbook.create_sheet(_("Omitted and added items")[:31])
    labels = [
        *(_("County code"), _("County"), _("Domain")),
        *(_("Kind"), _("Number"), _("Item"), _("Reason or place")),
    ]
    cells = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)
    return sheet


def deviation_rows(filing) -> list[list]:
    """One row per omitted or added item of ``filing``, for ``deviations_sheet``."""
    snapshot = filing.snapshot
    organisation = snapshot["organisation"]
    place = [
        organisation["region_code"],
        organisation["region_name"],
        snapshot["domain"]["name"],
    ]
    return [
        [neutralise(t) for t in (*place, d.kind, d.code, d.name, d.note)]
        for d in filing_deviations(snapshot)
    ]
