"""Comparing a local catalog with its standard, and two versions of a catalog."""

import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalogs.layout.rows import ItemData
from catalogs.local.comparison import FieldDifference, catalog_compare
from catalogs.local.derivation import (
    catalog_derive,
    item_add_sub_item,
    item_add_supplement,
    item_omit,
    item_update,
)
from catalogs.models import Item
from catalogs.reference import catalog_data_from_fixture
from catalogs.selectors import standard_in_force
from catalogs.services import catalog_create_version
from portal.audit import last_history_id
from portal.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def standard(db):
    return standard_in_force("elderly_care_henan")


@pytest.fixture
def local(demo, standard):
    return catalog_derive(
        organisation=Organisation.objects.get(code="410225-mca"), standard=standard
    )


def item(catalog, code):
    return Item.objects.get(catalog=catalog, code=code)


def test_a_fresh_local_catalog_matches_its_standard(standard, local):
    result = catalog_compare(standard, local)
    assert result.is_same
    assert len(result.matched) == standard.items.count()
    assert all(right.derived_from == left for left, right in result.matched)
    assert result.summary() == ("0 omitted, 0 restored, 0 added, 0 removed, 0 changed.")


def test_local_changes_against_the_standard(standard, local):
    omitted = item(local, "3.2")
    item_omit(item=omitted, reason="本县暂无评估机构")
    supplement = item_add_supplement(catalog=local, name="居家社区养老服务")
    sub = item_add_sub_item(parent=item(local, "2.3"), name="高龄津贴")
    changed = item(local, "2.1")
    item_update(
        item=changed,
        seen_history_id=last_history_id(changed),
        changes={
            "time_limit_text": "制定或获取备案政策之日起5个工作日内",
            "channels": ["gov-website", "door-to-door"],
        },
    )
    result = catalog_compare(standard, local)
    assert [right for _left, right in result.omitted] == [omitted]
    assert result.added == [supplement, sub]
    assert result.removed == []
    (difference,) = result.changed
    assert (difference.left, difference.right) == (item(standard, "2.1"), changed)
    assert difference.differences == [
        FieldDifference(
            "time_limit_text",
            "time limit (as worded)",
            "制定或获取备案政策之日起10个工作日内",
            "制定或获取备案政策之日起5个工作日内",
        ),
        FieldDifference(
            "channels",
            "channels",
            ["政府网站", "政务服务中心"],
            ["政府网站", "入户/现场"],
        ),
    ]


def test_the_other_way_round_supplements_are_removed(standard, local):
    supplement = item_add_supplement(catalog=local, name="居家社区养老服务")
    result = catalog_compare(local, standard)
    assert result.removed == [supplement]
    assert result.added == []


def test_two_versions_match_by_number_then_by_name(standard):
    path = settings.FIXTURES_DIR / "catalogs" / "elderly_care_henan.json"
    fixture = json.loads(path.read_text(encoding="utf-8"))
    data = catalog_data_from_fixture(fixture)
    renamed = data.items[0].children[0]
    renamed.name = "养老服务相关法律法规和政策文件"  # same number, new name
    renumbered = data.items[1].children[2]
    renumbered.code = ""  # same name, number dropped
    renumbered.time_limit_text = "制定或获取补贴政策之日起7个工作日内"
    data.items[2].children.pop()  # 3.2 dropped
    data.items[2].children.append(ItemData(name="养老机构等级评定结果", code="3.3"))
    newer = catalog_create_version(data=data, key=standard.key)
    result = catalog_compare(standard, newer)
    assert [i.name for i in result.removed] == ["养老机构评估信息"]
    assert [i.name for i in result.added] == ["养老机构等级评定结果"]
    by_code = {d.left.code: d for d in result.changed}
    assert set(by_code) == {"1.1", "2.3"}
    assert [(d.field, d.new) for d in by_code["1.1"].differences] == [
        ("name", "养老服务相关法律法规和政策文件")
    ]
    assert [d.field for d in by_code["2.3"].differences] == [
        "code",
        "time_limit_text",
    ]


def test_comparison_queries_do_not_grow_with_the_catalog(demo):
    counts = []
    for key, org in (
        ("elderly_care_henan", "410225-mca"),
        ("social_insurance", "410225-hrss"),
    ):
        standard = standard_in_force(key)
        local = catalog_derive(
            organisation=Organisation.objects.get(code=org), standard=standard
        )
        with CaptureQueriesContext(connection) as queries:
            catalog_compare(standard, local)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 5
