"""Filings exported: the workbook, the printed page, the province bundle and command."""

import io
import zipfile
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from catalogs.demo import seed_local_catalogs
from catalogs.filings.exports import write_filing
from catalogs.filings.services import (
    ItemComment,
    filing_accept,
    filing_return,
    filing_submit,
)
from catalogs.layout.workbook import write_catalog
from catalogs.local.derivation import item_add_supplement
from catalogs.models import Catalog, FilingStatus

EMPLOYMENT = "410225-hrss-employment"


def has_official_header(sheet) -> bool:
    upper, lower = [c.value for c in sheet[2]], [c.value for c in sheet[3]]
    return (
        upper[:2] == ["序号", "公开事项"]
        and lower[1:3] == ["一级事项", "二级事项"]
        and {"公开内容（要素）", "公开依据", "公开时限", "公开主体"} <= set(upper)
        and {"公开对象", "公开方式", "公开层级"} <= set(upper)
        and {"全社会", "主动", "依申请", "县级"} <= set(lower)
    )


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def local_catalogs(demo):
    """The demo counties' local catalogs, without seed_demo's filings."""
    seed_local_catalogs()
    return demo


def file(key=EMPLOYMENT, who="county_editor"):
    return filing_submit(catalog=Catalog.objects.get(key=key), user=user(who))


def workbook(filing):
    stream = io.BytesIO()
    write_filing(filing, stream)
    stream.seek(0)
    return load_workbook(stream)


def values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_a_filing_workbook_has_the_official_layout_of_export_catalog(local_catalogs):
    filing = file()
    catalog = Catalog.objects.get(key=EMPLOYMENT)
    exported = io.BytesIO()
    write_catalog(catalog, exported)
    exported.seek(0)
    expected = load_workbook(exported).worksheets[0]
    book = workbook(filing)
    sheet = book.worksheets[0]
    assert sheet.title == "就业"
    assert sheet["A1"].value == catalog.title
    assert has_official_header(sheet)
    # The same cells and merges as export_catalog writes for the unchanged catalog.
    assert values(sheet) == values(expected)
    assert {str(r) for r in sheet.merged_cells.ranges} == {
        str(r) for r in expected.merged_cells.ranges
    }
    assert "A2:A3" in {str(r) for r in sheet.merged_cells.ranges}
    # Rows are as tall as their wrapped text: the ■/□ list has 13 lines or more.
    assert sheet.row_dimensions[4].height >= 13 * 13.5
    assert any(
        r.min_col == 2 and r.max_row > r.min_row > 3 for r in sheet.merged_cells.ranges
    )
    identity = {row[0]: row[1] for row in values(book.worksheets[1]) if row[0]}
    assert identity["Filing number"] == "410225-employment-1"
    assert identity["Status"] == "Submitted"
    assert identity["Filed by"] == "county_editor"


def test_the_workbook_shows_the_catalog_as_filed_not_as_edited(local_catalogs):
    filing = file()
    catalog = Catalog.objects.get(key=EMPLOYMENT)
    item = catalog.items.get(code="1.1")
    from tests.catalogs.filings.test_filings import edit

    edit(catalog, "1.1", subject="已修改的主体")
    cells = [c for row in values(workbook(filing).worksheets[0]) for c in row]
    assert item.subject in cells
    assert "已修改的主体" not in cells


def formula_free(book) -> list[str]:
    """Every text cell of ``book``, after checking none is or starts a formula."""
    cells = [
        c
        for sheet in book.worksheets
        for row in values(sheet)
        for c in row
        if isinstance(c, str)
    ]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert all(
        cell.data_type != "f"
        for s in book.worksheets
        for r in s.iter_rows()
        for cell in r
    )
    return cells


def test_formula_like_text_is_neutralised_in_every_export(client, local_catalogs):
    Catalog.objects.filter(key=EMPLOYMENT).update(title="+兰考县就业目录")
    catalog = Catalog.objects.get(key=EMPLOYMENT)
    item_add_supplement(
        catalog=catalog,
        name='=HYPERLINK("http://evil")',
        columns={
            "content": ["@SUM(A1)", "+1"],
            "subject": "-2+3",
            "mode_proactive": True,
            "level_county": True,
        },
        user=user("county_editor"),
        reason="测试",
    )
    filing = file()
    filing_return(
        filing=filing,
        user=user("province_reviewer"),
        comments=[ItemComment("", "=cmd|' /C calc'!A0")],
    )
    cells = formula_free(workbook(filing))
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'@SUM(A1)\n+1" in cells
    assert "'-2+3" in cells
    assert "'=cmd|' /C calc'!A0" in cells
    assert "'+兰考县就业目录" in cells

    client.force_login(user("province_reviewer"))
    answer = client.get(reverse("filings:bundle"), {"status": "returned"})
    files = read_zip(b"".join(answer.streaming_content))
    for data in files.values():
        formula_free(load_workbook(io.BytesIO(data)))
    summary = formula_free(load_workbook(io.BytesIO(files["summary.xlsx"])))
    assert "'+兰考县就业目录" in summary


def read_zip(content: bytes) -> dict:
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    return {name: archive.read(name) for name in archive.namelist()}


