"""An organisation's domains: stored as domain keys, validated, shown by name."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from portal.demo import seed_regions_and_accounts
from portal.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("portal.migrations.0003_organisation_domains")


@pytest.fixture
def county(db):
    return factories.region("410225", "兰考县")


def bureau(county, code="410225-x", domains=None):
    return Organisation(
        code=code, name="测试局", kind="county_bureau", region=county, domains=domains
    )


def test_a_body_with_no_domains_is_responsible_for_every_domain(county):
    office = bureau(county, domains=[])
    hrss = bureau(county, domains=["employment", "social_insurance"])
    assert office.responsible_for("elderly_care")
    assert hrss.responsible_for("employment")
    assert not hrss.responsible_for("elderly_care")


@pytest.mark.parametrize(
    "domains, message",
    [
        (["employment", "pensions"], "未知领域：pensions。"),
        (["employment", "employment"], "同一领域不能重复选择。"),
        ("employment", "领域必须是领域标识的列表。"),
        ([{"key": "employment"}], "领域必须是领域标识的列表。"),
    ],
)
def test_only_a_list_of_known_distinct_domains_is_accepted(county, domains, message):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as excinfo:
        bureau(county, domains=domains).full_clean()
    assert excinfo.value.message_dict["domains"] == [message]


def test_the_migration_gives_the_county_bureaus_their_domains(county):
    made = {
        code: Organisation.objects.create(
            code=code, name=code, kind=kind, region=county, domains=[]
        )
        for code, kind in [
            ("410225-hrss", "county_bureau"),
            ("410225-mca", "county_bureau"),
            ("410225-gov", "county_bureau"),
            ("410225100-gov", "township_government"),
        ]
    }
    migration.bureaus_get_their_domains(apps, None)
    domains = {
        code: Organisation.objects.get(pk=o.pk).domains for code, o in made.items()
    }
    assert domains == {
        "410225-hrss": ["employment", "social_insurance"],
        "410225-mca": ["social_relief", "elderly_care"],
        "410225-gov": [],
        "410225100-gov": [],
    }


def test_the_demo_bureaus_have_their_domains_and_the_governments_all(db):
    seed_regions_and_accounts()
    domains = dict(Organisation.objects.values_list("code", "domains"))
    assert domains["410225-hrss"] == ["employment", "social_insurance"]
    assert domains["410225-mca"] == ["social_relief", "elderly_care"]
    assert domains["410225104-gov"] == domains["410225104201-vc"] == []


def test_the_admin_offers_the_domains_by_name_and_saves_their_keys(client, demo):
    client.force_login(demo["site_admin"])
    hrss = Organisation.objects.get(code="410225-hrss")
    url = reverse("admin:portal_organisation_change", args=[hrss.pk])
    with translation.override("zh-hans"):
        page = client.get(url).content.decode()
        listing = client.get(reverse("admin:portal_organisation_changelist"))
    assert 'type="checkbox" name="domains" value="elderly_care"' in page
    assert "养老服务" in page
    assert '["employment"' not in page  # never the stored list itself
    assert "就业、社会保险" in listing.content.decode()
    assert "全部领域" in listing.content.decode()
    data = {
        "name": hrss.name,
        "code": hrss.code,
        "kind": hrss.kind,
        "region": hrss.region_id,
        "domains": ["employment", "social_insurance", "elderly_care"],
        "change_reason": "本局承担养老服务",
        "seen_history_id": hrss.history.latest().history_id,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1000]
    hrss.refresh_from_db()
    assert hrss.domains == ["employment", "social_insurance", "elderly_care"]
    assert hrss.history.latest().history_change_reason == "本局承担养老服务"
