"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

    python tests/pgcluster.py -- python -m pytest

Starts initdb in a temporary folder (as an unprivileged user when run as root,
since PostgreSQL refuses to run as root), listens on a free loopback port, sets
DATABASE_URL for the command, and removes everything afterwards. When the server
binaries are missing it says so and exits 0, or 1 when REQUIRE_POSTGRES=1 (CI).

The command also gets PGCLUSTER_BINDIR, PGCLUSTER_DATADIR, PGCLUSTER_WORKDIR,
PGCLUSTER_PORT and PGCLUSTER_USER (the user the server runs as, empty when it
runs as the caller), so a test can stop and start the server with ``pg_ctl``
(``stop_server`` and ``start_server`` below). A server a test left running under
``pg_ctl`` is stopped before the cluster is removed.

``Standby.start()`` makes a real hot standby of the cluster when a test asks for
one: ``pg_basebackup -R`` over a physical replication slot into the cluster's
folder, started on another free loopback port, streaming from the primary. A
standby still running when the command ends is stopped with the cluster.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

PG_USER = "pgtest"


def find_bindir() -> str | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    found = shutil.which("initdb")
    for path in ([found] if found else []) + candidates:
        if path and os.access(path, os.X_OK):
            return os.path.dirname(os.path.realpath(path))
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_user():
    """A preexec function dropping to the unprivileged user when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", PG_USER], check=True)
        entry = pwd.getpwnam(PG_USER)

    def drop():
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)

    return drop, entry


def server_options(port: int, workdir: str) -> list[str]:
    """The postgres options of the throwaway cluster: loopback only, no fsync."""
    return [
        "-p",
        str(port),
        "-h",
        "127.0.0.1",
        "-k",
        workdir,
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=50",
    ]


def _pg_ctl(*args: str, env=os.environ) -> None:
    """Run pg_ctl on the cluster named by the PGCLUSTER_* variables of ``env``."""
    user = env.get("PGCLUSTER_USER", "")
    drop = as_user() if user and os.geteuid() == 0 else None
    subprocess.run(
        [
            os.path.join(env["PGCLUSTER_BINDIR"], "pg_ctl"),
            "-D",
            env["PGCLUSTER_DATADIR"],
        ]
        + list(args),
        check=True,
        preexec_fn=drop[0] if drop else None,
        stdout=subprocess.DEVNULL,
    )  # noqa: PLW1509


def stop_server(*, mode: str = "fast", env=os.environ) -> None:
    """Stop the cluster's server (``mode``: smart, fast or immediate) and wait."""
    _pg_ctl("stop", "-w", "-m", mode, env=env)


def start_server(*, env=os.environ) -> None:
    """Start the cluster's server again with its options, and wait until it is up."""
    options = server_options(int(env["PGCLUSTER_PORT"]), env["PGCLUSTER_WORKDIR"])
    name = os.path.basename(env["PGCLUSTER_DATADIR"])
    log = os.path.join(env["PGCLUSTER_WORKDIR"], f"{name}-restarted.log")
    _pg_ctl("start", "-w", "-t", "60", "-l", log, "-o", " ".join(options), env=env)


