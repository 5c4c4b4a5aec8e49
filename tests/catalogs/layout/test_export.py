"""export_catalog and write_catalog: the official layout written, and read back."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import load_workbook

from catalogs.columns import TICKS
from catalogs.layout.rows import CatalogData, ItemData
from catalogs.layout.workbook import neutralise, write_catalog
from catalogs.models import Catalog, Channel
from catalogs.selectors import catalog_item_tree
from catalogs.services import catalog_create_version

pytestmark = pytest.mark.django_db

FIXTURE_KEYS = [
    "employment",
    "social_insurance",
    "social_relief_henan",
    "elderly_care_henan",
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def export(key, path, *extra):
    out = StringIO()
    call_command("export_catalog", key, "-o", str(path), *extra, stdout=out)
    return out.getvalue()


def reimport(path, catalog):
    call_command(
        "import_catalog",
        str(path),
        "--domain",
        catalog.domain.key,
        "--title",
        catalog.title,
        "--issuer",
        catalog.issuer or "-",
        "--key",
        catalog.key,
        "--commit",
        stdout=StringIO(),
    )
    return Catalog.objects.get(key=catalog.key, version=catalog.version + 1)


def snapshot(catalog):
    """Every item, depth first, with every column the layout carries."""
    rows = []

    def walk(items):
        for item in items:
            rows.append(
                (
                    item.level,
                    item.code,
                    item.name,
                    item.content,
                    [basis.text for basis in item.bases.all()],
                    item.time_limit_text,
                    item.subject,
                    item.channels,
                    # A tick that is None (unknown) is written 不详 and read back
                    # as None, distinct from an empty cell (not ticked).
                    *[getattr(item, role) for role in TICKS],
                )
            )
            walk(item.tree_children)

    walk(catalog_item_tree(catalog))
    return rows


@pytest.mark.parametrize("key", FIXTURE_KEYS)
def test_round_trip_of_every_fixture_catalog(tmp_path, key):
    original = Catalog.objects.get(key=key, version=1)
    path = tmp_path / f"{key}.xlsx"
    out = export(key, path)
    assert out.splitlines()[-1] == (
        f"Items found: {original.items.count()}; files created: 1; errors: 0."
    )
    copy = reimport(path, original)
    before, after = snapshot(original), snapshot(copy)
    assert len(after) == len(before) == original.items.count()
    for expected, actual in zip(before, after, strict=True):
        assert actual == expected


def test_the_sheet_looks_like_the_official_table(tmp_path):
    path = tmp_path / "employment.xlsx"
    export("employment", path)
    sheet = load_workbook(path).active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].value == "就业领域基层政务公开标准目录"
    assert sheet["A1"].font.bold
    assert {"A1:O1", "A2:A3", "B2:C2", "D2:D3", "I2:J2", "K2:L2", "M2:O2"} <= merged
    assert [c.value for c in sheet[2]][:9] == [
        "序号",
        "公开事项",
        None,
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
    ]
    assert [c.value for c in sheet[3]][8:] == [
        "全社会",
        "特定群体",
        "主动",
        "依申请",
        "县级",
        "乡级",
        "村级",
    ]
    # 就业信息服务 spans its three second-level rows, with its number.
    assert {"A4:A6", "B4:B6"} <= merged
    assert (sheet["A4"].value, sheet["B4"].value, sheet["C4"].value) == (
        1,
        "就业信息服务",
        "1.1 就业政策法规咨询",
    )
    lines = sheet["H4"].value.split("\n")
    assert lines[0] == "■政府网站" and lines[1] == "□政府公报"
    assert len(lines) == 13 and lines[-1] == "■其他基层公共服务平台"
    assert sheet["D4"].value.split("\n")[0] == "就业创业政策项目"
    assert sheet["D4"].alignment.wrap_text
    assert sheet["D4"].border.left.style == "thin"
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$2:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["E"].width == 42


def test_ticks_and_levels_follow_the_domain(tmp_path):
    relief, elderly = tmp_path / "relief.xlsx", tmp_path / "elderly.xlsx"
    export("social_relief_henan", relief)
    export("elderly_care_henan", elderly)
    sheet = load_workbook(relief).active
    # The standard does not say whether 1.1 is published at village level: 不详.
    assert [c.value for c in sheet[4]][8:] == ["√", None, "√", None, "√", "√", "不详"]
    sheet = load_workbook(elderly).active
    assert sheet.max_column == 14
    assert [c.value for c in sheet[3]][-3:] == ["依申请", "县级", "乡级"]


def test_version_option_and_errors(tmp_path):
    path = tmp_path / "v1.xlsx"
    assert "version 1" in export("employment", path, "--version", "1")
    with pytest.raises(
        CommandError, match="The catalog “employment” has no version 9."
    ):
        export("employment", path, "--version", "9")
    with pytest.raises(CommandError, match="No catalog has the key “nowhere”."):
        export("nowhere", path)
    with pytest.raises(
        CommandError, match="The output file must end in .xlsx or .docx."
    ):
        export("employment", tmp_path / "out.csv")


def test_neutralise():
    for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise(text) == "'" + text
    assert neutralise("办理流程") == "办理流程"


def _catalog_with(items, key="made"):
    data = CatalogData(domain_key="employment", title="测试目录", items=items)
    return catalog_create_version(data=data, key=key)


def _written(catalog) -> BytesIO:
    stream = BytesIO()
    write_catalog(catalog, stream)
    stream.seek(0)
    return stream


def test_formula_like_text_is_neutralised_and_reads_back(tmp_path):
    child = ItemData(
        name='=HYPERLINK("http://example.com","点击")',
        content=["+1 办理流程", "咨询电话"],
        bases=["@SUM(A1)", "《就业促进法》"],
        subject="-县级部门",
        mode_proactive=True,
    )
    catalog = _catalog_with([ItemData(name="就业信息服务", code="1", children=[child])])
    stream = _written(catalog)
    sheet = load_workbook(stream).active
    row = [c.value for c in sheet[4]]
    assert row[2] == '\'=HYPERLINK("http://example.com","点击")'
    assert row[3] == "'+1 办理流程\n咨询电话"
    assert row[4] == "'@SUM(A1)\n《就业促进法》"
    assert row[6] == "'-县级部门"
    assert sheet["C4"].data_type == "s"
    path = tmp_path / "made.xlsx"
    path.write_bytes(stream.getvalue())
    assert snapshot(reimport(path, catalog)) == snapshot(catalog)


def test_third_level_items_and_local_channels(tmp_path):
    Channel.objects.create(code="sms", name="短信", official=False, position=20)
    consult = ItemData(
        name="就业政策法规咨询",
        code="1.1",
        content=["政策项目"],
        channels=["gov-website", "sms"],
        level_county=True,
        children=[
            ItemData(
                name="创业政策", code="1.1.1", channels=["sms"], level_village=True
            ),
            ItemData(name="补贴政策", code="1.1.2"),
        ],
    )
    catalog = _catalog_with(
        [
            ItemData(name="就业信息服务", code="1", children=[consult]),
            ItemData(name="就业失业登记", code="2"),
        ]
    )
    path = tmp_path / "three.xlsx"
    export("made", path)
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[3]][1:4] == ["一级事项", "二级事项", "三级事项"]
    assert {"A4:A6", "B4:B6", "C4:C6"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[4]][2:4] == ["1.1 就业政策法规咨询", None]
    assert sheet["D5"].value == "1.1.1 创业政策"
    assert sheet["I4"].value.split("\n")[-1] == "■短信"
    assert (sheet["A7"].value, sheet["B7"].value) == (2, "就业失业登记")
    assert snapshot(reimport(path, catalog)) == snapshot(catalog)


def test_text_cells_are_cleaned_cut_to_a_cells_size_and_stay_text():
    Channel.objects.create(code="bell", name="广播\x07站", official=False, position=30)
    child = ItemData(
        name="#N/A",
        content=["长" * 40_000],
        bases=["含控制字符\x01的依据"],
        channels=["bell"],
        mode_proactive=True,
    )
    catalog = _catalog_with([ItemData(name="就业信息服务", code="1", children=[child])])
    stream = _written(catalog)
    sheet = load_workbook(stream).active
    assert sheet["C4"].value == "#N/A"
    assert sheet["C4"].data_type == "s"  # text, not the spreadsheet error
    assert sheet["D4"].value == "长" * 32_767
    assert sheet["E4"].value == "含控制字符的依据"
    assert sheet["H4"].value.split("\n")[-1] == "■广播站"
