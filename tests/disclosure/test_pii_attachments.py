"""Attachments are read whole: every part the issue found unchecked, and the rest.

PDF text, the file name, .xlsx comments, headers, footers, formula cells, numeric
cells and sheet names, .docx headers, footers, nested tables, footnotes and text
boxes: a number in any of them is found and named by where it is. Files are
built in code (openpyxl, python-docx, reportlab, or the XML itself).
"""

import io
import zipfile
from datetime import date

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.comments import Comment
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from disclosure.attachments import attachment_check
from disclosure.models import Attachment
from disclosure.personaldata import PersonalDataFound, attachment_report
from disclosure.services import publication_attach, publication_submit

from .conftest import VILLAGE, make_draft

NUMBER = "410225199003071230"
MASKED = "410225********1230"


def workbook(fill) -> bytes:
    book = Workbook()
    book.active.title = "公示"
    book.active["A1"] = "姓名"
    fill(book, book.active)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def document(fill) -> bytes:
    doc = docx.Document()
    doc.add_paragraph("张庄村低保公示")
    fill(doc)
    stream = io.BytesIO()
    doc.save(stream)
    return stream.getvalue()


def pdf(lines, *, password=None) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    stream = io.BytesIO()
    page = canvas.Canvas(stream)
    page.setFont("STSong-Light", 11)
    for number, line in enumerate(lines):
        if line == "<page>":
            page.showPage()
            page.setFont("STSong-Light", 11)
            continue
        page.drawString(60, 760 - 16 * (number % 40), line)
    if not lines:
        page.rect(60, 600, 200, 100, fill=1)  # a scan: a picture, no text
    page.save()
    if password is None:
        return stream.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(stream.getvalue())))
    writer.encrypt(password)
    locked = io.BytesIO()
    writer.write(locked)
    return locked.getvalue()


def _comment(book, sheet):
    sheet["B2"] = "见批注"
    sheet["B2"].comment = Comment(f"张三身份证{NUMBER}", "村委会")


def _header(book, sheet):
    sheet.oddHeader.left.text = f"张三 {NUMBER[:6]} {NUMBER[6:14]} {NUMBER[14:]}"


def _footer(book, sheet):
    sheet.evenFooter.right.text = "经办人电话 139-3781-2345 第&P页"


def _formula(book, sheet):
    sheet["C3"] = '="410225199"&"003071230"'


def _formula_of_cells(book, sheet):
    sheet["D1"] = "4102251990"
    sheet["D2"] = "03071230"
    sheet["D3"] = "=CONCATENATE(D1,D2)"


def _number_cell(book, sheet):
    sheet["B5"] = 13937812345  # a mobile typed as a number


def _float_cell(book, sheet):
    sheet["B6"] = float(NUMBER)  # an ID typed as a number: 4.10225199003071E+17


def _sheet_name(book, sheet):
    book.create_sheet("张三13937812345")


def _hidden_sheet(book, sheet):
    hidden = book.create_sheet("备用")
    hidden.sheet_state = "veryHidden"
    hidden["A1"] = f"张三 {NUMBER}"


def _docx_header(doc):
    doc.sections[0].header.paragraphs[0].text = "联系人张三 13937812345"


def _docx_footer(doc):
    doc.sections[0].footer.paragraphs[0].text = f"张三 {NUMBER}"


def _docx_nested(doc):
    outer = doc.add_table(rows=2, cols=2)
    inner = outer.cell(1, 1).add_table(rows=2, cols=1)
    deeper = inner.cell(1, 0).add_table(rows=1, cols=1)
    deeper.cell(0, 0).text = f"李四 {NUMBER}"


def _docx_split_runs(doc):
    paragraph = doc.add_paragraph("身份证号：")
    for piece in (NUMBER[:5], NUMBER[5:11], NUMBER[11:]):
        paragraph.add_run(piece).bold = True


CASES = [
    ("名单.xlsx", workbook(_comment), "the comment on cell B2 of sheet “公示”"),
    ("名单.xlsx", workbook(_header), "the header of sheet “公示”"),
    ("名单.xlsx", workbook(_footer), "the footer of sheet “公示”"),
    ("名单.xlsx", workbook(_formula), "the formula in sheet “公示”, cell C3"),
    ("名单.xlsx", workbook(_formula_of_cells), "the formula in sheet “公示”, cell D3"),
    ("名单.xlsx", workbook(_number_cell), "sheet “公示”, cell B5"),
    ("名单.xlsx", workbook(_float_cell), "sheet “公示”, cell B6"),
    ("名单.xlsx", workbook(_sheet_name), "the name of sheet “张三139****2345”"),
    ("名单.xlsx", workbook(_hidden_sheet), "sheet “备用”, cell A1"),
    ("名单.docx", document(_docx_header), "header 1, paragraph 1"),
    ("名单.docx", document(_docx_footer), "footer 1, paragraph 1"),
    (
        "名单.docx",
        document(_docx_nested),
        "the body, table 1, row 2, column 2 › table 1, row 2, column 1 › "
        "table 1, row 1, column 1",
    ),
    ("名单.docx", document(_docx_split_runs), "the body, paragraph 2"),
    ("名单.pdf", pdf(["张庄村低保公示", "<page>", f"张三 {NUMBER}"]), "page 2"),
]


