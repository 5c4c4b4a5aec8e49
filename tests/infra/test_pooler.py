"""PgBouncer in transaction mode: what Django needs, and nothing held in a session.

PgBouncer runs on the loopback in front of the throwaway cluster
(``conftest.pgbouncer``); Django reaches it through an alias with the settings
``DATABASE_POOL_MODE=transaction`` gives. A transaction may land on any server
connection, so: server-side cursors are off (the control shows them break),
row locks inside transactions serialise many clients over few servers, the
connection parameters Django sets survive other clients' changes, and the code
holds no session state at all (the source is checked).
"""

import ast
import re
import threading
from pathlib import Path

import psycopg2
import pytest
from django.db import DatabaseError, connection, connections, transaction

from portal.models import WorkingDay
from portal.settings.base import pooled

from .conftest import add_alias, need_cluster, remove_alias

ROOT = Path(__file__).resolve().parents[2]
POOLED = "pooled"

# Statements whose effect outlives the transaction on the server connection.
# Statements whose effect outlives the transaction on the server connection, as
# the code writes SQL (upper-case keywords; function names as PostgreSQL's).
SESSION_STATE = [
    (re.compile(r"^\s*SET\s+(SESSION\s+)?(?!LOCAL\b)\w+(\s*=|\s+TO\b)"), "SET"),
    (re.compile(r"^\s*SET\s+(SESSION\s+)?(TIME ZONE|ROLE)\b"), "SET"),
    (re.compile(r"pg_(try_)?advisory_lock(_shared)?\s*\(", re.I), "advisory lock"),
    (re.compile(r"^\s*(UN)?LISTEN\s+\w+"), "LISTEN"),
    (re.compile(r"CREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\s+TABLE"), "temp"),
    (re.compile(r"CURSOR\s+WITH\s+HOLD\s+FOR"), "WITH HOLD cursor"),
    (re.compile(r"^\s*PREPARE\s+\w+\s+(\(|AS\b)"), "PREPARE"),
]


def session_state(source: str) -> list[str]:
    """The string literals of ``source`` that would hold session state."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [
                name for pattern, name in SESSION_STATE if pattern.search(node.value)
            ]
    return found


def test_the_checker_finds_each_kind_of_session_state():
    planted = """
cursor.execute("SET statement_timeout = 0")
cursor.execute("SET TIME ZONE 'UTC'")
cursor.execute("SELECT pg_advisory_lock(%s)", [1])
cursor.execute("LISTEN catalogs")
cursor.execute("CREATE TEMP TABLE t (x int)")
cursor.execute("DECLARE c CURSOR WITH HOLD FOR SELECT 1")
cursor.execute("PREPARE q AS SELECT 1")
cursor.execute("SET LOCAL statement_timeout = 0")
cursor.execute("SELECT pg_advisory_xact_lock(%s)", [1])
"""
    assert session_state(planted) == [
        "SET",
        "SET",
        "advisory lock",
        "LISTEN",
        "temp",
        "WITH HOLD cursor",
        "PREPARE",
    ]


def test_the_code_holds_no_session_state():
    sources = [
        path
        for app in ("portal", "catalogs", "disclosure")
        for path in sorted((ROOT / app).rglob("*.py"))
    ]
    assert len(sources) > 100
    found = {
        str(path.relative_to(ROOT)): state
        for path in sources
        if (state := session_state(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_pool_mode_setting_turns_server_side_cursors_off():
    databases = {
        "default": {"ENGINE": "django.db.backends.postgresql"},
        "replica1": {"ENGINE": "django.db.backends.postgresql"},
    }
    assert all(
        entry["DISABLE_SERVER_SIDE_CURSORS"]
        for entry in pooled(databases, "transaction").values()
    )
    assert (
        "DISABLE_SERVER_SIDE_CURSORS"
        not in pooled(
            {"default": {"ENGINE": "django.db.backends.postgresql"}}, "session"
        )["default"]
    )
    with pytest.raises(ValueError, match="DATABASE_POOL_MODE 'statement'"):
        pooled({}, "statement")


# Through a real PgBouncer


@pytest.fixture
def through_pgbouncer(db, pgbouncer):
    """``pooled``: this test's database through PgBouncer, pooled settings."""
    need_cluster()

    def alias(name=POOLED, *, server_side_cursors=False):
        add_alias(
            name,
            HOST="127.0.0.1",
            PORT=str(pgbouncer.port),
            DISABLE_SERVER_SIDE_CURSORS=not server_side_cursors,
            CONN_MAX_AGE=0,
        )
        return name

    made = []

    def make(*args, **kwargs):
        made.append(alias(*args, **kwargs))
        return made[-1]

    yield make
    for name in made:
        remove_alias(name)


