"""Real servers for the deployment tests, each started once per session.

- ``standby``: a hot standby of the throwaway PostgreSQL cluster
  (``pgcluster.Standby``: ``pg_basebackup -R``, streaming, on the loopback);
  only in the PostgreSQL pass, skipped on SQLite saying so.
- ``redis_server``: ``redis-server`` on a free loopback port, no persistence.
- ``pgbouncer``: PgBouncer in transaction mode in front of the cluster.

A server that cannot be started is a skip with the reason, or a failure when
``REQUIRE_SERVERS=1`` (``.ci/run``). The function fixtures put them into the
settings for one test (``replica``, ``shared_cache``) and put everything back.
"""

import io
import os
import threading
import time
from contextlib import redirect_stdout
from datetime import date
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections

from catalogs import demo as catalogs_demo
from catalogs.local.lifecycle import catalog_put_in_force
from disclosure.models import PublicationStatus
from disclosure.negativelist import negative_list_load_defaults
from disclosure.public import caching
from portal.demo import seed_regions_and_accounts
from portal.deployment import cache as shared_cache_module
from portal.deployment import replicas as replicas_module
from portal.settings.base import caches_from_url
from tests import factories, loopback, pgcluster
from tests.disclosure.conftest import (  # noqa: F401  (fixtures used here)
    NEEDED,
    english,
    local_item,
    make_draft,
    media,
    publish,
)

REPLICA = "replica1"
_aliases = threading.Lock()


def unavailable(reason: str):
    """Skip, or fail in CI, where a server these tests need cannot run."""
    if loopback.required():
        pytest.fail(f"{reason} (REQUIRE_SERVERS=1: CI must run these tests)")
    pytest.skip(reason)


def need_cluster() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Replicas and PgBouncer need PostgreSQL; this run is SQLite "
            "(they run in the PostgreSQL pass of make test)."
        )
    if not os.environ.get("PGCLUSTER_DATADIR"):
        unavailable(
            "Replicas and PgBouncer need the throwaway cluster of tests/pgcluster.py "
            "(PGCLUSTER_DATADIR is not set)."
        )


@pytest.fixture(scope="session")
def test_database(request, django_db_blocker):
    """The test database with the reference data, as ``django_db_setup`` makes it.

    pytest-django creates it only when a collected test uses ``db``; these
    tests read committed data outside test transactions and may run alone
    (``-k``), so then it is made here.
    """
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    if _get_databases_for_setup(request.session.items)[0]:
        request.getfixturevalue("django_db_setup")
        yield
        return
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        with redirect_stdout(io.StringIO()):
            factories.load_reference_data()
    yield
    with django_db_blocker.unblock():
        connections.close_all()
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def standby():
    need_cluster()
    server = pgcluster.Standby().start()
    yield server
    connections.close_all()
    server.remove()


@pytest.fixture(scope="session")
def redis_server():
    if loopback.missing("redis"):
        unavailable("redis-server is not installed: apt-get install -y redis-server")
    server = loopback.Redis().start()
    yield server
    server.remove()


@pytest.fixture(scope="session")
def pgbouncer(test_database, django_db_blocker):
    need_cluster()
    if loopback.missing("pgbouncer"):
        unavailable("pgbouncer is not installed: apt-get install -y pgbouncer")
    server = loopback.PgBouncer(
        host="127.0.0.1", port=int(os.environ["PGCLUSTER_PORT"]), pool_size=4
    ).start()
    yield server
    server.remove()
    # Its server connections end a moment after it does; the test database can
    # only be dropped at the end of the run once they have.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for _wait in range(100):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                "current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.05)


def add_alias(alias: str, **changes) -> None:
    """A database alias like ``default`` (the test database) with ``changes``,
    for this thread.

    Made as Django's test cases allow a connection made while a test runs: the
    wrapper exists, its alias is not in the configured databases (which the
    test case would refuse, and flush at its end, as a replica cannot be).
    """
    entry = {**connections.settings[DEFAULT_DB_ALIAS], **changes}
    entry.pop("TEST", None)
    with _aliases:  # the configured databases are shared by every thread
        configured = connections.configure_settings(
            {DEFAULT_DB_ALIAS: connections.settings[DEFAULT_DB_ALIAS], alias: entry}
        )
        connections.settings[alias] = configured[alias]
        wrapper = connections.create_connection(alias)
        del connections.settings[alias]
    connections[alias] = wrapper


def remove_alias(alias: str) -> None:
    if hasattr(connections._connections, alias):
        connections[alias].close()
        del connections[alias]


@pytest.fixture(scope="module")
def world(test_database, django_db_blocker):
    """The demo county, its bodies and accounts and its employment catalog in
    force, committed once for the module (servers and replicas see only what
    is committed); the database is emptied and the reference data loaded again
    afterwards, as every other test expects it.
    """
    with django_db_blocker.unblock():
        seed_regions_and_accounts()
        with mock.patch.object(catalogs_demo, "DERIVATIONS", NEEDED):
            catalogs_demo.seed_local_catalogs()
        negative_list_load_defaults()
        accounts = factories.demo_accounts()
        catalog_put_in_force(
            catalog=local_item("employment", "1.2").catalog,
            user=accounts["county_editor"],
            reason="印发本地目录",
        )
    yield accounts
    with django_db_blocker.unblock():
        connections.close_all()
        call_command("flush", interactive=False, verbosity=0)
        with redirect_stdout(io.StringIO()):
            factories.load_reference_data()


@pytest.fixture
def committed(world, django_db_blocker):
    """Database access outside a test transaction: every write is committed."""
    with django_db_blocker.unblock():
        yield world


@pytest.fixture
def replica(committed, standby, settings):
    """The standby as the replica ``replica1`` of this test's database."""
    standby.resume_replay()
    add_alias(
        REPLICA,
        HOST="127.0.0.1",
        PORT=str(standby.port),
        OPTIONS={"connect_timeout": 2},
        CONN_MAX_AGE=0,
    )
    settings.DATABASE_REPLICAS = [REPLICA]
    replicas_module.reset()
    yield standby
    if not standby.running():
        standby.restart()
    standby.resume_replay()
    remove_alias(REPLICA)
    replicas_module.reset()


@pytest.fixture
def shared_cache(redis_server, settings):
    """The settings of DJANGO_CACHE_URL pointing at the test Redis, emptied."""
    if not redis_server.running():
        redis_server.start()
    settings.CACHES = caches_from_url(redis_server.url)
    settings.AXES_HANDLER = "portal.deployment.signins.SharedCacheHandler"
    settings.AXES_CACHE = "signins"
    shared_cache_module.reset()
    caching.forget_local_copies()
    redis_server.client().flushall()
    yield redis_server
    for alias in ("default", "signins"):
        caches[alias].close()
    if not redis_server.running():
        redis_server.start()
    redis_server.client().flushall()
    shared_cache_module.reset()
    caching.forget_local_copies()


@pytest.fixture
def published(committed, request):
    """A county publication of its own for this test, published under 岗位信息发布
    and committed; returns (accounts, publication)."""
    draft = make_draft(
        committed,
        "county_publisher",
        "410225-hrss",
        local_item("employment", "1.2"),
        formed_on=date(2025, 9, 26),
        title=f"兰考县2025年秋季招聘会岗位信息（{abs(hash(request.node.name)) % 1000}）",
        body="招聘岗位120个，详见附件。",
    )
    publication = publish(committed, draft, author="county_publisher")
    assert publication.status == PublicationStatus.PUBLISHED
    return committed, publication
