"""The site's URLs plus two baselines that exist only in the benchmarks.

``trivial`` is the least a Django view can do: every timing target is a ratio
of it. ``layout`` runs one query and renders a page in the site's layout
(``base.html``): the floor under every public page, shown beside the target.
"""

from functools import cache

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.http import require_safe

from catalogs.models import Domain
from portal.urls import urlpatterns as site_urlpatterns

LAYOUT = (
    '{% extends "base.html" %}{% block content %}<p>{{ provinces }}</p>{% endblock %}'
)


@cache
def layout_template():
    return engines["django"].from_string(LAYOUT)


@require_safe
def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain; charset=utf-8")


@require_safe
def layout(request):
    domains = Domain.objects.count()  # four rows at every size
    return HttpResponse(layout_template().render({"domains": domains}, request))


urlpatterns = [
    path("bench/trivial/", trivial, name="bench-trivial"),
    path("bench/layout/", layout, name="bench-layout"),
]
urlpatterns += site_urlpatterns
