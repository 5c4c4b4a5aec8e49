"""The bad-input corpus against import_catalog: a clear message, no traceback, no writes."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from catalogs.models import Catalog, Item, LegalBasis
from catalogs.uploads import upload_check
from tests import corpus

pytestmark = pytest.mark.django_db

NOT_OPENED = "it was not opened."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def written():
    """Everything an import could write, history included."""
    return [
        model.objects.count()
        for model in (
            Catalog,
            Item,
            LegalBasis,
            Catalog.history.model,
            Item.history.model,
            LegalBasis.history.model,
        )
    ]


def run_import(path, commit=True):
    out = StringIO()
    args = ["import_catalog", str(path), "--domain", "employment", "--key", "corpus"]
    args += ["--title", "测试目录", "--issuer", "测试"]
    call_command(*args, *(["--commit"] if commit else []), stdout=out)
    return out.getvalue()


def refused(path) -> list[str]:
    """The lines of the CommandError an import of ``path`` ends with; nothing written."""
    before = written()
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert written() == before
    lines = str(error.value).splitlines()
    assert lines[-1] == "Nothing was written."
    assert lines[-2].startswith("Items found: ")
    return lines[:-2]


@pytest.mark.parametrize(
    ("content", "suffix"),
    [
        (None, ".xlsx"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", ".xlsx"),
        (None, ".docx"),
    ],
)
def test_not_a_spreadsheet(tmp_path, content, suffix):
    path = corpus.not_a_spreadsheet(tmp_path, content=content, suffix=suffix)
    assert refused(path) == [
        f"The file “renamed{suffix}” is not a real {suffix} file; it may be another "
        "kind of file renamed. Save it from Excel, WPS or Word and try again."
    ]


def test_other_file_types_are_refused_by_name(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_text("序号,公开事项\n")
    assert refused(path) == [
        "The file “catalog.csv” is neither an Excel workbook (.xlsx) nor a Word "
        "document (.docx)."
    ]


def test_damaged_archive(tmp_path):
    path = corpus.table_workbook(tmp_path / "good.xlsx")
    data = bytearray(path.read_bytes())
    start = data.index(b"xl/worksheets/sheet1.xml") + 60
    data[start : start + 40] = bytes(40)
    path.write_bytes(bytes(data))
    assert refused(path) == ["The file “good.xlsx” is damaged and cannot be unpacked."]


def test_file_too_large(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_BYTES = 1000
    path = corpus.table_workbook(tmp_path / "good.xlsx")
    assert refused(path) == [f"The file is larger than {filesizeformat(1000)}."]


def test_zip_bomb(tmp_path):
    message = (
        f"The file unpacks to more than {filesizeformat(60_000_000)} or is compressed "
        f"suspiciously tightly (a “zip bomb”); {NOT_OPENED}"
    )
    assert refused(corpus.zip_bomb(tmp_path)) == [message]
    assert refused(corpus.zip_bomb(tmp_path, suffix=".docx")) == [message]


def test_unpacked_size_limit(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_UNCOMPRESSED_BYTES = 5_000
    path = corpus.table_workbook(tmp_path / "good.xlsx")
    assert refused(path)[0].startswith(
        f"The file unpacks to more than {filesizeformat(5_000)} "
    )


def test_xml_bomb(tmp_path):
    assert refused(corpus.xml_bomb(tmp_path)) == [
        "The file contains an XML document type declaration (xl/worksheets/sheet1.xml), "
        f"which Office files never need; {NOT_OPENED}"
    ]
    document = corpus.table_document(tmp_path / "base.docx")
    assert refused(corpus.xml_bomb(tmp_path, base=document)) == [
        "The file contains an XML document type declaration (word/document.xml), "
        f"which Office files never need; {NOT_OPENED}"
    ]


def test_too_many_rows(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_ROWS = 50
    assert refused(corpus.too_many_rows(tmp_path)) == [
        "The sheet has more than 50 rows, more than one import takes."
    ]
    rows = [dict(corpus.CATALOG_ROWS[0], 二级事项=f"事项{n}") for n in range(50)]
    document = corpus.table_document(tmp_path / "many.docx", rows=rows)
    assert refused(document) == [
        "The document's tables have more than 50 rows, more than one import takes."
    ]


def test_wrong_header(tmp_path):
    assert refused(corpus.wrong_header(tmp_path)) == [
        "row 2：The column “公开依据” is missing from the header.",
        "row 2：The column “公开时限” is missing from the header.",
    ]
    path = corpus.table_workbook(
        tmp_path / "english.xlsx",
        columns=[("", "Name"), ("", "Content"), ("", "Basis")],
        rows=[{"Name": "x"}],
    )
    (message,) = refused(path)
    assert message.startswith(
        "No header row was found: none of the first 10 rows holds the column labels "
        "of the official layout (序号, 公开事项, "
    )


def test_shuffled_header_imports(tmp_path):
    out = run_import(corpus.shuffled_header(tmp_path))
    assert out.startswith("Read 2 first-level, 3 second-level and 0 third-level")
    item = Catalog.objects.get(key="corpus").items.get(name="岗位信息发布")
    assert (item.level_village, item.audience_specific) == (True, False)


def test_odd_merged_cells(tmp_path):
    assert refused(corpus.odd_merged_cells(tmp_path)) == [
        "row 2，column “序号”：The merged cells A2:A5 run across the header and the "
        "data rows; unmerge them.",
        "row 5，column “公开依据”：The merged cells E5:F5 span several columns; each "
        "column needs a cell of its own.",
    ]


def test_overlapping_merged_cells(tmp_path):
    assert refused(corpus.overlapping_merges(tmp_path)) == [
        "The sheet's merged cells overlap each other; the file is damaged."
    ]


def test_formulas(tmp_path):
    assert refused(corpus.formulas(tmp_path)) == [
        'row 4，column “公开内容（要素）”，value “=HYPERLINK("http://example.com",'
        '"办理流程")”：The cell D4 holds a formula; formulas are not imported, type '
        "the text itself.",
        "row 5，column “公开主体”，value “=1+2”：The cell G5 holds a formula; formulas "
        "are not imported, type the text itself.",
    ]


def test_blank_rows_are_skipped(tmp_path):
    out = run_import(corpus.blank_rows(tmp_path))
    assert out.startswith("Read 2 first-level, 3 second-level and 0 third-level")
    assert out.splitlines()[-1] == "Items found: 5; catalogs created: 1; errors: 0."


def test_over_long_text(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_CELL_CHARS = 400
    assert refused(corpus.over_long_text(tmp_path)) == [
        f"row 4，column “公开内容（要素）”，value “{'长' * 60}”：The text is 401 "
        "characters long; a cell holds at most 400.",
        f"row 5，column “公开主体”，value “{'部门' * 30}”：The text is longer than 300 "
        "characters.",
    ]


def test_script_tags_are_kept_as_text(tmp_path):
    run_import(corpus.script_tags(tmp_path))
    item = Catalog.objects.get(key="corpus").items.get(level=2, code="", position=2)
    assert item.name == f"{corpus.SCRIPT}就业政策法规咨询"
    assert item.content == ["办理流程", '<img src=x onerror="alert(1)">']


def test_wrong_types(tmp_path):
    assert refused(corpus.wrong_types(tmp_path)) == [
        "row 4，column “公开对象：全社会”，value “yes”：The cell should hold a tick (√) "
        "or be empty.",
        "row 5，column “公开渠道和载体”，value “3”：The channel “3” is not in the "
        "channel vocabulary; correct the spelling or add it as a channel first.",
    ]


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (corpus.not_a_spreadsheet, "not_office"),
        (corpus.zip_bomb, "zip_bomb"),
        (corpus.xml_bomb, "xml_declaration"),
    ],
)
def test_upload_check_takes_file_objects(tmp_path, build, code):
    path = build(tmp_path)
    upload = corpus.as_bytes(path)
    with pytest.raises(ValidationError) as error:
        upload_check(upload, name=path.name)
    assert error.value.code == code
    assert upload.tell() == 0  # left ready for the next reader
    good = corpus.table_workbook(tmp_path / "good.xlsx")
    assert upload_check(corpus.as_bytes(good), name="good.xlsx") == ".xlsx"
