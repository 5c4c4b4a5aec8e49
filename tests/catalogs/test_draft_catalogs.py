"""A draft standard catalog is not public (issue 15): not its page, its items, the
list, the API or the sitemap (one rule: ``public_catalog_q``)."""

import pytest

from catalogs.models import Catalog, CatalogKind, CatalogStatus, Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    in_force = Catalog.objects.get(key="employment", status=CatalogStatus.IN_FORCE)
    catalog = Catalog.objects.create(
        key="employment",
        version=in_force.version + 1,
        kind=CatalogKind.STANDARD,
        status=CatalogStatus.DRAFT,
        domain=in_force.domain,
        title="草稿标准目录（未发布）",
    )
    item = Item.objects.create(catalog=catalog, level=1, code="1", name="草稿一级事项")
    return catalog, item


def test_the_draft_standards_page_and_item_are_404s(client, draft):
    catalog, item = draft
    assert client.get(f"/catalogs/employment/v{catalog.version}/").status_code == 404
    assert client.get(f"/catalogs/items/{item.pk}/").status_code == 404
    assert client.get("/catalogs/employment/v1/").status_code == 200


def test_the_list_and_the_api_leave_it_out(client, draft):
    catalog, item = draft
    assert "草稿标准目录" not in client.get("/catalogs/").content.decode()
    listed = client.get("/api/v1/catalogs/?kind=standard&page_size=100").json()
    assert all(
        c["version"] != catalog.version or c["key"] != "employment"
        for c in listed["results"]
    )
    assert listed["count"] >= 1
    one = client.get(f"/api/v1/catalogs/employment/v{catalog.version}/")
    assert one.status_code == 404
    assert client.get(f"/api/v1/items/{item.pk}/").status_code == 404


def test_the_sitemap_leaves_it_out(client, draft):
    catalog, item = draft
    catalogs = client.get("/sitemap-catalogs.xml")
    items = client.get("/sitemap-catalog-items.xml")
    assert catalogs.status_code == items.status_code == 200
    assert f"/catalogs/employment/v{catalog.version}/" not in catalogs.content.decode()
    assert "/catalogs/employment/v1/" in catalogs.content.decode()
    assert f"/catalogs/items/{item.pk}/" not in items.content.decode()


def test_a_draft_is_not_public_in_hand(draft):
    catalog, _item = draft
    assert not catalog.is_public
    assert not Catalog.objects.public().filter(pk=catalog.pk).exists()
