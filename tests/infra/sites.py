"""The site under gunicorn, as many instances as a test asks for, on the loopback.

Each ``Site`` is ``gunicorn -c portal/gunicorn.conf.py`` (the shipped
configuration) with ``tests.infra.settings`` (production's) and the tiers the
test hands it in the environment: the database through PgBouncer, replicas,
Redis. Requests are plain HTTP as the TLS proxy forwards them
(``X-Forwarded-Proto: https``), with the cookies a browser would keep.
"""

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from tests import pgcluster

ROOT = Path(__file__).resolve().parents[2]


class Site:
    def __init__(self, env: dict[str, str], *, workers: int = 1, log: Path):
        self.port = pgcluster.free_port()
        self.log = log
        environment = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
            "DJANGO_SETTINGS_MODULE": "tests.infra.settings",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": "1",
            "PYTHONPATH": str(ROOT),
            **env,
        }
        with log.open("a") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py"],
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while Client(self).request("GET", "/")[0] is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"gunicorn did not start:\n{log.read_text()[-3000:]}"
                )
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Client:
    """A browser's requests to one or another site: its cookies go along."""

    def __init__(self, site: Site, cookies: dict[str, str] | None = None):
        self.site = site
        self.cookies = dict(cookies or {})

    def on(self, site: Site) -> "Client":
        """The same browser, talking to another site (another host behind the
        balancer)."""
        return Client(site, self.cookies)

    def request(self, method: str, path: str, data: dict | None = None):
        """(status, headers, body) of one request, or (None, {}, "") when
        nothing answered."""
        headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "Origin": "https://127.0.0.1",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        link = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=30)
        try:
            link.request(method, path, body=body, headers=headers)
            response = link.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _sep, value = header.split(";")[0].partition("=")
                self.cookies[name.strip()] = value
            return response.status, dict(response.headers), response.read().decode()
        except OSError:
            return None, {}, ""
        finally:
            link.close()

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict):
        """A form POST with the CSRF token the form's page set, as a browser
        that opened the form first."""
        if "csrftoken" not in self.cookies:
            self.get(path)
        return self.request(
            "POST", path, {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
        )
