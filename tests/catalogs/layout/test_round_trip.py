"""Files round-trip exactly: a catalog exported in the official layout (.xlsx and
.docx) and imported again is the same catalog — the comparison is empty and a
carry-over to the re-imported standard has nothing to decide (issue 14, point 4)."""

from io import BytesIO

import docx
import pytest
from openpyxl import load_workbook

from catalogs.channels import Vocabulary
from catalogs.columns import TICKS
from catalogs.layout.document import write_catalog_docx
from catalogs.layout.files import layout_file_read
from catalogs.layout.rows import CatalogData, CatalogDataError
from catalogs.layout.workbook import write_catalog
from catalogs.local.carryover import carryover_plan
from catalogs.local.comparison import catalog_compare
from catalogs.local.importing import local_catalog_import
from catalogs.models import Catalog, CatalogKind, CatalogStatus
from catalogs.services import catalog_create_version

pytestmark = pytest.mark.django_db

STANDARDS = [
    "employment",
    "social_insurance",
    "social_relief_henan",
    "elderly_care_henan",
]
WRITERS = {".xlsx": write_catalog, ".docx": write_catalog_docx}


def exported(catalog, suffix) -> BytesIO:
    stream = BytesIO()
    WRITERS[suffix](catalog, stream)
    stream.seek(0)
    return stream


def read_back(catalog, suffix) -> CatalogData:
    items, errors = layout_file_read(
        exported(catalog, suffix),
        name=f"{catalog.key}{suffix}",
        vocabulary=Vocabulary.load(),
    )
    assert errors == []
    return CatalogData(domain_key=catalog.domain.key, title=catalog.title, items=items)


def differences(comparison) -> list:
    """Everything a comparison found, readable in a failure message."""
    return [
        *(("omitted", a.code, a.name) for a, _b in comparison.omitted),
        *(("restored", a.code, a.name) for a, _b in comparison.restored),
        *(("added", item.code, item.name) for item in comparison.added),
        *(("removed", item.code, item.name) for item in comparison.removed),
        *(
            (d.left.code, d.left.name, [(f.field, f.old, f.new) for f in d.differences])
            for d in comparison.changed
        ),
    ]


@pytest.mark.parametrize("suffix", sorted(WRITERS))
@pytest.mark.parametrize("key", STANDARDS)
def test_a_standard_exported_and_imported_again_is_unchanged(key, suffix):
    original = Catalog.objects.get(key=key, version=1)
    copy = catalog_create_version(data=read_back(original, suffix), key=key)
    comparison = catalog_compare(original, copy)
    assert differences(comparison) == []
    assert comparison.is_same
    assert len(comparison.matched) == original.items.count()


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_every_demo_local_catalog_exported_and_imported_again_is_unchanged(
    demo_catalogs, suffix
):
    locals_ = list(
        Catalog.objects.filter(kind=CatalogKind.LOCAL).select_related(
            "organisation", "derived_from", "domain"
        )
    )
    assert len(locals_) >= 5
    omissions = 0
    for local in locals_:
        copy = local_catalog_import(
            organisation=local.organisation,
            standard=local.derived_from,
            data=read_back(local, suffix),
        )
        comparison = catalog_compare(local, copy)
        assert differences(comparison) == [], local.key
        for before, after in comparison.matched:
            assert (after.omitted, after.omission_reason) == (
                before.omitted,
                before.omission_reason,
            )
            assert after.origin == before.origin
            omissions += after.omitted
    assert omissions >= 1  # 兰考县's employment catalog omits 国(境)外人员入境就业


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_carrying_over_to_a_reimported_standard_has_nothing_to_decide(
    demo_catalogs, suffix
):
    local = Catalog.objects.get(
        organisation__code="410225-hrss",
        derived_from__key="employment",
        status=CatalogStatus.IN_FORCE,
    )
    standard = local.derived_from
    copy = catalog_create_version(data=read_back(standard, suffix), key=standard.key)
    plan = carryover_plan(local=local, new_standard=copy)
    assert plan.conflicts == []
    assert plan.comparison.is_same


def test_the_omitted_row_is_marked_with_its_reason(demo_catalogs):
    local = Catalog.objects.get(
        organisation__code="410225-hrss",
        derived_from__key="employment",
        status=CatalogStatus.IN_FORCE,
    )
    omitted = local.items.get(omitted=True, level=1)
    sheet = load_workbook(exported(local, ".xlsx")).active
    header = [c.value for c in sheet[2]]
    assert header[-1] == "备注"
    rows = {row[1].value: row[-1].value for row in sheet.iter_rows(min_row=4)}
    assert rows[omitted.name] == f"本地未开展：{omitted.omission_reason}"
    table = docx.Document(exported(local, ".docx")).tables[0]
    marks = [row.cells[-1].text for row in table.rows]
    assert f"本地未开展：{omitted.omission_reason}" in marks


def test_unknown_ticks_are_written_as_unknown_not_left_empty():
    # 1.1 of the social relief standard does not say whether villages publish it.
    standard = Catalog.objects.get(key="social_relief_henan", version=1)
    item = standard.items.get(code="1.1")
    assert item.level_village is None and item.audience_specific is False
    sheet = load_workbook(exported(standard, ".xlsx")).active
    ticks = [c.value for c in sheet[4]][8:]
    assert ticks[TICKS.index("level_village")] == "不详"
    assert ticks[TICKS.index("audience_specific")] is None


def test_a_standard_file_marking_a_row_omitted_is_refused():
    standard = Catalog.objects.get(key="employment", version=1)
    data = read_back(standard, ".xlsx")
    data.items[0].children[0].omitted = True
    with pytest.raises(CatalogDataError, match="本地未开展"):
        catalog_create_version(data=data, key="employment")


def test_a_local_file_marking_a_supplement_omitted_is_refused(demo_catalogs):
    local = Catalog.objects.get(
        organisation__code="410225-hrss",
        derived_from__key="employment",
        status=CatalogStatus.IN_FORCE,
    )
    data = read_back(local, ".xlsx")
    sub_item = next(
        item
        for first in data.items
        for second in first.children
        for item in second.children
    )
    sub_item.omitted, sub_item.omission_reason = True, "试点结束"
    with pytest.raises(CatalogDataError, match="本地未开展") as caught:
        local_catalog_import(
            organisation=local.organisation, standard=local.derived_from, data=data
        )
    assert sub_item.name in str(caught.value)


def test_export_catalog_writes_a_word_document_that_reads_back(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "employment.docx"
    call_command("export_catalog", "employment", "-o", str(path), stdout=StringIO())
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "就业领域基层政务公开标准目录"
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells][8:11] == ["全社会", "特定群体", "主动"]
    items, errors = layout_file_read(path, name=path.name, vocabulary=Vocabulary.load())
    assert errors == [] and len(items) == 9