@pytest.mark.parametrize(
    ("name", "content", "where"), CASES, ids=[where for _, _, where in CASES]
)
def test_a_number_anywhere_in_an_attachment_is_found_and_located(name, content, where):
    checked = attachment_check(SimpleUploadedFile(name, content))  # a real upload
    attachment = Attachment(name=checked.name, kind=checked.kind)
    report = attachment_report(attachment, content=checked.content)
    places = [f.where for f in report.findings]
    assert f"attachment “{checked.name}”, {where}" in places, places
    assert not report.unreadable


def test_an_id_typed_into_a_numeric_cell_is_still_stopped():
    """Excel keeps 15 significant digits: what is left has a wrong check character."""
    attachment = Attachment(name="名单.xlsx", kind="xlsx")
    (found,) = attachment_report(attachment, content=workbook(_float_cell)).findings
    assert found.finding.kind == "suspected_id_card"
    assert found.finding.masked.startswith("410225********")


def _text_box_and_footnote() -> bytes:
    """A .docx whose number sits in a text box (twice: Word's fallback copy) and a
    footnote, the parts python-docx does not write."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = (
        f"<w:txbxContent><w:p><w:r><w:t>张三 {NUMBER}</w:t></w:r></w:p></w:txbxContent>"
    )
    body = (
        f"<w:document {w} {mc}><w:body><w:p><w:r><w:t>公示</w:t></w:r>"
        f"<w:r><mc:AlternateContent><mc:Choice><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        "</w:p></w:body></w:document>"
    )
    notes = (
        f"<w:footnotes {w}><w:footnote w:id='1'><w:p><w:r><w:t>经办人 139 3781 2345"
        "</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
        archive.writestr("word/footnotes.xml", notes)
    return stream.getvalue()


def test_text_boxes_and_footnotes_are_read_once():
    attachment = Attachment(name="名单.docx", kind="docx")
    report = attachment_report(attachment, content=_text_box_and_footnote())
    assert [(f.where, f.finding.masked) for f in report.findings] == [
        ("attachment “名单.docx”, the body, a text box", MASKED),
        ("attachment “名单.docx”, the footnotes, paragraph 1", "139 **** 2345"),
    ]


def test_a_pdf_with_a_password_is_refused_on_upload():
    upload = SimpleUploadedFile("名单.pdf", pdf(["张三"], password="secret"))
    with pytest.raises(ValidationError) as excinfo:
        attachment_check(upload)
    assert excinfo.value.messages == [
        "The file “名单.pdf” is protected with a password; remove it first."
    ]


def test_a_damaged_pdf_is_refused_on_upload():
    upload = SimpleUploadedFile("名单.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(ValidationError) as excinfo:
        attachment_check(upload)
    assert "could not be opened as a .pdf file" in excinfo.value.messages[0]


def test_what_cannot_be_read_as_text_is_listed_for_the_reviewer():
    scan = Attachment(name="扫描件.pdf", kind="pdf")
    report = attachment_report(scan, content=pdf([]))
    assert report.findings == []
    assert report.unchecked == [
        "attachment “扫描件.pdf”: page 1 holds no text (a scan or an image?)"
    ]
    photo = Attachment(name="照片.png", kind="png")
    report = attachment_report(photo, content=b"\x89PNG\r\n\x1a\n")
    assert report.unchecked == [
        "attachment “照片.png”: it is an image: what it shows cannot be read as text"
    ]


@pytest.mark.django_db
def test_submitting_with_a_number_in_a_pdf_is_stopped_and_says_where(
    lankao, dibao_item
):
    user = lankao["village_publisher"]
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    publication_attach(
        publication=draft,
        user=user,
        upload=SimpleUploadedFile("名单.pdf", pdf(["公示", f"张三 {NUMBER}"])),
    )
    with pytest.raises(PersonalDataFound) as stopped:
        publication_submit(publication=draft, user=user)
    assert stopped.value.messages == [
        "Personal information was found and must be masked before this can be "
        f"published: ID-card number {MASKED} in attachment “名单.pdf”, page 1, line 2."
    ]
