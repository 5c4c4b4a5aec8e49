"""The admin's publication list at a province's scale: sorted by indexed columns only."""

from datetime import date

import pytest
from django.urls import reverse

from disclosure.services import publication_create
from portal.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_publication_list_is_not_sorted_by_a_column_without_an_index(
    client, lankao, dibao_item
):
    publication_create(
        user=lankao["village_publisher"],
        organisation=Organisation.objects.get(code="410225104201-vc"),
        item=dibao_item,
        title="公示",
        body="",
        formed_on=date(2025, 9, 26),
        kind="other",
    )
    client.force_login(lankao["site_admin"])
    url = reverse("admin:disclosure_publication_changelist")
    by_organisation = client.get(url, {"o": "2"})  # the organisation column
    assert by_organisation.status_code == 200
    ordering = by_organisation.context["cl"].queryset.query.order_by
    assert not any("organisation" in str(o) for o in ordering), ordering
    by_formed = client.get(url, {"o": "-5"})  # formed_on: indexed
    ordering = by_formed.context["cl"].queryset.query.order_by
    assert any("formed_on" in str(o) for o in ordering), ordering
    # The column headers offer only the indexed one.
    page = by_formed.content.decode()
    assert page.count('class="sortable') == 1
