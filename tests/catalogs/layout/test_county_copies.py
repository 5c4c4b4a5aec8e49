"""Real county files import (issue 14, point 6): files built to the shape of the
county copies listed in ../shared/reference/catalogs/ (their own wording of the
header, a title row or none, a merged 乡、村级 column, a 村级 column or none, a
Word table split over several tables, ticks as √, ■, ☑, ✓ or 是), in .xlsx and
.docx; an unknown header is named with the nearest known column offered."""

from io import BytesIO

import docx
import pytest
from django.utils import translation
from openpyxl import Workbook

from catalogs.channels import Vocabulary
from catalogs.layout.files import layout_file_read
from catalogs.layout.rows import CatalogData
from catalogs.local.plan import MATCHED, local_catalog_import_plan
from catalogs.selectors import standard_in_force
from portal.models import Organisation

pytestmark = pytest.mark.django_db

LAW = "《中华人民共和国就业促进法》"
LIMIT = "信息形成或变更之日起20个工作日内"
CHANNELS = "■政府网站 □政府公报 ■政务服务中心"


def header_rows(audience, modes, levels, *, third=False, extra=()):
    """The two-row grouped header, as (upper, lower) lists."""
    items = ["一级事项", "二级事项", *(["三级事项"] if third else [])]
    singles = ["公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"]
    upper = ["序号", "公开事项", *[""] * (len(items) - 1), *singles]
    lower = ["", *items, *[""] * len(singles)]
    for group, labels in (
        ("公开对象", audience),
        ("公开方式", modes),
        ("公开层级", levels),
    ):
        upper += [group, *[""] * (len(labels) - 1)]
        lower += labels
    upper += list(extra)
    lower += [""] * len(extra)
    return upper, lower


def employment_rows(ticks, *, third=False, extra=()):
    """Tengchong's rows 1.1 and 1.2 (就业信息服务), national numbering."""
    pad = [""] if third else []
    first = ["1", "1.就业信息服务", "1.1 就业政策法规咨询", *pad]
    second = ["", "1.就业信息服务", "1.2 岗位信息发布", *pad]
    columns = ["政策法规\n办事指南", LAW, LIMIT, "县级人力资源社会保障部门", CHANNELS]
    return [
        [*first, *columns, *ticks, *[""] * len(extra)],
        [*second, "岗位信息", LAW, LIMIT, "县级人力资源社会保障部门", CHANNELS,
         *ticks, *[""] * len(extra)],
    ]  # fmt: skip


def xlsx(rows, *, title=None) -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    stream = BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


def word(*tables, title=None) -> BytesIO:
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.rows[r].cells[c].text = text
        document.add_paragraph("")
    stream = BytesIO()
    document.save(stream)
    stream.seek(0)
    return stream


def read(stream, suffix):
    return layout_file_read(stream, name=f"copy{suffix}", vocabulary=Vocabulary.load())


def ticks_of(item):
    return (
        item.audience_public,
        item.audience_specific,
        item.mode_proactive,
        item.mode_on_request,
        item.level_county,
        item.level_township,
        item.level_village,
    )


def build(suffix, rows, title=None):
    if suffix == ".xlsx":
        return xlsx(rows, title=title)
    return word(rows, title=title)


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
@pytest.mark.parametrize("title", ["腾冲市就业领域基层政务公开标准目录", None])
def test_a_tengchong_copy_with_its_own_wording_and_a_merged_level_column(suffix, title):
    # 特定群众, 主动公开 / 依申请公开, levels 县级 + 乡、村级 (tjbd, dachuan, wugang).
    upper, lower = header_rows(
        ["全社会", "特定群众"], ["主动公开", "依申请公开"], ["县级", "乡、村级"]
    )
    rows = [upper, lower, *employment_rows(["√", "", "√", "", "√", "√"])]
    items, errors = read(build(suffix, rows, title), suffix)
    assert errors == []
    (heading,) = items
    assert (heading.code, heading.name) == ("1", "就业信息服务")
    consult, posts = heading.children
    assert (consult.code, consult.name) == ("1.1", "就业政策法规咨询")
    assert consult.content == ["政策法规", "办事指南"] and consult.bases == [LAW]
    assert consult.channels == ["gov-website", "service-centre"]
    assert ticks_of(consult) == (True, False, True, False, True, True, True)
    assert posts.code == "1.2"


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
@pytest.mark.parametrize("tick", ["√", "■", "☑", "✓", "是"])
def test_every_tick_a_county_prints_and_a_township_level_without_villages(suffix, tick):
    # mdx.gov.cn prints 镇级 and no 村级 column; Yunnan copies tick with ■ or ☑.
    upper, lower = header_rows(
        ["全社会", "特定群体"], ["主动", "依申请"], ["县级", "镇级"]
    )
    rows = [upper, lower, *employment_rows([tick, "", tick, "", "", tick])]
    items, errors = read(build(suffix, rows), suffix)
    assert errors == []
    consult = items[0].children[0]
    assert ticks_of(consult) == (True, False, True, False, False, True, None)


