"""HTTP validators and a rendered-page cache for the public pages.

``public_page(scope)`` wraps a view: it reads the cache version of the page's
county (one query), derives a weak ETag from it, the language and the full
path, and Last-Modified from the version's time. A conditional GET that
matches is answered 304 before the view runs. Otherwise a rendered copy kept
under that ETag is served, or the view renders and the copy is kept. Pages
carry ``Cache-Control: public, max-age=…`` so any HTTP cache or CDN can serve
them, and revalidate them for one query.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from . import versions


def _headers(response, etag: str, state: versions.State) -> None:
    response["ETag"] = etag
    if state.changed_at is not None:
        response["Last-Modified"] = http_date(state.changed_at.timestamp())
    patch_cache_control(
        response, public=True, max_age=getattr(settings, "PUBLIC_MAX_AGE", 60)
    )


def public_page(scope_of=None):
    """Decorate a GET view; ``scope_of(**kwargs)`` names the page's county code."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            county = scope_of(**kwargs) if scope_of else None
            state = versions.read(county)
            digest = hashlib.sha256(
                f"{state.token}|{get_language()}|{request.get_full_path()}".encode()
            ).hexdigest()[:32]
            etag = f'W/"{digest}"'
            last_modified = (
                int(state.changed_at.timestamp()) if state.changed_at else None
            )
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified
            )
            if response is not None:
                _headers(response, etag, state)
                return response
            key = f"public-page:{digest}"
            kept = cache.get(key)
            if kept is not None:
                response = HttpResponse(kept[0], headers=kept[1])
            else:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response = response.render()
                if response.status_code != 200 or response.streaming:
                    return response
                cache.set(
                    key,
                    (response.content, dict(response.headers)),
                    getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600),
                )
            _headers(response, etag, state)
            return response

        return wrapped

    return decorator
