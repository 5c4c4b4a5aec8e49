"""Read-your-writes: a browser that has just written reads from the primary.

A request in which anything was written (any write the router routes, the
sign-in records and sessions included) answers with a short-lived cookie, and
for as long as it lasts (``DATABASE_REPLICA_PIN_SECONDS``) that browser's
requests read from the primary only. A request carrying the session cookie —
staff, signed-in users — always reads from the primary too. Only what decides
where a request reads; nothing here changes what a page shows, and public pages
(which write nothing) never get the cookie, so they stay cacheable.

Public pages are consistent after a write by another rule as well (their cache
version is read on the primary and a replica is used only once it has replayed
it: ``disclosure.public.caching``); the pin covers every other read.
"""

import time

from django.conf import settings

from . import router

PIN_COOKIE = "portal_primary"


def pinned(request) -> bool:
    """Whether ``request`` must read from the primary only."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    until = request.COOKIES.get(PIN_COOKIE, "")
    return until.isdigit() and int(until) > time.time()


def may_read_from_replica(request) -> bool:
    return (
        bool(getattr(settings, "DATABASE_REPLICAS", ()))
        and request.method in ("GET", "HEAD")
        and not getattr(request, "reads_on_primary", True)
    )


class ReadYourWritesMiddleware:
    """Marks each request primary-only or not, and pins a browser that wrote.

    With no replicas configured it does nothing at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "DATABASE_REPLICAS", ()):
            return self.get_response(request)
        request.reads_on_primary = pinned(request)
        with router.watching_writes() as writes:
            response = self.get_response(request)
        if writes:
            seconds = settings.DATABASE_REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time()) + seconds),
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
