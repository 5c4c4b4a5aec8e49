"""Atom feeds of newly published information, per place and per domain."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalogs.models import Domain

from ..models import SearchEntry
from ..personaldata import masked_for_public, released_values
from . import places
from .caching import public_page
from .markup import plain_text
from .rules import public_publications, region_or_404
from .views import region_scope

ENTRIES = 50
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
DOCUMENT_NUMBER_SCHEME = "urn:x-disclosure:document-number"
TOPIC_SCHEME = "urn:x-disclosure:topic"


def newest(entries) -> list:
    """The newest public publications among ``entries`` (SearchEntry rows)."""
    ids = list(
        entries.order_by("-published_at", "-publication_id").values_list(
            "publication_id", flat=True
        )[:ENTRIES]
    )
    found = (
        public_publications()
        .filter(pk__in=ids)
        .select_related("organisation__region", "item__catalog__domain", "item")
        .prefetch_related("personal_data_releases")
        .order_by("-published_at", "-pk")
    )
    # The way out of the personal-data check: entries carry masked text only.
    return [masked_for_public(p, keep=released_values(p)) for p in found]


class TextAtomFeed(Atom1Feed):
    """Atom whose summaries are plain text (``type="text"``): a publication's body
    is text, so ``<img onerror=…>`` in it must reach a feed reader as letters,
    never as markup (Django's Atom1Feed says ``type="html"``)."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        description = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if description is not None:
            handler.addQuickElement("summary", description, {"type": "text"})
        # 索引号 as the entry's identifier, 文号 and 主题分类 as labelled categories.
        if item.get("index_number"):
            handler.addQuickElement("dc:identifier", item["index_number"])
        for scheme, label, term in item.get("metadata_categories", ()):
            handler.addQuickElement(
                "category", None, {"term": term, "scheme": scheme, "label": label}
            )


class PublicationFeed(Feed):
    feed_type = TextAtomFeed

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_text(item.body)[:500]

    def item_link(self, item):
        return reverse("public:publication", kwargs={"pk": item.pk})

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_extra_kwargs(self, item):
        categories = []
        if item.document_number:
            categories.append(
                (DOCUMENT_NUMBER_SCHEME, _("Document number"), item.document_number)
            )
        if item.topic:
            categories.append((TOPIC_SCHEME, _("Topic"), str(item.get_topic_display())))
        return {
            "index_number": item.index_number,
            "metadata_categories": categories,
        }

    def item_categories(self, item):
        return [item.item.catalog.domain.name, item.item.name]


class RegionFeed(PublicationFeed):
    def get_object(self, request, code):
        return region_or_404(code)

    def title(self, obj):
        return _("Published in %(place)s") % {"place": obj.name}

    def link(self, obj):
        return reverse("public:region", kwargs={"code": obj.code})

    def subtitle(self, obj):
        return _("Information newly published by the bodies of %(place)s.") % {
            "place": obj.name
        }

    def items(self, obj):
        return newest(places.entries_at(obj))


class DomainFeed(PublicationFeed):
    def get_object(self, request, key):
        return get_object_or_404(Domain, key=key)

    def title(self, obj):
        return _("Published under %(domain)s") % {"domain": obj.name}

    def link(self, obj):
        return reverse("public:home")

    def subtitle(self, obj):
        return _("Information newly published in the domain %(domain)s.") % {
            "domain": obj.name
        }

    def items(self, obj):
        return newest(SearchEntry.objects.filter(domain=obj))


region_feed = require_safe(public_page(region_scope)(RegionFeed()))
domain_feed = require_safe(public_page()(DomainFeed()))
