"""How catalogs are shown: the table cells of an item, completeness counts, values
written out for a reader, and a comparison ready for a page.

Presentation only: nothing here decides a rule. The public catalog pages, the
public portal's catalog and item pages and the admin's operation pages use it.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .local.comparison import catalog_compare
from .models import Catalog, Channel, Item, ItemOrigin

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


def show_value(value) -> str:
    """A column's value as a reader would write it: lists joined, ticks as words."""
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return gettext("Yes")
    if value is False:
        return gettext("No")
    if isinstance(value, list | tuple):
        return "、".join(show_value(v) for v in value)
    return str(value)


def addition_label(item: Item) -> str:
    if item.origin != ItemOrigin.SUPPLEMENT:
        return ""
    if item.level == 3:
        return gettext("Local third-level item")
    return gettext("Local supplement")


def comparison_context(left: Catalog, right: Catalog) -> dict:
    """What a comparison page shows, the values already written out."""
    result = catalog_compare(left, right)
    right_items = {item.pk: item for _left, item in result.matched}
    right_items.update((item.pk, item) for item in result.added)

    def parent_name(item):
        parent = right_items.get(item.parent_id)
        return parent.name if parent is not None else ""

    return {
        "left": left,
        "right": right,
        "comparison": result,
        "omitted": [pair[1] for pair in result.omitted],
        "restored": [pair[1] for pair in result.restored],
        "added": [
            (item, addition_label(item), parent_name(item)) for item in result.added
        ],
        "removed": result.removed,
        "changed": [
            (
                change.right,
                [
                    (diff.label, show_value(diff.old), show_value(diff.new))
                    for diff in change.differences
                ],
            )
            for change in result.changed
        ],
    }
