"""Real servers for the tests, on the loopback: Redis and PgBouncer.

Each runs as a child process on a free 127.0.0.1 port with its files in a
temporary folder, and is stopped (and the folder removed) by ``stop()``; a test
may kill one outright (``kill()``) and start it again on the same port
(``start()``). The binaries are Debian's (``redis-server``, ``pgbouncer``);
``missing()`` says which are not installed, so a test can skip saying so, or
fail in CI (``REQUIRE_SERVERS=1``, set by ``.ci/run``).

PgBouncer refuses to run as root, so when the tests run as root it runs as the
unprivileged user of ``tests/pgcluster.py``.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from tests import pgcluster

BINARIES = {"redis": "redis-server", "pgbouncer": "pgbouncer"}


def binary(name: str) -> str | None:
    found = shutil.which(BINARIES[name])
    if found is None and os.path.exists(f"/usr/sbin/{BINARIES[name]}"):
        found = f"/usr/sbin/{BINARIES[name]}"
    return found


def missing(*names: str) -> list[str]:
    """The Debian packages of ``names`` whose server binary is not installed."""
    return [BINARIES[name] for name in names if binary(name) is None]


def required() -> bool:
    """In CI a server test that cannot run is a failure, not a skip."""
    return os.environ.get("REQUIRE_SERVERS") == "1"


def wait_for_port(port: int, process: subprocess.Popen, log: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                text = open(log).read()[-3000:] if os.path.exists(log) else ""
                raise RuntimeError(
                    f"The server on port {port} did not start:\n{text}"
                ) from None
            time.sleep(0.05)


class Server:
    """A child server process on a fixed loopback port, restartable."""

    name = ""

    def __init__(self):
        self.port = pgcluster.free_port()
        self.folder = tempfile.mkdtemp(prefix=f"{self.name}-")
        self.log = os.path.join(self.folder, f"{self.name}.log")
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def preexec(self):
        return None

    def start(self) -> "Server":
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.folder,
                preexec_fn=self.preexec(),
            )  # noqa: PLW1509
        wait_for_port(self.port, self.process, self.log)
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """Gone at once, as a crashed server is: no shutdown, no goodbye."""
        if self.running():
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.running():
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class Redis(Server):
    """``redis-server`` without persistence: a restart starts empty, as a cache
    restarted in production without persistence does."""

    name = "redis"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        return [
            binary("redis"),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            self.folder,
            "--maxmemory",
            "256mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ]

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)


class PgBouncer(Server):
    """PgBouncer in transaction mode in front of the PostgreSQL on ``port``.

    Every database name is passed through (``*``), with ``pool_size`` server
    connections per database and user; ``server_login_retry`` and
    ``query_wait_timeout`` are short, as ``docs/deployment.md`` recommends, so
    a restarted primary is reconnected within a second and a client waiting for a
    server gets an error instead of hanging.
    """

    name = "pgbouncer"

    def __init__(self, *, host: str, port: int, pool_size: int = 10, env=os.environ):
        self.target = (host, port)
        self.pool_size = pool_size
        self.env = env
        super().__init__()
        self.drop = pgcluster.as_user() if env.get("PGCLUSTER_USER") else None
        if self.drop:
            os.chown(self.folder, self.drop[1].pw_uid, self.drop[1].pw_gid)
        self._write_config()

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _write_config(self) -> None:
        host, port = self.target
        users = os.path.join(self.folder, "users.txt")
        with open(users, "w") as out:
            out.write('"postgres" ""\n')
        config = f"""[databases]
* = host={host} port={port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.port}
unix_socket_dir =
auth_type = trust
auth_file = {users}
admin_users = postgres
pool_mode = transaction
default_pool_size = {self.pool_size}
max_client_conn = 500
server_login_retry = 1
query_wait_timeout = 10
server_connect_timeout = 5
logfile = {self.log}
pidfile = {os.path.join(self.folder, "pgbouncer.pid")}
"""
        self.config = os.path.join(self.folder, "pgbouncer.ini")
        with open(self.config, "w") as out:
            out.write(config)
        if self.drop:
            for path in (users, self.config):
                os.chown(path, self.drop[1].pw_uid, self.drop[1].pw_gid)
            with open(self.log, "a"):
                pass
            os.chown(self.log, self.drop[1].pw_uid, self.drop[1].pw_gid)

    def preexec(self):
        return self.drop[0] if self.drop else None

    def command(self) -> list[str]:
        return [binary("pgbouncer"), self.config]

    def admin(self, command: str) -> list[tuple]:
        """Run a command of PgBouncer's admin console (``SHOW POOLS`` …)."""
        import psycopg2

        link = psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="pgbouncer"
        )
        link.autocommit = True
        try:
            with link.cursor() as cursor:
                cursor.execute(command)
                columns = [c.name for c in cursor.description or []]
                return [
                    dict(zip(columns, row, strict=True)) for row in cursor.fetchall()
                ]
        finally:
            link.close()
