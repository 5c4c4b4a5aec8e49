"""Lock-out against a rotated X-Forwarded-For and against password spraying (issue 15)."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests import factories

from .test_signin import LOCKED, PASSWORD, login_url

pytestmark = pytest.mark.django_db

SPRAYED = "Too many failed sign-ins from your address, for several accounts"


def sign_in(client, username, password, address="198.51.100.7", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(
        login_url(),
        {"username": username, "password": password, "next": "/en/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


@pytest.fixture
def clerk():
    return factories.user("clerk", is_staff=True)


def test_rotating_x_forwarded_for_does_not_escape_the_lock_out(client, settings, clerk):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.2"]  # gunicorn reached directly
    for n in range(5):
        sign_in(client, "clerk", "wrong-password", forwarded=f"203.0.113.{n}")
    right = sign_in(client, "clerk", PASSWORD, forwarded="203.0.113.99")
    assert right.status_code == 429
    assert LOCKED in right.text
    assert SESSION_KEY not in client.session


def test_naming_a_victims_address_does_not_lock_the_victim(settings, clerk):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.2"]
    attacker = Client()
    for _attempt in range(5):
        sign_in(attacker, "clerk", "wrong-password", forwarded="192.0.2.50")
    victim = Client()
    answer = sign_in(
        victim, "clerk", PASSWORD, address="10.0.0.2", forwarded="192.0.2.50"
    )
    assert answer.status_code == 302


def test_through_the_proxy_the_forwarded_address_is_counted(settings, clerk):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.2"]
    client = Client()
    for _attempt in range(5):
        sign_in(client, "clerk", "wrong", address="10.0.0.2", forwarded="203.0.113.1")
    locked = sign_in(
        client, "clerk", PASSWORD, address="10.0.0.2", forwarded="203.0.113.1"
    )
    assert locked.status_code == 429
    other = sign_in(
        Client(), "clerk", PASSWORD, address="10.0.0.2", forwarded="203.0.113.2"
    )
    assert other.status_code == 302


def test_spraying_one_password_across_usernames_pauses_the_address(settings, clerk):
    settings.PORTAL_SIGNIN_FAILED_RATE = "10/30m"
    client = Client()
    for n in range(10):  # never five for one username: django-axes alone lets it be
        response = sign_in(client, f"user{n}", "Spring2026!")
        assert response.status_code == 200, n
    paused = sign_in(client, "clerk", PASSWORD)
    assert paused.status_code == 429
    assert SPRAYED in paused.text
    assert SESSION_KEY not in client.session
    # Another address signs in as usual.
    assert sign_in(Client(), "clerk", PASSWORD, address="192.0.2.8").status_code == 302


def test_the_default_limit_across_usernames_is_30_in_30_minutes():
    from django.conf import settings

    assert settings.PORTAL_SIGNIN_FAILED_RATE == "30/30m"
