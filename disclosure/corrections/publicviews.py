"""The public correction log: a page and an Atom feed per county (the tombstone of
a withdrawn publication is answered by ``public.views.publication``)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..public import places
from ..public.caching import public_page
from ..public.feeds import TextAtomFeed
from ..public.rules import county_code, region_or_404
from ..public.views import page_of, region_scope
from .selectors import county_log, with_public_replacements

FEED_ENTRIES = 50


def county_of(code: str):
    place = region_or_404(code)
    county = county_code(place)
    if county is None or county != place.code:
        raise Http404(
            _("The correction log is kept per county; “%(code)s” is not a county.")
            % {"code": code[:20]}
        )
    return place


@require_safe
@public_page(region_scope)
def corrections(request, code):
    place = county_of(code)
    page = page_of(request, county_log(place.code))
    page.object_list = with_public_replacements(page.object_list)
    return render(
        request,
        "public/corrections.html",
        {"place": place, "trail": places.trail(place), "page_obj": page},
    )


class CorrectionFeed(Feed):
    feed_type = TextAtomFeed

    def get_object(self, request, code):
        return county_of(code)

    def title(self, obj):
        return _("Corrections and withdrawals in %(place)s") % {"place": obj.name}

    def link(self, obj):
        return reverse("public:corrections", kwargs={"code": obj.code})

    def subtitle(self, obj):
        return _(
            "What the bodies of %(place)s withdrew or corrected after publishing, and why."
        ) % {"place": obj.name}

    def items(self, obj):
        return county_log(obj.code)[:FEED_ENTRIES]

    def item_title(self, item):
        return f"{item.get_kind_display()}：{item.title}"

    def item_description(self, item):
        return " · ".join(filter(None, [item.what, item.reason]))

    def item_link(self, item):
        return (
            reverse("public:corrections", kwargs={"code": item.county_code})
            + f"#entry-{item.pk}"
        )

    def item_guid(self, item):
        return f"correction-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.happened_at

    def item_author_name(self, item):
        return item.organisation.name


corrections_feed = require_safe(public_page(region_scope)(CorrectionFeed()))
