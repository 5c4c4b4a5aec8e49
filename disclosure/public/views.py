"""The public pages: home, a place, its catalog for a domain, an item there, a publication."""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalogs.channels import Vocabulary
from catalogs.presentation import decorate, level_columns
from catalogs.selectors import catalog_item_tree

from ..corrections.selectors import tombstone, withdrawal_county
from ..models import Validity
from ..participation.forms import SayForm
from ..participation.selectors import consultations_leading_to
from ..personaldata import masked_for_public, public_name, released_values
from . import places
from .caching import public_page
from .noticetables import notice_tables
from .rules import county_code, public_publications, publications_at, region_or_404

PAGE_SIZE = 20
FILTERS = {
    "level": {
        "county": "level_county",
        "township": "level_township",
        "village": "level_village",
    },
    "audience": {"public": "audience_public", "specific": "audience_specific"},
    "mode": {"proactive": "mode_proactive", "on_request": "mode_on_request"},
}


def region_scope(code=None, **kwargs):
    return code[:6] if code and len(code) >= 6 else None


def publication_scope(pk=None, **kwargs):
    """The publication's county: looked up once, then kept (it never changes).

    Only a public publication's county is kept; a withdrawn one still finds
    its county here, and the view, run because the county's version moved,
    answers 410 with its tombstone.
    """
    key = f"public-publication-county:{pk}"
    county = cache.get(key)
    if county is not None:
        return county
    code = (
        public_publications()
        .filter(pk=pk)
        .values_list("organisation__region__code", flat=True)
        .first()
    )
    if code is None:
        gone = withdrawal_county(pk)
        if gone is not None:  # its tombstone answers 410; nothing kept
            return gone
        raise Http404(_("There is no public publication number %(pk)s.") % {"pk": pk})
    county = code[:6]
    cache.set(key, county, getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600))
    return county


def page_of(request, queryset):
    """The requested page, or a 404 that says which pages exist."""
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage) as exc:
        raise Http404(
            _("There is no page “%(page)s”: pages run from 1 to %(last)s.")
            % {"page": str(request.GET.get("page"))[:20], "last": paginator.num_pages}
        ) from exc


@require_safe
@public_page()
def home(request):
    return render(
        request,
        "public/home.html",
        {"provinces": places.provinces(), "domains": places.domains()},
    )


@require_safe
@public_page(region_scope)
def region(request, code):
    place = region_or_404(code)
    return render(
        request,
        "public/region.html",
        {
            "place": place,
            "trail": places.trail(place),
            "children": places.children(place),
            "catalogs": places.county_catalogs(place),
            "recent": [masked_for_public(p) for p in places.recent_at(place)],
            "has_catalogs": county_code(place) is not None,
        },
    )


def _matches(item, chosen: dict) -> bool:
    """Whether the row passes the filters. A level the catalog leaves open (不详)
    passes the level filter with ``level_unknown`` set, so the row is shown
    marked rather than silently dropped from the level's list."""
    item.level_unknown = False
    for name, value in chosen.items():
        ticked = getattr(item, FILTERS[name][value])
        if name == "level" and ticked is None and not item.omitted:
            item.level_unknown = True
        elif not ticked:
            return False
    return True


def _filtered_tree(catalog, request):
    """The item tree with the chosen filters applied to second- and third-level rows."""
    chosen = {}
    for name, options in FILTERS.items():
        value = request.GET.get(name, "")
        if value in options:
            chosen[name] = value
    channels = Vocabulary.load().channels
    levels = level_columns(catalog)
    groups = []
    for first in catalog_item_tree(catalog):
        rows = []
        for second in first.tree_children:
            for item in [second, *second.tree_children]:
                if _matches(item, chosen):
                    rows.append(decorate(item, channels, levels))
        if rows or not chosen:
            groups.append({"item": first, "rows": rows})
    return groups, chosen, levels


@require_safe
@public_page(region_scope)
def catalog(request, code, domain):
    place = region_or_404(code)
    found = places.catalog_for(place, domain)
    groups, chosen, levels = _filtered_tree(found, request)
    counts = places.counts_by_row(place, found)
    for group in groups:
        for item in group["rows"]:
            item.publication_count = counts.get(item.lineage, 0)
    return render(
        request,
        "public/catalog.html",
        {
            "place": place,
            "trail": places.trail(place),
            "catalog": found,
            "groups": groups,
            "chosen": chosen,
            "levels": levels,
            "filters": FILTERS,
            "earlier": places.earlier_rows(found, counts),
        },
    )


@require_safe
@public_page(region_scope)
def item(request, code, pk):
    place = region_or_404(code)
    found = places.item_at(place, pk)
    later = places.successor(found)
    if later is not None:  # an earlier version's page: the row lives on there
        return HttpResponsePermanentRedirect(
            reverse("public:item", kwargs={"code": place.code, "pk": later.pk})
        )
    levels = level_columns(found.catalog)
    decorate(found, Vocabulary.load().channels, levels)
    publications = (
        publications_at(place)
        .filter(item__lineage=found.lineage, item__catalog__key=found.catalog.key)
        .select_related("organisation")
        .prefetch_related("personal_data_releases")
        .order_by("-published_at", "-pk")
    )
    page = page_of(request, publications)
    page.object_list = [
        masked_for_public(p, keep=released_values(p)) for p in page.object_list
    ]
    return render(
        request,
        "public/item.html",
        {
            "place": place,
            "trail": places.trail(place),
            "item": found,
            "levels": levels,
            "page_obj": page,
            "say_form": SayForm(
                prefix="say", initial={"page": f"item:{place.code}:{found.pk}"}
            ),
        },
    )


@require_safe
@public_page(publication_scope)
def publication(request, pk):
    entry = tombstone(pk)
    if entry is not None:  # withdrawn after it was public: gone, and why (410)
        place = entry.organisation.region
        return render(
            request,
            "public/tombstone.html",
            {"entry": entry, "place": place, "trail": places.trail(place)},
            status=410,
        )
    found = get_object_or_404(
        public_publications()
        .select_related(
            "organisation__region",
            "item__catalog__domain",
            "item__parent",
            "replaced_by",
            "interpretation_of",
        )
        .prefetch_related("attachments", "personal_data_releases"),
        pk=pk,
    )
    # The way out of the personal-data check: whatever is stored, the page masks.
    keep = released_values(found)
    masked_for_public(found, keep=keep)
    tables = notice_tables(found, keep=keep)
    for attachment in found.attachments.all():
        attachment.name = public_name(attachment)
    place = found.organisation.region
    replacement = (
        found.replaced_by
        if found.replaced_by_id
        and public_publications().filter(pk=found.replaced_by_id).exists()
        else None
    )
    interpreted = (
        found.interpretation_of
        if found.interpretation_of_id
        and public_publications().filter(pk=found.interpretation_of_id).exists()
        else None
    )
    interpretations = list(
        public_publications().filter(interpretation_of=found).order_by("-pk")[:10]
    )
    return render(
        request,
        "public/publication.html",
        {
            "p": found,
            "tables": tables,
            "place": place,
            "trail": places.trail(place),
            "replacement": replacement and masked_for_public(replacement),
            "interpreted": interpreted and masked_for_public(interpreted),
            "interpretations": [masked_for_public(i) for i in interpretations],
            "VALID": Validity.VALID,
            "consultations": list(consultations_leading_to(found)),
            "say_form": SayForm(
                prefix="say", initial={"page": f"publication:{found.pk}"}
            ),
        },
    )
