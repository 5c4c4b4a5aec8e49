"""The item listing imported through django-import-export, and the upload forms."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from catalogs.local.importing import local_catalog_import_run
from catalogs.local.resources import LocalCatalogItemResource, LocalItemXLSX
from catalogs.local.uploadforms import LocalCatalogLayoutForm, LocalCatalogUploadForm
from catalogs.models import Catalog
from catalogs.selectors import standard_in_force
from portal.models import Organisation
from tests import corpus
from tests.catalogs.local.test_import import KEY, LIMIT, exported, listing, written

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def lankao(demo_catalogs):
    return Catalog.objects.get(key=KEY, version=1)


def test_listing_round_trip_keeps_omissions_and_applies_edits(lankao):
    workbook = load_workbook(BytesIO(listing(lankao)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    rows["1.2"][header.index("公开时限")].value = LIMIT
    rows["1.3"][header.index("本地未开展")].value = "√"
    rows["1.3"][header.index("未开展原因")].value = "由市人才中心办理。"
    sheet.append(["1.2.1", 3, "1.2", "兰考县招聘会信息发布", "招聘会时间\n地点"])
    stream = BytesIO()
    workbook.save(stream)
    dataset = LocalItemXLSX().create_dataset(stream.getvalue())
    resource = LocalCatalogItemResource(
        organisation=Organisation.objects.get(code="410225-hrss"),
        standard=standard_in_force("employment"),
    )
    before = written()
    preview = resource.import_data(dataset, dry_run=True)
    assert written() == before
    assert not preview.has_errors() and not preview.has_validation_errors()
    assert [f.code for f in preview.findings] == ["MODE_MISSING"]
    result = LocalCatalogItemResource(
        organisation=resource.organisation, standard=resource.standard
    ).import_data(dataset, dry_run=False)
    assert dict(result.totals) == dict(preview.totals)
    assert (result.totals["new"], result.totals["update"]) == (2, 6)
    items = {i.code: i for i in result.catalog.items.all()}
    assert items["1.2"].time_limit_text == LIMIT
    assert items["1.3"].omission_reason == "由市人才中心办理。"
    assert items["9"].omission_reason.startswith("本县无外国人来华工作许可受理权限")
    assert items["1.2.1"].content == ["招聘会时间", "地点"]


def listing_import(catalog, *rows):
    workbook = load_workbook(BytesIO(listing(catalog)))
    for row in rows:
        workbook.active.append(row)
    stream = BytesIO()
    workbook.save(stream)
    resource = LocalCatalogItemResource(
        organisation=Organisation.objects.get(code="410225-hrss"),
        standard=standard_in_force("employment"),
    )
    return resource.import_data(LocalItemXLSX().create_dataset(stream.getvalue()))


def test_listing_rows_that_cannot_be_placed_are_invalid(lankao):
    before = written()
    result = listing_import(lankao, ["1.9", 3, "1", "放错层级的事项"])
    assert written() == before
    (invalid,) = result.invalid_rows
    assert invalid.non_field_specific_errors == [
        "row 19，column “上级序号”，value “1”：The item is at level 3, so its parent must "
        "be at level 2; “就业信息服务” is at level 1."
    ]


def test_a_row_refused_while_writing_leaves_nothing_behind(lankao):
    before = written()
    result = listing_import(lankao, ["1." + "1" * 30, 2, "1", "编号过长的事项"])
    assert written() == before
    assert not result.invalid_rows
    (error,) = result.base_errors
    assert str(error.error) == (
        "row 19，column “序号”，value “编号过长的事项”：Ensure this value has at most "
        "20 characters (it has 32)."
    )


def test_upload_form_checks_the_file_before_reading_it(demo, tmp_path):
    standard = standard_in_force("employment")
    data = {
        "format": "0",
        "organisation": Organisation.objects.get(code="410225-hrss").pk,
    }
    data["standard"] = standard.pk

    def form(path):
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        return LocalCatalogUploadForm(
            [LocalItemXLSX], [LocalCatalogItemResource], data=data,
            files={"import_file": upload}, user=demo["county_editor"],
        )  # fmt: skip

    bomb = form(corpus.zip_bomb(tmp_path))
    assert not bomb.is_valid()
    assert "(a “zip bomb”); it was not opened." in bomb.errors["import_file"][0]
    document = form(corpus.table_document(tmp_path / "c.docx"))
    assert not document.is_valid()
    assert document.errors["import_file"] == [
        "The item listing is read from an Excel workbook (.xlsx); save the file as "
        ".xlsx and try again."
    ]
    good = form(corpus.table_workbook(tmp_path / "good.xlsx"))
    assert good.is_valid(), good.errors
    assert good.import_arguments()["standard"] == standard


def test_layout_form_reads_the_file_for_the_import_services(
    lankao, demo_catalogs, tmp_path
):
    path = exported(lankao, tmp_path / "lankao.xlsx")
    form = LocalCatalogLayoutForm(
        data={
            "organisation": lankao.organisation.pk,
            "standard": lankao.derived_from.pk,
        },
        files={"file": SimpleUploadedFile(path.name, path.read_bytes())},
        user=demo_catalogs["county_editor"],
    )
    assert form.is_valid(), form.errors
    before = written()
    result = local_catalog_import_run(
        **form.import_arguments(),
        data=form.catalog_data(),
        commit=form.cleaned_data["commit"],
    )
    assert written() == before
    assert (result.committed, result.findings, result.catalog.version) == (False, [], 2)
    bomb = corpus.zip_bomb(tmp_path)
    form = LocalCatalogLayoutForm(
        data=form.data, files={"file": SimpleUploadedFile(bomb.name, bomb.read_bytes())}
    )
    assert not form.is_valid()
    assert form.errors["file"][0].endswith("(a “zip bomb”); it was not opened.")
