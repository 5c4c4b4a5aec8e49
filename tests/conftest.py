"""Shared fixtures: the reference data (vocabulary, calendar, standard catalogs) once per run."""

import pytest
from django.core.management import call_command

from portal.demo import seed_regions_and_accounts
from tests import factories


def pytest_collection_modifyitems(items):
    """Run transactional tests (live server, browser) last: their flush empties the
    database, and the session's reference data must serve every other test first."""

    def transactional(item):
        names = getattr(item, "fixturenames", ())
        return "transactional_db" in names or "live_server" in names

    items.sort(key=transactional)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load what a fresh install loads, once, into the test database."""
    with django_db_blocker.unblock():
        factories.load_reference_data()


@pytest.fixture
def demo(db):
    """The demo region, organisations and accounts of ``seed_demo`` (no local catalogs)."""
    seed_regions_and_accounts()
    return factories.demo_accounts()


@pytest.fixture
def demo_catalogs(demo):
    """Everything ``seed_demo`` creates, the counties' derived local catalogs included."""
    call_command("seed_demo", verbosity=0)
    return demo