def test_a_word_table_split_over_several_tables_with_a_third_level_column():
    # Sanmen and Ningcheng print a 三级事项 column; a long Word table continues
    # in a second table, once without its header and once repeating it.
    upper, lower = header_rows(
        ["全社会", "特定群体"], ["主动", "依申请"], ["县级", "乡级", "村级"],
        third=True,
    )  # fmt: skip
    first, second = employment_rows(["✓", "", "✓", "", "✓", "✓", ""], third=True)
    third = ["2", "2.职业介绍、职业指导和创业开业指导", "2.1 职业介绍", "",
             *first[4:]]  # fmt: skip
    document = word([upper, lower, first], [second], [upper, lower, third])
    items, errors = read(document, ".docx")
    assert errors == []
    assert [(i.code, i.name) for i in items] == [
        ("1", "就业信息服务"),
        ("2", "职业介绍、职业指导和创业开业指导"),
    ]
    assert [c.code for c in items[0].children] == ["1.1", "1.2"]
    assert [c.code for c in items[1].children] == ["2.1"]
    assert items[0].children[1].level_village is False


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_other_columns_of_a_county_copy_are_left_aside(suffix):
    # 沂水县 and 明山区 add 责任科室 and 咨询电话 columns.
    extra = ("责任科室", "咨询电话")
    upper, lower = header_rows(
        ["全社会", "特定群体"], ["主动", "依申请"], ["县级", "乡级", "村级"],
        extra=extra,
    )  # fmt: skip
    rows = [
        upper,
        lower,
        *employment_rows(["√", "", "√", "", "√", "", ""], extra=extra),
    ]
    items, errors = read(build(suffix, rows), suffix)
    assert errors == []
    assert items[0].children[0].subject == "县级人力资源社会保障部门"


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_an_unknown_header_is_named_with_the_nearest_known_column(suffix):
    upper, lower = header_rows(
        ["全社会", "特定的群体"], ["主动", "依申请"], ["县级", "乡级", "村级"]
    )
    rows = [upper, lower, *employment_rows(["√", "", "√", "", "√", "", ""])]
    with translation.override("zh-hans"):
        _items, errors = read(build(suffix, rows), suffix)
        messages = [str(error) for error in errors]
    assert messages == [
        "第1行：未知表头“公开对象：特定的群体”，是否指“公开对象：特定群体”？"
    ]
    # A header near no known column, with a required column really missing.
    upper, lower = header_rows(["全社会"], ["主动", "依申请"], ["县级", "乡级", "村级"])
    rows = [upper, lower, *employment_rows(["√", "√", "", "√", "", ""])]
    with translation.override("zh-hans"):
        _items, errors = read(build(suffix, rows), suffix)
    assert [e.message for e in errors] == ["表头中缺少“公开对象：特定群体”列。"]


def test_a_county_copy_matches_the_standard_it_republishes(demo):
    upper, lower = header_rows(
        ["全社会", "特定群众"], ["主动公开", "依申请公开"], ["县级", "乡、村级"]
    )
    rows = [upper, lower, *employment_rows(["√", "", "√", "", "√", "√"])]
    items, errors = read(
        xlsx(rows, title="腾冲市就业领域基层政务公开标准目录"), ".xlsx"
    )
    assert errors == []
    plan = local_catalog_import_plan(
        organisation=Organisation.objects.get(code="410225-hrss"),
        standard=standard_in_force("employment"),
        data=CatalogData(domain_key="employment", title="腾冲市", items=items),
    )
    assert plan.errors == []
    assert [str(row) for row in plan.rows if row.action != MATCHED] == []
    assert {str(row) for row in plan.of(MATCHED)} >= {
        "1 就业信息服务",
        "1.1 就业政策法规咨询",
        "1.2 岗位信息发布",
    }
