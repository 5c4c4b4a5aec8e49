"""gunicorn on loopback with the production settings, and wrk against it.

``served`` starts ``gunicorn -c portal/gunicorn.conf.py`` (the production
configuration) on a free 127.0.0.1 port with ``tests.benchmarks.settings``
over the test database, after ``collectstatic`` into a temporary folder, and
stops it afterwards. ``wrk`` runs for a bounded time over a list of paths,
sending ``X-Forwarded-Proto: https`` as the TLS proxy in front would.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def database_url() -> str:
    """The test database as a DATABASE_URL, for another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite://{quote(str(db['NAME']))}"
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base: str
    workers: int
    log: Path

    def get(self, path: str, **headers: str):
        request = urllib.request.Request(
            self.base + path, headers={**PROXY_HEADERS, **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


@contextmanager
def served(
    tmp_path: Path,
    *,
    workers: int,
    env: dict[str, str] | None = None,
    args: list[str] | None = None,
):
    """A gunicorn serving the test database until the block ends; ``args`` are
    gunicorn options that override the configuration file's."""
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": database_url(),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "PYTHONPATH": str(ROOT),
        **(env or {}),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v0"],
        env=environment,
        check=True,
        cwd=ROOT,
    )
    log = tmp_path / f"gunicorn-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "portal/gunicorn.conf.py",
                *(args or []),
            ],
            env=environment,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", workers, log)
    try:
        _wait_until_up(server, process)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(server: Server, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{server.log.read_text()[-3000:]}")
        try:
            if server.get("/bench/trivial/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer:\n{server.log.read_text()[-3000:]}")


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    requests: int
    errors: int  # answers with a status of 400 or more
    socket_errors: int  # connect, read, write errors and timeouts (wrk's 2 s)
    latency: str  # wrk's 50/90/99% lines

    def __str__(self):
        text = f"{self.requests_per_second:8.1f} req/s ({self.requests:,} requests"
        if self.socket_errors:
            text += f", {self.socket_errors} socket errors or timeouts"
        return text + ")"


def wrk_path() -> str | None:
    return shutil.which("wrk")


def wrk(
    server: Server,
    paths: list[str],
    *,
    seconds: int,
    connections: int,
    tmp_path: Path,
    headers: dict[str, dict[str, str]] | None = None,
) -> Load:
    """wrk for ``seconds`` over ``paths`` in turn (per-path extra ``headers``)."""
    script = tmp_path / "paths.lua"
    script.write_text(_lua(paths, headers or {}), encoding="utf-8")
    result = subprocess.run(
        [
            wrk_path(),
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            server.base,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    sockets = re.search(r"Socket errors: (.*)", out)
    socket_errors = (
        sum(int(n) for n in re.findall(r"\d+", sockets.group(1))) if sockets else 0
    )
    latency = " ".join(
        line.split()[0] + "=" + line.split()[1]
        for line in out.splitlines()
        if re.match(r"\s+(50|90|99)%", line)
    )
    return Load(rate, total, errors, socket_errors, latency)


def _lua(paths: list[str], headers: dict[str, dict[str, str]]) -> str:
    def literal(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    entries = []
    for path in paths:
        extra = {**PROXY_HEADERS, **headers.get(path, {})}
        table = ", ".join(f"[{literal(k)}] = {literal(v)}" for k, v in extra.items())
        entries.append(f"{{{literal(path)}, {{{table}}}}}")
    return (
        "local requests = {" + ", ".join(entries) + "}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #requests + 1\n"
        "  local r = requests[i]\n"
        '  return wrk.format("GET", r[1], r[2])\n'
        "end\n"
    )
