"""Putting a local catalog in force: only a valid draft, superseding the version before."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from catalogs.demo import _fill_ticks
from catalogs.local.derivation import catalog_derive, item_update
from catalogs.local.lifecycle import CatalogInvalidError, catalog_put_in_force
from catalogs.models import Catalog, CatalogStatus
from catalogs.reference import catalog_data_from_fixture
from catalogs.selectors import standard_in_force
from catalogs.services import catalog_create_version
from portal.audit import last_history_id
from portal.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def editor(demo):
    return demo["county_editor"]


def derive(editor, *, valid=True):
    catalog = catalog_derive(
        organisation=Organisation.objects.get(code="410225-hrss"),
        standard=standard_in_force("employment"),
        user=editor,
    )
    if valid:
        _fill_ticks(catalog, editor)
    return catalog


def test_a_catalog_with_errors_is_not_put_in_force(editor):
    catalog = derive(editor, valid=False)

    with pytest.raises(CatalogInvalidError) as caught:
        catalog_put_in_force(catalog=catalog, user=editor, reason="备案")

    assert {f.code for f in caught.value.findings} == {"MODE_MISSING", "LEVEL_MISSING"}
    assert all(f.is_error for f in caught.value.findings)
    catalog.refresh_from_db()
    assert catalog.status == CatalogStatus.DRAFT


def test_a_new_version_in_force_supersedes_the_old(editor):
    old = derive(editor)
    catalog_put_in_force(catalog=old, user=editor, reason="v1")
    new = derive(editor)

    catalog_put_in_force(catalog=new, user=editor, reason="v2")

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (
        CatalogStatus.SUPERSEDED,
        CatalogStatus.IN_FORCE,
    )
    record = old.history.latest()
    assert record.history_change_reason == "Superseded by version 2: v2"
    assert record.history_user == editor
    assert new.history.latest().history_change_reason == "v2"


def test_an_older_draft_cannot_replace_a_newer_version_in_force(editor):
    older = derive(editor)
    newer = derive(editor)
    catalog_put_in_force(catalog=newer, user=editor, reason="v2")

    with pytest.raises(ValidationError) as caught:
        catalog_put_in_force(catalog=older, user=editor, reason="v1")

    assert caught.value.message_dict == {
        "status": [
            "Version 2 of this catalog is already in force; an older version "
            "cannot replace it."
        ]
    }


def test_only_a_draft_is_put_in_force(editor):
    catalog = derive(editor)
    catalog_put_in_force(catalog=catalog, user=editor, reason="备案")

    with pytest.raises(ValidationError):
        catalog_put_in_force(catalog=catalog, user=editor, reason="again")
    with pytest.raises(ValidationError) as caught:
        catalog_put_in_force(catalog=Catalog.objects.get(key="employment"))
    assert "not a draft" in caught.value.message_dict["status"][0]


def test_an_imported_standard_version_is_a_draft_until_put_in_force(editor):
    old = standard_in_force("employment")
    data = catalog_data_from_fixture(
        json.loads(
            (settings.BASE_DIR / "fixtures" / "catalogs" / "employment.json").read_text(
                encoding="utf-8"
            )
        )
    )
    new = catalog_create_version(
        data=data, key="employment", status=CatalogStatus.DRAFT, reason="导入"
    )
    assert standard_in_force("employment") == old

    catalog_put_in_force(catalog=new, user=editor, reason="人社部印发新版")

    old.refresh_from_db()
    assert (old.status, standard_in_force("employment")) == (
        CatalogStatus.SUPERSEDED,
        new,
    )
    assert new.history.latest().history_change_reason == "人社部印发新版"


def test_a_catalog_in_force_is_not_edited_any_more(editor):
    catalog = derive(editor)
    catalog_put_in_force(catalog=catalog, user=editor, reason="备案")
    target = catalog.items.get(code="1.1")

    with pytest.raises(ValidationError) as caught:
        item_update(
            item=target,
            seen_history_id=last_history_id(target),
            changes={"subject": "兰考县人社局"},
            user=editor,
        )

    assert caught.value.message_dict["catalog"] == [
        f"“{catalog}” is in force and can no longer be changed; derive a new "
        "version, change that and put it in force."
    ]
