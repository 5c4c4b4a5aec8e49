"""The /catalogs/ pages are cached like the other public pages (issue 15): validators,
Cache-Control, a 304 for a matching ETag, and a new ETag once what they show changes."""

import pytest
from django.test import Client

from catalogs.models import Catalog, CatalogStatus, Item

pytestmark = pytest.mark.django_db


def pages():
    standard = Catalog.objects.get(key="employment", status=CatalogStatus.IN_FORCE)
    item = standard.items.filter(level=2).first()
    return (
        standard,
        item,
        [
            "/catalogs/",
            f"/catalogs/employment/v{standard.version}/",
            f"/catalogs/items/{item.pk}/",
        ],
    )


def test_every_catalog_page_carries_validators_and_cache_control():
    _standard, _item, urls = pages()
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["ETag"].startswith('W/"'), url
        assert "Last-Modified" in response, url
        assert "public" in response["Cache-Control"], url
        assert "max-age=" in response["Cache-Control"], url
        again = Client().get(url, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304, url


def test_a_kept_page_costs_no_rendering(django_assert_max_num_queries):
    _standard, _item, urls = pages()
    for url in urls:
        Client().get(url)
        with django_assert_max_num_queries(1):  # the version, nothing else
            assert Client().get(url).status_code == 200


def test_a_changed_item_moves_the_pages_etag():
    standard, item, urls = pages()
    before = {url: Client().get(url)["ETag"] for url in urls}
    Item.objects.get(pk=item.pk).save()  # the signals move the versions
    item.name = item.name + "（修订）"
    item.save()
    for url in urls:
        response = Client().get(url)
        assert response["ETag"] != before[url], url
    assert "（修订）" in Client().get(urls[2]).content.decode()


def test_a_local_catalogs_page_is_cached_under_its_county(demo_catalogs):
    local = Catalog.objects.filter(kind="local", status=CatalogStatus.IN_FORCE).first()
    url = f"/catalogs/{local.key}/v{local.version}/"
    first = Client().get(url)
    assert first.status_code == 200
    assert (
        Client().get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    )
    compare = Client().get(url + "compare/")
    assert compare.status_code == 200 and compare["ETag"].startswith('W/"')
    row = local.items.filter(level=2).first()
    row.name = row.name + "（本地修订）"
    row.save()
    assert Client().get(url)["ETag"] != first["ETag"]
    assert "（本地修订）" in Client().get(url).content.decode()
