"""The carry_over_catalog command: the plan as a dry run, and committing it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from catalogs.models import Catalog
from portal.models import Organisation
from tests.catalogs.local.carryoverscene import build_scene, decide_all, ids

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def scene(demo):
    lankao = Organisation.objects.get(code="410225-hrss")
    return build_scene(lankao, demo["county_editor"])


def run(*args):
    out = StringIO()
    call_command("carry_over_catalog", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_shows_the_plan_as_a_dry_run(scene):
    before = Catalog.objects.count()
    out = run("--org", "410225-hrss", "--domain", "employment")
    assert Catalog.objects.count() == before
    assert "  + 10 零工市场服务" in out
    assert "  - 1.3 求职信息登记" in out
    conflict = ids(scene)
    assert f"  ! [{conflict['time_limit']}] TIME_LIMIT_NOW_LONGER: Item" in out
    assert "Choices: take_standard, drop; decision: undecided." in out
    assert out.rstrip().endswith(
        "Dry run, nothing was written (add --commit to write).\n"
        "The new standard adds 4 items, removes 1 and changes 2; 6 local edits "
        "carry over and 5 conflicts need a decision. Decided: 0, undecided: 5."
    )


def test_the_command_refuses_to_commit_undecided_conflicts(scene):
    conflict = ids(scene)
    before = Catalog.objects.count()
    with pytest.raises(CommandError) as caught:
        run(
            "--org",
            "410225-hrss",
            "--domain",
            "employment",
            "--decide",
            f"{conflict['time_limit']}=take_standard",
            "--commit",
        )
    undecided = ", ".join(
        conflict[k] for k in ("overlap", "subject", "channels", "removed")
    )
    assert str(caught.value) == (
        f"Nothing was written: 4 conflicts are undecided ({undecided}). Decide "
        "each with --decide CONFLICT_ID=DECISION."
    )
    assert Catalog.objects.count() == before


def test_the_command_commits_with_every_conflict_decided(scene):
    args = ["--org", "410225-hrss", "--domain", "employment", "--commit"]
    for conflict_id, decision in decide_all(scene).items():
        args += ["--decide", f"{conflict_id}={decision}"]
    out = run(*args)
    carried = Catalog.objects.get(key=scene["local"].key, version=2)
    assert f"Created “{carried}” (410225-hrss-employment, version 2)." in out
    assert out.rstrip().endswith("Decided: 5, undecided: 0.")
    out = run("--org", "410225-hrss", "--domain", "employment")
    assert "there is nothing to carry over." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "nowhere"], "No organisation has the code “nowhere”."),
        (
            ["--org", "410221-hrss"],
            "杞县人力资源和社会保障局 has no local catalog for the 就业 domain.",
        ),
        (
            ["--org", "410225-hrss", "--decide", "12:subject=maybe"],
            "“12:subject=maybe” is not a decision; write CONFLICT_ID=DECISION with "
            "one of keep_local, take_standard, drop.",
        ),
    ],
)
def test_the_command_reports_errors(scene, args, message):
    with pytest.raises(CommandError) as caught:
        run(*args, "--domain", "employment")
    assert str(caught.value) == message
