"""The bad files of the corpus, built in code: one builder per kind of bad input.

Every builder writes into ``folder`` and returns the file's path; the table cases
pass ``table`` on to ``tables.table_workbook`` (``columns``, ``rows``, ...).
"""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from openpyxl import Workbook, load_workbook

from .tables import CATALOG_COLUMNS, CATALOG_ROWS, table_document, table_workbook


def not_a_spreadsheet(folder: Path, *, content: bytes | None = None, suffix=".xlsx"):
    """A text (or, given ``content``, e.g. a PDF) file renamed to .xlsx."""
    path = folder / f"renamed{suffix}"
    path.write_bytes(
        content or "序号,公开事项,公开内容\n1,就业信息服务,办理流程\n".encode()
    )
    return path


def zip_bomb(folder: Path, *, megabytes: int = 20, suffix=".xlsx") -> Path:
    """A zip holding the right member names and one member of zeros that packs 1000:1."""
    path = folder / f"bomb{suffix}"
    main = "xl/workbook.xml" if suffix == ".xlsx" else "word/document.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main, "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * 1_000_000
            for _chunk in range(megabytes):
                member.write(block)
    return path


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def xml_bomb(folder: Path, *, base: Path | None = None) -> Path:
    """A good file whose strings (or document) declare “billion laughs” entities."""
    base = base or table_workbook(folder / "base.xlsx")
    path = folder / f"laughs{base.suffix}"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w") as target:
        names = source.namelist()
        poisoned = next(
            name
            for name in (
                "xl/sharedStrings.xml",
                "xl/worksheets/sheet1.xml",
                "word/document.xml",
            )
            if name in names
        )
        for name in names:
            data = source.read(name)
            if name == poisoned:
                text = data.decode("utf-8")
                declaration, _sep, rest = text.partition("?>")
                rest = rest.replace("<t>", "<t>&lol9;", 1).replace(
                    "<w:t>", "<w:t>&lol9;", 1
                )
                data = f"{declaration}?>{_LAUGHS}{rest}".encode()
            target.writestr(name, data)
    return path


def too_many_rows(folder: Path, *, rows: int | None = None, **table) -> Path:
    """One data row more than an import takes (``CATALOG_IMPORT_MAX_ROWS``)."""
    count = rows or settings.CATALOG_IMPORT_MAX_ROWS + 1
    template = dict(CATALOG_ROWS[0])
    many = [dict(template, 二级事项=f"事项{n}") for n in range(count)]
    return table_workbook(folder / "many.xlsx", rows=many, **table)


def wrong_header(folder: Path, *, columns=None, **table) -> Path:
    """公开依据 misspelt as 法律依据 and 公开时限 left out."""
    columns = columns or [
        ("", "法律依据") if label == "公开依据" else (group, label)
        for group, label in CATALOG_COLUMNS
        if label != "公开时限"
    ]
    rows = [
        {("法律依据" if k == "公开依据" else k): v for k, v in row.items()}
        for row in CATALOG_ROWS
    ]
    return table_workbook(
        folder / "wrong-header.xlsx", columns=columns, rows=rows, **table
    )


def shuffled_header(folder: Path, **table) -> Path:
    """The same columns in another order; groups keep their own sub-columns together."""
    order = [
        "公开渠道和载体", "乡级", "村级", "县级", "公开依据", "序号", "二级事项",
        "一级事项", "依申请", "主动", "公开时限", "特定群体", "全社会", "公开主体",
        "公开内容（要素）",
    ]  # fmt: skip
    groups = {label: group for group, label in CATALOG_COLUMNS}
    columns = [(groups[label], label) for label in order]
    return table_workbook(folder / "shuffled.xlsx", columns=columns, **table)


def odd_merged_cells(folder: Path, **table) -> Path:
    """序号 merged from the header into the data, 公开依据 merged into 公开时限."""
    path = table_workbook(folder / "odd-merges.xlsx", merge_first_level=False, **table)
    workbook = load_workbook(path)
    sheet = workbook.active
    sheet.unmerge_cells("A2:A3")
    sheet.merge_cells("A2:A5")
    sheet.merge_cells("E5:F5")
    workbook.save(path)
    return path


def overlapping_merges(folder: Path, *, copies: int = 500, **table) -> Path:
    """The same merged range declared over and over, as no sound workbook does."""
    base = table_workbook(folder / "base.xlsx", merge_first_level=False, **table)
    path = folder / "overlaps.xlsx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                refs = '<mergeCell ref="E4:E6"/>' * copies
                data = data.replace(b"</mergeCells>", refs.encode() + b"</mergeCells>")
            target.writestr(name, data)
    return path


