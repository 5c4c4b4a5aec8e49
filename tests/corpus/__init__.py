"""The shared bad-input corpus: every bad file once, with the answer each one gets.

``CASES`` is the registry every upload test walks (``tests/faults/``,
``tests/catalogs/test_upload_corpus.py``): a case names the file's fault, builds
the file, and says what the readers of the official layout answer, line by line
in English, and what the attachment check answers. The builders live in
``files`` (bad files) and ``tables`` (the good catalog they spoil), re-exported
here, so ``corpus.table_workbook`` and ``corpus.zip_bomb`` work; ``values`` holds
the bad values typed into forms (``tests/faults/test_bad_input_forms.py``).

The answers assume ``LIMITS`` (apply them with ``limits(settings)``), small
enough that the files stay small. To add a fault: a builder in ``files``, a
``Case`` here with its answers; every upload path then meets it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils import translation

from . import files, values  # noqa: F401  (values: bad form input)
from .files import (  # noqa: F401  (the builders, re-exported)
    SCRIPT,
    as_bytes,
    blank_rows,
    damaged_archive,
    empty_file,
    empty_table,
    far_cell,
    formulas,
    hollow_document,
    hollow_workbook,
    not_a_spreadsheet,
    odd_merged_cells,
    old_office_file,
    other_file_type,
    over_long_text,
    overlapping_merges,
    script_tags,
    shuffled_header,
    too_many_columns,
    too_many_rows,
    word_table,
    word_without_table,
    wrong_header,
    wrong_types,
    xml_bomb,
    zip_bomb,
)
from .tables import (  # noqa: F401
    CATALOG_COLUMNS,
    CATALOG_ROWS,
    catalog_row,
    header_rows,
    table_document,
    table_workbook,
)

# An expected line ending in "…" is the start of the line: the rest is the
# parser's own words, which change with its version.
MORE = "…"
LIMITS = {
    "CATALOG_IMPORT_MAX_ROWS": 50,
    "CATALOG_IMPORT_MAX_CELL_CHARS": 400,
    "CATALOG_IMPORT_MAX_SHARED_STRINGS": 2_000,
    "CATALOG_IMPORT_MAX_TEXT_CHARS": 40_000,
}


def limits(settings) -> None:
    """Apply ``LIMITS`` to pytest-django's ``settings`` fixture."""
    for name, value in LIMITS.items():
        setattr(settings, name, value)


@dataclass(frozen=True)
class Case:
    """One bad input and the answers it gets.

    ``layout``: what a reader of the official layout (``import_catalog``,
    ``import_local_catalog``, the admin's import page) answers, one line per
    problem; empty when the file reads, i.e. the fault is one the reader copes
    with. ``before_reading``: the code of the ``upload_check`` error when the file
    is refused before any parser opens it. ``form``: what a web upload form says
    instead, when Django's own file field answers first. ``attachment``: what the
    attachment check of a publication answers; None when the file is a sound
    attachment, whatever its table holds.
    """

    key: str
    build: Callable[[Path], Path]
    layout: tuple[str, ...] = ()
    before_reading: str = ""
    form: tuple[str, ...] = ()
    attachment: str | None = None

    @property
    def refused(self) -> bool:
        return bool(self.layout)

    def web_answer(self) -> tuple[str, ...]:
        """What a web upload form of the layout answers."""
        return self.form or self.layout

    def __str__(self):
        return self.key


def answers(expected, actual) -> bool:
    """Whether the ``actual`` lines are the ``expected`` ones (see ``MORE``)."""
    expected, actual = list(expected), [str(line) for line in actual]
    return len(expected) == len(actual) and all(
        got.startswith(want[:-1]) if want.endswith(MORE) else got == want
        for want, got in zip(expected, actual, strict=True)
    )


def _not_real(name: str, suffix: str = ".xlsx") -> str:
    return (
        f"The file “{name}” is not a real {suffix} file; it may be another kind of "
        "file renamed. Save it from Excel, WPS or Word and try again."
    )


with translation.override("en"):
    _BOMB = (
        f"The file unpacks to more than {filesizeformat(60_000_000)} or is "
        "compressed suspiciously tightly (a “zip bomb”); it was not opened."
    )
_DTD = (
    "The file contains an XML document type declaration ({member}), which Office "
    "files never need; it was not opened."
)
_FORMULA = "holds a formula; formulas are not imported, type the text itself."
_TOO_LONG = "长" * 60
_NOT_READ = "The file could not be read as an Excel workbook ({error})."
_NO_HEADER = (
    "No header row was found: none of the first 10 rows holds the column labels of "
    "the official layout (序号, 公开事项, 公开内容（要素）, 公开依据, 公开时限, 公开主体, "
    "公开渠道和载体, 公开对象, 公开方式, 公开层级)."
)


def _not_opened(name: str, suffix: str = ".xlsx") -> str:
    return (
        f"The file “{name}” could not be opened as a {suffix} file; it may be "
        "damaged. Save it again from its program and attach it again."
    )


