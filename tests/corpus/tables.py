"""The official catalog layout as test files: a small valid catalog, as .xlsx or .docx.

The builders take ``columns`` (header group and label pairs) and ``rows`` (dicts
keyed by label), so upload paths other than the catalog layout can build, and then
spoil, their own good file.
"""

from pathlib import Path

import docx
from openpyxl import Workbook
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