def formulas(folder: Path, **table) -> Path:
    """A formula cell in 公开内容（要素） and text starting with = in 公开主体."""
    path = table_workbook(folder / "formulas.xlsx", **table)
    workbook = load_workbook(path)
    sheet = workbook.active
    sheet["D4"] = '=HYPERLINK("http://example.com","办理流程")'
    sheet["G5"] = "=1+2"
    sheet["G5"].data_type = "s"  # stored as text, still refused
    workbook.save(path)
    return path


def blank_rows(folder: Path, **table) -> Path:
    """Empty rows before, between and after the data; one holds only spaces."""
    blank = {}
    spaces = {"公开内容（要素）": "   ", "公开主体": " "}
    rows = [
        blank,
        CATALOG_ROWS[0],
        blank,
        spaces,
        CATALOG_ROWS[1],
        CATALOG_ROWS[2],
        blank,
    ]
    return table_workbook(
        folder / "blank-rows.xlsx", rows=rows, merge_first_level=False, **table
    )


def over_long_text(folder: Path, **table) -> Path:
    """A content cell longer than a cell may be, a 公开主体 longer than its field."""
    rows = [dict(row) for row in CATALOG_ROWS]
    rows[0]["公开内容（要素）"] = "长" * (settings.CATALOG_IMPORT_MAX_CELL_CHARS + 1)
    rows[1]["公开主体"] = "部门" * 151
    return table_workbook(folder / "long.xlsx", rows=rows, **table)


SCRIPT = "<script>alert('x')</script>"


def script_tags(folder: Path, **table) -> Path:
    """Script and event-handler markup in an item name and a content element."""
    rows = [dict(row) for row in CATALOG_ROWS]
    rows[0]["二级事项"] = f"{SCRIPT}就业政策法规咨询"
    rows[0]["公开内容（要素）"] = '办理流程\n<img src=x onerror="alert(1)">'
    return table_workbook(folder / "scripts.xlsx", rows=rows, **table)


def wrong_types(folder: Path, **table) -> Path:
    """A word in a tick column and a number where the channels belong."""
    rows = [dict(row) for row in CATALOG_ROWS]
    rows[0]["全社会"] = "yes"
    rows[1]["公开渠道和载体"] = 3
    return table_workbook(folder / "types.xlsx", rows=rows, **table)


# Files that are not sound archives at all


def empty_file(folder: Path, *, suffix=".xlsx") -> Path:
    """Zero bytes under a spreadsheet's name."""
    path = folder / f"empty{suffix}"
    path.write_bytes(b"")
    return path


def old_office_file(folder: Path, *, suffix=".xlsx") -> Path:
    """An OLE compound file (an old .xls, or any password-protected Office file)."""
    path = folder / f"old{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return path


def damaged_archive(folder: Path) -> Path:
    """A good workbook with forty bytes of its worksheet's data zeroed."""
    path = table_workbook(folder / "good.xlsx")
    data = bytearray(path.read_bytes())
    start = data.index(b"xl/worksheets/sheet1.xml") + 60
    data[start : start + 40] = bytes(40)
    path.write_bytes(bytes(data))
    return path


def other_file_type(folder: Path) -> Path:
    """A CSV: readable text, but not a layout file."""
    path = folder / "catalog.csv"
    path.write_text("序号,公开事项\n1,就业信息服务\n")
    return path


def hollow_workbook(folder: Path) -> Path:
    """A small zip with the members' names but no workbook inside them."""
    path = folder / "hollow.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def hollow_document(folder: Path) -> Path:
    """A small zip with a Word document's member names but no document inside."""
    path = folder / "hollow.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return path


# Sheets of the wrong shape


def far_cell(folder: Path) -> Path:
    """One cell in the sheet's last row, as if a million rows were to follow."""
    path = folder / "far.xlsx"
    workbook = Workbook()
    workbook.active["A1"] = "序号"
    workbook.active["B1048576"] = "x"
    workbook.save(path)
    return path


def too_many_columns(folder: Path, **table) -> Path:
    """A good catalog with a note in column CV (the hundredth)."""
    path = table_workbook(folder / "wide.xlsx", **table)
    workbook = load_workbook(path)
    workbook.active["CV4"] = "备注"
    workbook.save(path)
    return path


def empty_table(folder: Path, **table) -> Path:
    """The header and no data rows."""
    return table_workbook(folder / "no-rows.xlsx", rows=[], **table)


