"""The public page cache answers pages rendered before early in the middleware chain."""

import pytest

from disclosure.models import Publication
from disclosure.public import views
from disclosure.services import publication_withdraw

from .conftest import COUNTY, DIBAO_NOTICE, VILLAGE

# Headers that differ between any two answers, or only a rendering sets.
VOLATILE = {"Date", "Set-Cookie", "X-Request-ID"}  # the id is per request


@pytest.fixture
def notice(site):
    return Publication.objects.get(title=DIBAO_NOTICE)


def urls(notice) -> list[str]:
    return [
        f"/r/{VILLAGE}/items/{notice.item_id}/",
        f"/en/r/{VILLAGE}/items/{notice.item_id}/",
        f"/p/{notice.pk}/",
        f"/r/{COUNTY}/",
        "/search/?q=低保",
        f"/feeds/r/{COUNTY}.atom",
    ]


def test_a_page_rendered_before_is_answered_before_authentication_runs(
    notice, client, monkeypatch
):
    for url in urls(notice):
        first = client.get(url)
        assert first.status_code == 200, url
        assert hasattr(first.wsgi_request, "user"), url  # the whole chain ran

    def must_not_render(*args, **kwargs):
        raise AssertionError("rendered")

    monkeypatch.setattr(views, "render", must_not_render)
    for url in urls(notice):
        again = client.get(url)
        assert again.status_code == 200, url
        assert not hasattr(again.wsgi_request, "user"), url  # answered early
        assert again.content == client.get(url).content, url


def test_early_answers_carry_the_same_headers_as_rendered_ones(notice, client):
    for url in urls(notice):
        rendered = client.get(url)
        early = client.get(url)
        assert not hasattr(early.wsgi_request, "user"), url
        assert early.content == rendered.content, url
        for name in set(rendered.headers) - VOLATILE:
            assert early.headers.get(name) == rendered.headers[name], (url, name)
        assert set(early.headers) - VOLATILE == set(rendered.headers) - VOLATILE
        assert early["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in early
        assert early["Content-Language"] == rendered["Content-Language"]


def test_an_early_304_needs_one_query(notice, client, django_assert_num_queries):
    url = f"/r/{VILLAGE}/items/{notice.item_id}/"
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):  # the cache version
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert not hasattr(again.wsgi_request, "user")


def test_a_withdrawn_publication_is_never_answered_from_the_cache(notice, client):
    url = f"/p/{notice.pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url).status_code == 200  # kept
    publication_withdraw(
        publication=notice, user=notice.author, reason="公示有误，撤回更正。"
    )
    gone = client.get(url)  # its tombstone: 410 and why, not the page kept
    assert gone.status_code == 410 and "公示有误，撤回更正。" in gone.text
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 410


def test_language_and_host_are_part_of_what_is_kept(notice, client):
    page = f"/r/{VILLAGE}/"
    chinese = client.get(page)
    english = client.get("/en" + page)
    assert chinese["Content-Language"] == "zh-hans"
    assert english["Content-Language"] == "en"
    assert chinese["ETag"] != english["ETag"]
    again = client.get("/en" + page, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert not hasattr(again.wsgi_request, "user")
    assert again.content == english.content
    assert again["Content-Language"] == "en"
    # Feeds write absolute links: another allowed host gets its own copy.
    feed = f"/feeds/r/{COUNTY}.atom"
    here = client.get(feed)
    other = client.get(feed, HTTP_HOST="localhost")
    assert other["ETag"] != here["ETag"]
    assert b"http://localhost/" in other.content
    assert b"http://localhost/" not in here.content


def test_only_safe_methods_are_answered_from_the_cache(notice, client):
    url = f"/r/{VILLAGE}/"
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 405
    assert hasattr(response.wsgi_request, "user")
