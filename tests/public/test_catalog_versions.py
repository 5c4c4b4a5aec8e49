"""A county revises its catalog: publications follow their rows into version 2.

The Done-when scenario of issue 14: 兰考县's employment catalog in force with
publications at county, township and village level; version 2 starts from
version 1, omits one row that has publications, adds one, and is put in force.
"""

import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogs.local.derivation import item_add_supplement, item_omit
from catalogs.local.lifecycle import catalog_next_version, catalog_put_in_force
from catalogs.local.validation import catalog_validate
from catalogs.models import Catalog, CatalogStatus, Item
from catalogs.selectors import standard_in_force
from disclosure.models import Publication
from disclosure.public import places
from disclosure.public.search.publications import Filters
from disclosure.public.search.query import UNDER_ROW, search
from disclosure.reports.progress import Quarter, progress_report
from disclosure.selectors import items_without_publications, publishable_items
from portal.models import Organisation, Region

pytestmark = pytest.mark.django_db

KEY = "410225-hrss-employment"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
REASON = "本县已将此项并入综合窗口办理"
SUPPLEMENT = {
    "mode_proactive": True,
    "mode_on_request": False,
    "audience_public": True,
    "audience_specific": False,
    "level_county": True,
    "level_township": False,
    "level_village": False,
    "time_limit_text": "信息形成或变更之日起10个工作日内公开",
    "subject": "兰考县人力资源和社会保障局",
    "channels": ["gov-website"],
}


def public_employment():
    return list(
        Publication.objects.public()
        .filter(item__catalog__key=KEY)
        .select_related("item", "organisation__region")
        .order_by("pk")
    )


def page_counts(region, catalog):
    """Publications per row number on the place's catalog page, as it counts them."""
    counts = places.counts_by_row(region, catalog)
    return {
        item.code: counts.get(item.lineage, 0)
        for item in Item.objects.filter(catalog=catalog, omitted=False)
    }


def nothing_published(organisation):
    rows = items_without_publications(organisation).filter(catalog__key=KEY)
    return {item.code for item in rows}


def report_row(today):
    quarter = Quarter.of(today)
    rows = progress_report(
        province=Region.objects.get(code="41"), quarter=quarter, today=today
    )
    row = next(
        r for r in rows if r.county.code == "410225" and r.domain.key == "employment"
    )
    return row.published, row.on_time, row.overdue


@pytest.fixture
def revised(site):
    """Version 2 from version 1: one published row omitted, one row added, in force."""
    v1 = Catalog.objects.get(key=KEY, status=CatalogStatus.IN_FORCE)
    published = public_employment()
    assert len({p.item_id for p in published}) >= 2
    regions = {p.organisation.region for p in published}
    county_body = Organisation.objects.get(code="410225-hrss")
    today = timezone.localdate()
    before = {
        "pages": {r.code: page_counts(r, v1) for r in regions},
        "gaps": nothing_published(county_body),
        "report": report_row(today),
    }
    editor = site["county_editor"]
    v2 = catalog_next_version(
        organisation=county_body,
        standard=standard_in_force("employment"),
        decisions={},
        user=editor,
        reason="动态调整：第二版",
    )
    omitted_v1 = published[0].item
    omitted_v2 = Item.objects.get(catalog=v2, lineage=omitted_v1.lineage)
    item_omit(item=omitted_v2, reason=REASON, user=editor)
    parent = Item.objects.get(catalog=v2, pk=omitted_v2.parent_id)
    added = item_add_supplement(
        catalog=v2, parent=parent, name="零工市场岗位信息", columns=SUPPLEMENT
    )
    assert [f for f in catalog_validate(v2) if f.is_error] == []
    catalog_put_in_force(catalog=v2, user=editor, reason="印发第二版")
    return {
        "v1": v1,
        "v2": v2,
        "published": published,
        "regions": regions,
        "omitted": omitted_v1,
        "added": added,
        "before": before,
        "county_body": county_body,
        "today": today,
    }


def test_version_two_keeps_every_row_of_version_one(revised):
    v1, v2 = revised["v1"], revised["v2"]
    v1.refresh_from_db()
    assert v1.status == CatalogStatus.SUPERSEDED
    old = {i.lineage: i for i in Item.objects.filter(catalog=v1)}
    new = {i.lineage: i for i in Item.objects.filter(catalog=v2)}
    assert set(old) <= set(new)
    assert set(new) - set(old) == {revised["added"].lineage}
    for lineage, item in old.items():
        assert (new[lineage].code, new[lineage].name) == (item.code, item.name)


def test_every_place_counts_the_same_publications_under_each_row(revised):
    omitted = revised["omitted"].code
    for region in revised["regions"]:
        before = revised["before"]["pages"][region.code]
        expected = {code: n for code, n in before.items() if code != omitted}
        expected[revised["added"].code] = 0
        assert page_counts(region, revised["v2"]) == expected


