"""The derive_catalog and validate_catalog management commands."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from catalogs.demo import _fill_ticks
from catalogs.local.derivation import catalog_derive, item_update
from catalogs.models import Catalog, Item
from catalogs.selectors import standard_in_force
from portal.audit import last_history_id
from portal.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_derive_catalog_dry_run_writes_nothing(demo):
    before = (Catalog.objects.count(), Item.objects.count())
    out, _err = run(
        "derive_catalog", "--org", "410225-hrss", "--standard", "employment"
    )
    assert (Catalog.objects.count(), Item.objects.count()) == before
    assert (
        "Would create “兰考县人力资源和社会保障局就业领域基层政务公开目录” "
        "(410225-hrss-employment, version 1)"
    ) in out
    assert out.rstrip().endswith(
        "Dry run, nothing was written (add --commit to write). Would create: 1, "
        "skipped: 0, errors: 0."
    )


def test_derive_catalog_commit_creates_then_skips(demo):
    out, _err = run(
        "derive_catalog",
        "--org",
        "410225-hrss",
        "410221-hrss",
        "--standard",
        "employment",
        "--commit",
    )
    assert out.rstrip().endswith("Created: 2, skipped: 0, errors: 0.")
    assert set(Catalog.objects.filter(kind="local").values_list("key", flat=True)) == {
        "410225-hrss-employment",
        "410221-hrss-employment",
    }
    out, _err = run(
        "derive_catalog", "--org", "410225-hrss", "--standard", "employment", "--commit"
    )
    assert out.rstrip().endswith("Created: 0, skipped: 1, errors: 0.")
    assert Catalog.objects.filter(kind="local").count() == 2


def test_derive_catalog_reports_unknown_organisations(demo):
    with pytest.raises(CommandError) as caught:
        run("derive_catalog", "--org", "nowhere", "--standard", "employment")
    assert str(caught.value) == "1 organisation(s) could not be derived."
    assert caught.value.returncode == 1


def test_derive_catalog_needs_a_standard_in_force(demo):
    with pytest.raises(CommandError) as caught:
        run("derive_catalog", "--org", "410225-hrss", "--standard", "nothing")
    assert (
        str(caught.value) == "No standard catalog with the key “nothing” is in force."
    )


def test_validate_catalog_fails_with_errors(demo):
    catalog_derive(
        organisation=Organisation.objects.get(code="410225-hrss"),
        standard=standard_in_force("employment"),
    )
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "validate_catalog",
            "--org",
            "410225-hrss",
            "--domain",
            "employment",
            stdout=out,
        )
    assert caught.value.returncode == 1
    assert str(caught.value).endswith("errors; fix them before filing it.")
    lines = out.getvalue().splitlines()
    assert "\t".join(
        ["error", "MODE_MISSING", "1.1 就业政策法规咨询", "mode_proactive"]
    ) in "\n".join(lines)


def test_validate_catalog_passes_without_errors(demo):
    catalog = catalog_derive(
        organisation=Organisation.objects.get(code="410225-mca"),
        standard=standard_in_force("elderly_care_henan"),
    )
    target = Item.objects.get(catalog=catalog, code="3.2")
    item_update(
        item=target,
        seen_history_id=last_history_id(target),
        changes={"mode_proactive": True},
    )
    _fill_ticks(catalog, None)  # the levels the standard leaves open (不详)
    out, _err = run(
        "validate_catalog", "--org", "410225-mca", "--domain", "elderly_care"
    )
    assert out.rstrip().endswith("0 errors, 0 warnings.")


def test_validate_catalog_without_a_local_catalog(demo):
    with pytest.raises(CommandError) as caught:
        run("validate_catalog", "--org", "410221-hrss", "--domain", "employment")
    assert str(caught.value) == (
        "杞县人力资源和社会保障局 has no local catalog for the 就业 domain."
    )
