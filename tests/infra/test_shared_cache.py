"""The shared cache: a real Redis for pages, versions and sign-in counters.

Redis runs on the loopback (``conftest.redis_server``); the settings are those
``DJANGO_CACHE_URL`` selects. A page rendered once is answered from Redis; a
withdrawal moves the memoised versions at once (the generations); Redis killed
in the middle of a request, and gone for a while, costs renders, never errors;
five failed sign-ins lock the pair out through the counters in Redis, and the
records stay in the database. Runs on SQLite and PostgreSQL.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from disclosure.public import versions
from portal.deployment import cache as shared
from portal.settings.base import caches_from_url
from tests import factories
from tests.portal import test_signin
from tests.portal.test_signin import LOCKED, PASSWORD, sign_in

ROOT = Path(__file__).resolve().parents[2]


# The sign-in tests of tests/portal, run again with the counters in Redis.
test_sign_ins_and_failed_sign_ins_are_recorded = pytest.mark.django_db(
    test_signin.test_sign_ins_and_failed_sign_ins_are_recorded
)
test_a_lock_out_is_recorded_on_the_failed_sign_in = pytest.mark.django_db(
    test_signin.test_a_lock_out_is_recorded_on_the_failed_sign_in
)
test_a_site_admin_unlocks_by_deleting_the_access_attempt = pytest.mark.django_db(
    test_signin.test_a_site_admin_unlocks_by_deleting_the_access_attempt
)


@pytest.fixture
def clerk(db):
    return factories.user("clerk", is_staff=True)


@pytest.fixture(autouse=True)
def _redis(shared_cache):
    """Every test here, the imported sign-in tests too, runs on the shared cache."""
    return shared_cache


def keys(redis_server, pattern: str) -> list[str]:
    return [k.decode() for k in redis_server.client().keys(f"*{pattern}*")]


def item_page(publication) -> str:
    return f"/r/410225/items/{publication.item_id}/"


def withdraw(users, publication) -> None:
    staff = Client()
    staff.force_login(users["county_publisher"])
    response = staff.post(
        reverse("disclosure:publication-withdraw", args=[publication.pk]),
        {"reason": "岗位信息有误，撤回更正"},
    )
    assert response.status_code == 302  # acknowledged


# The settings


def test_the_cache_url_selects_redis_and_the_embedded_default_is_local_memory():
    embedded = caches_from_url("")
    assert list(embedded) == ["default"]
    assert embedded["default"]["BACKEND"].endswith("LocMemCache")

    shared = caches_from_url("redis://10.0.0.5:6379/1, redis://10.0.0.6:6379/1")
    assert shared["default"]["BACKEND"] == "portal.deployment.cache.SharedRedisCache"
    assert shared["signins"]["BACKEND"] == (
        "django.core.cache.backends.redis.RedisCache"
    )
    assert shared["default"]["LOCATION"] == [
        "redis://10.0.0.5:6379/1",
        "redis://10.0.0.6:6379/1",
    ]
    with pytest.raises(ValueError, match="redis://"):
        caches_from_url("memcached://10.0.0.5:11211")


def settings_of(module: str, **environment) -> list[str]:
    """Printed settings of ``module`` in a process with ``environment``."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND']); "
        "print(s.AXES_HANDLER); "
        "print(s.PUBLIC_VERSION_TTL); print(s.DATABASE_REPLICAS); "
        "print(s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(DJANGO_SETTINGS_MODULE=module, **environment)
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split("\n")[:5]


def test_production_takes_the_tiers_from_the_environment_and_make_run_needs_none():
    production = settings_of(
        "portal.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_CACHE_URL="redis://10.0.0.5:6379/0",
        DATABASE_URL="postgres://portal@10.0.0.2:6432/portal",
        DATABASE_REPLICA_URLS="postgres://portal@10.0.0.3:6432/portal",
        DATABASE_POOL_MODE="transaction",
    )
    assert production == [
        "portal.deployment.cache.SharedRedisCache",
        "portal.deployment.signins.SharedCacheHandler",
        "60",
        "['replica1']",
        "True",
    ]
    assert settings_of("portal.settings.local") == [
        "django.core.cache.backends.locmem.LocMemCache",
        "axes.handlers.database.AxesDatabaseHandler",
        "0",
        "[]",
        "False",
    ]


# Pages and versions


def test_a_rendered_page_is_kept_in_redis_and_answered_from_there(
    client, published, shared_cache
):
    users, publication = published

    first = client.get(item_page(publication))

    assert first.status_code == 200 and publication.title in first.text
    [page_key] = keys(shared_cache, "public-page:")
    assert keys(shared_cache, "public-route:")
    # Mark the copy in Redis: the next answer is that copy, not a new render.
    digest = first["ETag"].removeprefix('W/"').removesuffix('"')
    content, headers = cache.get(f"public-page:{digest}")
    cache.set(f"public-page:{digest}", (content + b"<!-- from redis -->", headers))
    second = client.get(item_page(publication))
    assert second.status_code == 200
    assert second.content.endswith(b"<!-- from redis -->")
    assert keys(shared_cache, "public-page:") == [page_key]