def test_every_publication_shows_under_its_row_at_its_place(client, revised):
    for publication in revised["published"]:
        place = publication.organisation.region.code
        old_url = reverse(
            "public:item", kwargs={"code": place, "pk": publication.item_id}
        )
        response = client.get(old_url)
        if publication.item.lineage == revised["omitted"].lineage:
            assert response.status_code == 200
            assert "往期目录版本" in response.content.decode()
        else:
            successor = Item.objects.get(
                catalog=revised["v2"], lineage=publication.item.lineage
            )
            assert response.status_code == 301
            assert response["Location"] == reverse(
                "public:item", kwargs={"code": place, "pk": successor.pk}
            )
            response = client.get(response["Location"])
            assert response.status_code == 200
        assert publication.title in response.content.decode()


def test_the_omitted_rows_publications_show_under_earlier_catalog_version(
    client, revised
):
    omitted = revised["omitted"]
    under = [p for p in revised["published"] if p.item_id == omitted.pk]
    for region in {p.organisation.region for p in under}:
        response = client.get(
            reverse(
                "public:catalog", kwargs={"code": region.code, "domain": "employment"}
            )
        )
        page = response.content.decode()
        assert "往期目录版本" in page
        section = page[page.index('class="earlier-version"') :]
        link = reverse("public:item", kwargs={"code": region.code, "pk": omitted.pk})
        assert link in section
        here = sum(1 for p in under if p.organisation.region == region)
        assert (
            places.earlier_rows(
                revised["v2"], places.counts_by_row(region, revised["v2"])
            )[0].publication_count
            == here
        )


def test_the_dashboard_and_the_report_count_the_same_as_before(revised):
    before = revised["before"]
    gaps = nothing_published(revised["county_body"])
    expected = before["gaps"] - {revised["omitted"].code}
    expected.add(revised["added"].code)
    assert gaps == expected
    assert report_row(revised["today"]) == before["report"]


def test_publishers_see_only_the_version_in_force(revised):
    county_body = revised["county_body"]
    catalogs = {
        item.catalog_id
        for item in publishable_items(county_body).filter(catalog__key=KEY)
    }
    assert catalogs == {revised["v2"].pk}


def sitemap_urls(client) -> list[str]:
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = []
    for section in index.iter(f"{SITEMAP}loc"):
        path = re.sub(r"^https?://[^/]+", "", section.text)
        tree = ElementTree.fromstring(client.get(path).content)
        urls += [
            re.sub(r"^https?://[^/]+", "", loc.text)
            for loc in tree.iter(f"{SITEMAP}loc")
        ]
    return urls


def test_the_sitemap_lists_the_row_pages_in_force_only(client, revised):
    urls = set(sitemap_urls(client))
    v1_items = Item.objects.filter(catalog=revised["v1"])
    for item in v1_items:
        assert reverse("catalogs:item", kwargs={"pk": item.pk}) not in urls
    for item in Item.objects.filter(catalog=revised["v2"]):
        assert reverse("catalogs:item", kwargs={"pk": item.pk}) in urls
    omitted = revised["omitted"].lineage
    for publication in revised["published"]:
        place = publication.organisation.region.code
        old = reverse("public:item", kwargs={"code": place, "pk": publication.item_id})
        if publication.item.lineage == omitted:
            assert old in urls  # the newest page of a row no longer performed
            continue
        assert old not in urls
        current = Item.objects.get(
            catalog=revised["v2"], lineage=publication.item.lineage
        )
        assert reverse("public:item", kwargs={"code": place, "pk": current.pk}) in urls
    for url in urls:
        if url.startswith("/r/") and "/items/" in url:
            assert client.get(url).status_code == 200, url


def test_search_counts_publications_under_the_row_across_versions(revised):
    omitted = revised["omitted"].lineage
    kept = [p for p in revised["published"] if p.item.lineage != omitted]
    assert kept
    publication = kept[0]
    region = publication.organisation.region
    row = Item.objects.get(catalog=revised["v2"], lineage=publication.item.lineage)
    results = search(row.name, Filters(region=region.code), region=region)
    (found,) = [i for i in results.items if i.pk == row.pk]
    expected = places.counts_by_row(region, revised["v2"])[row.lineage]
    assert expected > 0
    assert found.published_count == expected
    assert publication.pk in {p.pk for p in found.published_here} or (
        len(found.published_here) == UNDER_ROW
    )


def test_the_api_lists_a_rows_publications_across_versions(client, revised):
    omitted = revised["omitted"].lineage
    publication = next(p for p in revised["published"] if p.item.lineage != omitted)
    row = Item.objects.get(catalog=revised["v2"], lineage=publication.item.lineage)
    response = client.get(f"/api/v1/publications/?item={row.pk}")
    assert response.status_code == 200
    listed = {entry["id"] for entry in response.json()["results"]}
    assert publication.pk in listed
