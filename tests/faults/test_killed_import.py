"""An import or a filing killed half-way leaves nothing behind.

Each command runs in a subprocess against this test's database (on SQLite a file
copy of it, on PostgreSQL the test database itself) and is stopped inside its
transaction, after it has written rows (``killable``), then killed with SIGKILL:
no row of it may be found afterwards. The same command run through again writes
what it should, so the count would have seen the rows, and the database is
usable after the kill (no lock or journal left in the way).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from catalogs.layout.workbook import write_catalog
from catalogs.models import Catalog, Filing, Item
from tests import corpus, factories

from .conftest import APPS

ROOT = Path(__file__).resolve().parents[2]
TABLES = sorted(
    model._meta.db_table
    for model in apps.get_models()
    if model._meta.app_label in APPS and model._meta.managed and not model._meta.proxy
)
EMPLOYMENT = "410225-hrss-employment"


class Database:
    """This test's database as a subprocess sees it, and its rows counted."""

    def __init__(self, folder: Path):
        self.file = folder / "db.sqlite3" if connection.vendor == "sqlite" else None

    def url(self) -> str:
        """Share what the test wrote so far; the URL for the subprocess."""
        if self.file is None:
            s = connection.settings_dict
            return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
        self.file.unlink(missing_ok=True)
        connection.ensure_connection()
        with closing(sqlite3.connect(self.file)) as target:
            connection.connection.backup(target)  # the in-memory test database
        return f"sqlite:///{self.file}"

    def writing(self) -> bool:
        """Whether a transaction of another program holds written, uncommitted rows."""
        if self.file is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                    "current_database() AND pid <> pg_backend_pid() AND "
                    "backend_xid IS NOT NULL AND state = 'idle in transaction'"
                )
                return cursor.fetchone()[0] == 1
        return Path(f"{self.file}-journal").stat().st_size > 0

    def counts(self) -> dict[str, int]:
        """Rows per table, read the way the next program to open it would."""
        if self.file is None:
            with connection.cursor() as cursor:
                return {t: _count(cursor, t) for t in TABLES}
        with closing(sqlite3.connect(self.file)) as db:  # rolls a hot journal back
            return {t: _count(db.cursor(), t) for t in TABLES}


def _count(cursor, table: str) -> int:
    cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (model tables)
    return cursor.fetchone()[0]


@pytest.fixture
def database(transactional_db, tmp_path):
    # transactional_db: the subprocess must see what the test writes (on
    # PostgreSQL); conftest runs such tests last, as their flush empties tables.
    factories.load_reference_data()
    return Database(tmp_path)


def run(url: str, marker: Path, table: str, count: int, *command: str):
    """Start ``command`` through ``killable``; the process."""
    args = [sys.executable, "-m", "tests.faults.killable", str(marker), table]
    return subprocess.Popen(
        [*args, str(count), "--", *command],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill_half_way(database, tmp_path, table: str, count: int, *command: str):
    """Run ``command``, SIGKILL it inside its transaction; the counts before, after."""
    url, marker = database.url(), tmp_path / "half-way"
    before = database.counts()
    process = run(url, marker, table, count, *command)
    deadline = time.monotonic() + 120
    while not marker.exists():
        if process.poll() is not None:
            pytest.fail(f"It ended before half-way: {process.communicate()}")
        assert time.monotonic() < deadline, "it never reached half-way"
        time.sleep(0.05)
    assert database.writing()  # half-way: rows written, not committed
    writers = _writing_sessions()
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    _wait_for_sessions_to_end(writers)
    return before, database.counts()


def _writing_sessions() -> list[int]:
    """On PostgreSQL, the backends holding the command's uncommitted transaction."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL "
            "AND state = 'idle in transaction'"
        )
        return [row[0] for row in cursor.fetchall()]


def _wait_for_sessions_to_end(pids: list[int]):
    """The killed client's session gone, its transaction undone (other sessions of
    the test run, such as a live server's, may stay)."""
    for _attempt in range(400):
        if not pids:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids]
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.05)
    pytest.fail("The killed command's database session did not end.")


def run_through(database, tmp_path, *command: str) -> None:
    """The control: the same command, not stopped, writes its rows."""
    process = run(database.url(), tmp_path / "unused", "none", 0, *command)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()


def big_catalog(path: Path) -> Path:
    """400 items: 100 first-level items of three second-level items each."""
    rows = [
        corpus.catalog_row(str(n), f"一级事项{n}", f"二级事项{n}-{m}")
        for n in range(1, 101)
        for m in range(1, 4)
    ]
    return corpus.table_workbook(path, rows=rows)


def test_a_killed_catalog_import_leaves_nothing(database, tmp_path):
    command = [
        "import_catalog", str(big_catalog(tmp_path / "big.xlsx")),
        "--domain", "employment", "--key", "killed", "--title", "测试目录",
        "--issuer", "测试", "--commit",
    ]  # fmt: skip
    # Killed once the second level of items is written, before the legal bases.
    before, after = kill_half_way(database, tmp_path, "catalogs_item", 2, *command)

    assert after == before

    run_through(database, tmp_path, *command)
    written = database.counts()
    assert written[Catalog._meta.db_table] == before[Catalog._meta.db_table] + 1
    assert written[Item._meta.db_table] == before[Item._meta.db_table] + 400


def test_a_killed_local_catalog_import_leaves_nothing(database, tmp_path, lankao):
    path = tmp_path / "lankao.xlsx"
    with path.open("wb") as stream:
        write_catalog(Catalog.objects.get(key=EMPLOYMENT), stream)
    command = [
        "import_local_catalog", str(path), "--org", "410225-hrss",
        "--standard", "employment", "--commit",
    ]  # fmt: skip
    # Killed amid the item edits that follow the derivation of the new version.
    table = Item.history.model._meta.db_table
    before, after = kill_half_way(database, tmp_path, table, 5, *command)

    assert after == before

    run_through(database, tmp_path, *command)
    written = database.counts()
    assert written[Catalog._meta.db_table] == before[Catalog._meta.db_table] + 1


def test_a_killed_filing_leaves_nothing(database, tmp_path, lankao):
    catalog = Catalog.objects.get(key=EMPLOYMENT)
    code = (
        "from django.contrib.auth import get_user_model; "
        "from catalogs.filings.services import filing_submit; "
        "from catalogs.models import Catalog; "
        f"filing_submit(catalog=Catalog.objects.get(pk={catalog.pk}), "
        "user=get_user_model().objects.get(username='county_editor'))"
    )
    table = Filing._meta.db_table
    before, after = kill_half_way(database, tmp_path, table, 1, "shell", "-c", code)

    assert after == before

    run_through(database, tmp_path, "shell", "-c", code)
    assert database.counts()[table] == before[table] + 1