def another_client_holds_a_server(pgbouncer, database):
    """A second client of the pool inside an open transaction: it holds the
    server connection released last (PgBouncer reuses the most recent first)."""
    link = psycopg2.connect(
        host="127.0.0.1", port=pgbouncer.port, user="postgres", dbname=database
    )
    link.cursor().execute("SELECT 1")  # BEGIN, implicitly; held until rollback
    return link


def read_in_chunks(alias: str, hold) -> int:
    """Iterate the calendar in chunks while another client takes a server away."""
    rows = WorkingDay.objects.using(alias).order_by("date").iterator(chunk_size=500)
    seen = [next(rows) for _row in range(600)]  # two chunks fetched
    holder = hold()
    try:
        seen += list(rows)
    finally:
        holder.rollback()
        holder.close()
    return len(seen)


def test_a_chunked_read_survives_the_pool_changing_servers(
    through_pgbouncer, pgbouncer
):
    alias = through_pgbouncer()
    database = connection.settings_dict["NAME"]
    # Committed rows: the calendar loaded once for the session.
    total = WorkingDay.objects.count()

    read = read_in_chunks(
        alias, lambda: another_client_holds_a_server(pgbouncer, database)
    )

    assert read == total > 8000


def test_with_server_side_cursors_the_same_read_breaks(through_pgbouncer, pgbouncer):
    """The control: a ``WITH HOLD`` cursor is looked for on another server."""
    alias = through_pgbouncer("cursors", server_side_cursors=True)
    database = connection.settings_dict["NAME"]

    with pytest.raises(
        (DatabaseError, psycopg2.Error), match="cursor .* does not exist"
    ):
        read_in_chunks(
            alias, lambda: another_client_holds_a_server(pgbouncer, database)
        )


@pytest.fixture
def probe(pgbouncer):
    """A counter table, committed and dropped again, outside the test database's
    transaction (PgBouncer's clients see only what is committed)."""
    need_cluster()
    database = connection.settings_dict["NAME"]
    link = psycopg2.connect(
        host="127.0.0.1", port=pgbouncer.port, user="postgres", dbname=database
    )
    link.autocommit = True
    link.cursor().execute(
        "CREATE TABLE pooler_probe (id int PRIMARY KEY, n int NOT NULL);"
        "INSERT INTO pooler_probe VALUES (1, 0)"
    )
    yield link
    link.cursor().execute("DROP TABLE pooler_probe")
    link.close()


def test_row_locks_serialise_many_clients_over_few_server_connections(
    db, probe, pgbouncer
):
    clients, rounds, errors = 12, 5, []
    servers = []

    def work():
        add_alias(POOLED, HOST="127.0.0.1", PORT=str(pgbouncer.port), CONN_MAX_AGE=0)
        try:
            for _round in range(rounds):
                with transaction.atomic(using=POOLED):
                    with connections[POOLED].cursor() as cursor:
                        cursor.execute(
                            "SELECT n FROM pooler_probe WHERE id = 1 FOR UPDATE"
                        )
                        (n,) = cursor.fetchone()
                        cursor.execute(
                            "UPDATE pooler_probe SET n = %s WHERE id = 1", [n + 1]
                        )
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            remove_alias(POOLED)

    threads = [threading.Thread(target=work) for _client in range(clients)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        servers += [
            pool["sv_active"] + pool["sv_idle"] + pool["sv_used"]
            for pool in pgbouncer.admin("SHOW POOLS")
            if pool["database"] == connection.settings_dict["NAME"]
        ]
        for thread in threads:
            thread.join(timeout=0.05)

    assert errors == []
    cursor = probe.cursor()
    cursor.execute("SELECT n FROM pooler_probe WHERE id = 1")
    assert cursor.fetchone() == (clients * rounds,)  # no lost update
    assert max(servers, default=0) <= pgbouncer.pool_size < clients


def test_djangos_time_zone_holds_while_other_clients_change_theirs(
    through_pgbouncer, pgbouncer
):
    alias = through_pgbouncer()
    database = connection.settings_dict["NAME"]
    other = psycopg2.connect(
        host="127.0.0.1", port=pgbouncer.port, user="postgres", dbname=database
    )
    other.autocommit = True
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SHOW TimeZone")
            assert cursor.fetchone() == ("UTC",)
        for _round in range(5):
            other.cursor().execute("SET TIME ZONE 'Asia/Shanghai'")
            with connections[alias].cursor() as cursor:
                cursor.execute("SHOW TimeZone")
                assert cursor.fetchone() == ("UTC",)
        with other.cursor() as cursor:
            cursor.execute("SHOW TimeZone")
            assert cursor.fetchone() == ("Asia/Shanghai",)
    finally:
        other.close()
