"""A local catalog's spreadsheets in the admin: export, and import with a preview.

The import page checks the upload before parsing, previews a dry run that writes
nothing, and writes a new draft version only on confirmation; the bad-input
corpus of quality.md gets a clear message and writes nothing.
"""

from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from catalogs.admin import spreadsheets
from catalogs.local.derivation import item_add_supplement
from catalogs.models import Catalog, CatalogStatus, Item, LegalBasis
from catalogs.selectors import standard_in_force
from portal.models import Organisation
from tests import corpus
from tests.catalogs.local.test_import import edit, exported, lankao_edits

pytestmark = pytest.mark.django_db

KEY = "410225-hrss-employment"


def url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:catalogs_{name}", args=args)


def written():
    """Everything an import could write, history included."""
    models = (Catalog, Item, LegalBasis)
    return [m.objects.count() for m in models] + [
        m.history.model.objects.count() for m in models
    ]


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def lankao(demo_local_catalogs):
    return Catalog.objects.get(key=KEY, version=1)


@pytest.fixture
def editor(client, demo_local_catalogs):
    client.force_login(demo_local_catalogs["county_editor"])
    return demo_local_catalogs["county_editor"]


@pytest.fixture
def outsider(client, demo_local_catalogs):
    client.force_login(demo_local_catalogs["qixian_editor"])
    return demo_local_catalogs["qixian_editor"]


