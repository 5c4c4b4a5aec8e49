"""Public pages for standard catalogs: the list, a catalog laid out like the official table, an item."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from .models import Catalog, CatalogKind, Channel, Item
from .selectors import catalog_item_tree, channel_vocabulary, standard_catalogs

LEVELS = [
    ("county", _("County level")),
    ("township", _("Township level")),
    ("village", _("Village level")),
]

# What the codes in Item.uncertain and the keys of Item.evidence refer to.
FIELD_LABELS = {
    "name": _("Name"),
    "code": _("Number"),
    "name_code": _("Name and number"),
    "name_parent": _("Name and first-level item"),
    "name_and_position": _("Name and position"),
    "name_variant": _("Other wordings of the name"),
    "parent": _("First-level item"),
    "membership": _("Placement under its first-level item"),
    "children": _("Second-level items"),
    "children_seen": _("Second-level items seen"),
    "children_complete": _("Completeness of the second-level items"),
    "content": _("Content (elements)"),
    "basis": _("Legal basis"),
    "time_limit": _("Time limit"),
    "subject": _("Disclosing body"),
    "channels": _("Channels and carriers"),
    "audience": _("Audience"),
    "mode": _("Mode"),
    "levels": _("Level"),
    "levels.county": _("Level: county"),
    "levels.township": _("Level: township"),
    "levels.village": _("Level: village"),
    "audience_mode": _("Audience and mode"),
    "audience_mode_levels": _("Audience, mode and level"),
    "mode_levels": _("Mode and level"),
    "source": _("Source"),
}


@dataclass(frozen=True)
class Count:
    """Items present in a catalog beside the number its issuing document declares."""

    present: int
    declared: int | None

    @property
    def short(self) -> bool:
        return self.declared is not None and self.present < self.declared

    @property
    def unknown(self) -> bool:
        return self.declared is None


@dataclass(frozen=True)
class Tick:
    """One 公开对象/公开方式/公开层级 cell: True √, False blank, None unconfirmed."""

    label: str
    value: bool | None
    uncertain: bool


def with_completeness(catalog: Catalog) -> Catalog:
    catalog.level1 = Count(catalog.present_level1, catalog.expected_level1)
    catalog.level2 = Count(catalog.present_level2, catalog.expected_level2)
    catalog.partial = catalog.level1.short or catalog.level2.short
    catalog.count_unknown = catalog.level1.unknown or catalog.level2.unknown
    return catalog


def level_columns(catalog: Catalog) -> list[tuple[str, str]]:
    domain = catalog.domain
    return [
        (key, label) for key, label in LEVELS if getattr(domain, f"has_{key}_level")
    ]


def decorate(item: Item, channels: list[Channel], levels) -> Item:
    """Attach what the table cells show: tick boxes, ticks and uncertain fields."""
    flags = set(item.uncertain or [])
    item.flags = flags | {code.split(".")[0] for code in flags}
    ticked = set(item.channels or [])
    known = {c.code for c in channels}
    item.channel_marks = [
        (c.name, c.code in ticked) for c in channels if c.official or c.code in ticked
    ] + [(code, True) for code in item.channels or [] if code not in known]
    columns = [
        (("audience",), "audience_public", _("Whole society")),
        (("audience",), "audience_specific", _("Specific groups")),
        (("mode",), "mode_proactive", _("Proactive")),
        (("mode",), "mode_on_request", _("On request")),
    ] + [(("levels", f"levels.{key}"), f"level_{key}", label) for key, label in levels]
    item.ticks = [
        Tick(label, getattr(item, attr), any(code in flags for code in codes))
        for codes, attr, label in columns
    ]
    return item


def safe_sources(sources) -> list[dict]:
    """Sources as {url, what}; only http(s) addresses become links."""
    result = []
    for source in sources or []:
        entry = source if isinstance(source, dict) else {"url": source, "what": ""}
        url = str(entry.get("url") or "")
        if urlsplit(url).scheme not in ("http", "https"):
            url = ""
        result.append({"url": url, "what": str(entry.get("what") or "")})
    return result


class CatalogListView(ListView):
    template_name = "catalogs/catalog_list.html"
    context_object_name = "catalogs"

    def get_queryset(self):
        # Meta.ordering does not apply to the aggregated query; order it here.
        return standard_catalogs().order_by("domain__position", "key", "-version")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["catalogs"] = [with_completeness(c) for c in context["object_list"]]
        return context


class CatalogDetailView(DetailView):
    template_name = "catalogs/catalog_detail.html"
    context_object_name = "catalog"

    def get_object(self, queryset=None):
        catalog = get_object_or_404(
            standard_catalogs(), key=self.kwargs["key"], version=self.kwargs["version"]
        )
        return with_completeness(catalog)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        levels = level_columns(self.object)
        channels = channel_vocabulary()
        groups, number = [], 0
        for first in catalog_item_tree(self.object):
            rows = []
            for second in first.tree_children:
                number += 1
                rows.append((decorate(second, channels, levels), number, 2))
                for third in second.tree_children:
                    rows.append((decorate(third, channels, levels), None, 3))
            groups.append({"item": first, "rows": rows})
        context.update(
            groups=groups,
            levels=levels,
            # 序号, two item columns, five text columns, four ticks, the levels.
            column_count=8 + 4 + len(levels),
            sources=safe_sources(self.object.sources),
        )
        return context


class ItemDetailView(DetailView):
    template_name = "catalogs/item_detail.html"
    context_object_name = "item"
    queryset = (
        Item.objects.filter(catalog__kind=CatalogKind.STANDARD)
        .select_related("catalog__domain", "parent")
        .prefetch_related("bases", "children")
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        levels = level_columns(item.catalog)
        decorate(item, channel_vocabulary(), levels)
        evidence = item.evidence
        if isinstance(evidence, dict):
            evidence = [(FIELD_LABELS.get(k, k), str(v)) for k, v in evidence.items()]
        else:
            evidence = [("", str(evidence))] if evidence else []
        context.update(
            levels=levels,
            sources=safe_sources(item.sources),
            uncertain=[FIELD_LABELS.get(code, code) for code in item.uncertain or []],
            evidence=evidence,
        )
        return context
