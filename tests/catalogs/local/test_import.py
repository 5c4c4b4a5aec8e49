"""import_local_catalog and the item-listing resource: a county's catalog back from a file."""

import csv
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from import_export.formats.base_formats import CSV
from openpyxl import load_workbook

from catalogs.layout.workbook import write_catalog
from catalogs.local.derivation import item_add_supplement
from catalogs.local.resources import LocalCatalogItemResource, LocalItemXLSX
from catalogs.local.validation import catalog_validate
from catalogs.models import Catalog, Item, LegalBasis
from catalogs.selectors import standard_in_force
from tests import corpus

pytestmark = pytest.mark.django_db

KEY = "410225-hrss-employment"
LIMIT = "信息形成或变更之日起5个工作日内公开"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def lankao(demo_local_catalogs):
    return Catalog.objects.get(key=KEY, version=1)


def written():
    """Everything an import could write, history included."""
    models = (Catalog, Item, LegalBasis)
    return [m.objects.count() for m in models] + [
        m.history.model.objects.count() for m in models
    ]


def run(path, *extra, commit=True):
    out = StringIO()
    args = ["import_local_catalog", str(path), "--org", "410225-hrss"]
    args += ["--standard", "employment", *extra, *(["--commit"] if commit else [])]
    call_command(*args, stdout=out)
    return out.getvalue()


def exported(catalog, path):
    with path.open("wb") as stream:
        write_catalog(catalog, stream)
    return path


def edit(path, change):
    """Unmerge the data rows, hand them to ``change`` as lists, write them back."""
    workbook = load_workbook(path)
    sheet = workbook.active
    for merged in [m for m in sheet.merged_cells.ranges if m.min_row >= 4]:
        value = sheet.cell(merged.min_row, merged.min_col).value
        sheet.unmerge_cells(str(merged))
        for (cell,) in sheet.iter_rows(
            min_row=merged.min_row,
            max_row=merged.max_row,
            min_col=merged.min_col,
            max_col=merged.max_col,
        ):
            cell.value = value
    labels = [
        lower or upper
        for upper, lower in zip(*sheet.iter_rows(2, 3, values_only=True), strict=True)
    ]
    rows = [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]
    sheet.delete_rows(4, sheet.max_row)
    change(rows, {label: i for i, label in enumerate(labels)})
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def lankao_edits(rows, column):
    """Shorten 1.2's time limit, drop 1.3, add a sub-item and two supplements."""
    level2 = [row[column["二级事项"]] for row in rows]
    rows[level2.index("1.2 岗位信息发布")][column["公开时限"]] = LIMIT
    sub_item = list(rows[level2.index("1.2 岗位信息发布")])
    sub_item[column["三级事项"]] = "兰考县招聘会信息发布"
    rows.insert(level2.index("1.2 岗位信息发布") + 1, sub_item)
    del rows[level2.index("1.3 求职信息登记") + 1]
    supplement = [None] * len(column)
    for label, value in {
        "序号": 10,
        "一级事项": "兰考县就业扶贫",
        "二级事项": "就业扶贫车间认定",
        "公开内容（要素）": "认定条件\n办理流程",
        "公开时限": "信息形成之日起10个工作日内公开",
        "公开主体": "兰考县人力资源和社会保障局",
        "公开渠道和载体": "■政府网站\n■宣传栏",
        "全社会": "√",
        "主动": "√",
        "县级": "√",
    }.items():
        supplement[column[label]] = value
    rows.append(supplement)


def test_edited_export_becomes_a_new_draft_version(lankao, tmp_path):
    path = edit(exported(lankao, tmp_path / "lankao.xlsx"), lankao_edits)
    before = Item.objects.filter(catalog=lankao).count()
    with pytest.raises(CommandError) as error:
        run(path)
    assert str(error.value) == (
        "Version 2 of “410225-hrss-employment” was written as a draft, but it has 1 "
        "validation errors; it cannot be put in force until they are fixed."
    )
    catalog = Catalog.objects.get(key=KEY, version=2)
    assert (catalog.status, catalog.derived_from) == (
        "draft",
        standard_in_force("employment"),
    )
    assert Item.objects.filter(catalog=lankao).count() == before  # v1 untouched
    items = {item.code: item for item in catalog.items.select_related("parent")}
    assert items["1.2"].time_limit_text == LIMIT
    assert (items["1.2"].time_limit_amount, items["1.2"].origin) == (5, "derived")
    assert items["1.1"].channels[-1] == "hotline-12333"  # the demo's edits came along
    assert (items["1.3"].omitted, items["1.3"].omission_reason) == (True, "")
    # The export marks 9 本地未开展 with its reason; the file keeps it omitted.
    assert (items["9"].omitted, items["9"].omission_reason) == (
        True,
        "本县无外国人来华工作许可受理权限，由开封市人社局办理。",
    )
    local = [
        (i.code, i.level, i.parent.code if i.parent else "", i.origin, i.name)
        for i in catalog.items.exclude(origin="derived").order_by("position")
    ]
    assert local == [
        ("1.1.1", 3, "1.1", "supplement", "兰考县稳岗返还政策咨询"),
        ("1.2.1", 3, "1.2", "supplement", "兰考县招聘会信息发布"),
        ("10", 1, "", "supplement", "兰考县就业扶贫"),
        ("10.1", 2, "10", "supplement", "就业扶贫车间认定"),
    ]
    assert items["10.1"].channels == ["gov-website", "publicity-board"]
    assert [f.code for f in catalog_validate(catalog)] == ["OMISSION_WITHOUT_REASON"]


