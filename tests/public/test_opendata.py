"""Open data: the JSON API against its schema, Atom feeds, and the sitemap."""

import re
from datetime import datetime
from xml.etree import ElementTree

import jsonschema
import pytest

from .conftest import COUNTY, VILLAGE

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

PAGE = {
    "type": "object",
    "required": ["count", "page", "pages", "next", "previous", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "pages": {"type": "integer", "minimum": 0},
        "next": {"type": ["string", "null"]},
        "previous": {"type": ["string", "null"]},
        "results": {"type": "array"},
    },
    "additionalProperties": False,
}
REGION = {
    "type": "object",
    "required": ["code", "name", "level", "parent", "url", "api"],
    "properties": {
        "code": {"type": "string", "pattern": "^[0-9]{2,12}$"},
        "level": {"enum": ["province", "city", "county", "township", "village"]},
        "parent": {"type": ["string", "null"]},
    },
}
CATALOG = {
    "type": "object",
    "required": [
        "key",
        "version",
        "kind",
        "status",
        "domain",
        "title",
        "url",
        "api",
        "items",
    ],
    "properties": {
        "kind": {"enum": ["standard", "local"]},
        "status": {"enum": ["in_force", "superseded"]},
        "version": {"type": "integer"},
    },
}
ITEM = {
    "type": "object",
    "required": [
        "id",
        "catalog",
        "level",
        "name",
        "content",
        "legal_bases",
        "levels",
        "url",
    ],
    "properties": {"level": {"enum": [1, 2, 3]}, "content": {"type": "array"}},
}
PUBLICATION = {
    "type": "object",
    "required": [
        "id",
        "title",
        "kind",
        "level",
        "region",
        "organisation",
        "domain",
        "item",
        "formed_on",
        "due_on",
        "due_on_provisional",
        "published_at",
        "validity",
        "index_number",
        "document_number",
        "written_on",
        "topic",
        "url",
        "api",
    ],
    "properties": {
        "level": {"enum": ["county", "township", "village"]},
        "index_number": {"type": ["string", "null"]},
        "document_number": {"type": ["string", "null"]},
        "written_on": {"type": ["string", "null"], "format": "date"},
        "due_on": {"type": "string", "format": "date"},
        "due_on_provisional": {"type": "boolean"},
        "validity": {"enum": ["valid", "amended", "abolished", "expired"]},
    },
}


BODY = {
    "type": "object",
    "required": ["code", "name", "region", "url", "api"],
}
COLUMN = {
    "type": "object",
    "required": [*BODY["required"], "guide", "catalogs", "annual_reports", "apply"],
    "properties": {
        "guide": {
            "type": "object",
            "required": ["office", "hours", "how_to_apply", "rules"],
        },
        "catalogs": {"type": "array", "items": CATALOG},
        "annual_reports": {
            "type": "array",
            "items": {"required": ["year", "version", "published_at", "url"]},
        },
    },
}


def valid(instance, schema):
    jsonschema.validate(instance, schema)


def page_of(schema):
    return {
        **PAGE,
        "properties": {
            **PAGE["properties"],
            "results": {"type": "array", "items": schema},
        },
    }


