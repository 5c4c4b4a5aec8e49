"""A catalog written as a Word document (.docx) in the official layout.

The same table as the workbook (``table.py``): a title, the two-row grouped
header, one row per item, the first-level (and 序号) cells merged over their
rows; landscape A4. ``docx.py`` reads it back to the same items.
"""

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..channels import Vocabulary
from ..models import Catalog
from .table import official_table
from .workbook import catalog_rows

FONT = "宋体"


def write_catalog_docx(catalog: Catalog, stream) -> None:
    """Write ``catalog`` to ``stream`` as a .docx document in the official layout."""
    children, bases = catalog_rows(catalog)
    document = layout_document(
        title=catalog.title,
        village=catalog.domain.has_village_level,
        children=children,
        bases=bases,
        channels=Vocabulary.load().rows(),
    )
    document.save(stream)


def layout_document(*, title: str, village: bool, children, bases, channels):
    """A python-docx ``Document`` holding the title and the layout's table."""
    table_data = official_table(
        children=children, bases=bases, channels=channels, village=village
    )
    columns = table_data.columns
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(9)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold, run.font.size = True, Pt(16)

    table = document.add_table(rows=2 + len(table_data.rows), cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = [row.cells for row in table.rows]
    _header(cells, columns)
    for r, values in enumerate(table_data.rows, start=2):
        for c, value in enumerate(values):
            if value is not None:
                cells[r][c].text = str(value)
    index = table_data.index
    for (role, _id), (first, end) in table_data.spans.items():
        if end > first:
            for merged in ("code", "level1") if role == "level1" else ("level2",):
                c = index[merged]
                cells[first + 2][c].merge(cells[end + 2][c])
    for row in table.rows[:2]:
        _repeat_as_header(row)
    return document


def _header(cells, columns) -> None:
    """The two header rows: group labels merged across, single labels down."""
    for i, column in enumerate(columns):
        if not column.group:
            cells[0][i].text = column.label
            _bold(cells[0][i])
            cells[0][i].merge(cells[1][i])
            continue
        cells[1][i].text = column.label
        _bold(cells[1][i])
        if i == 0 or columns[i - 1].group != column.group:
            end = i
            while end + 1 < len(columns) and columns[end + 1].group == column.group:
                end += 1
            cells[0][i].text = column.group
            _bold(cells[0][i])
            if end > i:
                cells[0][i].merge(cells[0][end])


def _bold(cell) -> None:
    for paragraph in cell.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in paragraph.runs:
            run.bold = True


def _repeat_as_header(row) -> None:
    """Word repeats the row at the top of every page (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
