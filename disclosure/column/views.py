"""The public 政府信息公开 column: a place's bodies, and one body's column."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..personaldata import masked_for_public
from ..public import places
from ..public.caching import public_page
from ..public.rules import region_or_404
from ..public.views import region_scope
from . import selectors
from .guide import shown_guide


@require_safe
@public_page(region_scope)
def columns_at(request, code):
    place = region_or_404(code)
    return render(
        request,
        "public/columns.html",
        {
            "place": place,
            "trail": places.trail(place),
            "bodies": selectors.bodies_at(place),
            "children": places.children(place),
        },
    )


@require_safe
@public_page(region_scope)
def column(request, code, body):
    place = region_or_404(code)
    found = selectors.body_at_or_404(place, body)
    return render(
        request,
        "public/column.html",
        {
            "place": place,
            "trail": places.trail(place),
            "body": found,
            "guide": shown_guide(found),
            "catalogs": selectors.body_catalogs(found),
            "recent": [masked_for_public(p) for p in selectors.body_recent(found)],
            "reports": selectors.body_reports(found),
        },
    )
