"""A new version of a standard catalog continues the rows of the one before: a
row with the same number and name shares its ``lineage`` (issue 14, point d)."""

import pytest

from catalogs.models import Catalog, Item
from catalogs.services import catalog_create_version
from tests.catalogs.layout.test_round_trip import read_back

pytestmark = pytest.mark.django_db


def lineages(catalog) -> dict:
    return {
        (item.level, item.code, item.name): item.lineage
        for item in Item.objects.filter(catalog=catalog)
    }


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_reimported_standard_continues_every_row(suffix):
    original = Catalog.objects.get(key="employment", version=1)
    copy = catalog_create_version(
        data=read_back(original, suffix), key="employment", status="draft"
    )
    before, after = lineages(original), lineages(copy)
    assert len(after) == len(before) > 5
    assert after == before


def test_a_changed_row_starts_its_own_lineage_and_the_others_continue():
    original = Catalog.objects.get(key="employment", version=1)
    data = read_back(original, ".xlsx")
    first = data.items[0]
    renamed = first.children[0]
    old_name = renamed.name
    renamed.name = "就业政策法规咨询与解读（新增内容）"
    copy = catalog_create_version(data=data, key="employment", status="draft")
    before, after = lineages(original), lineages(copy)
    new_row = (2, renamed.code, renamed.name)
    assert after[new_row] not in set(before.values())
    del after[new_row]
    del before[(2, renamed.code, old_name)]
    assert after == before
    assert len(set(Item.objects.filter(catalog=copy).values_list("lineage"))) == (
        copy.items.count()
    )
