"""The database restarts under a running site: requests fail while it is down only.

The site runs under gunicorn with the production configuration
(``portal/gunicorn.conf.py``) and one sync worker, which keeps its database
connection across requests as ``CONN_MAX_AGE`` asks. The throwaway cluster of
``pgcluster.py`` is stopped and started with ``pg_ctl`` while requests run: they
fail while the database is down and succeed from the moment it is back, the
first one included (``CONN_HEALTH_CHECKS`` replaces the connection the restart
broke), and a write the site acknowledged before the restart is still there.
Runs only on PostgreSQL, in the cluster ``pgcluster.py`` starts.
"""

import http.client
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.models import WorkingDay
from tests import factories, pgcluster

ROOT = Path(__file__).resolve().parents[2]
NOTE = "重启前已确认的写入"


@pytest.fixture
def cluster(transactional_db):
    # transactional_db (not db): the server process must see what the test
    # writes; conftest runs such tests last, as their flush empties the tables.
    if connection.vendor != "postgresql":
        pytest.skip("The database restart test needs PostgreSQL; this run is SQLite.")
    if not os.environ.get("PGCLUSTER_DATADIR"):
        pytest.skip(
            "The database restart test needs the throwaway cluster of "
            "tests/pgcluster.py (PGCLUSTER_DATADIR is not set)."
        )
    factories.load_reference_data()  # a transactional test may have emptied it
    yield
    connections.close_all()  # the restart broke this process's connection too


class Site:
    """The site under gunicorn in a subprocess, signed in as an administrator."""

    def __init__(self, *, health_checks: bool = True):
        settings = connection.settings_dict
        self.port = pgcluster.free_port()
        url = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
            f"{settings['NAME']}"
        )
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test"
            if health_checks
            else "tests.faults.settings_no_health_checks",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "1",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = Client()
        client.force_login(factories.user(is_staff=True, is_superuser=True))
        self.cookies = {"sessionid": client.cookies["sessionid"].value}
        deadline = time.monotonic() + 60
        while self.request("GET", "/")[0] is None:
            assert self.process.poll() is None, "gunicorn did not start"
            assert time.monotonic() < deadline, "gunicorn did not answer"
            time.sleep(0.2)

    def request(self, method: str, path: str, data: dict | None = None):
        """(status, body) of one request, or (None, "") when nothing answered."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Cookie": cookie, "Host": "127.0.0.1"}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        link = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            link.request(method, path, body=body, headers=headers)
            response = link.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _sep, value = header.split(";")[0].partition("=")
                self.cookies[name] = value
            return response.status, response.read().decode()
        except OSError:
            return None, ""
        finally:
            link.close()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def site(cluster):
    started = []

    def start(**kwargs) -> Site:
        started.append(Site(**kwargs))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def day_page() -> str:
    day = WorkingDay.objects.get(date="2025-03-08")
    with translation.override("zh-hans"):
        return reverse("admin:portal_workingday_change", args=[day.pk])


def save_a_note(site: Site, page: str) -> None:
    status, html = site.request("GET", page)
    assert status == 200
    seen = re.search(r'name="seen_history_id" value="(\d+)"', html).group(1)
    data = {
        "csrfmiddlewaretoken": site.cookies["csrftoken"],
        "note": NOTE,
        "change_reason": "重启前的修改",
        "seen_history_id": seen,
    }
    status, _html = site.request("POST", page, data)
    assert status == 302  # acknowledged


@dataclass
class Answer:
    start: float
    end: float
    status: int | None


def under_load(site: Site, page: str, during) -> list[Answer]:
    """Request ``page`` over and over while ``during()`` runs; every answer."""
    answers, done = [], threading.Event()

    def load():
        while not done.is_set():
            start = time.monotonic()
            status, _html = site.request("GET", page)
            answers.append(Answer(start, time.monotonic(), status))
            time.sleep(0.05)

    thread = threading.Thread(target=load)
    thread.start()
    try:
        during()
    finally:
        done.set()
        thread.join(timeout=60)
    return answers


def test_requests_fail_only_while_the_database_is_down(site):
    server, page = site(), day_page()
    save_a_note(server, page)
    moments = {}

    def restart():
        time.sleep(0.5)
        moments["stopping"] = time.monotonic()
        pgcluster.stop_server()
        moments["stopped"] = time.monotonic()
        time.sleep(1.0)
        moments["starting"] = time.monotonic()
        pgcluster.start_server()
        moments["started"] = time.monotonic()
        time.sleep(1.5)

    answers = under_load(server, page, restart)

    before = [a for a in answers if a.end < moments["stopping"]]
    down = [
        a
        for a in answers
        if a.start > moments["stopped"] and a.end < moments["starting"]
    ]
    after = [a for a in answers if a.start > moments["started"]]
    assert before and {a.status for a in before} == {200}
    assert down and {a.status for a in down} == {500}  # an error page, no hang
    assert len(after) >= 3 and {a.status for a in after} == {200}
    for answer in answers:
        if answer.status != 200:  # a failure overlaps the time it was down
            assert answer.end >= moments["stopping"]
            assert answer.start <= moments["started"]
    assert server.process.poll() is None  # the site itself never went down
    status, html = server.request("GET", page)
    assert status == 200 and NOTE in html
    connections.close_all()
    assert WorkingDay.objects.get(date="2025-03-08").note == NOTE


def restart_between_two_requests(server: Site, page: str) -> list:
    assert server.request("GET", page)[0] == 200  # the connection is now open
    pgcluster.stop_server()
    pgcluster.start_server()
    return [server.request("GET", page)[0] for _request in range(2)]


def test_the_first_request_after_a_restart_succeeds(site):
    """The connection kept from before the restart is checked and replaced."""
    assert restart_between_two_requests(site(), day_page()) == [200, 200]


def test_without_health_checks_the_first_request_would_fail(site):
    """The control: what the first test guards against does happen without them."""
    server = site(health_checks=False)
    assert restart_between_two_requests(server, day_page()) == [500, 200]
