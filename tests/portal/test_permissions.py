"""Roles grant model permissions; rows stay scoped by the selectors."""

import pytest

pytestmark = pytest.mark.django_db


def test_county_editor_may_change_items_but_not_the_calendar(demo):
    editor = demo["county_editor"]
    assert editor.has_perm("catalogs.change_item")
    assert editor.has_module_perms("catalogs")
    assert not editor.has_perm("portal.change_workingday")
    assert not editor.has_perm("catalogs.change_channel")


def test_publisher_only_reads_catalogs(demo):
    publisher = demo["village_publisher"]
    assert publisher.has_perm("catalogs.view_item")
    assert not publisher.has_perm("catalogs.change_item")


def test_citizen_has_no_staff_permissions(demo):
    citizen = demo["citizen"]
    assert not citizen.has_module_perms("catalogs")
    assert not citizen.has_perm("catalogs.view_item")


def test_county_editor_opens_the_item_list_and_sees_only_their_catalogs(
    demo_catalogs, client
):
    client.force_login(demo_catalogs["county_editor"])
    response = client.get("/admin/catalogs/catalog/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "兰考县人力资源和社会保障局就业领域" in body
    assert "杞县人力资源和社会保障局" not in body