def word_without_table(folder: Path) -> Path:
    """A Word document holding the catalog as paragraphs, not as a table."""
    import docx

    document = docx.Document()
    for row in CATALOG_ROWS:
        document.add_paragraph(" ".join(str(value) for value in row.values()))
    path = folder / "paragraphs.docx"
    document.save(path)
    return path


def word_table(folder: Path) -> Path:
    """A sound catalog as a Word table (the control case for .docx)."""
    return table_document(folder / "catalog.docx")


def as_bytes(path: Path) -> io.BytesIO:
    """The file as an in-memory upload, for paths that take file objects."""
    return io.BytesIO(path.read_bytes())


# Word tables that cost the reader more than they hold (issue 15)


def huge_grid_span(folder: Path, *, span: int = 1_000_000_000) -> Path:
    """A sound Word catalog whose one data cell claims to span a billion columns."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = table_document(folder / "span.docx")
    document = Document(path)
    tc = document.tables[0].rows[2]._tr.tc_lst[1]
    tc.get_or_add_tcPr().append(
        parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="{span}"/>')
    )
    document.save(path)
    return path


def many_vertical_merges(folder: Path, *, rows: int = 1_200) -> Path:
    """A two-column Word table whose first column is one cell merged down ``rows``
    rows (python-docx's ``row.cells`` follows each merge up recursively)."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.table import _Cell

    document = Document()
    table = document.add_table(rows=rows, cols=2)
    for r, row in enumerate(table.rows):
        first, second = row._tr.tc_lst[:2]
        value = ' w:val="restart"' if r == 0 else ""
        first.get_or_add_tcPr().append(parse_xml(f"<w:vMerge {nsdecls('w')}{value}/>"))
        _Cell(second, table).text = f"第{r + 1}行"
    _Cell(table.rows[0]._tr.tc_lst[0], table).text = "合并"
    path = folder / "merges.docx"
    document.save(path)
    return path


def strict_ooxml(folder: Path, **table) -> Path:
    """A good catalog saved as “Strict Open XML” (ISO 29500 strict namespaces),
    which openpyxl does not read."""
    source = table_workbook(folder / "transitional.xlsx", **table)
    path = folder / "strict.xlsx"
    replacements = [
        (
            b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        ),
        (
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        ),
    ]
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as strict:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                for old, new in replacements:
                    data = data.replace(old, new)
            strict.writestr(info, data)
    return path


def lying_dimension(folder: Path, **table) -> Path:
    """A sound catalog whose sheet claims to fill the whole grid
    (``<dimension ref="A1:XFD1048576"/>``) while holding a few rows."""
    import re

    source = table_workbook(folder / "honest.xlsx", **table)
    path = folder / "lying.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as lying:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data
                )
            lying.writestr(info, data)
    return path


def huge_shared_strings(
    folder: Path, *, count: int | None = None, length: int = 16, **table
) -> Path:
    """A sound catalog whose workbook carries a table of shared strings far beyond
    what its cells use (issue 15: 107 s and 432 MB): ``count`` distinct texts of
    ``length`` characters, by default one more than ``CATALOG_IMPORT_MAX_SHARED_STRINGS``.
    The table is registered as a real part (content type and relationship)."""
    count = (
        count if count is not None else settings.CATALOG_IMPORT_MAX_SHARED_STRINGS + 1
    )
    source = table_workbook(folder / "few.xlsx", **table)
    path = folder / "strings.xlsx"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    kind = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    )
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as big,
    ):
        names = original.namelist()
        for info in original.infolist():
            data = original.read(info.filename)
            if (
                info.filename == "[Content_Types].xml"
                and "xl/sharedStrings.xml" not in names
            ):
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/>'
                    "</Types>".encode(),
                )
            elif info.filename == "xl/_rels/workbook.xml.rels" and (
                "xl/sharedStrings.xml" not in names
            ):
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdStrings" Type="{relation}" '
                    'Target="sharedStrings.xml"/></Relationships>'.encode(),
                )
            if info.filename != "xl/sharedStrings.xml":
                big.writestr(info.filename, data)
        with big.open("xl/sharedStrings.xml", "w") as strings:
            strings.write(
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" '
                f'count="{count}" uniqueCount="{count}">'.encode()
            )
            for n in range(count):
                strings.write(f"<si><t>{n:0{length}d}</t></si>".encode())
            strings.write(b"</sst>")
    return path


# More hostile shapes (the corpus grows to 60 cases with the form values, issue 15)


