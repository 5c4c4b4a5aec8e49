"""Staff sessions end after a period without requests (等保 2.0 idle timeout)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import ngettext

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
