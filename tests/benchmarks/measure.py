"""Timing helpers: requests through Django's WSGI handler, medians, interleaving.

A request goes through ``WSGIHandler`` exactly as gunicorn hands it over (every
middleware, URL resolution, the response's iteration), without the test
client's extras. The handler's signals that close database connections are
disconnected while measuring, as the test client does, so a measurement never
reconnects to the database.
"""

import gc
import io
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

TRIVIAL_URL = "/bench/trivial/"  # the baselines of tests/benchmarks/urls.py
LAYOUT_URL = "/bench/layout/"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "benchmarks"


@contextmanager
def handler():
    """A WSGI handler whose requests keep the current database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def get(app, path: str, **headers: str) -> tuple[int, dict, bytes]:
    """GET ``path`` (with its query string); headers as ``If_None_Match="…"``."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        environ["HTTP_" + name.upper()] = value
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return answer["status"], answer["headers"], body


def timed_queries(app, path: str, **headers: str) -> list[tuple[float, str, object]]:
    """(seconds, SQL, parameters) of every query one GET of ``path`` makes,
    counted as executed (``request_started`` empties the query log that
    CaptureQueriesContext reads)."""
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql, params))

    with connection.execute_wrapper(count):
        get(app, path, **headers)
    return queries


def interleaved_medians(
    actions: dict[str, Callable[[], object]],
    *,
    rounds: int,
    before: Callable[[], object] | None = None,
) -> dict[str, float]:
    """The median seconds of each action, run in turn ``rounds`` times.

    Taking turns spreads the machine's noise over every action alike;
    ``before`` runs untimed ahead of each action (to empty a cache, say).
    """
    times = {name: [] for name in actions}
    gc.collect()
    for _ in range(rounds):
        for name, action in actions.items():
            if before is not None:
                before()
            started = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}