def test_the_plan_and_the_findings_are_printed(lankao, tmp_path):
    path = edit(exported(lankao, tmp_path / "lankao.xlsx"), lankao_edits)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_local_catalog", str(path), "--org", "410225-hrss",
            "--standard", "employment", "--commit", stdout=out,
        )  # fmt: skip
    lines = out.getvalue().splitlines()
    assert lines[0] == "Read 19 items from lankao.xlsx."
    assert (
        "    公开时限: “公开事项信息形成或变更之日起20个工作日内公开” → “" + LIMIT + "”"
        in lines
    )
    assert (
        "    公开依据: added “《河南省实施〈中华人民共和国就业促进法〉办法》”" in lines
    )
    start = lines.index("Supplementary items: 2.")
    assert lines[start : start + 10] == [
        "Supplementary items: 2.",
        "  row 17 “10 兰考县就业扶贫”, level 1",
        "  row 17 “就业扶贫车间认定”, level 2",
        "Third-level sub-items: 2.",
        "  row 5 “1.1.1 兰考县稳岗返还政策咨询”, level 3",
        "  row 7 “兰考县招聘会信息发布”, level 3",
        "Standard items omitted (not in the file, or marked 本地未开展): 2.",
        "  “1.3 求职信息登记”, without a reason",
        "  “9 国(境)外人员入境就业”, reason: "
        "本县无外国人来华工作许可受理权限，由开封市人社局办理。",
        "Created version 2 of “410225-hrss-employment” as a draft: "
        "兰考县人力资源和社会保障局就业领域基层政务公开目录.",
    ]
    assert lines[start + 10 : start + 12] == [
        "Validation: 1 errors, 0 warnings.",
        "  error\tOMISSION_WITHOUT_REASON\tItem “1.3 求职信息登记”, field “reason for "
        "omission”: the item is marked as not performed locally but no reason is "
        "given. Record why it is left out.",
    ]
    assert lines[-1] == (
        "Items found: 19; matched: 15; supplements: 2; sub-items: 2; omitted: 2; "
        "catalogs created: 1; errors: 0."
    )


def test_omit_reason_is_recorded(lankao, tmp_path):
    path = edit(exported(lankao, tmp_path / "lankao.xlsx"), lankao_edits)
    out = run(path, "--omit-reason", "本县求职登记由市人才中心办理。")
    assert "  “1.3 求职信息登记”, reason: 本县求职登记由市人才中心办理。" in out
    assert "Validation: 0 errors, 0 warnings." in out
    item = Item.objects.get(catalog__key=KEY, catalog__version=2, code="1.3")
    assert (item.omitted, item.omission_reason) == (
        True,
        "本县求职登记由市人才中心办理。",
    )
    history = item.history.order_by("-history_id").first()
    assert history.history_change_reason.startswith("Not performed locally: ")


def test_dry_run_writes_nothing(lankao, tmp_path):
    path = exported(lankao, tmp_path / "lankao.xlsx")
    before = written()
    out = run(path, commit=False)
    assert written() == before
    assert (
        "Dry run: version 2 of “410225-hrss-employment” would be created as a draft. "
        "Run again with --commit to write it."
    ) in out.splitlines()
    edit(path, lankao_edits)
    with pytest.raises(CommandError) as error:
        run(path, commit=False)
    assert written() == before
    assert str(error.value).endswith("Nothing was written.")


def test_rows_that_cannot_be_placed(lankao, tmp_path):
    def renamed(rows, column):
        level2 = [row[column["二级事项"]] for row in rows]
        rows[level2.index("1.3 求职信息登记")][column["二级事项"]] = "1.3 求职登记"
        rows.append(list(rows[level2.index("失业登记")]))  # a second row for it

    path = edit(exported(lankao, tmp_path / "lankao.xlsx"), renamed)
    before = written()
    with pytest.raises(CommandError) as error:
        run(path)
    assert written() == before
    assert str(error.value).splitlines() == [
        "row 7，column “二级事项”，value “求职登记”：The number 1.3 belongs to the "
        "standard item “1.3 求职信息登记”, so it cannot number “求职登记”: a standard "
        "item keeps its name and place, and a local item needs a number of its own. "
        "Correct the name, or change or clear the number.",
        "row 17，column “一级事项”，value “就业失业登记”：The standard item “4 就业失业登记” "
        "already has row 10; each item takes one row.",
        "Items found: 19; catalogs created: 0; errors: 2.",
        "Nothing was written.",
    ]


