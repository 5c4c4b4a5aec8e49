"""A local item derives only from an item of its own catalog's standard."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from catalogs.local.derivation import catalog_derive
from catalogs.local.edits import item_save
from catalogs.models import Catalog, Item
from catalogs.selectors import standard_in_force
from portal.models import Organisation
from tests.adminforms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(demo):
    return demo["county_editor"]


@pytest.fixture
def local(editor):
    return catalog_derive(
        organisation=Organisation.objects.get(code="410225-hrss"),
        standard=standard_in_force("employment"),
        user=editor,
    )


def item(catalog, code):
    return Item.objects.get(catalog=catalog, code=code)


def url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:catalogs_{name}", args=args)


def test_a_local_item_cannot_derive_from_another_domains_item(editor, local):
    target = item(local, "1.1")
    target.derived_from = Item.objects.filter(catalog__key="social_insurance").first()

    with pytest.raises(ValidationError) as caught:
        item_save(target, user=editor, reason="伪造")

    assert "derived_from" in caught.value.message_dict
    target.refresh_from_db()
    assert target.derived_from.catalog.key == "employment"


def test_the_item_form_refuses_a_source_outside_the_catalogs_standard(client, demo):
    client.force_login(demo["site_admin"])
    henan = Catalog.objects.get(key="social_relief_henan")
    foreign = Item.objects.filter(catalog__key="employment", level=2).first()
    add = url("item_add")
    data = admin_form_data(
        client.get(add),
        catalog=henan.pk,
        level="1",
        name="伪造的事项",
        derived_from=foreign.pk,
        change_reason="试试",
    )

    response = client.post(add, data)

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["derived_from"]
    assert error.startswith("Item “伪造的事项” cannot derive from “")
    assert not Item.objects.filter(name="伪造的事项").exists()
