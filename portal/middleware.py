"""Staff sessions end after a period without requests (等保 2.0 idle timeout); a
write that lost to another on SQLite answers 503, not 500."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger("portal.database")
BUSY_RETRY_SECONDS = 5

LAST_SEEN_KEY = "portal_last_seen"
# The session is written at most once a minute, not on every request.
REFRESH_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Signs a staff member out after ``STAFF_SESSION_IDLE_SECONDS`` without a request.

    Public pages are cached: a request without the session cookie is passed on
    untouched, so this never creates a session, sets a cookie or adds
    ``Vary: Cookie`` for an anonymous visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            end_idle_staff_session(request, now=int(time.time()))
        return self.get_response(request)


def end_idle_staff_session(request, *, now: int) -> bool:
    """Sign the request's staff user out if idle too long, else note the activity.

    Returns whether the session was ended.
    """
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return False
    timeout = settings.STAFF_SESSION_IDLE_SECONDS
    last_seen = request.session.get(LAST_SEEN_KEY)
    if isinstance(last_seen, int) and now - last_seen > timeout:
        logout(request)
        minutes = max(1, timeout // 60)
        messages.info(
            request,
            ngettext(
                "You were signed out after %(minutes)s minute without activity. "
                "Please sign in again.",
                "You were signed out after %(minutes)s minutes without activity. "
                "Please sign in again.",
                minutes,
            )
            % {"minutes": minutes},
        )
        return True
    if not isinstance(last_seen, int) or now - last_seen >= REFRESH_SECONDS:
        request.session[LAST_SEEN_KEY] = now
    return False


class DatabaseBusyMiddleware:
    """A write that lost to another at the same moment on SQLite ("database is
    locked") answers 503 with a page asking to try again, not a 500; nothing was
    written, since the transaction that raised it was rolled back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (
            isinstance(exception, OperationalError)
            and "database is locked" in str(exception)
        ):
            return None
        logger.warning(
            "Database busy: %s %s", request.method, request.path, exc_info=exception
        )
        body = render_to_string(
            "portal/rate_limited.html",
            {
                "title": _("Please try again"),
                "message": _(
                    "Someone else was saving at the same moment, so your change was "
                    "not saved. Go back and send it again in a few seconds."
                ),
            },
            request=request,
        )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
