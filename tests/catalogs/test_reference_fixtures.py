"""The fixtures are built from the reference data, load idempotently, and keep provenance."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogs.channels import Vocabulary
from catalogs.models import Catalog, Channel, Domain, Item
from catalogs.reference import fixture_files
from catalogs.selectors import standard_catalogs

pytestmark = pytest.mark.django_db


def test_committed_fixtures_match_the_reference_data():
    built = fixture_files(settings.REFERENCE_CATALOGS_DIR)
    assert set(built) == {
        "vocabulary.json",
        "catalogs/employment.json",
        "catalogs/social_insurance.json",
        "catalogs/social_relief_henan.json",
        "catalogs/elderly_care_henan.json",
    }
    for name, content in built.items():
        assert (settings.FIXTURES_DIR / name).read_text(encoding="utf-8") == content, (
            name
        )


def test_check_mode_reports_a_drifted_fixture(tmp_path):
    call_command("build_catalog_fixtures", output=str(tmp_path), verbosity=0)
    (tmp_path / "catalogs" / "employment.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="catalogs/employment.json"):
        call_command("build_catalog_fixtures", output=str(tmp_path), check=True)


def test_four_catalogs_with_the_thirteen_official_channels():
    assert Channel.objects.filter(official=True).count() == 13
    assert set(Domain.objects.values_list("key", flat=True)) == {
        "employment",
        "social_insurance",
        "social_relief",
        "elderly_care",
    }
    assert not Domain.objects.get(key="elderly_care").has_village_level
    counts = {c.key: c for c in standard_catalogs()}
    assert set(counts) == {
        "employment",
        "social_insurance",
        "social_relief_henan",
        "elderly_care_henan",
    }
    employment = counts["employment"]
    assert (employment.expected_level1, employment.expected_level2) == (9, 25)
    assert (employment.present_level1, employment.present_level2) == (9, 7)
    insurance = counts["social_insurance"]
    assert (insurance.expected_level1, insurance.expected_level2) == (9, 78)
    assert (insurance.present_level1, insurance.present_level2) == (8, 20)
    assert counts["social_relief_henan"].expected_level2 is None


def test_items_keep_their_columns_and_provenance():
    item = Item.objects.get(catalog__key="employment", code="1.1")
    assert item.name == "就业政策法规咨询"
    assert item.parent.name == "就业信息服务"
    assert item.content[-1] == "咨询电话"
    assert item.time_limit_amount == 20
    assert item.time_limit_unit == "working_days"
    assert item.time_limit_trigger == "信息形成或变更之日"
    assert item.channels == ["gov-website", "service-centre", "other-platform"]
    assert item.audience_public is None  # not seen in any source, never "no"
    assert "subject" in item.uncertain
    assert item.sources[0].startswith("https://www.tengchong.gov.cn/")
    basis = item.bases.get(position=1)
    assert basis.title == "中华人民共和国就业促进法"
    assert basis.kind == "law"
    first = item.bases.get(position=0)
    assert first.document_no == "中华人民共和国国务院令第711号"


def test_channel_spellings_are_folded_to_the_vocabulary():
    vocabulary = Vocabulary.load()
    assert vocabulary.find("政府服务中心").code == "service-centre"
    assert vocabulary.find("社区/企事业单位/村公示栏（电子屏）").code == "notice-board"


def test_loading_again_creates_nothing_and_writes_no_history():
    history_before = Channel.history.count() + Domain.history.count()
    catalogs_before = Catalog.objects.count()
    call_command("load_catalogs", verbosity=0)
    assert Catalog.objects.count() == catalogs_before
    assert Channel.history.count() + Domain.history.count() == history_before


def test_loaded_items_have_history_with_a_reason():
    item = Item.objects.filter(catalog__key="social_relief_henan").first()
    record = item.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason


def test_fixture_items_are_not_hand_typed_copies():
    fixture = json.loads(
        (settings.FIXTURES_DIR / "catalogs" / "elderly_care_henan.json").read_text()
    )
    reference = json.loads(
        (settings.REFERENCE_CATALOGS_DIR / "elderly_care_henan.json").read_text()
    )
    assert [i["name"] for i in fixture["items"]] == [
        i["name"] for i in reference["items"]
    ]
