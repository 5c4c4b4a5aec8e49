"""Bad upload files, built in code: one builder per case of the bad-input corpus.

Every builder writes into ``folder`` and returns the file's path. The table cases
take ``columns`` (header group and label pairs) and ``rows`` (dicts keyed by label),
so upload paths other than the catalog layout can spoil their own good file; the
defaults are the official catalog layout with a small, valid catalog.
"""

import io
import zipfile
from pathlib import Path

import docx
from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

CATALOG_COLUMNS = [
    ("", "序号"),
    ("公开事项", "一级事项"),
    ("公开事项", "二级事项"),
    ("", "公开内容（要素）"),
    ("", "公开依据"),
    ("", "公开时限"),
    ("", "公开主体"),
    ("", "公开渠道和载体"),
    ("公开对象", "全社会"),
    ("公开对象", "特定群体"),
    ("公开方式", "主动"),
    ("公开方式", "依申请"),
    ("公开层级", "县级"),
    ("公开层级", "乡级"),
    ("公开层级", "村级"),
]
_TICKS = ("全社会", "特定群体", "主动", "依申请", "县级", "乡级", "村级")


def catalog_row(number, level1, level2, ticks="√.√.√√.", **cells) -> dict:
    """A data row of the catalog layout; ``ticks`` spells the seven tick cells
    (全社会, 特定群体, 主动, 依申请, 县级, 乡级, 村级) with √ or . for empty."""
    row = {
        "序号": number,
        "一级事项": level1,
        "二级事项": level2,
        "公开内容（要素）": "办理流程\n咨询电话",
        "公开依据": "《中华人民共和国政府信息公开条例》（国务院令第711号）",
        "公开时限": "信息形成或变更之日起20个工作日内",
        "公开主体": "县级人力资源社会保障部门",
        "公开渠道和载体": "■政府网站 □政府公报\n■政务服务中心",
    }
    row.update(
        (label, "" if mark == "." else mark)
        for label, mark in zip(_TICKS, ticks, strict=True)
    )
    row.update(cells)
    return row


CATALOG_ROWS = [
    catalog_row("1", "就业信息服务", "就业政策法规咨询"),
    catalog_row("1", "就业信息服务", "岗位信息发布", ticks="√.√.√√√"),
    catalog_row("2", "就业失业登记", "失业登记", ticks=".√.√√.."),
]


def header_rows(columns, *, top: int = 1) -> tuple[list[list[str]], list[str]]:
    """The two-row grouped header for ``columns`` starting at sheet row ``top``."""
    upper, lower, merges = [], [], []
    for i, (group, label) in enumerate(columns):
        letter = get_column_letter(i + 1)
        if not group:
            upper.append(label)
            lower.append("")
            merges.append(f"{letter}{top}:{letter}{top + 1}")
            continue
        starts = i == 0 or columns[i - 1][0] != group
        upper.append(group if starts else "")
        lower.append(label)
        if starts:
            end = i
            while end + 1 < len(columns) and columns[end + 1][0] == group:
                end += 1
            merges.append(f"{letter}{top}:{get_column_letter(end + 1)}{top}")
    return [upper, lower], merges


def _body(columns, rows, *, top: int, merge_first_level: bool):
    """Data rows as lists; first-level (and 序号) cells merged over repeats."""
    labels = [label for _group, label in columns]
    body, merges, start = [], [], 0
    for i, row in enumerate(rows + [None]):
        if i and (row is None or row.get("一级事项") != rows[start].get("一级事项")):
            if merge_first_level and i - start > 1:
                for label in ("序号", "一级事项"):
                    if label in labels:
                        letter = get_column_letter(labels.index(label) + 1)
                        merges.append(f"{letter}{top + start}:{letter}{top + i - 1}")
            start = i
        if row is None:
            break
        values = [row.get(label, "") for label in labels]
        if merge_first_level and i != start:
            for label in ("序号", "一级事项"):
                if label in labels:
                    values[labels.index(label)] = ""
        body.append(values)
    return body, merges


def table_workbook(
    path: Path,
    *,
    columns=CATALOG_COLUMNS,
    rows=CATALOG_ROWS,
    title="就业领域基层政务公开标准目录",
    merge_first_level=True,
    extra_merges=(),
) -> Path:
    """A workbook in the grouped-header layout: title row, header, data rows."""
    workbook = Workbook()
    sheet = workbook.active
    top = 2 if title else 1
    if title:
        sheet.append([title])
        sheet.merge_cells(f"A1:{get_column_letter(len(columns))}1")
    header, merges = header_rows(columns, top=top)
    body, body_merges = _body(
        columns, rows, top=top + 2, merge_first_level=merge_first_level
    )
    for row in header + body:
        sheet.append([value if value != "" else None for value in row])
    for merged in merges + body_merges + list(extra_merges):
        sheet.merge_cells(merged)
    workbook.save(path)
    return path


def table_document(path: Path, *, columns=CATALOG_COLUMNS, rows=CATALOG_ROWS) -> Path:
    """A Word document with the layout as a table, first-level cells merged down."""
    document = docx.Document()
    document.add_paragraph("河南省社会救助领域基层政务公开标准目录")
    header, _merges = header_rows(columns)
    body, merges = _body(columns, rows, top=3, merge_first_level=True)
    table = document.add_table(rows=len(header) + len(body), cols=len(columns))
    for r, values in enumerate(header + body):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = str(value)
    for c, (group, _label) in enumerate(columns):
        if not group:
            table.cell(0, c).merge(table.cell(1, c))
        elif c == 0 or columns[c - 1][0] != group:
            end = c
            while end + 1 < len(columns) and columns[end + 1][0] == group:
                end += 1
            table.cell(0, c).merge(table.cell(0, end)).text = group
    for ref in merges:
        first, last = ref.split(":")
        column = ord(first[0]) - ord("A")
        top, bottom = int(first[1:]) - 1, int(last[1:]) - 1
        table.cell(top, column).merge(table.cell(bottom, column))
    document.save(path)
    return path


# The cases


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


def as_bytes(path: Path) -> io.BytesIO:
    """The file as an in-memory upload, for paths that take file objects."""
    return io.BytesIO(path.read_bytes())
