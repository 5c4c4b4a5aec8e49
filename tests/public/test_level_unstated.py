"""A row whose level the catalog leaves open (不详) is shown, marked, on the
level's public list, and named on the publisher's form instead of vanishing."""

import pytest
from django.urls import reverse

from catalogs.models import Item

from .conftest import COUNTY

pytestmark = pytest.mark.django_db

KEY = "410225-hrss-employment"


@pytest.fixture
def unstated(site):
    """1.1 就业政策法规咨询 with its township level left open, as the standard has it."""
    row = Item.objects.get(catalog__key=KEY, catalog__status="in_force", code="1.1")
    Item.objects.filter(pk=row.pk).update(level_township=None)
    return row


def rows_on(client, level):
    response = client.get(
        reverse("public:catalog", kwargs={"code": COUNTY, "domain": "employment"}),
        {"level": level},
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_township_list_shows_the_row_marked_unstated(client, unstated):
    page = rows_on(client, "township")
    assert "就业政策法规咨询" in page
    assert "公开层级不详" in page


def test_a_row_unticked_for_the_level_is_still_left_out(client, unstated):
    Item.objects.filter(pk=unstated.pk).update(level_township=False)
    page = rows_on(client, "township")
    assert "就业政策法规咨询" not in page
    assert "公开层级不详" not in page


def test_the_county_list_does_not_mark_a_stated_level(client, unstated):
    page = rows_on(client, "county")
    assert "就业政策法规咨询" in page
    assert "公开层级不详" not in page


def test_the_township_publisher_is_told_which_items_are_not_offered(
    client, site, unstated
):
    client.force_login(site["township_publisher"])
    response = client.get(reverse("disclosure:publication-create"))
    assert response.status_code == 200
    offered = response.context["form"].fields["item"].queryset
    assert not offered.filter(pk=unstated.pk).exists()
    page = response.content.decode()
    assert "目录未写明（不详）" in page
    notice = page.split("目录未写明（不详）", 1)[1].split("</div>", 1)[0]
    assert "1.1 就业政策法规咨询" in notice