class Standby:
    """A streaming hot standby of the throwaway cluster, on the loopback.

    ``start()`` copies the running primary with ``pg_basebackup -R`` (the
    standby's ``standby.signal`` and ``primary_conninfo`` written by it) over a
    replication slot, so the primary keeps the WAL a stopped standby still needs;
    ``stop()`` and ``restart()`` stop and start the standby's server, ``remove()``
    stops it and drops the slot. Replay can be paused to hold the standby behind
    while it still receives WAL (``pause_replay``, ``resume_replay``).
    """

    def __init__(self, *, env=os.environ, name: str = "standby"):
        self.env = env
        self.name = name
        self.port = free_port()
        self.datadir = os.path.join(env["PGCLUSTER_WORKDIR"], f"{name}-{self.port}")
        self.slot = f"{name}_{self.port}"
        self._env = dict(
            env, PGCLUSTER_DATADIR=self.datadir, PGCLUSTER_PORT=str(self.port)
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> "Standby":
        drop = as_user() if self.env.get("PGCLUSTER_USER") else None
        subprocess.run(
            [
                os.path.join(self.env["PGCLUSTER_BINDIR"], "pg_basebackup"),
                "-D",
                self.datadir,
                "-h",
                "127.0.0.1",
                "-p",
                self.env["PGCLUSTER_PORT"],
                "-U",
                "postgres",
                "-R",
                "-X",
                "stream",
                "-C",
                "-S",
                self.slot,
                "--checkpoint=fast",
                "--no-sync",
            ],
            check=True,
            preexec_fn=drop[0] if drop else None,
            stdout=subprocess.DEVNULL,
        )  # noqa: PLW1509
        self.restart()
        return self

    def restart(self) -> None:
        """Start the standby's server (again) and wait until it accepts queries."""
        start_server(env=self._env)
        deadline = time.monotonic() + 60
        while self.query("SELECT pg_is_in_recovery()") != "t":
            if time.monotonic() > deadline:
                raise RuntimeError("The standby did not come up in recovery.")
            time.sleep(0.1)

    def stop(self, *, mode: str = "fast") -> None:
        stop_server(mode=mode, env=self._env)

    def running(self) -> bool:
        return os.path.exists(os.path.join(self.datadir, "postmaster.pid"))

    def remove(self) -> None:
        if self.running():
            self.stop()
        primary(self.env, f"SELECT pg_drop_replication_slot('{self.slot}')")

    def query(self, sql: str, database: str = "postgres") -> str | None:
        """The first column of the first row, as psql prints it; None on failure."""
        return psql(self.env, self.port, sql, database)

    def pause_replay(self) -> None:
        self.query("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        self.query("SELECT pg_wal_replay_resume()")

    def wait_caught_up(self, timeout: float = 30) -> None:
        """Wait until the standby has replayed everything the primary wrote so far
        (committed asynchronously too: the insert position, not the flushed one)."""
        target = primary(self.env, "SELECT pg_current_wal_insert_lsn()")
        deadline = time.monotonic() + timeout
        sql = f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"
        while self.query(sql) != "t":
            if time.monotonic() > deadline:
                raise RuntimeError(f"The standby did not replay up to {target}.")
            time.sleep(0.05)


def psql(env, port: int | str, sql: str, database: str = "postgres") -> str | None:
    result = subprocess.run(
        [
            os.path.join(env["PGCLUSTER_BINDIR"], "psql"),
            "-X",
            "-A",
            "-t",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        psql.last_error = result.stderr
        return None
    return result.stdout.strip().splitlines()[0] if result.stdout.strip() else ""


def primary(env, sql: str, database: str = "postgres") -> str | None:
    """Run ``sql`` on the cluster's primary server (see ``psql``)."""
    return psql(env, env["PGCLUSTER_PORT"], sql, database)


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print(__doc__)
        return 2
    bindir = find_bindir()
    if bindir is None:
        print(
            "PostgreSQL server binaries (initdb, postgres) not found: "
            "the PostgreSQL run is SKIPPED.",
            flush=True,
        )
        return 1 if os.environ.get("REQUIRE_POSTGRES") == "1" else 0
    workdir = tempfile.mkdtemp(prefix="pgcluster-")
    datadir = os.path.join(workdir, "data")
    drop = as_user()
    preexec = drop[0] if drop else None
    if drop:
        os.chown(workdir, drop[1].pw_uid, drop[1].pw_gid)
        os.chmod(workdir, 0o700)
    port = free_port()
    server = None
    try:
        subprocess.run(
            [
                os.path.join(bindir, "initdb"),
                "-D",
                datadir,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            preexec_fn=preexec,
            stdout=subprocess.DEVNULL,
        )  # noqa: PLW1509
        log = open(os.path.join(workdir, "server.log"), "w")  # noqa: SIM115
        if drop:
            os.chown(log.name, drop[1].pw_uid, drop[1].pw_gid)
        server = subprocess.Popen(
            [os.path.join(bindir, "postgres"), "-D", datadir]
            + server_options(port, workdir),
            preexec_fn=preexec,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # noqa: PLW1509
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print(open(log.name).read())
                    print("PostgreSQL did not start.", flush=True)
                    return 1
                time.sleep(0.2)
        env = dict(
            os.environ,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/postgres",
            PGCLUSTER_BINDIR=bindir,
            PGCLUSTER_DATADIR=datadir,
            PGCLUSTER_WORKDIR=workdir,
            PGCLUSTER_PORT=str(port),
            PGCLUSTER_USER=PG_USER if drop else "",
        )
        print(
            f"PostgreSQL {os.path.basename(os.path.dirname(bindir))} running on "
            f"127.0.0.1:{port} (throwaway cluster in {workdir}).",
            flush=True,
        )
        return subprocess.run(argv, env=env).returncode
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            _stop_restarted(bindir, datadir, drop)
            for standby in glob.glob(os.path.join(workdir, "*-*", "postmaster.pid")):
                _stop_restarted(bindir, os.path.dirname(standby), drop)
        shutil.rmtree(workdir, ignore_errors=True)


def _stop_restarted(bindir: str, datadir: str, drop) -> None:
    """Stop a server a test started again with pg_ctl (not our child process)."""
    if not os.path.exists(os.path.join(datadir, "postmaster.pid")):
        return
    subprocess.run(
        [os.path.join(bindir, "pg_ctl"), "-D", datadir, "stop", "-w", "-m", "fast"],
        preexec_fn=drop[0] if drop else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # noqa: PLW1509


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