def test_every_endpoint_answers_to_its_schema(site, client):
    root = client.get("/api/v1/").json()
    assert set(root) == {
        "regions",
        "catalogs",
        "publications",
        "consultations",
        "corrections",
        "bodies",
    }
    bodies = client.get(f"/api/v1/bodies/?region={COUNTY}").json()
    valid(bodies, page_of(BODY))
    valid(client.get(bodies["results"][0]["api"]).json(), COLUMN)
    valid(client.get("/api/v1/regions/?level=village").json(), page_of(REGION))
    detail = client.get(f"/api/v1/regions/{COUNTY}/").json()
    valid(detail, REGION)
    assert {c["domain"] for c in detail["catalogs"]} >= {"employment", "social_relief"}
    catalogs = client.get(f"/api/v1/catalogs/?region={COUNTY}").json()
    valid(catalogs, page_of(CATALOG))
    first = catalogs["results"][0]
    valid(client.get(first["api"]).json(), CATALOG)
    items = client.get(first["items"] + "?page_size=5").json()
    valid(items, page_of(ITEM))
    assert items["next"] and "page=2" in items["next"]
    valid(client.get(f"/api/v1/items/{items['results'][0]['id']}/").json(), ITEM)
    publications = client.get(f"/api/v1/publications/?region={VILLAGE}").json()
    valid(publications, page_of(PUBLICATION))
    assert publications["count"] >= 1
    one = client.get(publications["results"][0]["api"]).json()
    valid(
        one,
        {**PUBLICATION, "required": PUBLICATION["required"] + ["attachments", "text"]},
    )
    assert client.get("/api/v1/publications/?q=低保").json()["count"] >= 1


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("page=999", 404, "没有第999页：页码为1至"),
        ("page=0", 400, "“page”必须是1至2147483647之间的整数，而不是“0”"),
        ("page=abc", 400, "而不是“abc”"),
        ("page_size=1000", 400, "“page_size”必须是1至100之间的整数"),
        ("page=-1", 400, "而不是“-1”"),
        # str.isdigit() accepts superscripts, int() does not (issue 15).
        ("page=²", 400, "而不是“²”"),
        ("page_size=²", 400, "“page_size”必须是1至100之间的整数"),
        ("page=99999999999999999999999", 400, "“page”必须是1至2147483647"),
        ("page_size=99999999999999999999999", 400, "而不是“99999999999999999999"),
    ],
)
def test_bad_pagination_is_answered_in_json(site, client, query, status, message):
    response = client.get(f"/api/v1/regions/?{query}")  # open data speaks Chinese
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status and message in error["message"]


@pytest.mark.parametrize("item", ["²", "99999999999999999999999", "１２", "2147483648"])
def test_a_malformed_or_huge_item_is_a_400(site, client, item):
    for q in ["", "&q=低保"]:
        response = client.get(f"/api/v1/publications/?item={item}{q}")
        assert response.status_code == 400, (item, q)
        assert (
            "“item”必须是1至2147483647之间的整数" in response.json()["error"]["message"]
        )


def test_unknown_objects_are_json_404s(site, client):
    for url in [
        "/api/v1/regions/999999/",
        "/api/v1/items/99999999/",
        "/api/v1/publications/99999999/",
        "/api/v1/catalogs/nope/v1/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"]["status"] == 404


def test_feeds_are_valid_atom(site, client):
    for url in [
        f"/feeds/r/{COUNTY}.atom",
        f"/feeds/r/{VILLAGE}.atom",
        "/feeds/d/social_relief.atom",
    ]:
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ElementTree.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{name}") is not None, name
        entries = feed.findall(f"{ATOM}entry")
        assert entries, url
        for entry in entries:
            for name in ("id", "title", "updated", "author"):
                assert entry.find(f"{ATOM}{name}") is not None, name
            assert entry.find(f"{ATOM}link").get("href").startswith("http")
            datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    assert client.get("/feeds/r/999999.atom").status_code == 404
    assert client.get("/feeds/d/nope.atom").status_code == 404


def test_every_page_in_the_sitemap_answers_200(site, client):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert len(sections) >= 5
    urls = []
    for section in sections:
        path = re.sub(r"^https?://[^/]+", "", section)
        tree = ElementTree.fromstring(client.get(path).content)
        urls += [
            re.sub(r"^https?://[^/]+", "", loc.text)
            for loc in tree.iter(f"{SITEMAP}loc")
        ]
    assert len(urls) > 100
    assert any(u.startswith("/p/") for u in urls)
    assert any("/items/" in u and u.startswith("/r/") for u in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content.decode()[-3000:])
