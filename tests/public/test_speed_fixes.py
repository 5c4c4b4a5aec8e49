"""The public side's speed fixes (docs/performance.md, "Public pages"): same answers,
cheaper queries."""

import importlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from disclosure.models import Publication, SearchEntry
from disclosure.public import places, views
from disclosure.public.rules import public_publications
from disclosure.public.search import index
from disclosure.public.search.publications import Filters, entries
from disclosure.public.search.query import search
from disclosure.services import publication_withdraw
from portal.models import Region

from .conftest import COUNTY, DIBAO_NOTICE, TOWNSHIP, VILLAGE, make_publication


@pytest.fixture
def notice(site):
    return Publication.objects.get(title=DIBAO_NOTICE)


# 1. Search ranking: now tests/public/test_search.py (the search package).


# 2. The county code on the search index.


def test_entries_carry_their_county_wherever_they_are_written(notice):
    fresh = make_publication("张庄村新公示")
    entry = SearchEntry.objects.get(publication=fresh)
    assert (entry.region_code, entry.county) == (VILLAGE, COUNTY)
    assert not SearchEntry.objects.exclude(county=COUNTY).filter(
        region_code__startswith=COUNTY
    )
    before = {e.publication_id: e.county for e in SearchEntry.objects.all()}
    assert index.rebuild_index() == len(before)
    assert {e.publication_id: e.county for e in SearchEntry.objects.all()} == before
    assert all(
        e.county == e.region_code[:6] and e.county for e in SearchEntry.objects.all()
    )


def test_the_migration_fills_the_county_of_existing_entries(notice):
    SearchEntry.objects.update(county="")
    migration = importlib.import_module("disclosure.migrations.0003_searchentry_county")
    migration.fill_county(apps, None)
    assert all(e.county == e.region_code[:6] for e in SearchEntry.objects.all())
    assert SearchEntry.objects.filter(county=COUNTY).exists()


def old_recent(region: Region, limit: int = 10) -> list[int]:
    ids = list(
        SearchEntry.objects.filter(region_code__startswith=region.code)
        .order_by("-published_at", "-publication_id")
        .values_list("publication_id", flat=True)[:limit]
    )
    return list(
        public_publications()
        .filter(pk__in=ids)
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)
    )


def test_recent_publications_are_the_same_at_every_level(notice):
    for n in range(12):
        make_publication(f"张庄村第{n}号公示", days_ago=n)
        make_publication(f"东坝头镇第{n}号通知", org="410225104-gov", level="township")
    make_publication("兰考县通知", org="410225-mca", level="county")
    for code in (COUNTY, TOWNSHIP, VILLAGE):
        region = Region.objects.get(code=code)
        with CaptureQueriesContext(connection) as queries:
            recent = [p.pk for p in places.recent_at(region)]
        assert len(queries) == 2
        assert recent == old_recent(region), code
        assert len(recent) == 10
    assert places.recent_at(Region.objects.get(code="4102")) == []
    # Another county's entries never show.
    assert places.recent_at(Region.objects.get(code="410221")) == []


def test_recent_publications_read_the_county_time_index(site):
    if connection.vendor != "sqlite":
        pytest.skip("the plan checked here is SQLite's")
    for code in (COUNTY, VILLAGE):
        plan = (
            places.entries_at(Region.objects.get(code=code))
            .order_by("-published_at", "-publication_id")
            .values_list("publication_id", flat=True)[:10]
            .explain()
        )
        assert "search_county_time" in plan, plan
        # Read in time order: at most ties in time are sorted (by publication).
        assert "TEMP B-TREE FOR ORDER BY" not in plan.upper(), plan


def test_a_place_above_the_counties_reads_its_entries_newest_first(notice, client):
    for n in range(3):
        make_publication(f"张庄村第{n}号公示", days_ago=n)
    for code in ("41", "4102", COUNTY, VILLAGE):
        region = Region.objects.get(code=code)
        entries = list(
            places.entries_at(region)
            .order_by("-published_at", "-publication_id")
            .values_list("publication_id", flat=True)
        )
        assert entries == old_recent(region, limit=1000), code
        feed = client.get(f"/feeds/r/{code}.atom").content.decode()
        assert f"/p/{entries[0]}/" in feed, code
    if connection.vendor == "sqlite":
        plan = (
            places.entries_at(Region.objects.get(code="41"))
            .order_by("-published_at", "-publication_id")[:50]
            .explain()
        )
        assert "search_time" in plan, plan


def test_searching_a_place_filters_by_its_county_too(site):
    make_publication("兰考县最低生活保障标准调整", org="410225-mca", level="county")
    column = '."county" = '  # the entry's county, not an item's level_county
    assert column in str(entries(Filters(region=VILLAGE)).query)
    assert column not in str(entries(Filters(region="4102")).query)
    found = search("低保", Filters(region=VILLAGE)).publications[0:20]
    assert DIBAO_NOTICE in [p.title for p in found]
    assert search("低保", Filters(region="410221")).publications[0:20] == []


# 3. The publication page's interpretations.


def test_a_publication_lists_its_public_interpretations_newest_first(notice, client):
    shown = [
        make_publication(f"关于低保公示的解读{n}", interpretation_of=notice)
        for n in range(12)
    ]
    make_publication("解读草稿", interpretation_of=notice, status="draft")
    make_publication("已撤回的解读", interpretation_of=notice, status="withdrawn")
    make_publication("另一条公示")
    response = client.get(f"/p/{notice.pk}/")
    assert response.status_code == 200
    listed = [p.pk for p in response.context["interpretations"]]
    assert listed == [p.pk for p in sorted(shown, key=lambda p: -p.pk)][:10]
    assert "解读草稿" not in response.content.decode()
    assert "已撤回的解读" not in response.content.decode()


# 4. A publication's county, kept: a conditional GET costs one query.


def test_the_publication_county_is_looked_up_once(notice):
    with CaptureQueriesContext(connection) as queries:
        assert views.publication_scope(pk=notice.pk) == COUNTY
    assert len(queries) == 1
    assert cache.get(f"public-publication-county:{notice.pk}") == COUNTY
    with CaptureQueriesContext(connection) as queries:
        assert views.publication_scope(pk=notice.pk) == COUNTY
    assert len(queries) == 0


def test_a_publication_that_is_not_public_is_not_kept(site):
    draft = make_publication("草稿", status="draft")
    for _ in range(2):
        with pytest.raises(Http404):
            views.publication_scope(pk=draft.pk)
    assert cache.get(f"public-publication-county:{draft.pk}") is None


def test_a_conditional_get_of_a_publication_costs_one_query(notice, client):
    url = f"/p/{notice.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert len(queries) == 1, [q["sql"] for q in queries]  # the cache version
    publication_withdraw(
        publication=notice, user=notice.author, reason="公示有误，撤回更正。"
    )
    assert cache.get(f"public-publication-county:{notice.pk}") == COUNTY
    # Its tombstone (410, with the reason), never the page kept before.
    assert client.get(url).status_code == 410
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 410
    cache.clear()
    assert client.get(url).status_code == 410


def test_interpretations_are_read_through_the_partial_index(notice):
    if connection.vendor != "sqlite":
        pytest.skip("the plan checked here is SQLite's")
    for n in range(30):
        make_publication(f"张庄村第{n}号公示", days_ago=n)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # every row interprets nothing: one value, NULL
    plan = (
        public_publications()
        .filter(interpretation_of=notice)
        .order_by("-pk")[:10]
        .explain()
    )
    assert "publication_interprets" in plan, plan
