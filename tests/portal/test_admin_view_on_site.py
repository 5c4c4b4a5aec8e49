"""The admin's "view on site" redirect is scoped (issue 15): another county's staff
learn neither which ids exist nor the keys of draft catalogs."""

import pytest
from django.contrib.contenttypes.models import ContentType

from catalogs.models import Catalog

pytestmark = pytest.mark.django_db


def url(obj_or_model, pk) -> str:
    return f"/admin/r/{ContentType.objects.get_for_model(obj_or_model).pk}/{pk}/"


@pytest.fixture
def drafts(demo_local_catalogs):
    return {
        "own": Catalog.objects.get(key="410225-hrss-employment"),
        "other": Catalog.objects.get(key="410221-hrss-employment"),
    }


def test_another_countys_draft_catalog_is_a_404(client, demo_local_catalogs, drafts):
    client.force_login(demo_local_catalogs["county_editor"])
    response = client.get(url(Catalog, drafts["other"].pk))
    assert response.status_code == 404
    assert "410221" not in response.content.decode()


def test_an_id_that_does_not_exist_answers_the_same_404(
    client, demo_local_catalogs, drafts
):
    client.force_login(demo_local_catalogs["county_editor"])
    for pk in [999999, "abc", "99999999999999999999999"]:
        assert client.get(url(Catalog, pk)).status_code == 404, pk
    assert client.get("/admin/r/999999/1/").status_code == 404


def test_ones_own_catalog_is_redirected_to_its_page(
    client, demo_local_catalogs, drafts
):
    client.force_login(demo_local_catalogs["county_editor"])
    response = client.get(url(Catalog, drafts["own"].pk))
    assert response.status_code == 302
    assert drafts["own"].key in response["Location"]


def test_a_citizen_is_sent_to_the_sign_in(client, drafts):
    response = client.get(url(Catalog, drafts["own"].pk))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
