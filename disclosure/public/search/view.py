"""The search page: rows and publications for a query, filtered by place, domain, level."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalogs.models import Domain
from portal.models import Region

from ...models import PublicationLevel
from ..caching import public_page
from ..views import page_of
from . import vocabulary
from .publications import Filters
from .query import search


def read_filters(params) -> tuple[Filters, dict]:
    """Filters from the query string; unknown values are dropped, not errors."""
    code = params.get("region", "")
    region = (
        Region.objects.filter(code=code).select_related("parent").first()
        if code.isdigit() and len(code) <= 12
        else None
    )
    domain = Domain.objects.filter(key=params.get("domain", "")).first()
    level = params.get("level", "")
    level = level if level in PublicationLevel.values else ""
    return (
        Filters(
            region=region.code if region else "",
            domain=domain.pk if domain else None,
            level=level,
        ),
        {"region": region, "domain": domain, "level": level},
    )


@require_safe
@public_page()
def search_page(request):
    query = request.GET.get("q", "").strip()
    filters, chosen = read_filters(request.GET)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "keep": params.urlencode() + "&" if params else "",
        "query": query[: vocabulary.MAX_QUERY_CHARS],
        "chosen": chosen,
        "domains": Domain.objects.order_by("position"),
        "levels": PublicationLevel.choices,
        "truncated": len(query) > vocabulary.MAX_QUERY_CHARS,
        "examples": vocabulary.vocabulary().examples,
    }
    if query:
        results = search(query, filters, region=chosen["region"])
        context["results"] = results
        if not results.searchable:
            context["problem"] = _(
                "The query holds no letters, digits or Chinese characters to "
                "search for."
            )
        else:
            page = page_of(request, results.publications)
            results.decorate(page.object_list)
            context["page_obj"] = page
    return render(request, "public/search.html", context)
