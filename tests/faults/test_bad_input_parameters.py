"""The typed part of the bad-input corpus against every number the open data and
the public pages take in their query string: a 400 or the page, never a 500
(issue 15: ``page=²`` and ``item=99999999999999999999999`` were 500s)."""

import pytest
from django.test import Client

from tests.corpus.values import VALUES

pytestmark = pytest.mark.django_db

NUMBERS = [
    "huge_number",
    "huger_number",
    "superscript_digit",
    "superscript_digits",
    "full_width_digits",
    "arabic_indic_digits",
    "past_integer",
    "negative_number",
    "word",
    "nul",
]
LISTS = ["/api/v1/regions/", "/api/v1/catalogs/", "/api/v1/publications/"]


@pytest.mark.parametrize("value", NUMBERS)
@pytest.mark.parametrize("parameter", ["page", "page_size"])
@pytest.mark.parametrize("url", LISTS)
def test_api_list_parameters_answer_400(url, parameter, value):
    response = Client(raise_request_exception=False).get(
        url, {parameter: VALUES[value]}
    )
    assert response.status_code == 400, (url, parameter, value)
    assert response.json()["error"]["status"] == 400


@pytest.mark.parametrize("value", NUMBERS)
@pytest.mark.parametrize("query", ["", "低保"])
def test_the_item_filter_answers_400(value, query):
    response = Client(raise_request_exception=False).get(
        "/api/v1/publications/", {"item": VALUES[value], "q": query}
    )
    assert response.status_code == 400, (value, query)


@pytest.mark.parametrize("value", NUMBERS)
@pytest.mark.parametrize(
    "url", ["/search/", "/catalogs/", "/r/410225/", "/feeds/d/social_relief.atom"]
)
def test_public_pages_never_answer_500(url, value):
    client = Client(raise_request_exception=False)
    for parameter in ("page", "region", "item", "level"):
        response = client.get(url, {parameter: VALUES[value], "q": "低保"})
        assert response.status_code < 500, (url, parameter, value)
