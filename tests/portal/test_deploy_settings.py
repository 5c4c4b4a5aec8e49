"""Production settings: `check --deploy` is clean, gunicorn serves hashed static files
with far-future caching, security headers are set and no debug page is shown."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FAR_FUTURE = "max-age=315360000, public, immutable"


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request to an /en/ address leaves English active in this thread; the
    next test must start in the default language again."""
    yield
    translation.deactivate()


def production_env(tmp_path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "GUNICORN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,portal.example.gov.cn",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_check_deploy_reports_nothing_under_the_production_settings(tmp_path):
    result = manage(
        production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY for production." in result.stderr


def test_the_test_settings_serve_static_files_without_collectstatic():
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    assert backend == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE


def test_every_page_carries_the_content_security_policy(client):
    response = client.get("/en/no-such-page/")
    policy = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url, headers):
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """collectstatic into a temporary folder, then the production app under
    gunicorn with the repository's configuration, on a free loopback port."""
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path)
    collected = manage(env, "collectstatic", "--noinput", "-v", "0", timeout=300)
    assert collected.returncode == 0, collected.stderr
    port = _free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            str(ROOT / "portal" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        "gunicorn did not start: " + server.stderr.read().decode()
                    ) from None
                time.sleep(0.2)
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        yield base, manifest["paths"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stderr.close()


HTTPS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def test_hashed_static_files_are_served_compressed_with_far_future_caching(gunicorn):
    base, paths = gunicorn
    hashed = paths["admin/css/base.css"]
    assert hashed != "admin/css/base.css"
    status, headers, body = _get(
        f"{base}/static/{hashed}", {**HTTPS, "Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Cache-Control"] == FAR_FUTURE
    assert headers["Content-Encoding"] == "gzip"
    assert body[:2] == b"\x1f\x8b"
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    # The project's own stylesheet is collected and hashed too.
    own = paths["css/portal.css"]
    status, headers, _body = _get(f"{base}/static/{own}", HTTPS)
    assert (status, headers["Cache-Control"]) == (200, FAR_FUTURE)


def test_production_shows_no_debug_page_and_sets_the_security_headers(gunicorn):
    base, _paths = gunicorn
    status, headers, body = _get(f"{base}/en/no-such-page/", HTTPS)
    assert status == 404
    text = body.decode()
    assert "Traceback" not in text and "DEBUG = True" not in text
    assert "URLconf" not in text
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_production_redirects_plain_http_to_https(gunicorn):
    base, _paths = gunicorn
    status, headers, _body = _get(f"{base}/en/admin/login/", {"Host": "127.0.0.1"})
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/en/admin/login/"


def test_production_cookies_are_secure_and_http_only(gunicorn):
    base, _paths = gunicorn
    status, headers, _body = _get(f"{base}/en/admin/login/", HTTPS)
    assert status == 200
    cookie = headers["Set-Cookie"]
    assert cookie.startswith("csrftoken=")
    assert "Secure" in cookie and "SameSite=Lax" in cookie


def test_the_production_settings_hold_the_session_cookie_rules(tmp_path):
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.DEBUG,"
        " s.STORAGES['staticfiles']['BACKEND'])"
    )
    env = production_env(tmp_path)
    result = manage(env, "shell", "-v", "0", "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "False",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]
