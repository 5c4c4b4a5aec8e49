"""A 公示 list attached as .xlsx is shown as a table on its page (issue 16 §6), after
the personal-data check: the page's table is what openpyxl reads back from the file,
cell for cell, except the personal numbers, which are masked."""

import io
import re
import time

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from disclosure.models import Attachment
from disclosure.pii import id_card_check_character
from tests.corpus import files

from .conftest import make_publication

pytestmark = pytest.mark.django_db

ID = "410225199003071" + "23"
ID += id_card_check_character(ID)
ROWS = [
    ["序号", "户主姓名", "身份证号", "保障人数", "月保障金（元）"],
    [1, "张某某", ID, 3, 1260],
    [2, "李某某", "410225********0021", 1, 420.5],
    [3, "王某某", "—", 2, 840],
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "低保名单"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _attach(publication, name, content: bytes):
    return Attachment.objects.create(
        publication=publication,
        file=ContentFile(content, name=name),
        name=name,
        kind="xlsx",
        size=len(content),
        sha256="0" * 64,
        uploaded_by=publication.author,
    )


def _table(html: str) -> list[list[str]]:
    found = html[html.index('<figure class="notice-table">') :]
    found = found[: found.index("</table>")]
    return [
        [
            re.sub(r"<[^>]+>", "", c)
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", found, re.S)
    ]


def test_a_notice_xlsx_is_shown_as_the_table_openpyxl_reads(site, client):
    content = _workbook(ROWS)
    notice = make_publication("低保名单公示（表格测试）", kind="notice")
    _attach(notice, "低保名单.xlsx", content)

    html = client.get(
        reverse("public:publication", kwargs={"pk": notice.pk})
    ).content.decode()

    shown = _table(html)
    back = [
        ["" if v is None else str(v) for v in row]
        for row in load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(
            values_only=True
        )
    ]
    assert len(shown) == len(back) == 4
    assert ID not in html and ID[:6] in shown[1][2] and "*" in shown[1][2]
    for got, want in zip(shown, back, strict=True):
        for g, w in zip(got, want, strict=True):
            assert g == w or (w == ID and g != w), (g, w)
    assert "低保名单.xlsx · 低保名单" in html


def test_only_a_notice_gets_a_table(site, client):
    other = make_publication("其他信息（表格测试）", kind="other")
    _attach(other, "名单.xlsx", _workbook(ROWS))

    html = client.get(
        reverse("public:publication", kwargs={"pk": other.pk})
    ).content.decode()

    assert 'class="notice-table"' not in html


def test_a_long_list_is_cut_and_says_so(site, client, settings):
    settings.DISCLOSURE_NOTICE_TABLE_MAX_ROWS = 10
    notice = make_publication("长名单公示（表格测试）", kind="notice")
    _attach(
        notice, "长名单.xlsx", _workbook([ROWS[0]] + [[i, f"户{i}"] for i in range(50)])
    )

    html = client.get(
        reverse("public:publication", kwargs={"pk": notice.pk})
    ).content.decode()

    assert len(_table(html)) == 10
    assert "此处仅显示前9行" in html  # the page in its default language


def test_a_lying_or_damaged_workbook_never_breaks_the_page(site, client, tmp_path):
    notice = make_publication("异常文件公示（表格测试）", kind="notice")
    _attach(notice, "谎报.xlsx", files.lying_dimension(tmp_path).read_bytes())
    _attach(notice, "损坏.xlsx", b"PK\x03\x04 not really a workbook")

    started = time.monotonic()
    response = client.get(reverse("public:publication", kwargs={"pk": notice.pk}))

    assert response.status_code == 200
    assert time.monotonic() - started < 10
    assert "损坏.xlsx" in response.content.decode()