def _rewrite(source: Path, path: Path, change) -> Path:
    """``source`` copied to ``path`` with ``change(name, data) -> data | None``
    applied to each member (None drops it)."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in original.infolist():
            data = change(info.filename, original.read(info.filename))
            if data is not None:
                target.writestr(info.filename, data)
    return path


def long_shared_text(folder: Path, **table) -> Path:
    """A table of shared strings within the count but beyond
    ``CATALOG_IMPORT_MAX_TEXT_CHARS`` characters in all."""
    length = settings.CATALOG_IMPORT_MAX_TEXT_CHARS // 20 + 1
    path = huge_shared_strings(folder, count=20, length=length, **table)
    return path.rename(folder / "long-strings.xlsx")


def too_many_members(folder: Path) -> Path:
    """A good workbook padded with 2,001 tiny members (a parser's list of parts)."""
    path = _rewrite(table_workbook(folder / "good.xlsx"), folder / "members.xlsx",
                    lambda name, data: data)  # fmt: skip
    with zipfile.ZipFile(path, "a") as archive:
        for n in range(2_001):
            archive.writestr(f"customXml/item{n}.xml", "<a/>")
    return path


def utf16_xml_bomb(folder: Path) -> Path:
    """The “billion laughs” declaration in a worksheet encoded as UTF-16."""

    def change(name, data):
        if name != "xl/worksheets/sheet1.xml":
            return data
        text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        declaration, _sep, rest = text.partition("?>")
        return f"{declaration}?>{_LAUGHS}{rest}".encode("utf-16")

    return _rewrite(
        table_workbook(folder / "good.xlsx"), folder / "laughs16.xlsx", change
    )


def broken_sheet_xml(folder: Path) -> Path:
    """A sound archive whose worksheet XML stops in the middle of a tag."""

    def change(name, data):
        return data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data

    return _rewrite(
        table_workbook(folder / "good.xlsx"), folder / "broken.xlsx", change
    )


def missing_sheet(folder: Path) -> Path:
    """The workbook names a sheet whose part is not in the archive."""

    def change(name, data):
        return None if name == "xl/worksheets/sheet1.xml" else data

    return _rewrite(
        table_workbook(folder / "good.xlsx"), folder / "nosheet.xlsx", change
    )


def blank_workbook(folder: Path) -> Path:
    """A workbook with one empty sheet."""
    path = folder / "blank.xlsx"
    Workbook().save(path)
    return path


def many_sheets_without_header(folder: Path, *, sheets: int = 25) -> Path:
    """Twenty-five sheets of numbers, none holding the layout's header."""
    workbook = Workbook()
    for n in range(sheets):
        sheet = workbook.active if n == 0 else workbook.create_sheet()
        sheet.title = f"数据{n + 1}"
        sheet.append([n, n + 1, n + 2])
    path = folder / "sheets.xlsx"
    workbook.save(path)
    return path


def header_too_low(folder: Path, **table) -> Path:
    """The header pushed below the rows searched for it by ten blank-titled rows."""
    source = table_workbook(folder / "good.xlsx", **table)
    workbook = load_workbook(source)
    workbook.active.insert_rows(1, amount=10)
    for n in range(1, 11):
        workbook.active.cell(n, 1, f"说明{n}")
    path = folder / "low.xlsx"
    workbook.save(path)
    return path


def macro_workbook(folder: Path, **table) -> Path:
    """A good catalog carrying a VBA project, as an .xlsm renamed .xlsx would."""
    path = _rewrite(table_workbook(folder / "good.xlsx", **table), folder / "macro.xlsx",
                    lambda name, data: data)  # fmt: skip
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(508))
    return path


def traversal_member(folder: Path, **table) -> Path:
    """A good catalog with a member named ``../../evil.txt`` (a "zip slip")."""
    path = _rewrite(table_workbook(folder / "good.xlsx", **table), folder / "slip.xlsx",
                    lambda name, data: data)  # fmt: skip
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("../../evil.txt", "x")
    return path


def hidden_rows_and_sheet(folder: Path, **table) -> Path:
    """A good catalog whose data rows are hidden and with a hidden first sheet."""
    source = table_workbook(folder / "good.xlsx", **table)
    workbook = load_workbook(source)
    catalog = workbook.active
    for n in range(4, catalog.max_row + 1):
        catalog.row_dimensions[n].hidden = True
    notes = workbook.create_sheet("说明", 0)
    notes.append(["本表由县人社局填报"])
    notes.sheet_state = "hidden"
    path = folder / "hidden.xlsx"
    workbook.save(path)
    return path


def duplicate_header(folder: Path, **table) -> Path:
    """公开依据 appears twice in the header."""
    columns = list(CATALOG_COLUMNS)
    columns.insert(5, ("", "公开依据"))
    return table_workbook(folder / "twice.xlsx", columns=columns, **table)
