"""Validators, 304s without rendering, invalidation, and query counts flat in the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disclosure.models import Publication
from disclosure.public import views
from disclosure.services import publication_withdraw

from .conftest import COUNTY, DIBAO_NOTICE, TOWNSHIP, VILLAGE, make_publication


def pages(site_item) -> list[str]:
    return [
        "/",
        f"/r/{COUNTY}/",
        f"/r/{VILLAGE}/",
        f"/r/{VILLAGE}/social_relief/",
        f"/r/{VILLAGE}/items/{site_item}/",
        f"/p/{Publication.objects.get(title=DIBAO_NOTICE).pk}/",
        "/search/?q=低保",
        f"/feeds/r/{COUNTY}.atom",
        "/api/v1/publications/",
        "/sitemap.xml",
    ]


@pytest.fixture
def notice(site):
    return Publication.objects.get(title=DIBAO_NOTICE)


def test_public_pages_carry_validators_and_no_cookies(notice, client):
    for url in pages(notice.item_id):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["ETag"].startswith('W/"'), url
        assert "Last-Modified" in response, url
        assert "public" in response["Cache-Control"], url
        assert "max-age=" in response["Cache-Control"], url
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url


def test_a_conditional_get_is_answered_304_without_rendering(
    notice, client, monkeypatch
):
    url = f"/r/{VILLAGE}/items/{notice.item_id}/"
    first = client.get(url)

    def must_not_render(*args, **kwargs):
        raise AssertionError("rendered")

    monkeypatch.setattr(views, "render", must_not_render)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert len(queries) == 1  # the cache version
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # A repeat without validators is served from the rendered copy.
    assert client.get(url).content == first.content


@pytest.mark.parametrize(
    "header",
    ["garbage", '"unterminated', "W/", '"' + "x" * 5000 + '"', "*, ,,", "\u4f4e\u4fdd"],
)
def test_a_malformed_if_none_match_gets_the_page(notice, client, header):
    response = client.get(f"/r/{VILLAGE}/", HTTP_IF_NONE_MATCH=header)
    assert response.status_code in (200, 304)
    if header.startswith("*"):
        return  # "*" matches any current representation: 304 is right
    assert response.status_code == 200


def test_publishing_and_withdrawing_move_the_validators_of_that_county_only(
    notice, client
):
    village = client.get(f"/r/{VILLAGE}/")
    other = client.get("/r/410221/")
    publication_withdraw(
        publication=notice, user=notice.author, reason="公示有误，撤回更正。"
    )
    after = client.get(f"/r/{VILLAGE}/", HTTP_IF_NONE_MATCH=village["ETag"])
    assert after.status_code == 200
    assert DIBAO_NOTICE not in after.content.decode()
    assert client.get("/r/410221/", HTTP_IF_NONE_MATCH=other["ETag"]).status_code == 304
    fresh = make_publication("张庄村新公示")
    shown = client.get(f"/r/{VILLAGE}/", HTTP_IF_NONE_MATCH=after["ETag"])
    assert shown.status_code == 200
    assert fresh.title in shown.content.decode()


def query_counts(urls, client) -> list[int]:
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts.append(len(queries))
    return counts


def test_query_counts_do_not_grow_with_the_data(notice, client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # measure rendering, not the copy
    from django.core.cache import cache

    cache.clear()
    urls = pages(notice.item_id)
    before = query_counts(urls, client)
    for n in range(25):
        make_publication(f"张庄村第{n}号公示", days_ago=n)
        make_publication(f"东坝头镇第{n}号通知", org="410225104-gov", level="township")
    cache.clear()
    after = query_counts(urls, client)
    assert before == after, list(zip(urls, before, after, strict=True))
    # quality.md: at most 10 for the item, catalog, region and publication pages
    assert max(after[1:6]) <= 10, list(zip(urls, after, strict=True))


def test_stale_copies_are_never_served_after_a_change(notice, client):
    url = f"/p/{notice.pk}/"
    assert client.get(url).status_code == 200
    Publication.objects.filter(pk=notice.pk)  # no-op read
    notice.title = "更正后的标题"
    notice.updated_at = timezone.now()
    notice.save()
    assert "更正后的标题" in client.get(url).content.decode()
    assert client.get(f"/r/{TOWNSHIP}/").status_code == 200
