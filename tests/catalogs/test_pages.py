"""Public catalog pages: counts beside declarations, the official table, provenance."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from catalogs.models import Catalog, CatalogKind, Channel, Item
from tests import factories

pytestmark = pytest.mark.django_db

BOX = '<span class="box" aria-hidden="true">{}</span>'


def english(name, **kwargs):
    """The English page's address, so the assertions do not follow the zh catalog."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def catalog_url(catalog):
    return english("catalogs:catalog", key=catalog.key, version=catalog.version)


def item_url(item):
    return english("catalogs:item", pk=item.pk)


def present(catalog, level):
    return catalog.items.filter(level=level).count()


@pytest.mark.parametrize(
    "key",
    ["employment", "social_insurance", "social_relief_henan", "elderly_care_henan"],
)
def test_the_list_shows_declared_beside_present_counts(client, key):
    catalog = Catalog.objects.get(key=key)

    html = client.get(english("catalogs:index")).content.decode()

    assert catalog.title in html
    for level, name, declared in [
        (1, "first", catalog.expected_level1),
        (2, "second", catalog.expected_level2),
    ]:
        if declared is None:
            expected = f"{present(catalog, level)} {name}-level items recorded; the number declared is unknown"
        else:
            expected = (
                f"{present(catalog, level)} of {declared} {name}-level items recorded"
            )
        assert expected in html


def test_the_employment_catalog_declares_25_second_level_items(client):
    employment = Catalog.objects.get(key="employment")

    html = client.get(english("catalogs:index")).content.decode()

    assert f"{present(employment, 2)} of 25 second-level items recorded" in html
    assert employment.document_no in html
    assert "2019-06-03" in html


def test_a_catalog_short_of_its_declared_counts_says_so(client):
    for catalog in Catalog.objects.filter(kind=CatalogKind.STANDARD):
        html = client.get(catalog_url(catalog)).content.decode()
        short = (
            catalog.expected_level1 is not None
            and present(catalog, 1) < catalog.expected_level1
        ) or (
            catalog.expected_level2 is not None
            and present(catalog, 2) < catalog.expected_level2
        )
        assert ("Incomplete catalog" in html) == short, catalog.key
        if not short and catalog.expected_level2 is None:
            assert "Completeness not known" in html


def test_the_catalog_page_lays_out_every_row_like_the_official_table(client):
    catalog = Catalog.objects.get(key="employment")
    items = list(catalog.items.all())
    official = Channel.objects.filter(official=True).count()

    html = client.get(catalog_url(catalog)).content.decode()

    for item in items:
        assert f'href="{item_url(item)}"' in html
    for first in (i for i in items if i.level == 1):
        rows = [
            i
            for i in items
            if i.parent_id == first.pk or (i.parent and i.parent.parent_id == first.pk)
        ]
        if rows:
            assert f'rowspan="{len(rows)}"' in html
    childless = [i for i in items if i.level == 1 and not i.children.exists()]
    assert html.count("No second-level items are recorded yet") == len(childless)
    rows = [i for i in items if i.level > 1]
    ticked = sum(len(i.channels) for i in rows)
    assert html.count(BOX.format("■")) == ticked
    assert html.count(BOX.format("□")) == len(rows) * official - ticked
    assert 'scope="colgroup"' in html
    assert "Village level" in html


def test_ticks_and_unknown_values_are_visible(client):
    catalog = Catalog.objects.get(key="elderly_care_henan")

    html = client.get(catalog_url(catalog)).content.decode()

    assert "√" in html
    assert 'class="unknown"' in html
    assert "Village level" not in html  # elderly care has no village level


def test_the_item_page_shows_columns_and_provenance(client):
    item = (
        Item.objects.filter(level=2).exclude(sources=[]).exclude(uncertain=[]).first()
    )

    html = client.get(item_url(item)).content.decode()

    assert item.name in html
    assert item.time_limit_text in html
    for url in item.sources:
        assert f'<a href="{url}" rel="nofollow noopener">' in html
    for basis in item.bases.all():
        assert basis.title in html
    assert "Uncertain fields" in html
    assert "※" in html
    if isinstance(item.evidence, dict) and item.evidence:
        assert str(next(iter(item.evidence.values())))[:20] in html
    if item.time_limit_amount:
        assert f"{item.time_limit_amount} working days" in html


def test_unknown_catalogs_and_items_are_404(client):
    employment = Catalog.objects.get(key="employment")
    assert (
        client.get(english("catalogs:catalog", key="nope", version=1)).status_code
        == 404
    )
    assert (
        client.get(
            english("catalogs:catalog", key="employment", version=99)
        ).status_code
        == 404
    )
    assert client.get(english("catalogs:item", pk=10**9)).status_code == 404
    local = Catalog.objects.create(
        key="local-employment",
        kind=CatalogKind.LOCAL,
        domain=employment.domain,
        title="本地目录",
        organisation=factories.organisation(),
    )
    item = Item.objects.create(catalog=local, level=1, name="本地事项")
    assert client.get(catalog_url(local)).status_code == 404
    assert client.get(item_url(item)).status_code == 404


def test_the_catalog_page_query_count_does_not_grow_with_the_catalog(client):
    small = Catalog.objects.get(key="elderly_care_henan")
    large = Catalog.objects.get(key="social_insurance")
    assert large.items.count() > 2 * small.items.count()

    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(catalog_url(small)).status_code == 200
    with CaptureQueriesContext(connection) as large_queries:
        assert client.get(catalog_url(large)).status_code == 200

    # Five to render, one for the page cache's version (issue 15).
    assert len(small_queries) == len(large_queries) <= 6


def test_list_and_item_pages_use_few_queries(client, django_assert_max_num_queries):
    item = Item.objects.filter(level=2).first()
    # Each budget includes the page cache's version read (issue 15).
    with django_assert_max_num_queries(2):
        client.get(english("catalogs:index"))
    with django_assert_max_num_queries(5):
        client.get(item_url(item))


def test_markup_in_data_is_escaped(client):
    employment = Catalog.objects.get(key="employment")
    first = employment.items.filter(level=1).first()
    item = Item.objects.create(
        catalog=employment,
        parent=first,
        level=2,
        position=999,
        name="<script>alert('x')</script>",
        sources=["javascript:alert(1)"],
        evidence={"name": "<img src=x onerror=alert(1)>"},
    )

    for url in (catalog_url(employment), item_url(item)):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(" in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html


def test_the_default_page_is_chinese_and_accessible(client):
    html = client.get("/catalogs/").content.decode()

    assert '<html lang="zh-hans">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    # The language switch is a plain link (no form, no cookie) to the same page.
    assert '<a href="/en/catalogs/" lang="en" hreflang="en">' in html


def test_the_language_switcher_goes_to_the_english_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/catalogs/"})

    assert response.status_code == 302
    assert response["Location"] == "/en/catalogs/"