def _pdf_renamed(folder):
    return files.not_a_spreadsheet(folder, content=b"%PDF-1.4\n%%EOF\n")


def _not_a_document(folder):
    return files.not_a_spreadsheet(folder, suffix=".docx")


def _zip_bomb_docx(folder):
    return files.zip_bomb(folder, suffix=".docx")


def _xml_bomb_docx(folder):
    return files.xml_bomb(folder, base=files.table_document(folder / "base.docx"))


CASES = [
    # Not a spreadsheet at all
    Case(
        "not_a_spreadsheet",
        files.not_a_spreadsheet,
        (_not_real("renamed.xlsx"),),
        before_reading="not_office",
        attachment=_not_real("renamed.xlsx"),
    ),
    Case(
        "pdf_renamed",
        _pdf_renamed,
        (_not_real("renamed.xlsx"),),
        before_reading="not_office",
        attachment=_not_real("renamed.xlsx"),
    ),
    Case(
        "not_a_document",
        _not_a_document,
        (_not_real("renamed.docx", ".docx"),),
        before_reading="not_office",
        attachment=_not_real("renamed.docx", ".docx"),
    ),
    Case(
        "old_office_file",
        files.old_office_file,
        (_not_real("old.xlsx"),),
        before_reading="not_office",
        attachment=_not_real("old.xlsx"),
    ),
    Case(
        "empty_file",
        files.empty_file,
        (_not_real("empty.xlsx"),),
        before_reading="not_office",
        form=("The submitted file is empty.",),
        attachment="The submitted file is empty.",
    ),
    Case(
        "other_file_type",
        files.other_file_type,
        (
            "The file “catalog.csv” is neither an Excel workbook (.xlsx) nor a Word "
            "document (.docx).",
        ),
        before_reading="wrong_type",
    ),
    Case(
        "damaged_archive",
        files.damaged_archive,
        ("The file “good.xlsx” is damaged and cannot be unpacked.",),
        before_reading="damaged",
        attachment="The file “good.xlsx” is damaged and cannot be unpacked.",
    ),
    Case(
        "hollow_workbook",
        files.hollow_workbook,
        (_NOT_READ.format(error="File contains no valid workbook part"),),
        attachment=(
            "The file “hollow.xlsx” could not be opened as a .xlsx file; it may be "
            "damaged. Save it again from its program and attach it again."
        ),
    ),
    Case(
        "hollow_document",
        files.hollow_document,
        ("The file could not be read as a Word document (…",),
        attachment=(
            "The file “hollow.docx” could not be opened as a .docx file; it may be "
            "damaged. Save it again from its program and attach it again."
        ),
    ),
    # Bombs
    Case(
        "zip_bomb",
        files.zip_bomb,
        (_BOMB,),
        before_reading="zip_bomb",
        attachment=_BOMB,
    ),
    Case(
        "zip_bomb_docx",
        _zip_bomb_docx,
        (_BOMB,),
        before_reading="zip_bomb",
        attachment=_BOMB,
    ),
    Case(
        "xml_bomb",
        files.xml_bomb,
        (_DTD.format(member="xl/worksheets/sheet1.xml"),),
        before_reading="xml_declaration",
        attachment=_DTD.format(member="xl/worksheets/sheet1.xml"),
    ),
    Case(
        "xml_bomb_docx",
        _xml_bomb_docx,
        (_DTD.format(member="word/document.xml"),),
        before_reading="xml_declaration",
        attachment=_DTD.format(member="word/document.xml"),
    ),
    # Too much
    Case(
        "too_many_rows",
        files.too_many_rows,
        ("The sheet has more than 50 rows, more than one import takes.",),
    ),
    Case(
        "far_cell",
        files.far_cell,
        ("The sheet has more than 50 rows, more than one import takes.",),
    ),
    Case(
        "too_many_columns",
        files.too_many_columns,
        ("The sheet has more than 60 columns.",),
    ),
    Case(
        "over_long_text",
        files.over_long_text,
        (
            f"row 4，column “公开内容（要素）”，value “{_TOO_LONG}”：The text is 401 "
            "characters long; a cell holds at most 400.",
            f"row 5，column “公开主体”，value “{'部门' * 30}”：The text is longer than "
            "300 characters.",
        ),
    ),
    Case(
        "strict_ooxml",
        files.strict_ooxml,
        (
            "The file “strict.xlsx” is saved as “Strict Open XML”, which is not read "
            "here; save it again as an ordinary Excel workbook (.xlsx) or Word "
            "document (.docx) and try again.",
        ),
        before_reading="strict_ooxml",
        # Refused as an attachment too: its parts would not be read for personal data.
        attachment=(
            "The file “strict.xlsx” is saved as “Strict Open XML”, which is not read "
            "here; save it again as an ordinary Excel workbook (.xlsx) or Word "
            "document (.docx) and try again."
        ),
    ),
    Case(
        "huge_grid_span",
        files.huge_grid_span,
        (
            "Table 1, row 3: a cell spans 1000000000 columns; a catalog table has "
            "at most 60.",
        ),
    ),
    # The wrong shape
    Case(
        "wrong_header",
        files.wrong_header,
        (
            # 法律依据 names no column; the nearest one not found is offered.
            "row 2：Unknown header “法律依据”: did you mean “公开依据”?",
            "row 2：The column “公开时限” is missing from the header.",
        ),
    ),
    Case(
        "word_without_table",
        files.word_without_table,
        (
            "No header row was found: none of the first 10 rows holds the column "
            "labels of the official layout (序号, 公开事项, 公开内容（要素）, 公开依据, "
            "公开时限, 公开主体, 公开渠道和载体, 公开对象, 公开方式, 公开层级).",
        ),
    ),
    Case("empty_table", files.empty_table, ("The catalog has no items.",)),
    Case(
        "odd_merged_cells",
        files.odd_merged_cells,
        (
            "row 2，column “序号”：The merged cells A2:A5 run across the header and "
            "the data rows; unmerge them.",
            "row 5，column “公开依据”：The merged cells E5:F5 span several columns; "
            "each column needs a cell of its own.",
        ),
    ),
    Case(
        "overlapping_merges",
        files.overlapping_merges,
        ("The sheet's merged cells overlap each other; the file is damaged.",),
    ),
    # The wrong content
    Case(
        "formulas",
        files.formulas,
        (
            'row 4，column “公开内容（要素）”，value “=HYPERLINK("http://example.com",'
            f'"办理流程")”：The cell D4 {_FORMULA}',
            f"row 5，column “公开主体”，value “=1+2”：The cell G5 {_FORMULA}",
        ),
    ),
    Case(
        "wrong_types",
        files.wrong_types,
        (
            "row 4，column “公开对象：全社会”，value “yes”：The cell should hold a tick "
            "(√) or be empty.",
            "row 5，column “公开渠道和载体”，value “3”：The channel “3” is not in the "
            "channel vocabulary; correct the spelling or add it as a channel first.",
        ),
    ),
    # More hostile files (issue 15): the shared-strings table, parts, encodings
    Case(
        "huge_shared_strings",
        files.huge_shared_strings,
        (
            "The workbook's table of texts (xl/sharedStrings.xml) holds more than "
            "2000 texts, more than a catalog of 50 rows can use; copy the catalog's "
            "sheet into a new workbook and try again.",
        ),
    ),
    Case(
        "long_shared_text",
        files.long_shared_text,
        (
            "The workbook's table of texts (xl/sharedStrings.xml) holds more than "
            "40000 characters, more than one import takes; copy the catalog's sheet "
            "into a new workbook and try again.",
        ),
    ),
    Case(
        "many_vertical_merges",
        files.many_vertical_merges,
        ("The document's tables have more than 50 rows, more than one import takes.",),
    ),
    Case(
        "too_many_members",
        files.too_many_members,
        (
            "The file holds more than 2000 parts, where an Office file holds a few "
            "dozen; it was not opened.",
        ),
        before_reading="too_many_parts",
        attachment=(
            "The file holds more than 2000 parts, where an Office file holds a few "
            "dozen; it was not opened."
        ),
    ),
    Case(
        "utf16_xml_bomb",
        files.utf16_xml_bomb,
        (_DTD.format(member="xl/worksheets/sheet1.xml"),),
        before_reading="xml_declaration",
        attachment=_DTD.format(member="xl/worksheets/sheet1.xml"),
    ),
    Case(
        "broken_sheet_xml",
        files.broken_sheet_xml,
        ("The file could not be read as an Excel workbook (…",),
        attachment=_not_opened("broken.xlsx"),
    ),
    Case(
        "missing_sheet",
        files.missing_sheet,
        (_NOT_READ.format(error="it holds no worksheet"),),
        attachment=_not_opened("nosheet.xlsx"),
    ),
    Case("blank_workbook", files.blank_workbook, (_NO_HEADER,)),
    Case("many_sheets_without_header", files.many_sheets_without_header, (_NO_HEADER,)),
    Case("header_too_low", files.header_too_low, (_NO_HEADER,)),
    Case(
        "duplicate_header",
        files.duplicate_header,
        (
            "row 2：The column “公开依据” appears twice in the header, in columns E and F.",
        ),
    ),
    # Faults a reader copes with: the file reads
    Case("lying_dimension", files.lying_dimension),
    Case("macro_workbook", files.macro_workbook),
    Case("traversal_member", files.traversal_member),
    Case("hidden_rows_and_sheet", files.hidden_rows_and_sheet),
    Case("shuffled_header", files.shuffled_header),
    Case("blank_rows", files.blank_rows),
    Case("script_tags", files.script_tags),
    Case("word_table", files.word_table),
]

BY_KEY = {case.key: case for case in CASES}
assert len(BY_KEY) == len(CASES), "two corpus cases share a key"
REFUSED = [case for case in CASES if case.refused]
READABLE = [case for case in CASES if not case.refused]
