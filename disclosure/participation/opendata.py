"""Consultations in the open data: an Atom feed per county and the JSON API
(list and detail). Only published consultations, their published comment
counts and, once published, their adoption feedback; never a comment's
contact, never an unmoderated comment."""

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..pii import mask_personal_data
from ..public.api import api, paginated
from ..public.caching import public_page
from ..public.feeds import ENTRIES, TextAtomFeed
from ..public.rules import county_code, public_publications, region_or_404
from ..public.views import region_scope
from . import selectors, services


def _county(code: str) -> tuple:
    place = region_or_404(code)
    county = county_code(place)
    if county is None:
        raise Http404(_("Consultations are listed per county."))
    return place, county


class ConsultationFeed(Feed):
    feed_type = TextAtomFeed

    def get_object(self, request, code):
        return _county(code)

    def title(self, obj):
        return _("Consultations in %(place)s") % {"place": obj[0].name}

    def link(self, obj):
        return reverse("participation:county", kwargs={"code": obj[0].code})

    def subtitle(self, obj):
        return _("Policy drafts published for comment in %(place)s.") % {
            "place": obj[0].name
        }

    def items(self, obj):
        return selectors.consultations_at(obj[1]).order_by("-opens_at", "-pk")[:ENTRIES]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return mask_personal_data(item.interpretation_text[:500])

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.opens_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name


consultation_feed = require_safe(public_page(region_scope)(ConsultationFeed()))


def _listed():
    """Published consultations with their counts, whether their final policy is
    public and their feedback groups: a constant number of queries per page."""
    return (
        selectors.with_comment_counts(selectors.public_consultations())
        .annotate(
            final_is_public=Exists(
                public_publications().filter(pk=OuterRef("final_publication_id"))
            )
        )
        .prefetch_related("feedback")
    )


def _json(request, c) -> dict:
    """``c`` comes from ``_listed()``."""
    data = {
        "id": c.pk,
        "url": request.build_absolute_uri(c.get_absolute_url()),
        "title": c.title,
        "asking_body": c.organisation.name,
        "region": c.organisation.region.code,
        "contact": c.contact,
        "opens_at": c.opens_at.isoformat(),
        "closes_at": c.closes_at.isoformat(),
        "open": services.is_open(c),
        "comments_received": c.comments_received,
        "comments_published": c.comments_published,
        "comments_adopted": c.comments_adopted,
    }
    if c.feedback_published_at is not None:
        data["feedback"] = {
            "published_at": c.feedback_published_at.isoformat(),
            "summary": mask_personal_data(c.feedback_summary),
            "groups": [
                {
                    "opinion": f.gist,
                    "decision": f.verdict,
                    "decision_label": f.get_verdict_display(),
                    "reason": f.reason,
                }
                for f in c.feedback.all()
            ],
            "final_policy": request.build_absolute_uri(
                reverse(
                    "opendata:api-publication", kwargs={"pk": c.final_publication_id}
                )
            )
            if c.final_is_public
            else None,
        }
    return data


@api
def consultations(request):
    """Published consultations, newest first; ``?county=410225`` for one county."""
    found = _listed().order_by("-opens_at", "-pk")
    code = request.GET.get("county", "")
    if code:
        found = found.filter(organisation__region__code__startswith=_county(code)[1])
    return paginated(request, found, lambda c: _json(request, c))


@api
def consultation(request, pk):
    return _json(request, get_object_or_404(_listed(), pk=pk))
