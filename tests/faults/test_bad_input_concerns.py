"""Bad values (``corpus.values``) in the concern and subscription forms: a message
on the field, nothing written, no server error."""

import pytest
from django.test import Client
from django.urls import reverse

from disclosure.models import Concern, Subscription
from tests.corpus.values import NOT_A_CHOICE, NUL, REQUIRED, VALUES, too_long
from tests.disclosure.requests.helpers import captcha

from .formchecks import refused

pytestmark = pytest.mark.django_db

NOT_A_TIME = "Enter a valid date/time."
NOT_AN_ADDRESS = "Enter a valid email address."


@pytest.fixture
def concern_data(client, lankao):
    client.force_login(lankao["county_publisher"])
    return {
        "organisation": lankao["org:410225-hrss"].pk,
        "subject": "网传失业金停发",
        "source": "online",
        "severity": "other",
        "noticed_at": "2025-10-10T18:30",
    }


CONCERN_REFUSED = [
    ("subject", "nul", {"subject": [NUL]}),
    ("subject", "over_long", {"subject": [too_long(300)]}),
    ("subject", "blank", {"subject": [REQUIRED]}),
    ("source_detail", "over_long", {"source_detail": [too_long(300)]}),
    ("noticed_at", "impossible_date", {"noticed_at": [NOT_A_TIME]}),
    ("noticed_at", "word", {"noticed_at": [NOT_A_TIME]}),
    (
        "noticed_at",
        "far_date",
        {"noticed_at": ["The time the concern was noticed cannot be in the future."]},
    ),
    ("organisation", "huge_number", {"organisation": [NOT_A_CHOICE]}),
    ("organisation", "word", {"organisation": [NOT_A_CHOICE]}),
    (
        "severity",
        "script",
        {
            "severity": [
                f"Select a valid choice. {VALUES['script']} is not one of "
                "the available choices."
            ]
        },
    ),
]


@pytest.mark.parametrize(("field", "value", "expected"), CONCERN_REFUSED)
def test_a_concern_with_a_bad_value(client, concern_data, field, value, expected):
    url = reverse("disclosure:concern-create")
    refused(client, url, {**concern_data, field: VALUES[value]}, expected)
    assert not Concern.objects.exists()


def test_another_bodys_organisation_is_not_a_choice(client, concern_data, lankao):
    url = reverse("disclosure:concern-create")
    other = lankao["org:410221-hrss"].pk
    refused(
        client,
        url,
        {**concern_data, "organisation": other},
        {"organisation": [NOT_A_CHOICE]},
    )


SUBSCRIBE_REFUSED = [
    ("email", "script", {"email": [NOT_AN_ADDRESS]}),
    ("email", "nul", {"email": [NOT_AN_ADDRESS, NUL]}),
    ("email", "over_long", {"email": [NOT_AN_ADDRESS, too_long(254)]}),
    ("email", "blank", {"email": [REQUIRED]}),
    ("place", "word", {"place": ["There is no place with the division code “abc”."]}),
    ("place", "over_long", {"place": [too_long(12)]}),
    (
        "place",
        "superscript_digits",
        {"place": ["There is no place with the division code “¹²³”."]},
    ),
    ("domain", "huge_number", {"domain": [NOT_A_CHOICE]}),
    ("item", "word", {"item": ["Enter a whole number."]}),
    (
        "item",
        "negative_number",
        {"item": ["There is no public catalog item number -1."]},
    ),
]


@pytest.mark.parametrize(("field", "value", "expected"), SUBSCRIBE_REFUSED)
def test_a_subscription_with_a_bad_value(lankao, field, value, expected):
    client = Client()
    url = reverse("subscriptions:subscribe")
    page = client.get(url)
    data = {"email": "a@example.cn", "place": "410225", **captcha(page.text)}
    refused(client, url, {**data, field: VALUES[value]}, expected)
    assert not Subscription.objects.exists()


def test_an_item_of_another_county_is_refused(lankao, dibao_item):
    client = Client()
    url = reverse("subscriptions:subscribe")
    page = client.get(url)
    data = {"email": "a@example.cn", "place": "410221", "item": dibao_item.pk}
    refused(
        client,
        url,
        {**data, **captcha(page.text)},
        {"item": [f"“{dibao_item}” is not an item of the catalogs of 杞县."]},
    )