def test_a_cached_page_costs_one_request_to_redis_and_no_query(
    client, published, shared_cache, settings, django_assert_num_queries
):
    settings.PUBLIC_VERSION_TTL = 60  # the production default with Redis
    users, publication = published
    url = item_page(publication)
    assert client.get(url).status_code == 200  # rendered and kept
    assert client.get(url).status_code == 200  # this process knows its version
    redis = shared_cache.client()

    before = redis.info("stats")["total_commands_processed"]
    with django_assert_num_queries(0):
        answer = client.get(url)
    after = redis.info("stats")["total_commands_processed"]

    assert answer.status_code == 200 and publication.title in answer.text
    # One MGET (the generations, the memo and the page), besides the first INFO.
    assert after - before == 2


def test_a_withdrawal_moves_the_memoised_versions_at_once(
    client, published, settings, monkeypatch
):
    settings.PUBLIC_VERSION_TTL = 60  # the production default with Redis
    users, publication = published
    assert publication.title in client.get(item_page(publication)).text
    assert client.get(f"/p/{publication.pk}/").status_code == 200

    withdraw(users, publication)

    gone = client.get(f"/p/{publication.pk}/")  # its tombstone, not the page kept
    assert gone.status_code == 410 and "岗位信息有误，撤回更正" in gone.text
    assert publication.title not in client.get(item_page(publication)).text


def test_without_the_generations_a_memoised_version_would_serve_it(
    client, published, settings, monkeypatch
):
    """The control of the test above: what the generations prevent happens."""
    settings.PUBLIC_VERSION_TTL = 60
    users, publication = published
    assert publication.title in client.get(item_page(publication)).text
    monkeypatch.setattr(versions, "_advance", lambda scopes: None)

    withdraw(users, publication)

    assert publication.title in client.get(item_page(publication)).text


def test_redis_killed_mid_request_and_gone_costs_renders_not_errors(
    client, published, shared_cache, settings, monkeypatch
):
    settings.PUBLIC_VERSION_TTL = 60
    users, publication = published
    pages = [item_page(publication), "/r/410225/", f"/p/{publication.pk}/"]
    assert all(client.get(page).status_code == 200 for page in pages)

    read = versions.read_prefetching

    def killed_after_the_route_was_read(*args, **kwargs):
        shared_cache.kill()
        return read(*args, **kwargs)

    monkeypatch.setattr(versions, "read_prefetching", killed_after_the_route_was_read)
    during = client.get(pages[0])
    monkeypatch.undo()

    assert during.status_code == 200 and publication.title in during.text
    assert not shared_cache.running()
    answers = [client.get(page) for page in pages]
    assert [a.status_code for a in answers] == [200, 200, 200]
    # Still right while Redis is gone: a withdrawal shows at once.
    withdraw(users, publication)
    assert client.get(pages[2]).status_code == 410  # its tombstone
    assert publication.title not in client.get(pages[0]).text
    assert sign_in(Client(), "county_editor", "不对的密码").status_code == 200

    shared_cache.start()  # empty, as a restarted Redis without persistence
    caching_again = client.get(pages[1])
    assert caching_again.status_code == 200
    assert keys(shared_cache, "public-page:") == []  # still resting (5 s)
    shared.reset()  # as the retry period ending would
    assert client.get(pages[1]).status_code == 200
    assert keys(shared_cache, "public-page:")


def test_the_cache_rests_after_a_failure_instead_of_waiting_on_every_call(
    shared_cache,
):
    shared_cache.kill()
    assert cache.get("anything", "missed") == "missed"
    assert not caches["default"].available()
    assert cache.set("anything", 1) is None  # dropped, not raised
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False


# Sign-in counters


def test_failed_sign_ins_are_counted_in_redis_and_the_lock_out_recorded(
    client, clerk, shared_cache
):
    for _attempt in range(4):
        assert sign_in(client, "clerk", "wrong-password").status_code == 200
    assert not AccessAttempt.objects.exists()  # the counting is in Redis
    [counter] = keys(shared_cache, "axes-")
    assert int(shared_cache.client().get(counter)) == 4

    fifth = sign_in(client, "clerk", "wrong-password")

    assert fifth.status_code == 429 and LOCKED in fifth.text
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.failures_since_start) == ("clerk", 5)
    assert sign_in(client, "clerk", PASSWORD).status_code == 429
    # The counter expires with the cool-off, which each failure starts again.
    assert 1790 <= shared_cache.client().ttl(counter) <= 1800
    assert AccessFailureLog.objects.filter(username="clerk").count() == 6


def test_a_lock_out_outlives_a_redis_restart(client, clerk, shared_cache):
    for _attempt in range(5):
        sign_in(client, "clerk", "wrong-password")
    shared_cache.kill()
    shared_cache.start()  # the counters are gone; the lock-out's record is not
    caches["signins"].close()

    assert sign_in(client, "clerk", PASSWORD).status_code == 429


def test_with_redis_gone_failures_are_counted_in_the_database(
    client, clerk, shared_cache
):
    shared_cache.kill()

    answers = [sign_in(client, "clerk", "wrong-password") for _attempt in range(5)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get().failures_since_start == 5
    assert sign_in(client, "clerk", PASSWORD).status_code == 429


def test_the_unlock_command_clears_the_counters_in_redis(client, clerk, shared_cache):
    for _attempt in range(5):
        sign_in(client, "clerk", "wrong-password")
    assert sign_in(client, "clerk", PASSWORD).status_code == 429

    call_command("axes_reset_username", "clerk")

    assert keys(shared_cache, "axes-") == []
    assert sign_in(client, "clerk", PASSWORD).status_code == 302
