"""A read-only JSON API over public regions, catalogs, items and publications.

Lists are paginated: ``?page=N`` (from 1) and ``?page_size=K`` (1–100, 50 by
default); each answer holds ``count``, ``page``, ``pages``, ``next``,
``previous`` and ``results``. Errors are JSON too: ``{"error": {"status",
"message"}}``, with status 400 for a malformed parameter and 404 for a page
beyond the end or an unknown object. The README documents every endpoint.
"""

import re
from functools import wraps

from django.core.paginator import Paginator
from django.db.models import Subquery
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalogs.models import Catalog, Item
from catalogs.selectors import public_catalogs
from portal.models import Region

from . import serialise
from .caching import public_page
from .rules import public_publications
from .search.publications import Filters
from .search.query import search
from .search.view import read_filters

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50


class BadParameter(Exception):
    pass


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def api(view):
    """GET only, cached like the pages; errors answered as JSON, never as HTML."""

    @require_safe
    @public_page()
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return _json(view(request, *args, **kwargs))
        except BadParameter as exc:
            return _json({"error": {"status": 400, "message": str(exc)}}, status=400)
        except Http404 as exc:
            message = str(exc) or _("Not found.")
            return _json({"error": {"status": 404, "message": message}}, status=404)

    return wrapped


# The largest id a database integer column holds (PostgreSQL's integer).
LARGEST_ID = 2_147_483_647
ASCII_WHOLE = re.compile(r"[0-9]+")


def _positive(request, name: str, default: int, upper: int | None = None) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    upper = upper or LARGEST_ID
    # ASCII digits only: str.isdigit() also accepts "²" and "٣", which int() refuses;
    # at most ten of them, so a huge number is refused before any query.
    if not ASCII_WHOLE.fullmatch(raw) or len(raw) > 10 or not 1 <= int(raw) <= upper:
        raise BadParameter(
            _("“%(name)s” must be a whole number from 1 to %(upper)s, not “%(value)s”.")
            % {"name": name, "upper": upper, "value": raw[:20]}
        )
    return int(raw)


def paginated(request, queryset, to_json) -> dict:
    size = _positive(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    number = _positive(request, "page", 1)
    paginator = Paginator(queryset, size)
    if number > max(paginator.num_pages, 1):
        raise Http404(
            _("There is no page %(page)s: pages run from 1 to %(last)s.")
            % {"page": number, "last": paginator.num_pages}
        )
    page = paginator.page(number)

    def link(n):
        params = request.GET.copy()
        params["page"] = n
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "next": link(number + 1) if page.has_next() else None,
        "previous": link(number - 1) if page.has_previous() else None,
        "results": [to_json(obj) for obj in page.object_list],
    }


@api
def root(request):
    return {
        name: request.build_absolute_uri(reverse(f"opendata:api-{name}"))
        for name in (
            "regions",
            "catalogs",
            "publications",
            "consultations",
            "corrections",
            "bodies",
        )
    }


@api
def regions(request):
    queryset = Region.objects.order_by("code")
    parent = request.GET.get("parent")
    if parent:
        queryset = queryset.filter(parent__code=parent)
    level = request.GET.get("level")
    if level:
        queryset = queryset.filter(level=level)
    return paginated(request, queryset, serialise.region)


@api
def region(request, code):
    found = get_object_or_404(Region, code=code)
    return serialise.region_detail(found)


@api
def catalogs(request):
    queryset = public_catalogs().select_related("domain", "organisation__region")
    if request.GET.get("region"):
        queryset = queryset.filter(organisation__region__code=request.GET["region"][:6])
    if request.GET.get("domain"):
        queryset = queryset.filter(domain__key=request.GET["domain"])
    if request.GET.get("kind"):
        queryset = queryset.filter(kind=request.GET["kind"])
    return paginated(request, queryset.order_by("pk"), serialise.catalog)


def _catalog(key, version) -> Catalog:
    return get_object_or_404(
        public_catalogs().select_related("domain", "organisation__region"),
        key=key,
        version=version,
    )


@api
def catalog(request, key, version):
    return serialise.catalog(_catalog(key, version))


@api
def catalog_items(request, key, version):
    found = _catalog(key, version)
    queryset = (
        Item.objects.filter(catalog=found)
        .select_related("catalog", "parent")
        .prefetch_related("bases")
        .order_by("position")
    )
    return paginated(request, queryset, serialise.item)


@api
def item(request, pk):
    found = get_object_or_404(
        Item.objects.public()
        .select_related("catalog", "parent")
        .prefetch_related("bases"),
        pk=pk,
    )
    return serialise.item(found)


@api
def publications(request):
    """Public publications, newest first; with ``q``, the search's own order.

    A search answers the same publications in the same order as the search
    page (``search.query.search``); its ``count`` stops at 1,000 (``capped``).
    """
    filters, _chosen = read_filters(request.GET)
    item = _positive(request, "item", 0) if request.GET.get("item") else None
    query = request.GET.get("q", "").strip()
    if query:
        hits = search(query, Filters(**{**filters.__dict__, "item": item})).publications
        answer = paginated(request, hits, serialise.publication)
        answer["capped"] = hits.capped
        return answer
    queryset = public_publications().order_by("-published_at", "-pk")
    if filters.region:
        queryset = queryset.filter(
            organisation__region__code__startswith=filters.region
        )
    if filters.domain:
        queryset = queryset.filter(item__catalog__domain_id=filters.domain)
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if item:  # the row: earlier versions' publications under it too (lineage)
        lineage = Item.objects.filter(pk=item).values("lineage")[:1]
        queryset = queryset.filter(item__lineage=Subquery(lineage))
    queryset = queryset.select_related(
        "organisation__region", "item__catalog__domain"
    ).prefetch_related("personal_data_releases")
    return paginated(request, queryset, serialise.publication)


@api
def publication(request, pk):
    found = get_object_or_404(
        public_publications()
        .select_related("organisation__region", "item__catalog__domain")
        .prefetch_related("attachments", "personal_data_releases"),
        pk=pk,
    )
    return serialise.publication(found, attachments=True)
