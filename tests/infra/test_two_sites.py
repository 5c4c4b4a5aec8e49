"""Two gunicorn sites behind one balancer: one Redis, one PgBouncer, one standby.

The topology of ``docs/deployment.md`` in miniature, every tier a real server
on the loopback: two sites (``tests.infra.sites``, production settings) reach
PostgreSQL through PgBouncer in transaction mode, render anonymous pages on the
hot standby once it has caught up, and share Redis. A page one site rendered is
answered by the other from Redis; a withdrawal acknowledged by one site is gone
at once from the other's answers; failed sign-ins on both sites add up to one
lock-out. Runs in the PostgreSQL pass.
"""

import pytest
from axes.models import AccessAttempt
from django import test as django_test
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from tests import factories

from .sites import Client, Site

PASSWORD = "Correct-Horse-42"  # tests.factories.user's password


@pytest.fixture(scope="module")
def sites(standby, pgbouncer, redis_server, world, tmp_path_factory):
    database = connection.settings_dict["NAME"]
    env = {
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the sessions made here sign in
        "DATABASE_URL": pgbouncer.url(database),
        "DATABASE_POOL_MODE": "transaction",
        "DATABASE_CONN_MAX_AGE": "600",
        "DATABASE_REPLICA_URLS": (
            f"postgres://postgres@127.0.0.1:{standby.port}/{database}"
        ),
        "DJANGO_CACHE_URL": redis_server.url,
    }
    logs = tmp_path_factory.mktemp("sites")
    started = [Site(env, log=logs / f"site-{n}.log") for n in (1, 2)]
    yield started
    for site in started:
        site.stop()


@pytest.fixture
def two(sites, shared_cache, committed):
    """The two sites, with Redis emptied and the standby caught up."""
    return sites


def item_page(publication) -> str:
    return f"/r/410225/items/{publication.item_id}/"


def staff_browser(user) -> dict[str, str]:
    client = django_test.Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def test_a_page_one_site_rendered_is_answered_by_the_other_from_redis(
    two, published, standby
):
    users, publication = published
    standby.wait_caught_up()
    first, second = two

    status, headers, body = Client(first).get(item_page(publication))

    assert status == 200 and publication.title in body
    digest = headers["ETag"].removeprefix('W/"').removesuffix('"')
    content, kept_headers = cache.get(f"public-page:{digest}")
    cache.set(
        f"public-page:{digest}", (content + b"<!-- kept by site 1 -->", kept_headers)
    )
    status, _headers, body = Client(second).get(item_page(publication))
    assert status == 200
    assert body.endswith("<!-- kept by site 1 -->")


def test_a_withdrawal_acknowledged_by_one_site_is_gone_from_the_other_at_once(
    two, published, standby
):
    users, publication = published
    standby.wait_caught_up()
    first, second = two
    visitor = Client(second)
    assert publication.title in visitor.get(item_page(publication))[2]
    assert visitor.get(f"/p/{publication.pk}/")[0] == 200
    staff = Client(first, staff_browser(users["county_publisher"]))

    status, _headers, _body = staff.post(
        reverse("disclosure:publication-withdraw", args=[publication.pk]),
        {"reason": "岗位信息有误，撤回更正"},
    )

    assert status == 302  # acknowledged
    status, _headers, body = visitor.get(f"/p/{publication.pk}/")
    assert status == 410 and "岗位信息有误，撤回更正" in body  # its tombstone
    status, _headers, body = visitor.get(item_page(publication))
    assert status == 200 and publication.title not in body
    # The other browser on the first site sees the same.
    assert publication.title not in Client(first).get(item_page(publication))[2]


def test_failed_sign_ins_on_both_sites_add_up_to_one_lock_out(two):
    factories.user("clerk", is_staff=True)
    first, second = two
    browser = Client(first)
    browser.get("/admin/login/")

    answers = [
        browser.on(site).post(
            "/admin/login/", {"username": "clerk", "password": "wrong-password"}
        )[0]
        for site in (first, second, first, second, first)
    ]

    assert answers == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get().failures_since_start == 5
    right = browser.on(second).post(
        "/admin/login/", {"username": "clerk", "password": PASSWORD}
    )
    assert right[0] == 429
    AccessAttempt.objects.get().delete()  # a site administrator unlocks
    unlocked = browser.on(second).post(
        "/admin/login/", {"username": "clerk", "password": PASSWORD, "next": "/admin/"}
    )
    assert unlocked[0] == 302


def test_every_tier_was_used(two, pgbouncer, redis_server, db):
    """The sites really went through PgBouncer and Redis (their pools and keys)."""
    for site in two:
        assert Client(site).get("/r/410225/")[0] == 200
    pools = [
        pool
        for pool in pgbouncer.admin("SHOW POOLS")
        if pool["database"] == connection.settings_dict["NAME"]
    ]
    assert pools and pools[0]["pool_mode"] == "transaction"
    stats = {row["database"]: row for row in pgbouncer.admin("SHOW STATS")}
    assert stats[connection.settings_dict["NAME"]]["total_xact_count"] > 0
    assert redis_server.client().info("stats")["keyspace_hits"] > 0
