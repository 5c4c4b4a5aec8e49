"""Fixtures for publishing: the demo county with its local catalogs, items and helpers."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from catalogs import demo as catalogs_demo
from catalogs.models import Item
from disclosure.negativelist import negative_list_load_defaults
from disclosure.pii import id_card_check_character
from disclosure.reviews import review_approve, review_complete
from disclosure.services import publication_create, publication_submit
from portal.models import Organisation

REVIEW = {
    "source": "own",
    "is_secret": False,
    "attribute": "proactive",
    "platform_website": True,
    "legal_opinion": "agree",
    "handler": "张承办",
    "secrecy_reviewer": "王审核",
    "legal_reviewer": "李法规",
    "head_of_unit": "赵科长",
    "filled_on": date(2025, 9, 26),
}


VILLAGE = "410225104201-vc"


def id_number(first17: str) -> str:
    return first17 + id_card_check_character(first17)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the English source; ``reverse`` gives /en/ pages."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# The two local catalogs these tests publish under; deriving all five is slower.
NEEDED = [
    ("410225-hrss", "employment", "county_editor"),
    ("410225-mca", "social_relief_henan", "mca_editor"),
]


@pytest.fixture
def lankao(demo, monkeypatch):
    """The demo accounts and two derived local catalogs in force, without demo
    publications."""
    monkeypatch.setattr(catalogs_demo, "DERIVATIONS", NEEDED)
    catalogs_demo.seed_local_catalogs()
    # Only a catalog in force is published under.
    catalogs_demo.put_demo_catalogs_in_force()
    negative_list_load_defaults()
    orgs = {o.code: o for o in Organisation.objects.all()}
    return {**demo, **{f"org:{code}": org for code, org in orgs.items()}}


def local_item(domain: str, code: str, county: str = "410225") -> Item:
    return Item.objects.get(
        catalog__kind="local",
        catalog__organisation__region__code=county,
        catalog__domain__key=domain,
        code=code,
    )


@pytest.fixture
def dibao_item(lankao):
    """最低生活保障 › 审核信息: 10 working days, published at every level."""
    return local_item("social_relief", "2.3")


@pytest.fixture
def employment_item(lankao):
    """就业信息服务 › 岗位信息发布: 20 working days, county and township only."""
    return local_item("employment", "1.2")


def make_draft(
    users, username, org_code, item, *, formed_on, title="公示", body="", kind="other"
):
    return publication_create(
        user=users[username],
        organisation=Organisation.objects.get(code=org_code),
        item=item,
        title=title,
        body=body,
        formed_on=formed_on,
        kind=kind,
    )


def reviewer_for(users, publication):
    """The county reviewer whose bureau is responsible for the publication's
    domain: the 人社局's (county_reviewer) or the 民政局's (mca_reviewer)."""
    domain = publication.item.catalog.domain.key
    for name in ("county_reviewer", "mca_reviewer"):
        bureau = users[name].memberships.get().organisation
        if bureau.responsible_for(domain):
            return users[name]
    raise AssertionError(f"no demo reviewer for {domain}")


def publish(users, publication, *, author="village_publisher", **review):
    publication_submit(publication=publication, user=users[author])
    reviewer = reviewer_for(users, publication)
    form = review_complete(
        publication=publication, reviewer=reviewer, data={**REVIEW, **review}
    )
    return review_approve(review=form, reviewer=reviewer)


def post_draft(client, org, item, **extra):
    data = {
        "organisation": org.pk,
        "item": item.pk,
        "kind": "notice",
        "title": "张庄村低保公示",
        "body": "名单如下。",
        "formed_on": "2025-09-26",
        **extra,
    }
    return client.post(reverse("disclosure:publication-create"), data)
