"""The personal-data corpus on every carrier: recall 100 %, false positives ≤ 2 %.

Every sample of ``tests.corpus.personal_data`` (positives and look-alikes) is
put into each carrier the public can read — plain text, a title, an attachment's
file name, a publicly shown reason, an .xlsx (cells, comments, header and
footer, a formula that joins two literals), a .docx (body, a table nested in a
table, header and footer) and a PDF — built in code, then read back through the
same functions publishing uses. Each sample carries a marker (【AB】) so every
finding is attributed to the sample it came from. The figures are printed and
recorded in ``docs/security.md``.
"""

import io
import re
import string
from collections import defaultdict

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.comments import Comment
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from disclosure.attachments import attachment_check
from disclosure.models import Attachment, Publication
from disclosure.personaldata import attachment_report, personal_data_report
from disclosure.pii import find_personal_data, read_parts, refuse_personal_data
from tests.corpus.personal_data import NEGATIVES, POSITIVES

SAMPLES = POSITIVES + NEGATIVES
MARKER = re.compile(r"【([A-Z]+)】")
MAX_FALSE_POSITIVE_RATE = 0.02


def code(index: int) -> str:
    letters = ""
    index += 26  # at least two letters
    while index:
        index, rest = divmod(index, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


CODES = {code(i): i for i in range(len(SAMPLES))}


def marked(index: int, text: str | None = None) -> str:
    return f"【{code(index)}】{SAMPLES[index].text if text is None else text}"


def test_the_corpus_is_big_enough_and_every_positive_is_distinct():
    assert len(POSITIVES) >= 200
    assert len(NEGATIVES) >= 200
    assert len({s.digits for s in POSITIVES}) == len(POSITIVES)
    kinds = {s.kind for s in POSITIVES}
    assert kinds == {"id_card", "suspected_id_card", "mobile", "bank_card"}
    assert {s.how for s in POSITIVES} >= {"15-digit, whole", "+86", "6 and the rest"}


# Building the carriers (once per module)


def _formula(index: int) -> str:
    """="left"&"right": a positive cut in the middle of its number, so no literal
    holds it; a look-alike cut between words, so it stays what it is."""
    sample = SAMPLES[index]
    text = marked(index)
    if sample.written:
        at = text.index(sample.written) + len(sample.written) // 2
    else:
        cuts = [i for i in range(1, len(text)) if not (text[i - 1] + text[i]).isalnum()]
        at = min(cuts, key=lambda i: abs(i - len(text) // 2))
    left, right = (part.replace('"', '""') for part in (text[:at], text[at:]))
    return f'="{left}"&"{right}"'


@pytest.fixture(scope="module")
def workbook() -> bytes:
    book = Workbook()
    cells = book.active
    cells.title = "公示"
    comments = book.create_sheet("批注")
    formulas = book.create_sheet("公式")
    for index in range(len(SAMPLES)):
        cells.cell(row=index + 1, column=1, value=marked(index))
        comments.cell(row=index + 1, column=1, value="见批注")
        comments.cell(row=index + 1, column=1).comment = Comment(
            marked(index), "村务监督委员会"
        )
        formulas.cell(row=index + 1, column=1, value=_formula(index))
    for first in range(0, len(SAMPLES), 2):  # a header and a footer per sheet
        sheet = book.create_sheet(f"页眉{first // 2 + 1}")
        sheet["A1"] = "公示"
        sheet.oddHeader.center.text = marked(first).replace("\t", " ")
        if first + 1 < len(SAMPLES):
            sheet.oddFooter.center.text = marked(first + 1).replace("\t", " ")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def document() -> bytes:
    doc = docx.Document()
    for index in range(len(SAMPLES)):
        doc.add_paragraph(marked(index))
    outer = doc.add_table(rows=len(SAMPLES), cols=1)
    for index, row in enumerate(outer.rows):
        inner = row.cells[0].add_table(rows=1, cols=1)
        inner.cell(0, 0).text = marked(index)
    section = doc.sections[0]
    section.header.paragraphs[0].text = marked(0)
    section.footer.paragraphs[0].text = marked(0)
    for index in range(1, len(SAMPLES)):
        section.header.add_paragraph(marked(index))
        section.footer.add_paragraph(marked(index))
    stream = io.BytesIO()
    doc.save(stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    stream = io.BytesIO()
    page = canvas.Canvas(stream, pagesize=landscape(A4))
    lines_per_page = 40
    for index in range(len(SAMPLES)):
        if index and index % lines_per_page == 0:
            page.showPage()
        if index % lines_per_page == 0:
            page.setFont("STSong-Light", 9)
        y = 560 - (index % lines_per_page) * 13
        page.drawString(30, y, marked(index).replace("\t", "  "))
    page.save()
    return stream.getvalue()


# Reading them back


def _carrier(where: str) -> str:
    rules = [
        ("sheet “公示”, cell", "xlsx: cells"),
        ("the comment on cell", "xlsx: comments"),
        ("the header of sheet", "xlsx: header and footer"),
        ("the footer of sheet", "xlsx: header and footer"),
        ("the formula in sheet", "xlsx: formula"),
        ("the body, table", "docx: nested table"),
        ("the body, paragraph", "docx: body"),
        ("header", "docx: header and footer"),
        ("footer", "docx: header and footer"),
        ("page", "PDF"),
    ]
    for prefix, carrier in rules:
        if where.startswith(prefix):
            return carrier
    return f"other ({where})"


def _read_file(kind: str, content: bytes, results, reached) -> None:
    """Findings of every part of a file, attributed to the sample on their line."""
    for part in read_parts(kind, content).parts:
        carrier = _carrier(part.where)
        lines = part.text.splitlines()
        for line in lines:
            for letters in MARKER.findall(line):
                reached[carrier].add(CODES[letters])
        for finding in find_personal_data(part.text):
            owner = MARKER.findall(lines[finding.line - 1])
            assert len(owner) == 1, (part.where, lines[finding.line - 1])
            results[carrier][CODES[owner[0]]].append(finding)


def _read_texts(results, reached) -> None:
    for index, sample in enumerate(SAMPLES):
        for carrier in ("text", "title", "file name", "publicly shown reason"):
            reached[carrier].add(index)
        results["text"][index] += find_personal_data(sample.text)
        report = personal_data_report(Publication(title=sample.text))
        results["title"][index] += [f.finding for f in report.findings]
        name = sample.text.replace("\t", " ").replace("/", "／") + ".csv"
        checked = attachment_check(SimpleUploadedFile(name, "姓名\n".encode()))
        attachment = Attachment(name=checked.name, kind=checked.kind)
        report = attachment_report(attachment, content=checked.content)
        results["file name"][index] += [f.finding for f in report.findings]
        try:
            refuse_personal_data(sample.text, field="reason")
        except ValidationError:
            results["publicly shown reason"][index].append("refused")


CARRIERS = [
    "text",
    "title",
    "file name",
    "publicly shown reason",
    "xlsx: cells",
    "xlsx: comments",
    "xlsx: header and footer",
    "xlsx: formula",
    "docx: body",
    "docx: nested table",
    "docx: header and footer",
    "PDF",
]


def _found(sample, findings) -> bool:
    return any(
        f == "refused" or (f.digits == sample.digits and f.kind == sample.kind)
        for f in findings
    )


def test_recall_and_false_positives_on_every_carrier(workbook, document, pdf, capsys):
    results = defaultdict(lambda: defaultdict(list))
    reached = defaultdict(set)
    _read_texts(results, reached)
    _read_file("xlsx", workbook, results, reached)
    _read_file("docx", document, results, reached)
    _read_file("pdf", pdf, results, reached)
    assert not [c for c in results if c not in CARRIERS], "findings outside a carrier"

    rows, failures = [], []
    for carrier in CARRIERS:
        assert reached[carrier] == set(range(len(SAMPLES))), f"{carrier}: not all read"
        missed = [
            s for i, s in enumerate(POSITIVES) if not _found(s, results[carrier][i])
        ]
        flagged = [
            s
            for i, s in enumerate(NEGATIVES, start=len(POSITIVES))
            if results[carrier][i]
        ]
        recall = 1 - len(missed) / len(POSITIVES)
        rate = len(flagged) / len(NEGATIVES)
        rows.append(
            f"{carrier:<26}{len(POSITIVES) - len(missed):>7}/{len(POSITIVES)}"
            f"{recall:>9.1%}{len(flagged):>9}/{len(NEGATIVES)}{rate:>8.1%}"
        )
        if missed or rate > MAX_FALSE_POSITIVE_RATE:
            failures.append(
                (carrier, [(s.how, s.text) for s in missed], [s.text for s in flagged])
            )
    with capsys.disabled():
        print(
            "\n\nPersonal-data corpus: "
            f"{len(POSITIVES)} positives, {len(NEGATIVES)} look-alikes\n"
            f"{'carrier':<26}{'found':>11}{'recall':>9}{'flagged':>13}{'rate':>8}\n"
            + "\n".join(rows)
        )
    assert not failures, failures


def test_masking_every_positive_hides_it_and_changes_nothing_else():
    from disclosure.pii import mask_personal_data

    for sample in POSITIVES:
        masked = mask_personal_data(sample.text)
        assert len(masked) == len(sample.text)
        assert find_personal_data(masked) == []
        changed = [
            i
            for i, (a, b) in enumerate(zip(sample.text, masked, strict=True))
            if a != b
        ]
        start = sample.text.index(sample.written)
        assert all(start <= i < start + len(sample.written) for i in changed)
        assert all(masked[i] == "*" for i in changed)
