"""The ground layer's admin: pages, history, scoping (the calendar's: portal/calendar)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from portal.models import CalendarYear, Membership, Organisation, Region, WorkingDay
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = factories.user("root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.mark.parametrize(
    "model, can_add",
    [
        (Region, True),
        (Organisation, True),
        (Membership, True),
        (CalendarYear, False),  # a year comes with its days: the "add year" button
        (WorkingDay, False),  # days come with their year
    ],
)
def test_every_portal_admin_page_answers_for_a_superuser(
    client, root, demo, model, can_add
):
    obj = model.objects.order_by("pk").first()
    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "add")).status_code == (200 if can_add else 403)
    assert client.get(_url(model, "change", obj.pk)).status_code == 200
    assert client.get(_url(model, "history", obj.pk)).status_code == 200
    record = obj.history.order_by("-history_id").first()
    view = _url(model, "simple_history", obj.pk, record.history_id)
    assert client.get(view).status_code == 200


def test_history_is_never_registered_as_an_editable_model():
    from django.contrib import admin

    registered = {m.__name__ for m in admin.site._registry}
    assert not any(name.startswith("Historical") for name in registered)


@pytest.fixture
def county_editor(client, demo):
    user = demo["county_editor"]
    codenames = [
        f"{action}_{model}"
        for action in ("view", "change", "add")
        for model in ("organisation", "membership")
    ]
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="portal", codename__in=codenames
        )
    )
    client.force_login(user)
    return user


def test_a_county_editor_sees_only_their_own_organisation(client, county_editor):
    response = client.get(_url(Organisation, "changelist"))

    listed = {o.code for o in response.context["cl"].result_list}
    assert listed == {"410225-hrss"}


def test_a_county_editor_sees_only_their_organisations_memberships(
    client, county_editor
):
    response = client.get(_url(Membership, "changelist"))

    listed = {m.organisation.code for m in response.context["cl"].result_list}
    assert listed == {"410225-hrss"}
    usernames = {m.user.username for m in response.context["cl"].result_list}
    assert "qixian_editor" not in usernames
    assert "county_editor" in usernames


def test_a_county_editor_cannot_open_another_organisation(client, county_editor):
    other = Organisation.objects.get(code="410221-hrss")
    membership = Membership.objects.get(user__username="qixian_editor")

    assert client.get(_url(Organisation, "change", other.pk)).status_code == 404
    assert client.get(_url(Organisation, "history", other.pk)).status_code == 404
    assert client.get(_url(Membership, "change", membership.pk)).status_code == 404
    assert client.get(_url(Membership, "history", membership.pk)).status_code == 404


def test_a_county_editor_cannot_make_a_site_administrator(client, county_editor):
    response = client.get(_url(Membership, "add"))

    form = response.context["adminform"].form
    assert "site_admin" not in dict(form.fields["role"].choices)
    assert set(form.fields["organisation"].queryset.values_list("code", flat=True)) == {
        "410225-hrss"
    }


def test_a_county_editor_sees_only_their_organisation_by_role(client, demo):
    client.force_login(demo["county_editor"])
    response = client.get(_url(Organisation, "changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "兰考县人力资源和社会保障局" in body
    assert "杞县人力资源和社会保障局" not in body


def test_a_citizen_cannot_open_the_admin(client, demo):
    client.force_login(demo["citizen"])
    response = client.get(_url(Organisation, "changelist"))
    assert response.status_code == 302


def test_a_history_revert_needs_the_change_permission(client, demo):
    """Reading history must not be enough to write an old version back (forged POST)."""
    from portal.models import Region

    county = Region.objects.get(code="410225")
    county.name = "伪造县"
    county.save()
    original = county.history.order_by("history_id").first()
    county.name = "兰考县"
    county.save()
    client.force_login(demo["county_editor"])
    url = reverse(
        "admin:portal_region_simple_history", args=[county.pk, original.history_id]
    )
    response = client.post(url, {"code": "410225", "name": "伪造县", "level": "county"})
    assert response.status_code == 403
    county.refresh_from_db()
    assert county.name == "兰考县"
