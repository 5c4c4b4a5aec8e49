"""import_catalog: the official layout read from .xlsx and .docx into a catalog version."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from catalogs.channels import Vocabulary
from catalogs.layout.cells import parse_channels, parse_tick, split_bases, split_content
from catalogs.models import Catalog, CatalogStatus, Item
from catalogs.selectors import catalog_item_tree
from tests import corpus
from tests.corpus import CATALOG_COLUMNS, CATALOG_ROWS, catalog_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run_import(path, *extra, domain="employment", key="imported", commit=True):
    out = StringIO()
    args = ["import_catalog", str(path), "--domain", domain, "--title", "测试目录"]
    args += ["--issuer", "人力资源社会保障部办公厅", *extra]
    if key:
        args += ["--key", key]
    if commit:
        args.append("--commit")
    call_command(*args, stdout=out)
    return out.getvalue()


def tree(key="imported"):
    catalog = Catalog.objects.filter(key=key).order_by("-version").first()
    return catalog, catalog_item_tree(catalog)


def test_dry_run_previews_and_writes_nothing(tmp_path):
    path = corpus.table_workbook(tmp_path / "catalog.xlsx")
    before = (Catalog.objects.count(), Item.objects.count())
    out = run_import(path, commit=False)
    assert (Catalog.objects.count(), Item.objects.count()) == before
    assert out.splitlines() == [
        "Read 2 first-level, 3 second-level and 0 third-level items from catalog.xlsx.",
        "Dry run: version 1 of “imported” would be created. Run again with --commit "
        "to write it.",
        "Items found: 5; catalogs created: 0; errors: 0.",
    ]


def test_commit_writes_every_column(tmp_path):
    path = corpus.table_workbook(tmp_path / "catalog.xlsx")
    out = run_import(
        path, "--document-no", "人社厅函〔2019〕113号", "--issued", "2019-06-03"
    )
    assert out.splitlines()[-1] == "Items found: 5; catalogs created: 1; errors: 0."
    catalog, items = tree()
    assert (catalog.version, catalog.status, catalog.kind) == (
        1,
        "draft",
        "standard",
    )
    assert catalog.document_no == "人社厅函〔2019〕113号"
    assert str(catalog.issued_on) == "2019-06-03"
    assert [(i.code, i.name) for i in items] == [
        ("1", "就业信息服务"),
        ("2", "就业失业登记"),
    ]
    first = items[0].tree_children[0]
    assert (first.code, first.name, first.level) == ("", "就业政策法规咨询", 2)
    assert first.content == ["办理流程", "咨询电话"]
    assert [b.text for b in first.bases.all()] == [
        "《中华人民共和国政府信息公开条例》（国务院令第711号）"
    ]
    assert first.time_limit_text == "信息形成或变更之日起20个工作日内"
    assert (first.time_limit_amount, first.time_limit_unit) == (20, "working_days")
    assert first.subject == "县级人力资源社会保障部门"
    assert first.channels == ["gov-website", "service-centre"]
    ticks = [
        first.audience_public,
        first.audience_specific,
        first.mode_proactive,
        first.mode_on_request,
        first.level_county,
        first.level_township,
        first.level_village,
    ]
    assert ticks == [True, False, True, False, True, True, False]
    assert items[0].audience_public is None  # no row of its own: unknown
    assert items[1].tree_children[0].audience_specific is True


def test_numbers_inside_item_cells_and_one_line_lists(tmp_path):
    rows = [
        catalog_row(
            "1",
            "1.就业信息服务",
            "1.1就业政策法规咨询",
            ticks="✓.■.☑✔.",
            **{
                "公开内容（要素）": "1.政策项目2.申请条件（含材料、流程）3.咨询电话",
                "公开依据": "《关于甲；乙的通知》（国发〔2019〕1号）；《就业促进法》",
                "公开渠道和载体": "■政府网站 □政府公报 ■两微一端",
            },
        ),
        catalog_row(
            "2",
            "1.就业信息服务",
            "1.2 岗位信息发布",
            **{
                "公开内容（要素）": "招聘单位、岗位要求（学历、专业）、福利待遇",
                "公开渠道和载体": "☑政务服务中心\n☐便民服务站\n■社区/企事业单位/村公示栏（电子屏）",
            },
        ),
        catalog_row("3", "二、就业失业登记", "（1）失业登记"),
    ]
    path = corpus.table_workbook(
        tmp_path / "n.xlsx", rows=rows, merge_first_level=False
    )
    run_import(path)
    _catalog, items = tree()
    assert [(i.code, i.name) for i in items] == [
        ("1", "就业信息服务"),
        ("2", "就业失业登记"),
    ]
    first, second = items[0].tree_children
    assert (first.code, first.name, second.code, second.name) == (
        "1.1",
        "就业政策法规咨询",
        "1.2",
        "岗位信息发布",
    )
    assert first.content == ["政策项目", "申请条件（含材料、流程）", "咨询电话"]
    assert [b.text for b in first.bases.all()] == [
        "《关于甲；乙的通知》（国发〔2019〕1号）",
        "《就业促进法》",
    ]
    assert first.channels == ["gov-website", "weibo-wechat-app"]
    assert (first.audience_public, first.mode_proactive, first.level_county) == (
        True,
        True,
        True,
    )
    assert second.content == ["招聘单位", "岗位要求（学历、专业）", "福利待遇"]
    assert second.channels == ["service-centre", "notice-board"]
    relative = items[1].tree_children[0]
    assert (relative.code, relative.name) == ("2.1", "失业登记")


def test_number_column_in_separate_cells(tmp_path):
    """序号 merged over each first-level item numbers it; 1.1 numbers the row."""
    rows = [
        catalog_row("1", "就业信息服务", "就业政策法规咨询"),
        catalog_row("1", "就业信息服务", "岗位信息发布"),
        catalog_row("2", "就业失业登记", "失业登记"),
    ]
    run_import(corpus.table_workbook(tmp_path / "a.xlsx", rows=rows))
    _catalog, items = tree()
    assert [i.code for i in items] == ["1", "2"]
    rows = [
        catalog_row("1.1", "就业信息服务", "就业政策法规咨询"),
        catalog_row("1.2", "就业信息服务", "岗位信息发布"),
        catalog_row("2.1", "就业失业登记", "失业登记"),
    ]
    path = corpus.table_workbook(
        tmp_path / "b.xlsx", rows=rows, merge_first_level=False
    )
    run_import(path, key="imported_b")
    _catalog, items = tree("imported_b")
    codes = [(i.code, [c.code for c in i.tree_children]) for i in items]
    assert codes == [("", ["1.1", "1.2"]), ("", ["2.1"])]


def test_numbers_counting_rows_are_not_item_numbers(tmp_path):
    rows = [
        catalog_row(str(n), level1, level2)
        for n, (level1, level2) in enumerate(
            [("就业信息服务", "甲"), ("就业信息服务", "乙"), ("就业失业登记", "丙")],
            start=1,
        )
    ]
    path = corpus.table_workbook(
        tmp_path / "seq.xlsx", rows=rows, merge_first_level=False
    )
    run_import(path)
    _catalog, items = tree()
    assert [(i.code, i.name, len(i.tree_children)) for i in items] == [
        ("", "就业信息服务", 2),
        ("", "就业失业登记", 1),
    ]


def test_shuffled_header_imports_like_the_printed_order(tmp_path):
    run_import(corpus.table_workbook(tmp_path / "plain.xlsx"), key="plain")
    run_import(corpus.shuffled_header(tmp_path), key="shuffled")

    def rows(key):
        _catalog, items = tree(key)
        return [
            (
                child.name,
                child.content,
                [b.text for b in child.bases.all()],
                child.time_limit_text,
                child.subject,
                child.channels,
                child.audience_public,
                child.audience_specific,
                child.mode_proactive,
                child.mode_on_request,
                child.level_county,
                child.level_township,
                child.level_village,
            )
            for item in items
            for child in item.tree_children
        ]

    assert rows("shuffled") == rows("plain")
    assert len(rows("plain")) == 3


def test_combined_township_and_village_column_and_no_village_column(tmp_path):
    columns = [c for c in CATALOG_COLUMNS if c[1] not in ("乡级", "村级")]
    columns.append(("公开层级", "乡、村级"))
    rows = [dict(CATALOG_ROWS[0], **{"乡、村级": "√"})]
    run_import(corpus.table_workbook(tmp_path / "c.xlsx", columns=columns, rows=rows))
    item = tree()[1][0].tree_children[0]
    assert (item.level_county, item.level_township, item.level_village) == (
        True,
        True,
        True,
    )
    columns = [c for c in CATALOG_COLUMNS if c[1] != "村级"]
    path = corpus.table_workbook(tmp_path / "d.xlsx", columns=columns)
    run_import(path, domain="elderly_care", key="no_village")
    item = tree("no_village")[1][0].tree_children[0]
    # The domain is not published at village level: not ticked, not unknown.
    assert (item.level_township, item.level_village) == (True, False)


def test_third_level_column(tmp_path):
    columns = list(CATALOG_COLUMNS)
    columns.insert(3, ("公开事项", "三级事项"))
    rows = [
        catalog_row(
            "1", "就业信息服务", "1.1 就业政策法规咨询", 三级事项="1.1.1 创业政策"
        ),
        catalog_row(
            "1", "就业信息服务", "1.1 就业政策法规咨询", 三级事项="1.1.2 补贴政策"
        ),
        catalog_row("1", "就业信息服务", "1.2 岗位信息发布"),
    ]
    path = corpus.table_workbook(
        tmp_path / "three.xlsx", columns=columns, rows=rows, extra_merges=["C4:C5"]
    )
    out = run_import(path)
    assert out.startswith("Read 1 first-level, 2 second-level and 2 third-level items")
    _catalog, items = tree()
    consult, jobs = items[0].tree_children
    assert [(c.code, c.name, c.level) for c in consult.tree_children] == [
        ("1.1.1", "创业政策", 3),
        ("1.1.2", "补贴政策", 3),
    ]
    assert consult.content == [] and consult.audience_public is None
    assert (jobs.code, jobs.tree_children, jobs.audience_public) == ("1.2", [], True)


def test_word_document_with_vertically_merged_first_level_cells(tmp_path):
    path = corpus.table_document(tmp_path / "henan.docx")
    out = run_import(path, domain="social_relief", key="relief_docx")
    assert out.startswith("Read 2 first-level, 3 second-level and 0 third-level items")
    _catalog, items = tree("relief_docx")
    assert [(i.code, i.name) for i in items] == [
        ("1", "就业信息服务"),
        ("2", "就业失业登记"),
    ]
    children = [[c.name for c in i.tree_children] for i in items]
    assert children == [["就业政策法规咨询", "岗位信息发布"], ["失业登记"]]
    jobs = items[0].tree_children[1]
    assert jobs.content == ["办理流程", "咨询电话"]
    assert jobs.channels == ["gov-website", "service-centre"]
    assert (jobs.level_township, jobs.level_village) == (True, True)


def test_a_new_version_is_a_draft_until_a_person_puts_it_in_force(tmp_path):
    path = tmp_path / "employment.xlsx"
    call_command("export_catalog", "employment", "-o", str(path), stdout=StringIO())
    old = Catalog.objects.get(key="employment", version=1)
    out = run_import(path, key=None)
    assert "Created version 2 of “employment” as a draft: 测试目录." in out
    old.refresh_from_db()
    new = Catalog.objects.get(key="employment", version=2)
    assert (old.status, new.status) == (CatalogStatus.IN_FORCE, CatalogStatus.DRAFT)
    assert new.items.count() == old.items.count()

    call_command(
        "activate_catalog",
        "--standard",
        "employment",
        "--version",
        "2",
        "--reason",
        "人社部印发新版",
        stdout=StringIO(),
    )
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (
        CatalogStatus.SUPERSEDED,
        CatalogStatus.IN_FORCE,
    )
    assert new.history.latest().history_change_reason == "人社部印发新版"


def test_key_of_another_domain_and_unknown_domain_are_refused(tmp_path):
    path = corpus.table_workbook(tmp_path / "catalog.xlsx")
    with pytest.raises(CommandError) as error:
        run_import(path, domain="social_relief", key="employment")
    assert str(error.value).splitlines() == [
        "The catalog “employment” belongs to another domain, not “social_relief”.",
        "Items found: 5; catalogs created: 0; errors: 1.",
        "Nothing was written.",
    ]
    with pytest.raises(CommandError, match="The domain “nowhere” does not exist."):
        run_import(path, domain="nowhere", key="nowhere")


def test_bad_arguments(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run_import(tmp_path / "missing.xlsx")
    path = corpus.table_workbook(tmp_path / "catalog.xlsx")
    with pytest.raises(CommandError, match="“2019-13-01” is not a date"):
        run_import(path, "--issued", "2019-13-01")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("办理流程\n办理地点", ["办理流程", "办理地点"]),
        ("1.办理流程\n2.办理地点；", ["办理流程", "办理地点"]),
        ("（1）甲（2）乙（3）丙", ["甲", "乙", "丙"]),
        ("●文件名称●文号", ["文件名称", "文号"]),
        (
            "《社会救助暂行办法》（国务院令第649号）",
            ["《社会救助暂行办法》（国务院令第649号）"],
        ),
        (
            "老年人补贴名称（高龄津贴、护理补贴等）",
            ["老年人补贴名称（高龄津贴、护理补贴等）"],
        ),
    ],
)
def test_split_content(text, expected):
    assert split_content(text) == expected


def test_split_bases_keeps_brackets_whole():
    text = "《中华人民共和国就业促进法》(2007年通过 根据《关于修改〈电力法〉等六部法律的决定》修正)；《人力资源市场暂行条例》"
    assert split_bases(text) == [
        "《中华人民共和国就业促进法》(2007年通过 根据《关于修改〈电力法〉等六部法律的决定》修正)",
        "《人力资源市场暂行条例》",
    ]


def test_channels_and_ticks():
    lookup = Vocabulary.load()
    codes, unknown = parse_channels(
        "■政府网站 □政府公报 ■发布会 ■听证会 ■其他（基层公共服务平台…） ■短信", lookup
    )
    assert codes == ["gov-website", "press-hearing", "other-platform"]
    assert unknown == ["短信"]
    assert parse_channels("政府网站、政务服务中心", lookup) == (
        ["gov-website", "service-centre"],
        [],
    )
    assert [parse_tick(t) for t in ["√", " ✔ ", "■", "", "□", "x"]] == [
        True,
        True,
        True,
        False,
        False,
        None,
    ]
