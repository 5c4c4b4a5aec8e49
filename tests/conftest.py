"""Shared fixtures: the reference data (vocabulary, calendar, standard catalogs) once per run."""

import pytest
from django.core.management import call_command
from django.utils import translation

from portal.demo import seed_regions_and_accounts
from tests import factories


def pytest_collection_modifyitems(items):
    """Run transactional tests (live server, browser, ``django_db(transaction=True)``)
    last: their flush empties the database, and the session's reference data must
    serve every other test first — the module-scoped worlds of tests without a
    database mark included, which pytest-django itself sorts after all others."""

    def transactional(item):
        names = getattr(item, "fixturenames", ())
        marker = item.get_closest_marker("django_db")
        marked = marker is not None and marker.kwargs.get("transaction", False)
        return marked or "transactional_db" in names or "live_server" in names

    items.sort(key=transactional)
    for item in items:
        if SERIAL_PATHS.intersection(item.nodeid.split("::")[0].split("/")[:3]):
            item.add_marker(pytest.mark.serial)


# Tests that restart the PostgreSQL cluster or stand up servers beside it (a standby,
# PgBouncer, Redis, two sites): under pytest-xdist they run alone (`-m serial`), since
# another worker's connections would break under them.
SERIAL_PATHS = {"infra", "test_pg_restart.py"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load what a fresh install loads, once, into the test database."""
    with django_db_blocker.unblock():
        factories.load_reference_data()


@pytest.fixture
def demo(db):
    """The demo region, organisations and accounts of ``seed_demo`` (no local catalogs).

    The reference data is loaded again where a transactional test before this one
    (they run last, on the same worker) flushed it; a no-op otherwise."""
    factories.load_reference_data()
    seed_regions_and_accounts()
    return factories.demo_accounts()


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request to an /en/ page leaves English active in this thread; reset it."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rendered public pages kept by one test are never served to another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_local_catalogs(demo):
    """The demo accounts and the counties' derived local catalogs, all drafts."""
    from catalogs.demo import seed_local_catalogs

    seed_local_catalogs()
    return demo


@pytest.fixture
def demo_catalogs(demo):
    """Everything ``seed_demo`` creates, the counties' derived local catalogs included."""
    call_command("seed_demo", verbosity=0)
    return demo


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on the loopback, and Django's SMTP backend pointed at it."""
    from tests import smtp

    server, controller = smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield server
    finally:
        controller.stop()