def test_the_province_bundle_holds_a_workbook_per_county_and_domain(
    client, local_catalogs
):
    lankao = file()
    qixian = file("410221-hrss-employment", "qixian_editor")
    insurance = file("410225-hrss-social_insurance")
    reviewer = user("province_reviewer")
    filing_accept(filing=lankao, user=reviewer)
    filing_accept(filing=qixian, user=reviewer)
    client.force_login(reviewer)

    answer = client.get(reverse("filings:bundle"))
    assert answer.status_code == 200 and answer.streaming
    assert answer["Content-Type"] == "application/zip"
    files = read_zip(b"".join(answer.streaming_content))
    assert sorted(files) == [
        "410221_杞县_employment.xlsx",
        "410225_兰考县_employment.xlsx",
        "410225_兰考县_social_insurance.xlsx",
        "summary.xlsx",
    ]
    for name, data in files.items():
        if name == "summary.xlsx":
            continue
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        assert has_official_header(sheet)
        assert "A2:A3" in {str(r) for r in sheet.merged_cells.ranges}
    summary = values(load_workbook(io.BytesIO(files["summary.xlsx"])).worksheets[0])
    assert summary[0][0].startswith("Filings of 河南省 for the record, exported ")
    assert summary[1][:4] == ["No.", "City", "County code", "County"]
    rows = summary[2:]
    assert [(r[2], r[5], r[9]) for r in rows] == [
        ("410221", "就业", "Accepted"),
        ("410225", "就业", "Accepted"),
        ("410225", "社会保险", "Submitted"),
    ]
    assert rows[1][-1] == "410225_兰考县_employment.xlsx"

    answer = client.get(
        reverse("filings:bundle"), {"status": "accepted", "domain": "employment"}
    )
    files = read_zip(b"".join(answer.streaming_content))
    assert len(files) == 3 and "410225_兰考县_social_insurance.xlsx" not in files
    assert insurance.status == FilingStatus.SUBMITTED


def test_the_printable_page_has_identity_status_table_and_signatures(
    client, local_catalogs
):
    filing = file()
    client.force_login(user("province_reviewer"))
    page = client.get(reverse("filings:print", args=[filing.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="print-identity"' in body and 'id="signatures"' in body
    assert "410225-employment-1" in body and "Submitted" in body
    assert "一级事项" in body and "公开渠道和载体" in body and "■政府网站" in body
    assert "Filing body (seal)" in body
    download = client.get(reverse("filings:workbook", args=[filing.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(download.content)).worksheets[0]
    assert sheet["A1"].value.startswith("兰考县")


def test_the_export_command_writes_the_bundle_with_progress(tmp_path, local_catalogs):
    filing_accept(filing=file(), user=user("province_reviewer"))
    file("410221-hrss-employment", "qixian_editor")
    out, err = StringIO(), StringIO()
    target = tmp_path / "henan.zip"
    call_command(
        "export_filings",
        "--province",
        "41",
        "--status",
        "accepted",
        "-o",
        str(target),
        stdout=out,
        stderr=err,
    )
    files = read_zip(target.read_bytes())
    assert sorted(files) == ["410225_兰考县_employment.xlsx", "summary.xlsx"]
    assert "[##############################] 1/1 兰考县" in err.getvalue()
    assert out.getvalue().strip() == (
        "Filings found: 1; workbooks written: 1 and a summary; skipped: 0; "
        f"errors: 0. Wrote {target}."
    )
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--province", "99", "-o", "x.zip"], "No province has the code “99”."),
        (
            ["--province", "41", "--domain", "nope", "-o", "x.zip"],
            "No domain has the key “nope”.",
        ),
        (["--province", "41", "-o", "x.xlsx"], "The output file must end in .zip."),
    ],
)
def test_the_export_command_refuses_bad_arguments(demo, arguments, message):
    with pytest.raises(CommandError) as caught:
        call_command("export_filings", *arguments)
    assert str(caught.value) == message


def test_the_bundle_lists_each_countys_omitted_items_with_reasons_and_additions(
    client, local_catalogs
):
    filing_accept(filing=file(), user=user("province_reviewer"))
    filing_accept(
        filing=file("410221-hrss-employment", "qixian_editor"),
        user=user("province_reviewer"),
    )
    client.force_login(user("province_reviewer"))
    answer = client.get(reverse("filings:bundle"))
    files = read_zip(b"".join(answer.streaming_content))
    summary = load_workbook(io.BytesIO(files["summary.xlsx"]))
    listing = values(summary["Omitted and added items"])
    assert listing[0] == [
        "County code",
        "County",
        "Domain",
        "Kind",
        "Number",
        "Item",
        "Reason or place",
    ]
    assert listing[1:] == [
        [
            "410225",
            "兰考县",
            "就业",
            "Third-level item",
            "1.1.1",
            "兰考县稳岗返还政策咨询",
            "Under 1.1 就业政策法规咨询",
        ],
        [
            "410225",
            "兰考县",
            "就业",
            "Not performed locally",
            "9",
            "国(境)外人员入境就业",
            "本县无外国人来华工作许可受理权限，由开封市人社局办理。",
        ],
    ]
    # The county's own workbook marks the omitted row, and its filing sheet lists it.
    workbook = load_workbook(io.BytesIO(files["410225_兰考县_employment.xlsx"]))
    table = values(workbook.worksheets[0])
    assert table[1][-1] == "备注"
    marked = [row for row in table if row[-1] and row[-1].startswith("本地未开展")]
    assert [row[1] for row in marked] == ["国(境)外人员入境就业"]
    filing_sheet = [row for row in values(workbook["Filing"]) if any(row)]
    assert ["Not performed locally", "9 国(境)外人员入境就业"] in filing_sheet
