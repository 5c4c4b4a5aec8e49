"""Server errors that are seen: a request id on every request and JSON log lines.

``RequestIdMiddleware`` gives each request an id (``request.id``): the proxy's
``X-Request-ID`` when it is a plausible id, else a new UUID, and echoes it in the
response's ``X-Request-ID`` header, so a citizen's report of a failing page, the
proxy's access log and the error line meet. ``JsonFormatter`` writes one JSON
object a line (gunicorn collects stderr): time, level, logger, message, the
request id, method, path and status, and the traceback as one string. With
``SENTRY_DSN`` set, the production settings also send errors to Sentry
(``sentry_init``), tagged with the same id.
"""

import json
import logging
import re
import uuid
from datetime import UTC, datetime

import sentry_sdk

HEADER = "X-Request-ID"
# A proxy's id is kept only when it looks like one: no spaces, quotes or line breaks
# to forge log lines or headers with, and not longer than a UUID needs, twice.
PLAUSIBLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,72}")


def request_id_of(request) -> str:
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    if PLAUSIBLE_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets ``request.id`` and echoes it in the ``X-Request-ID`` response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_of(request)
        tag_sentry(request.id)
        response = self.get_response(request)
        response[HEADER] = request.id
        return response


class JsonFormatter(logging.Formatter):
    """One JSON object a line, with the request's id, method, path and status."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None:
            line["request_id"] = getattr(request, "id", None)
            line["method"] = getattr(request, "method", None)
            line["path"] = getattr(request, "path", None)
        status = getattr(record, "status_code", None)
        if status is not None:
            line["status"] = status
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def sentry_init(dsn: str, *, environment: str = "production") -> None:
    """Send errors to Sentry through its SDK; no personal data, no tracing."""
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        traces_sample_rate=0.0,
    )


def tag_sentry(request_id: str) -> None:
    """Tag the request's Sentry events with its id, when Sentry is set up."""
    if sentry_sdk.get_client().is_active():
        sentry_sdk.get_isolation_scope().set_tag("request_id", request_id)
