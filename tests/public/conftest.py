"""Fixtures for the public side: the demo county as citizens see it."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from catalogs.models import Item
from disclosure.models import Publication
from portal.models import Organisation

COUNTY = "410225"
TOWNSHIP = "410225104"
VILLAGE = "410225104201"
DIBAO_NOTICE = "张庄村2026年第四季度最低生活保障审核信息公示"


@pytest.fixture
def site(demo_catalogs):
    """Everything ``seed_demo`` makes: catalogs in force, publications in every state."""
    return demo_catalogs


def village_item(code: str = "2.3") -> Item:
    return Item.objects.get(
        catalog__organisation__region__code=COUNTY,
        catalog__domain__key="social_relief",
        catalog__status="in_force",
        code=code,
    )


def make_publication(
    title,
    *,
    item=None,
    org="410225104201-vc",
    level="village",
    body="",
    status="published",
    attribute="proactive",
    days_ago=1,
    **extra,
) -> Publication:
    """A publication written straight to the database (the signals still index it)."""
    published = status in ("published", "withdrawn")
    when = timezone.now() - timedelta(days=days_ago)
    return Publication.objects.create(
        item=item or village_item(),
        organisation=Organisation.objects.get(code=org),
        level=level,
        title=title,
        body=body,
        formed_on=date.today() - timedelta(days=days_ago + 2),
        due_on=date.today() + timedelta(days=5),
        status=status,
        attribute=attribute,
        published_at=when if published else None,
        author=get_user_model().objects.get(username="village_publisher"),
        **extra,
    )
