"""The report as files: a Word document in the usual layout (python-docx) and a
workbook of its tables (openpyxl), formula-like text neutralised as in every
export. Both are built from ``tables.laid_out``, as the page is."""

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from catalogs.layout.workbook import neutralise

from . import layout
from .tables import laid_out

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(content, extension: str) -> str:
    return f"annual-report-{content['organisation_code']}-{content['year']}.{extension}"


def _number(value):
    """A cell's value for a spreadsheet: an int, or the 万元 amount as a Decimal."""
    return Decimal(value) if isinstance(value, str) else value


def _text(value) -> str:
    return str(_number(value))


# ── Word ────────────────────────────────────────────────────────────────────


def _grid(document, rows: int, columns: int):
    table = document.add_table(rows=rows, cols=columns)
    table.style = "Table Grid"
    return table


def _finish(table, widths_cm: list[float], size: float = 9) -> None:
    """Column widths (Word keeps them per cell) and the tables' smaller type, so
    the labels of a 15-column table stay readable on an A4 page."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)


def _docx_two(document, two):
    for fixed in two:
        columns = len(fixed["columns"]) + 1
        table = _grid(document, 2 + len(fixed["rows"]), columns)
        head = table.cell(0, 0).merge(table.cell(0, columns - 1))
        head.text = str(fixed["heading"])
        table.cell(1, 0).text = str(fixed["content_label"])
        for c, label in enumerate(fixed["columns"], 1):
            table.cell(1, c).text = str(label)
        for r, row in enumerate(fixed["rows"], 2):
            table.cell(r, 0).text = str(row["label"])
            for c, shown in enumerate(row["cells"], 1):
                table.cell(r, c).text = _text(shown.value)
        _finish(table, [6.0] + [10.0 / (columns - 1)] * (columns - 1), size=10.5)
        document.add_paragraph()


def _docx_three(document, three):
    kinds = len(layout.KINDS)
    rows = three["rows"]
    table = _grid(document, 2 + len(rows), kinds + 2)
    corner = table.cell(0, 0).merge(table.cell(1, 0))
    corner.text = _("Applicants (申请人情况)")
    table.cell(0, 1).merge(table.cell(1, 1)).text = str(three["columns"][0])
    table.cell(0, 2).merge(table.cell(0, kinds)).text = _(
        "Legal persons or other organisations (法人或其他组织)"
    )
    for c in range(2, kinds + 1):
        table.cell(1, c).text = str(three["columns"][c - 1])
    total = kinds + 1
    table.cell(0, total).merge(table.cell(1, total)).text = str(three["columns"][-1])
    for r, row in enumerate(rows, 2):
        if row["heading"]:
            table.cell(r, 0).merge(table.cell(r, total)).text = str(row["label"])
            continue
        table.cell(r, 0).text = str(row["label"])
        for c, shown in enumerate(row["cells"], 1):
            table.cell(r, c).text = _text(shown.value)
    _finish(table, [7.0] + [1.3] * kinds + [1.2])


def _docx_four(document, four):
    per = len(four["columns"])
    table = _grid(document, 3, per * len(four["groups"]))
    for g, group in enumerate(four["groups"]):
        start = g * per
        table.cell(0, start).merge(table.cell(0, start + per - 1)).text = str(
            group["label"]
        )
        for c, shown in enumerate(group["cells"]):
            table.cell(1, start + c).text = str(shown.column)
            table.cell(2, start + c).text = _text(shown.value)
    _finish(table, [1.07] * per * len(four["groups"]), size=8)


def _paragraphs(document, lines):
    from docx.shared import Pt

    for line in lines or [_("None.")]:
        document.add_paragraph(line).paragraph_format.first_line_indent = Pt(28)


def docx_bytes(content, *, public: bool = True, note: str = "") -> bytes:
    """The report as a Word document in the format's order."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    shown = laid_out(content, public=public)
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(12)
    title = document.add_heading(shown["title"], level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if note:
        document.add_paragraph(_("Correction: %(note)s") % {"note": note})
    titles, paragraphs = shown["titles"], shown["paragraphs"]
    document.add_heading(titles["overview"], level=2)
    _paragraphs(document, paragraphs["overview"])
    document.add_heading(titles["table_two"], level=2)
    _docx_two(document, shown["two"])
    document.add_heading(titles["table_three"], level=2)
    _docx_three(document, shown["three"])
    document.add_heading(titles["table_four"], level=2)
    _docx_four(document, shown["four"])
    document.add_heading(titles["problems"], level=2)
    _paragraphs(document, paragraphs["problems"])
    document.add_heading(titles["other_matters"], level=2)
    _paragraphs(document, paragraphs["other_matters"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ── Excel ───────────────────────────────────────────────────────────────────

BOLD = Font(bold=True)


def _label(value) -> str:
    return neutralise(str(value))


def workbook(content, *, public: bool = True) -> Workbook:
    """Sheets 表二, 表三 and 表四: the tables with every figure a number and, for
    tables 二 and 四, where each came from."""
    shown = laid_out(content, public=public)
    book = Workbook()
    two = book.active
    two.title = _("Table II")
    two.append([_label(shown["title"])])
    two.append(
        [
            _label(h)
            for h in (_("Item"), _("Content"), _("Figure"), _("Value"), _("Source"))
        ]
    )
    for fixed in shown["two"]:
        for row in fixed["rows"]:
            for label, cell in zip(fixed["columns"], row["cells"], strict=True):
                two.append(
                    [
                        _label(fixed["heading"]),
                        _label(row["label"]),
                        _label(label),
                        _number(cell.value),
                        _label(cell.source_label),
                    ]
                )
    three = book.create_sheet(_("Table III"))
    three.append([_label(shown["title"])])
    three.append(["", *[_label(c) for c in shown["three"]["columns"]]])
    for row in shown["three"]["rows"]:
        values = [_number(c.value) for c in row.get("cells", [])]
        three.append([_label(row["label"]), *values])
    four = book.create_sheet(_("Table IV"))
    four.append([_label(shown["title"])])
    four.append(
        ["", *[_label(c) for c in shown["four"]["columns"]], _label(_("Source"))]
    )
    for group in shown["four"]["groups"]:
        cells = group["cells"]
        sources = sorted({_label(c.source_label) for c in cells})
        four.append(
            [
                _label(group["label"]),
                *[_number(c.value) for c in cells],
                "、".join(sources),
            ]
        )
    for sheet in (two, three, four):
        sheet["A1"].font = BOLD
        for cell in sheet[2]:
            cell.font = BOLD
        sheet.column_dimensions["A"].width = 48
        for row in sheet.iter_rows(min_row=3):
            row[0].alignment = Alignment(wrap_text=True)
    return book


def xlsx_bytes(content, *, public: bool = True) -> bytes:
    buffer = io.BytesIO()
    workbook(content, public=public).save(buffer)
    return buffer.getvalue()
