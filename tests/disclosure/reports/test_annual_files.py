"""The annual report's .docx and .xlsx read back cell by cell (python-docx,
openpyxl), from the public downloads of a published version; formula-like
text is neutralised and personal numbers are masked."""

import io
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from disclosure.reports.annual import layout
from disclosure.reports.annual.services import (
    annual_report_create,
    annual_report_publish,
    annual_report_update,
)
from disclosure.requests.replies import (
    challenge_record,
    request_close,
    request_deliver,
    request_reply,
)
from portal.audit import last_history_id

from .conftest import COMPANY

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(office, register):
    h, head = office["handler"], office["head"]
    for data, reply, reason in [
        (None, "granted", ""),
        (COMPANY, "withheld", "third_party"),
        (None, "unable", "not_held"),
    ]:
        r = register(date(2025, 4, 1), data)
        request_reply(
            request=r, user=h, reply_type=reply, reason=reason, on=date(2025, 4, 8)
        )
        request_deliver(request=r, user=h, method="collect", on=date(2025, 4, 8))
        request_close(request=r, user=h, on=date(2025, 4, 9))
        if reply == "withheld":
            challenge_record(
                request=r, user=h, kind="review", filed_on=date(2025, 5, 6)
            )
    register(date(2025, 12, 29))  # carried into 2026
    report = annual_report_create(organisation=office["bureau"], year=2025, user=h)
    annual_report_update(
        report=report,
        user=h,
        texts={
            "overview": "2025年本局主动公开信息120条。",
            "problems": "公开平台栏目不够清晰。",
        },
        entered={"2.licensing.decisions": "35", "2.fees.amount": "12.5"},
        seen_history_id=last_history_id(report),
    )
    return annual_report_publish(report=report, user=head)


def download(client, version, name):
    org = version.report.organisation
    with translation.override("zh-hans"):
        url = reverse(
            f"public:annual-report-{name}",
            kwargs={"code": org.region.code, "body": org.code, "year": 2025},
        )
    answer = client.get(url)
    assert answer.status_code == 200
    return io.BytesIO(answer.content)


def cell_value(version, key):
    value = version.content["cells"][key]["value"]
    return Decimal(value) if isinstance(value, str) else value


def test_the_workbook_holds_every_figure(client, published):
    book = load_workbook(download(client, published, "xlsx"))
    assert book.sheetnames == ["表二", "表三", "表四"]
    two = list(book["表二"].iter_rows(min_row=3, values_only=True))
    assert len(two) == len(layout.TABLE_TWO_KEYS)
    for row, key in zip(two, layout.TABLE_TWO_KEYS, strict=True):
        assert Decimal(str(row[3])) == cell_value(published, key), key
        source = published.content["cells"][key]["source"]
        assert row[4] == {"counted": "系统统计", "entered": "人工填报"}[source]
    assert two[6][:4] == ("第二十条第（五）项", "行政许可", "本年处理决定数量", 35)
    three = list(book["表三"].iter_rows(min_row=3, values_only=True))
    by_label = {row[0]: row[1:] for row in three}
    with translation.override("zh-hans"):
        for row in layout.THREE_ROWS:
            values = by_label[str(row.label)]
            expected = [
                cell_value(published, layout.three(row.key, c.key))
                for c in layout.THREE_COLUMNS
            ]
            assert list(values) == expected, row.key
    assert by_label["（三）不予公开"] == (None,) * 7  # the heading of its reasons
    assert by_label["8. 属于行政查询事项"] == (0,) * 7
    assert by_label["（七）总计"] == (2, 1, 0, 0, 0, 0, 3)
    four = list(book["表四"].iter_rows(min_row=2, values_only=True))
    assert four[0] == (
        None,
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "来源",
    )
    assert four[1] == ("行政复议", 0, 0, 0, 1, 1, "系统统计")
    assert four[2][1:6] == (0, 0, 0, 0, 0)


def test_the_document_reads_in_the_format_order(client, published):
    document = docx.Document(download(client, published, "docx"))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        "兰考县人力资源和社会保障局2025年政府信息公开工作年度报告",
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    texts = [p.text for p in document.paragraphs]
    assert "2025年本局主动公开信息120条。" in texts
    tables = document.tables
    assert len(tables) == 6  # four of table 二, then 三 and 四
    licensing = tables[1]
    assert [c.text for c in licensing.rows[2].cells] == ["行政许可", "35"]
    fees = tables[3]
    assert [c.text for c in fees.rows[2].cells] == ["行政事业性收费", "12.5"]
    three = tables[4]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in three.rows[2:]}
    with translation.override("zh-hans"):
        for row in layout.THREE_ROWS:
            expected = [
                str(cell_value(published, layout.three(row.key, c.key)))
                for c in layout.THREE_COLUMNS
            ]
            assert rows[str(row.label)] == expected, row.key
    four = tables[5]
    assert four.rows[0].cells[0].text == "行政复议"
    assert [c.text for c in four.rows[2].cells[:5]] == ["0", "0", "0", "1", "1"]


def test_formula_like_text_is_neutralised(client, published, office):
    bureau = office["bureau"]
    bureau.name = '=HYPERLINK("http://example.com")'
    bureau.save()
    published.content["organisation"] = bureau.name
    published.save()
    book = load_workbook(download(client, published, "xlsx"))
    for sheet in book:
        title = sheet["A1"].value
        assert title.startswith("'=HYPERLINK"), title
        assert sheet["A1"].data_type == "s"
