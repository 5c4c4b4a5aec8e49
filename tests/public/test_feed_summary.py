"""The Atom feed sends a publication's plain-text body as text (issue 15): markup in
it reaches a feed reader as letters, never as a live ``<img onerror>``."""

from xml.etree import ElementTree

import pytest

from .conftest import COUNTY, make_publication

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '名单如下。<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_a_body_with_markup_is_a_text_summary(site, client):
    make_publication("低保名单公示（测试）", body=HOSTILE, days_ago=0)
    feed = ElementTree.fromstring(client.get(f"/feeds/r/{COUNTY}.atom").content)
    entry = next(
        e
        for e in feed.iter(f"{ATOM}entry")
        if e.find(f"{ATOM}title").text == "低保名单公示（测试）"
    )
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == HOSTILE  # the letters, escaped once in the XML
    assert list(summary) == []
