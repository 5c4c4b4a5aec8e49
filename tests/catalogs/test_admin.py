"""The catalogs admin: pages, item edits with history, scoping of local catalogs."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from catalogs.models import Catalog, CatalogKind, Channel, Domain, Item, LegalBasis
from tests import factories
from tests.adminforms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = factories.user("root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def _local_catalog(organisation, key="local-employment"):
    standard = Catalog.objects.get(key="employment")
    return Catalog.objects.create(
        key=key,
        kind=CatalogKind.LOCAL,
        domain=standard.domain,
        title="杞县就业领域基层政务公开目录",
        organisation=organisation,
        derived_from=standard,
    )


@pytest.mark.parametrize("model", [Domain, Channel, Catalog, Item, LegalBasis])
def test_every_catalogs_admin_page_answers_for_a_superuser(client, root, model):
    obj = model.objects.order_by("pk").first()
    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "add")).status_code == 200
    assert client.get(_url(model, "change", obj.pk)).status_code == 200
    assert client.get(_url(model, "history", obj.pk)).status_code == 200
    record = obj.history.order_by("-history_id").first()
    view = _url(model, "simple_history", obj.pk, record.history_id)
    assert client.get(view).status_code == 200


def test_the_catalog_list_shows_present_beside_declared_counts(client, root):
    employment = Catalog.objects.get(key="employment")
    present = employment.items.filter(level=2).count()

    response = client.get(_url(Catalog, "changelist"))

    assert f"{present} / 25" in response.content.decode()


def test_item_channels_are_tick_boxes_of_the_vocabulary(client, root):
    item = Item.objects.filter(level=2, catalog__key="employment").first()

    response = client.get(_url(Item, "change", item.pk))

    html = response.content.decode()
    assert html.count('type="checkbox" name="channels"') == Channel.objects.count()
    assert 'value="gov-website"' in html


def test_editing_an_item_records_history_with_the_reason(client, root):
    item = Item.objects.filter(level=2, catalog__key="employment").first()
    basis = item.bases.order_by("position").first()
    url = _url(Item, "change", item.pk)
    data = admin_form_data(
        client.get(url),
        subject="县级人力资源社会保障部门",
        channels=["service-centre", "gov-website"],
        content="办理流程\n\n 咨询电话 ",
        audience_public="true",
        change_reason="Checked against the 2019 attachment.",
    )
    data["bases-0-document_no"] = "国务院令第711号"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.subject == "县级人力资源社会保障部门"
    assert item.channels == ["gov-website", "service-centre"]  # vocabulary order
    assert item.content == ["办理流程", "咨询电话"]
    assert item.audience_public is True
    assert item.audience_specific is None  # untouched: still unknown
    record = item.history.order_by("-history_id")[0]
    assert record.history_change_reason == "Checked against the 2019 attachment."
    assert record.history_user == root
    basis_record = LegalBasis.history.filter(id=basis.pk).order_by("-history_id")[0]
    assert basis_record.document_no == "国务院令第711号"
    assert basis_record.history_change_reason == "Checked against the 2019 attachment."


@pytest.fixture
def county_editor(client, demo):
    user = demo["county_editor"]
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="catalogs",
            codename__in=["view_catalog", "change_catalog", "view_item", "change_item"],
        )
    )
    client.force_login(user)
    return user


def test_a_county_editor_sees_standards_and_only_their_own_local_catalogs(
    client, county_editor
):
    from portal.models import Organisation

    own = _local_catalog(Organisation.objects.get(code="410225-hrss"), "lankao")
    other = _local_catalog(Organisation.objects.get(code="410221-hrss"), "qixian")

    response = client.get(_url(Catalog, "changelist"))

    listed = {c.key for c in response.context["cl"].result_list}
    assert own.key in listed
    assert other.key not in listed
    assert "employment" in listed
    assert client.get(_url(Catalog, "change", other.pk)).status_code == 404
    assert client.get(_url(Catalog, "change", own.pk)).status_code == 200


def test_a_county_editor_reads_but_does_not_change_a_standard(client, county_editor):
    item = Item.objects.filter(catalog__key="employment", level=2).first()
    url = _url(Item, "change", item.pk)

    response = client.get(url)

    assert response.status_code == 200
    assert "change_reason" not in response.context["adminform"].form.fields or (
        not response.context["has_change_permission"]
    )
    assert client.post(url, {"name": "改名"}).status_code == 403
