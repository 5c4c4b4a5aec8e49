"""Server errors are seen (issue 15): under the production settings a provoked
error writes one JSON line to stderr with the request id the answer carries."""

import json
import subprocess
import sys
import textwrap

import pytest

from portal.deployment.logs import JsonFormatter, request_id_of

from .test_deploy_settings import ROOT, production_env

# A real failure through the real URLconf and middleware: the database was never
# migrated, so the home page's first query fails.
PROVOKE = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.test import Client
    client = Client(raise_request_exception=False)
    response = client.get(
        "/", HTTP_HOST="127.0.0.1", secure=True, headers={"X-Request-ID": %r}
    )
    print(json.dumps({"status": response.status_code,
                      "header": response.headers.get("X-Request-ID")}))
    """
)


def provoke(tmp_path, request_id: str, **env):
    result = subprocess.run(
        [sys.executable, "-c", PROVOKE % request_id],
        cwd=ROOT,
        env=production_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def json_lines(stderr: str) -> list[dict]:
    lines = []
    for line in stderr.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            continue
    return lines


def test_a_server_error_writes_one_json_line_with_the_request_id(tmp_path):
    answer, stderr = provoke(tmp_path, "req-7f3a-42")
    assert answer == {"status": 500, "header": "req-7f3a-42"}
    errors = [line for line in json_lines(stderr) if line["logger"] == "django.request"]
    assert len(errors) == 1, stderr
    (error,) = errors
    assert error["request_id"] == "req-7f3a-42"
    assert error["level"] == "ERROR"
    assert error["status"] == 500
    assert error["path"] == "/"
    assert "OperationalError" in error["exception"]
    assert error["message"].startswith("Internal Server Error: /")


def test_a_forged_request_id_is_replaced_by_a_new_one(tmp_path):
    answer, stderr = provoke(tmp_path, 'x"\\n{"level": "INFO"}')
    (error,) = [
        line for line in json_lines(stderr) if line["logger"] == "django.request"
    ]
    assert answer["header"] == error["request_id"]
    assert len(answer["header"]) == 32 and answer["header"].isalnum()


def test_sentry_is_set_up_only_with_a_dsn(tmp_path):
    script = (
        "import django, sentry_sdk; django.setup(); "
        "print(sentry_sdk.get_client().is_active())"
    )

    def active(**env):
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=production_env(tmp_path, **env),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert active() == "False"
    assert active(SENTRY_DSN="https://public@127.0.0.1:9/1") == "True"


@pytest.mark.django_db
def test_every_answer_echoes_the_request_id(client):
    response = client.get("/", headers={"X-Request-ID": "abc-123"})
    assert response["X-Request-ID"] == "abc-123"
    fresh = client.get("/")
    assert len(fresh["X-Request-ID"]) == 32


def test_the_formatter_writes_plain_records_too():
    import logging

    record = logging.LogRecord(
        "portal", logging.ERROR, __file__, 1, "失败 %s", ("x",), None
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "失败 x" and "request_id" not in line


class _Request:
    def __init__(self, header):
        self.META = {"HTTP_X_REQUEST_ID": header} if header is not None else {}


@pytest.mark.parametrize("header", ["", "a b", "x" * 73, "id\r\nSet-Cookie: a=b"])
def test_implausible_ids_are_not_kept(header):
    assert request_id_of(_Request(header)) != header
