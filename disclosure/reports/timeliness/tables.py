"""The columns of the timeliness tables (one registry for the page, the charts and
the workbook), and the workbook itself."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from catalogs.layout.workbook import neutralise

from .figures import Figures

# (attribute of Figures, column label); the page groups them under three heads.
PUBLICATION_COLUMNS = (
    ("due", gettext_lazy("Publications due")),
    ("on_time", gettext_lazy("Published on time")),
    ("late", gettext_lazy("Published late")),
    ("late_median", gettext_lazy("Median working days late")),
    ("late_p90", gettext_lazy("90th percentile of working days late")),
    ("overdue", gettext_lazy("Overdue now")),
    ("idle_items", gettext_lazy("Items with nothing published")),
)
REQUEST_COLUMNS = (
    ("received", gettext_lazy("Requests received")),
    ("answered_in_time", gettext_lazy("Answered in time")),
    ("answered_late", gettext_lazy("Answered late")),
    ("reply_median", gettext_lazy("Median reply time (working days)")),
    ("requests_overdue", gettext_lazy("Requests overdue now")),
    ("extensions", gettext_lazy("Extensions")),
    ("corrections", gettext_lazy("Corrections asked for (补正)")),
)
INTERPRETATION_COLUMNS = (
    ("interpretations", gettext_lazy("Interpretations")),
    ("interpretations_late", gettext_lazy("Later than 3 working days")),
)
COLUMNS = PUBLICATION_COLUMNS + REQUEST_COLUMNS + INTERPRETATION_COLUMNS


def values(figures: Figures) -> list:
    return [getattr(figures, name) for name, _label in COLUMNS]


def chart(rows, *, names: tuple[str, ...], chart_id: str, title: str) -> dict:
    """The data of a stacked bar chart of ``names`` per row, for ``json_script``."""
    labels = dict(COLUMNS)
    return {
        "id": chart_id,
        "data_id": f"{chart_id}-data",
        "title": title,
        "categories": [row.label for row in rows],
        "series": [
            {
                "name": str(labels[name]),
                "data": [getattr(row.figures, name) or 0 for row in rows],
            }
            for name in names
        ],
    }


def timeliness_workbook(page, *, title: str, period_label: str, unit_label: str):
    """The page as a write-only workbook: one sheet per table, text neutralised."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def sheet_of(name: str, first: str, rows, total):
        sheet = workbook.create_sheet(name[:31])

        def strong(value):
            cell = WriteOnlyCell(sheet, value=neutralise(str(value)))
            cell.font = bold
            return cell

        sheet.column_dimensions["A"].width = 14
        sheet.column_dimensions["B"].width = 28
        sheet.append([strong(title)])
        sheet.append([_("Period: %(period)s") % {"period": period_label}])
        sheet.append(
            [strong(_("Code")), strong(first)]
            + [strong(label) for _name, label in COLUMNS]
        )
        for row in rows:
            sheet.append(
                [neutralise(str(row.code)), neutralise(row.label)] + values(row.figures)
            )
        sheet.append(["", strong(_("Total"))] + values(total))

    if page.units:
        sheet_of(unit_label, unit_label, page.units, page.total)
    sheet_of(_("Domains"), _("Domain"), page.domains, page.total)
    return workbook
