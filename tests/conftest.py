"""Shared fixtures: the reference data (vocabulary, calendar, standard catalogs) once per run."""

import pytest
from django.core.management import call_command

from tests import factories


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load what a fresh install loads, once, into the test database."""
    with django_db_blocker.unblock():
        factories.load_reference_data()


@pytest.fixture
def reference_data(db):
    """For transactional tests, whose flush removes the session's reference data."""
    factories.load_reference_data()


@pytest.fixture
def demo(db):
    """The demo region, organisations and accounts of ``seed_demo``."""
    call_command("seed_demo", verbosity=0)
    return factories.demo_accounts()
