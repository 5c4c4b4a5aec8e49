"""Benchmark fixtures: a file database gunicorn can share, the scale data, the order.

Tests marked ``scale("small")`` or ``scale("large")`` need that size of synthetic
data (``scale.ScaleDatabase``); they run after the other benchmarks, the small
size first, so each size is built once and every small-size figure exists when
the large stage compares with it.
"""

import io
from contextlib import redirect_stdout

import pytest

from tests import factories

from . import scale


def pytest_configure(config):
    config.addinivalue_line(
        "markers", 'scale("small"|"large"): needs that size of seed_scale data'
    )


def _stage(item) -> tuple[int, int]:
    marker = item.get_closest_marker("scale")
    if marker is None:
        return (0, 0)
    size = marker.args[0]
    counties = scale.small_counties() if size == "small" else scale.large_counties()
    return (1, counties)


def pytest_collection_modifyitems(items):
    items.sort(key=_stage)  # stable: file order within a stage


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory
):
    """SQLite in a file, not in memory, so a gunicorn process reads the same data."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("benchmark-db") / "benchmark.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="session")
def django_db_setup(
    django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """The test database with the reference data, set up whichever tests run.

    pytest-django creates databases only for tests marked ``django_db``; the
    scale benchmarks read committed data outside any test transaction instead.
    """
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=()
        )
        with redirect_stdout(io.StringIO()):
            factories.load_reference_data()
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def scale_database(django_db_setup, django_db_blocker) -> scale.ScaleDatabase:
    return scale.ScaleDatabase(blocker=django_db_blocker)


@pytest.fixture
def counties(request, scale_database, django_db_blocker):
    """The size the test's ``scale`` marker asks for, built and committed.

    The test then reads in autocommit, as a server does: not inside a test
    transaction, which would also be built into (and rolled back with) it.
    """
    size = _stage(request.node)[1]
    scale_database.ensure(size)
    with django_db_blocker.unblock():
        yield size