def empty_table(folder):
    return corpus.table_workbook(folder / "empty.xlsx", rows=[])


def word_table(folder):
    return corpus.table_document(folder / "catalog.docx")


CORPUS = [
    (empty_table, "The catalog has no items."),
    (corpus.not_a_spreadsheet, "is not a real .xlsx file"),
    (corpus.zip_bomb, "(a “zip bomb”); it was not opened."),
    (corpus.xml_bomb, "which Office files never need; it was not opened."),
    (
        corpus.too_many_rows,
        "The sheet has more than 50 rows, more than one import takes.",
    ),
    (corpus.wrong_header, "Unknown header “法律依据”: did you mean “公开依据”?"),
    (corpus.odd_merged_cells, "The merged cells A2:A5 run across the header"),
    (corpus.overlapping_merges, "The sheet's merged cells overlap each other"),
    (corpus.formulas, "The cell D4 holds a formula; formulas are not imported"),
    (
        corpus.over_long_text,
        "The text is 401 characters long; a cell holds at most 400.",
    ),
    (corpus.wrong_types, "The cell should hold a tick (√) or be empty."),
]


@pytest.mark.parametrize(
    ("build", "message"), CORPUS, ids=lambda v: getattr(v, "__name__", "")
)
def test_bad_files_are_refused_and_nothing_is_written(
    demo, tmp_path, settings, build, message
):
    settings.CATALOG_IMPORT_MAX_ROWS = 50
    settings.CATALOG_IMPORT_MAX_CELL_CHARS = 400
    before = written()
    with pytest.raises(CommandError) as error:
        run(build(tmp_path))
    assert written() == before
    lines = str(error.value).splitlines()
    assert message in lines[0]
    assert lines[-1] == "Nothing was written."


@pytest.mark.parametrize(
    "build",
    [
        corpus.shuffled_header,
        corpus.blank_rows,
        corpus.script_tags,
        word_table,
    ],
)
def test_readable_corpus_files_are_matched_by_name(demo, tmp_path, build):
    path = build(tmp_path)
    before = written()
    with pytest.raises(CommandError) as error:  # the file drops standard channels
        out = StringIO()
        call_command(
            "import_local_catalog", str(path), "--org", "410225-hrss",
            "--standard", "employment", stdout=out,
        )  # fmt: skip
    assert written() == before
    assert str(error.value).endswith("Nothing was written.")
    assert "Standard items matched: " in out.getvalue()


# The item listing (django-import-export)


def listing(catalog) -> bytes:
    dataset = LocalCatalogItemResource().export(queryset=catalog.items.all())
    return LocalItemXLSX().export_data(dataset)


def test_listing_export_neutralises_formulas(lankao):
    item_add_supplement(
        catalog=lankao, name="=HYPERLINK(\"http://example.com\",\"点击\")",
        columns={"subject": "@SUM(A1)", "content": ["-1+2", "+3"]},
    )  # fmt: skip
    sheet = load_workbook(BytesIO(listing(lankao))).active
    rows = list(sheet.iter_rows(values_only=True))
    row = rows[-1]
    assert rows[0][:4] == ("序号", "层级", "上级序号", "事项名称")
    assert row[3] == '\'=HYPERLINK("http://example.com","点击")'
    assert (row[4], row[7]) == ("'-1+2\n+3", "'@SUM(A1)")
    assert all(sheet.cell(sheet.max_row, c).data_type != "f" for c in range(1, 20))
    dataset = LocalCatalogItemResource().export(queryset=lankao.items.all())
    *_rows, last = csv.reader(StringIO(CSV().export_data(dataset)))
    assert (last[3], last[7]) == (row[3], "'@SUM(A1)")


def test_a_file_read_as_a_new_version_continues_the_rows_lineage(lankao, tmp_path):
    gig = item_add_supplement(catalog=lankao, name="零工市场服务")
    path = exported(lankao, tmp_path / "lankao.xlsx")
    run(path, "--omit-reason", "本县未开展")
    new = Catalog.objects.get(key=KEY, version=2)
    before = {i.lineage: (i.code, i.name) for i in Item.objects.filter(catalog=lankao)}
    after = {i.lineage: (i.code, i.name) for i in Item.objects.filter(catalog=new)}
    assert after == before
    assert after[gig.lineage] == (gig.code, "零工市场服务")
