"""HTTP validators and a rendered-page cache for the public pages.

``public_page(scope)`` wraps a view: it reads the cache version of the page's
county (one query, or none while ``PUBLIC_VERSION_TTL`` memoises it), derives a
weak ETag from it, the language and the full URL, and Last-Modified from the
version's time. A conditional GET that matches is answered 304 before the view
runs. Otherwise a rendered copy kept under that ETag is served, or the view
renders and the copy is kept. Pages carry ``Cache-Control: public, max-age=…``
so any HTTP cache or CDN can serve them, and revalidate them for one query.

With read replicas configured (``DATABASE_REPLICA_URLS``), a page that must be
rendered for an anonymous visitor is rendered on a replica that has replayed
the version read on the primary (``versions.matches_on``), or on the primary
when none has: a lagging replica can never put withdrawn content under a current
ETag. A replica that fails while rendering is left alone for a while and the
page is rendered again on the primary (``portal.deployment.replicas``).

``PublicPageCacheMiddleware`` gives the same answers earlier: when a URL has
been rendered before, it remembers the URL's county, so a 304 or a kept copy is
served before the URL resolver, CSRF, authentication, messages, history and
axes run — none of which a page that is the same for everyone needs.
"""

import hashlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from portal.deployment import pinning, replicas, router

from . import versions


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _address(request) -> str:
    """What a page's content may depend on besides its county's version: the
    language and the full URL (feeds and sitemaps write absolute links)."""
    return (
        f"{get_language()}|{request.scheme}://{request.get_host()}"
        f"{request.get_full_path()}"
    )


def _route_key(request) -> str:
    return "public-route:" + _hash(_address(request))


# route key → county: this process's copies of the remembered URLs, when the
# cache is a shared server (a round trip saved per page; a local-memory cache is
# this process's already). A URL's county never changes: no invalidation.
_routes: dict[str, str] = {}
ROUTE_ENTRIES = 10_000


def _remember_route(key: str, county: str) -> None:
    if versions.shared_cache():
        if len(_routes) >= ROUTE_ENTRIES:
            _routes.clear()
        _routes[key] = county


def _route(request) -> str | None:
    """The county remembered for the request's URL ("" for none), or None."""
    key = _route_key(request)
    county = _routes.get(key)
    if county is None:
        county = cache.get(key)
        if county is not None:
            _remember_route(key, county)
    return county


def forget_local_copies() -> None:
    """Drop this process's copies of remembered URLs and versions (tests)."""
    _routes.clear()
    versions.forget_local_copies()


@dataclass(frozen=True)
class _Page:
    county: str | None
    state: versions.State
    digest: str
    prefetched: dict

    @property
    def key(self) -> str:
        return f"public-page:{self.digest}"

    def headers(self, response) -> None:
        response["ETag"] = f'W/"{self.digest}"'
        if self.state.changed_at is not None:
            response["Last-Modified"] = http_date(self.state.changed_at.timestamp())
        patch_cache_control(
            response, public=True, max_age=getattr(settings, "PUBLIC_MAX_AGE", 60)
        )


def _page(request, county: str | None) -> _Page:
    known = getattr(request, "_public_page", None)
    if known is not None and known.county == county:
        return known  # read by the middleware moments ago
    address = _address(request)

    # Today is part of every page's version: what a page says can change at
    # midnight with no write (a validity change dated today, overdue rows).
    today = timezone.localdate().isoformat()

    def digest(state: versions.State) -> str:
        return _hash(f"{state.token}|{today}|{address}")

    state, prefetched = versions.read_prefetching(
        county, lambda state: [f"public-page:{digest(state)}"]
    )
    page = _Page(county, state, digest(state), prefetched)
    request._public_page = page
    return page


def _kept_answer(request, page: _Page) -> HttpResponse | None:
    """A 304 for matching validators, else the kept copy, else None."""
    changed = page.state.changed_at
    response = get_conditional_response(
        request,
        etag=f'W/"{page.digest}"',
        last_modified=int(changed.timestamp()) if changed else None,
    )
    if response is None:
        kept = page.prefetched.get(page.key) or cache.get(page.key)
        if kept is None:
            return None
        response = HttpResponse(kept[0], headers=kept[1])
    page.headers(response)
    return response


def _render(view, request, args, kwargs):
    response = view(request, *args, **kwargs)
    if hasattr(response, "render"):
        response = response.render()
    return response


def _rendered(request, page: _Page, view, args, kwargs):
    """The view's response, rendered on a replica that has caught up with the
    page's version when this request may use one, else on the primary."""
    if not pinning.may_read_from_replica(request):
        return _render(view, request, args, kwargs)
    alias = replicas.caught_up(
        lambda alias: versions.matches_on(alias, page.county, page.state)
    )
    if alias is None:
        return _render(view, request, args, kwargs)
    try:
        with router.reading_from(alias):
            return _render(view, request, args, kwargs)
    except DatabaseError as error:  # gone, or a query cancelled by replay
        replicas.failed(alias, error)
        return _render(view, request, args, kwargs)


def public_page(scope_of=None):
    """Decorate a GET view; ``scope_of(**kwargs)`` names the page's county code."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            county = scope_of(**kwargs) if scope_of else None
            page = _page(request, county)
            answer = _kept_answer(request, page)
            if answer is not None:
                return answer
            response = _rendered(request, page, view, args, kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            cache.set_many(
                {
                    page.key: (response.content, dict(response.headers)),
                    _route_key(request): county or "",
                },
                getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600),
            )
            _remember_route(_route_key(request), county or "")
            page.headers(response)
            return response

        return wrapped

    return decorator


class PublicPageCacheMiddleware:
    """Answer a public page rendered before from the cache, early in the chain.

    Placed after the locale (the language is the page's), common (the host is
    validated) and clickjacking middleware (its header is set on the way out),
    and before everything a page for everyone does not need. A URL never
    rendered, or whose copy is gone, goes on down the chain as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            county = _route(request)
            if county is not None:
                answer = _kept_answer(request, _page(request, county or None))
                if answer is not None:
                    return answer
        return self.get_response(request)
