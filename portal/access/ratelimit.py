"""Rate limiting for public forms: a fixed-window counter per client and action.

No outside service: the counters live in Django's cache (``PORTAL_RATE_LIMIT_CACHE``,
the default cache unless set), so they are per process with the embedded
in-memory cache and shared between processes and machines once the cache is
(Redis, memcached). Reused by every public form that people could flood: the
on-request disclosure form, its 查询码 look-up, and later the participation
forms. A cache that fails lets the request through and logs it: being slowed is
what the limit prevents, and the forms stay available when the cache is not.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .signin import client_ip

logger = logging.getLogger("portal.access.ratelimit")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    """At most ``count`` hits per ``seconds``."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """ "10/15m" → 10 per 15 minutes; the unit is s, m, h or d."""
        count, _slash, period = text.partition("/")
        number, unit = period[:-1] or "1", period[-1:]
        return cls(int(count), int(number) * _UNITS[unit])


@dataclass(frozen=True)
class Limited:
    """A refused hit: how long until the window ends."""

    retry_after: int

    @property
    def minutes(self) -> int:
        return max(1, -(-self.retry_after // 60))


def _cache():
    return caches[getattr(settings, "PORTAL_RATE_LIMIT_CACHE", "default")]


def client_key(request) -> str:
    """Who is counted: the client's address (behind the trusted proxies)."""
    return client_ip(request) or "unknown"


def _key(action: str, who: str, window: int) -> str:
    digest = hashlib.sha256(who.encode()).hexdigest()[:24]
    return f"ratelimit:{action}:{digest}:{window}"


def hit(
    action: str, who: str, rate: Rate, *, now: float | None = None
) -> Limited | None:
    """Count one hit of ``action`` by ``who``; a ``Limited`` once over the rate."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = _key(action, who, window)
    cache = _cache()
    try:
        cache.add(key, 0, timeout=rate.seconds + 1)
        count = cache.incr(key)
    except Exception:  # a cache that is down must not take the form with it
        logger.warning("rate limit cache unavailable for %s", action, exc_info=True)
        return None
    if count is None:  # a degrading cache (portal.deployment.cache) could not count
        return None
    if count > rate.count:
        return Limited(retry_after=int((window + 1) * rate.seconds - now) + 1)
    return None


def is_limited(
    action: str, who: str, rate: Rate, *, now: float | None = None
) -> Limited | None:
    """Whether ``who`` is over the rate already, without counting a hit."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    try:
        count = _cache().get(_key(action, who, window), 0) or 0
    except Exception:
        logger.warning("rate limit cache unavailable for %s", action, exc_info=True)
        return None
    if count >= rate.count:
        return Limited(retry_after=int((window + 1) * rate.seconds - now) + 1)
    return None


def rate_of(setting: str, default: str) -> Rate:
    return Rate.parse(getattr(settings, setting, default))


def limited_response(request, limited: Limited) -> HttpResponse:
    """429 Too Many Requests with a page that says how long to wait."""
    message = ngettext(
        "Too many attempts from your connection. Please wait %(minutes)s minute "
        "and try again.",
        "Too many attempts from your connection. Please wait %(minutes)s minutes "
        "and try again.",
        limited.minutes,
    ) % {"minutes": limited.minutes}
    body = render_to_string(
        "portal/rate_limited.html",
        {"message": message, "title": _("Please wait")},
        request=request,
    )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(limited.retry_after)
    response["Cache-Control"] = "no-store"
    return response