def upload(path, *, name=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def target(organisation=None, **extra) -> dict:
    organisation = organisation or Organisation.objects.get(code="410225-hrss")
    return {
        "organisation": organisation.pk,
        "standard": standard_in_force("employment").pk,
        "omit_reason": "",
        **extra,
    }


def post_file(client, path, **extra):
    return client.post(
        url("catalog_import_layout"), {**target(**extra), "file": upload(path)}
    )


def html(response) -> str:
    return response.content.decode()


# Export


def test_the_catalog_page_offers_the_spreadsheets(client, editor, lankao):
    page = html(client.get(url("catalog_change", lankao.pk)))

    assert url("catalog_export_xlsx", lankao.pk) in page
    assert url("catalog_export_listing", lankao.pk) in page
    assert f"{url('catalog_import_layout')}?catalog={lankao.pk}" in page
    assert "Download in the official layout (.xlsx)" in page


def test_export_in_the_official_layout(client, editor, lankao):
    response = client.get(url("catalog_export_xlsx", lankao.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX_TYPE
    assert response["Content-Disposition"] == (f'attachment; filename="{KEY}-v1.xlsx"')
    sheet = load_workbook(BytesIO(response.content)).active
    upper, lower = sheet.iter_rows(2, 3, values_only=True)
    labels = [low or up for up, low in zip(upper, lower, strict=True)]
    assert labels[:3] == ["序号", "一级事项", "二级事项"]
    assert {"公开内容（要素）", "公开依据", "公开时限", "全社会", "县级"} <= set(labels)
    assert sheet.max_row > 3


def test_listing_export_neutralises_formulas(client, editor, lankao):
    item_add_supplement(catalog=lankao, name="=1+1", columns={"subject": "@SUM(A1)"})

    response = client.get(url("catalog_export_listing", lankao.pk))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "层级", "上级序号", "事项名称")
    assert rows[-1][3] == "'=1+1"
    assert rows[-1][7] == "'@SUM(A1)"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_another_county_cannot_export(client, outsider, lankao):
    assert client.get(url("catalog_export_xlsx", lankao.pk)).status_code == 404
    assert client.get(url("catalog_export_listing", lankao.pk)).status_code == 404


def test_export_needs_the_admin_login(client, lankao):
    response = client.get(url("catalog_export_xlsx", lankao.pk))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# Import


@pytest.fixture
def edited(lankao, tmp_path):
    return edit(exported(lankao, tmp_path / "lankao.xlsx"), lankao_edits)


def test_import_page_offers_only_the_users_organisations(client, editor, lankao):
    page = client.get(url("catalog_import_layout"), {"catalog": lankao.pk})

    assert page.status_code == 200
    form = page.context["form"]
    assert list(form.fields["organisation"].queryset) == [lankao.organisation]
    assert form.initial == {
        "organisation": lankao.organisation_id,
        "standard": lankao.derived_from_id,
    }
    assert "commit" not in form.fields
    assert 'enctype="multipart/form-data"' in html(page)


def test_preview_writes_nothing_then_confirm_writes_a_draft(
    client, editor, lankao, edited
):
    before, v1_items = written(), lankao.items.count()

    preview = post_file(client, edited)

    assert preview.status_code == 200
    assert written() == before
    assert not Catalog.objects.filter(key=KEY, version=2).exists()
    context = preview.context
    assert context["row_errors"] == []
    assert len(context["supplements"]) == 2  # 10 and its second-level item
    assert [str(row) for row in context["sub_items"]] == [
        "1.1.1 兰考县稳岗返还政策咨询",
        "兰考县招聘会信息发布",  # numbered when written
    ]
    # 1.3 is left out of the file; 9 is marked 本地未开展 in it, as exported.
    assert [o.item.code for o in context["omissions"]] == ["1.3", "9"]
    assert "1.2 岗位信息发布" in [str(row) for row in context["changed"]]
    assert context["finding_errors"] == 1
    page = html(preview)
    assert "Preview: nothing has been written yet" in page
    assert "兰考县就业扶贫" in page
    assert 'id="confirm-import"' in page
    token = context["token"]
    assert token and token in page

    done = client.post(url("catalog_import_layout"), {"token": token, "confirm": "1"})

    catalog = Catalog.objects.get(key=KEY, version=2)
    assert done.status_code == 302
    assert done["Location"] == url("catalog_change", catalog.pk)
    assert catalog.status == CatalogStatus.DRAFT
    assert catalog.history.get().history_user == editor
    assert catalog.items.get(code="10").name == "兰考县就业扶贫"
    assert shown(done) == [
        f"Version 2 of “{catalog}” was written as a draft from “lankao.xlsx”."
    ]
    assert lankao.items.count() == v1_items  # v1 untouched
    assert spreadsheets.SESSION_KEY not in client.session

    again = client.post(url("catalog_import_layout"), {"token": token, "confirm": "1"})

    assert again.status_code == 302  # the preview was used up
    assert Catalog.objects.filter(key=KEY).count() == 2


def test_confirm_needs_the_sessions_token(client, editor, lankao, edited):
    post_file(client, edited)
    before = written()

    forged = client.post(
        url("catalog_import_layout"), {"token": "../../etc/passwd", "confirm": "1"}
    )

    assert forged.status_code == 302
    assert written() == before
    assert shown(forged) == [
        "The preview has expired or was replaced by another one; upload the file again."
    ]


def test_row_errors_are_listed_and_nothing_is_written(client, editor, lankao, tmp_path):
    def renamed(rows, column):
        level2 = [row[column["二级事项"]] for row in rows]
        rows[level2.index("1.3 求职信息登记")][column["二级事项"]] = "1.3 求职登记"

    path = edit(exported(lankao, tmp_path / "lankao.xlsx"), renamed)
    before = written()

    response = post_file(client, path)

    assert response.status_code == 200
    assert written() == before
    assert response.context["result"] is None
    [error] = response.context["row_errors"]
    assert (error.row, error.column, error.value) == (7, "二级事项", "求职登记")
    assert error.message.startswith("The number 1.3 belongs to the standard item")
    page = html(response)
    assert "1 problem stops the import; nothing was written" in page
    assert "<td>7</td>" in page
    assert "<td>求职登记</td>" in page
    assert 'id="confirm-import"' not in page


def test_another_county_cannot_import(client, outsider, lankao, edited):
    before = written()

    forged = post_file(client, edited)

    assert forged.status_code == 200
    assert "organisation" in forged.context["form"].errors
    assert forged.context["result"] is None
    assert written() == before
    page = client.get(url("catalog_import_layout"))
    qixian = Organisation.objects.get(code="410221-hrss")
    assert list(page.context["form"].fields["organisation"].queryset) == [qixian]
    assert "import-layout-link" not in html(
        client.get(url("catalog_change", lankao.pk))
    )


def test_import_is_refused_without_an_organisation_to_edit(client, demo_local_catalogs):
    client.force_login(demo_local_catalogs["county_reviewer"])
    assert client.get(url("catalog_import_layout")).status_code == 403


def test_a_confirmation_from_another_session_is_refused(client, editor, lankao, edited):
    token = post_file(client, edited).context["token"]
    other = client.__class__()
    other.force_login(editor)
    before = written()

    response = other.post(
        url("catalog_import_layout"), {"token": token, "confirm": "1"}
    )

    assert response.status_code == 302
    assert written() == before


# The bad-input corpus


def _damaged(folder):
    path = corpus.table_workbook(folder / "good.xlsx")
    data = bytearray(path.read_bytes())
    start = data.index(b"xl/worksheets/sheet1.xml") + 60
    data[start : start + 40] = bytes(40)
    path.write_bytes(bytes(data))
    return path


def _csv(folder):
    path = folder / "catalog.csv"
    path.write_text("序号,公开事项\n")
    return path


NOT_OPENED = "it was not opened."
BOMB = (
    f"The file unpacks to more than {filesizeformat(60_000_000)} or is compressed "
    f"suspiciously tightly (a “zip bomb”); {NOT_OPENED}"
)

# (builder, a message the page must show); None: the file is readable and the
# preview (or its row errors) is the answer.
REFUSED = {
    "not_a_spreadsheet": (
        corpus.not_a_spreadsheet,
        "The file “renamed.xlsx” is not a real .xlsx file",
    ),
    "pdf_renamed": (
        lambda folder: corpus.not_a_spreadsheet(
            folder, content=b"%PDF-1.4\n%%EOF\n", suffix=".xlsx"
        ),
        "The file “renamed.xlsx” is not a real .xlsx file",
    ),
    "not_a_document": (
        lambda folder: corpus.not_a_spreadsheet(folder, suffix=".docx"),
        "The file “renamed.docx” is not a real .docx file",
    ),
    "other_type": (
        _csv,
        "The file “catalog.csv” is neither an Excel workbook (.xlsx) nor a Word "
        "document (.docx).",
    ),
    "damaged": (_damaged, "The file “good.xlsx” is damaged and cannot be unpacked."),
    "zip_bomb": (corpus.zip_bomb, BOMB),
    "zip_bomb_docx": (lambda folder: corpus.zip_bomb(folder, suffix=".docx"), BOMB),
    "xml_bomb": (corpus.xml_bomb, "The file contains an XML document type declaration"),
    "empty": (
        lambda folder: corpus.table_workbook(folder / "empty.xlsx", rows=[]),
        "The catalog has no items.",
    ),
    "too_many_rows": (
        corpus.too_many_rows,
        "The sheet has more than 50 rows, more than one import takes.",
    ),
    "wrong_header": (
        corpus.wrong_header,
        "Unknown header “法律依据”: did you mean “公开依据”?",
    ),
    "odd_merged_cells": (
        corpus.odd_merged_cells,
        "The merged cells A2:A5 run across the header",
    ),
    "overlapping_merges": (
        corpus.overlapping_merges,
        "The sheet's merged cells overlap each other",
    ),
    "formulas": (
        corpus.formulas,
        "The cell D4 holds a formula; formulas are not imported",
    ),
    "over_long_text": (
        corpus.over_long_text,
        "The text is 401 characters long; a cell holds at most 400.",
    ),
    "wrong_types": (corpus.wrong_types, "The cell should hold a tick (√) or be empty."),
    "shuffled_header": (corpus.shuffled_header, None),
    "blank_rows": (corpus.blank_rows, None),
    "script_tags": (corpus.script_tags, None),
    "document": (
        lambda folder: corpus.table_document(folder / "catalog.docx"),
        None,
    ),
}


def answered(response) -> str:
    """The page's answer to a file that is not imported: form or row errors."""
    assert response.status_code == 200
    form = response.context["form"]
    return " ".join(
        [str(message) for messages in form.errors.values() for message in messages]
        + [str(error) for error in response.context["row_errors"]]
    )


@pytest.mark.parametrize("case", list(REFUSED))
def test_the_corpus_through_the_admin_upload(
    client, editor, lankao, tmp_path, settings, case
):
    settings.CATALOG_IMPORT_MAX_ROWS = 50
    settings.CATALOG_IMPORT_MAX_CELL_CHARS = 400
    build, message = REFUSED[case]
    path = build(tmp_path)
    before = written()

    response = post_file(client, path)

    assert written() == before
    assert response.status_code == 200
    page = html(response)
    assert "Traceback" not in page
    assert corpus.SCRIPT not in page
    text = answered(response)
    if message is not None:
        assert message in text
        assert response.context["result"] is None
    else:  # readable: a preview that wrote nothing, or the rows that stop it
        assert text or response.context["result"] is not None
    if response.context["result"] is None:
        assert text  # nothing imported without saying why
        assert 'id="confirm-import"' not in page


def test_file_size_caps_are_checked_before_parsing(
    client, editor, lankao, tmp_path, settings
):
    path = corpus.table_workbook(tmp_path / "good.xlsx")
    settings.CATALOG_IMPORT_MAX_BYTES = 1000
    with translation.override("en"):
        limit = filesizeformat(1000)
    assert f"The file is larger than {limit}." in answered(post_file(client, path))
    settings.CATALOG_IMPORT_MAX_BYTES = 10_000_000
    settings.CATALOG_IMPORT_MAX_UNCOMPRESSED_BYTES = 5_000
    assert f"The file unpacks to more than {filesizeformat(5_000)}" in answered(
        post_file(client, path)
    )
