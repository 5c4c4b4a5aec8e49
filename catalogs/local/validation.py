"""Checking a local catalog against its standard: one coded finding per violation.

The rules are those of domain.md, "Rules for deriving a local catalog". Errors
block filing; warnings are advice. The queries do not grow with the catalog.
"""

import difflib
from dataclasses import dataclass, replace

from django.db.models import Q
from django.utils.translation import gettext as _

from ..channels import Vocabulary
from ..columns import LEVEL_FLAGS
from ..folding import normalise_name
from ..legalbases import cites_article
from ..models import (
    Catalog,
    Item,
    ItemOrigin,
    LegalBasis,
    TimeLimitKind,
    TimeLimitUnit,
)
from ..timelimits import TimeLimit

ERROR = "error"
WARNING = "warning"

TIME_LIMIT_LONGER = "TIME_LIMIT_LONGER"
CHANNEL_DROPPED = "CHANNEL_DROPPED"
SUPPLEMENT_OVERLAPS = "SUPPLEMENT_OVERLAPS"
THIRD_LEVEL_MISPLACED = "THIRD_LEVEL_MISPLACED"
MODE_MISSING = "MODE_MISSING"
OMISSION_WITHOUT_REASON = "OMISSION_WITHOUT_REASON"
LEVEL_OUTSIDE_STANDARD = "LEVEL_OUTSIDE_STANDARD"
LEVEL_MISSING = "LEVEL_MISSING"
BASIS_CITES_ARTICLE = "BASIS_CITES_ARTICLE"

# Names this similar (difflib ratio) count as the same item.
SIMILARITY_THRESHOLD = 0.8
# A name shorter than this inside another is too generic to call an overlap.
MIN_CONTAINED_LENGTH = 3


@dataclass(frozen=True)
class Finding:
    """One rule violation: which rule, how serious, where, and what to do about it."""

    code: str
    severity: str
    item: Item | None
    field: str
    message: str
    # The field as staff read it (its label, translated); ``field`` is the key.
    label: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self):
        return self.message


# The columns the rules read: rows are read as plain values, not model instances
# (building 3,000 ``Item`` objects was most of the time of putting a 1,500-row
# version in force); only the items a finding names are fetched as ``Item``.
_ROW_FIELDS = (
    "pk",
    "catalog_id",
    "parent_id",
    "level",
    "code",
    "name",
    "time_limit_text",
    "time_limit_kind",
    "time_limit_amount",
    "time_limit_unit",
    "time_limit_trigger",
    "channels",
    "mode_proactive",
    "mode_on_request",
    *LEVEL_FLAGS,
    "origin",
    "derived_from_id",
    "omitted",
    "omission_reason",
)


class _Row:
    """An item's columns as the rules read them; printed as ``Item`` prints."""

    __slots__ = (*_ROW_FIELDS, "bases")

    def __init__(self, values):
        for name, value in zip(_ROW_FIELDS, values, strict=True):
            setattr(self, name, value)
        self.bases = []

    def __str__(self):
        return f"{self.code} {self.name}".strip()


def _rows(queryset) -> list[_Row]:
    return [_Row(values) for values in queryset.values_list(*_ROW_FIELDS)]


def catalog_validate(catalog: Catalog) -> list[Finding]:
    """Every finding for ``catalog``, in item order."""
    catalog = Catalog.objects.select_related("domain").get(pk=catalog.pk)
    items = _rows(Item.objects.filter(catalog=catalog).order_by("position", "pk"))
    by_pk = {item.pk: item for item in items}
    bases = LegalBasis.objects.filter(item__catalog=catalog, item__omitted=False)
    for item_id, text in bases.order_by("position", "pk").values_list(
        "item_id", "text"
    ):
        by_pk[item_id].bases.append(text)
    wanted = Q(pk__in={i.derived_from_id for i in items if i.derived_from_id})
    if catalog.derived_from_id:
        wanted |= Q(catalog_id=catalog.derived_from_id, level__lte=2, omitted=False)
    sources = {item.pk: item for item in _rows(Item.objects.filter(wanted))}
    standard = [s for s in sources.values() if s.catalog_id == catalog.derived_from_id]
    channel_names = Vocabulary.load().names
    overlaps = _OverlapIndex([s for s in standard if s.level <= 2])
    findings: list[Finding] = []
    for item in items:
        source = sources.get(item.derived_from_id)
        parent = by_pk.get(item.parent_id)
        if not item.omitted and item.origin == ItemOrigin.DERIVED and source:
            findings += _time_limit(item, source)
            findings += _channels(item, source, channel_names)
        if item.origin == ItemOrigin.SUPPLEMENT and item.level <= 2:
            parent_source = parent.derived_from_id if parent else None
            findings += _overlap(item, overlaps.find(item, parent_source))
        if item.level == 3 and parent is not None and parent.level != 2:
            findings.append(
                _finding(
                    THIRD_LEVEL_MISPLACED,
                    item,
                    "parent",
                    _(
                        "Item “%(item)s”, field “%(field)s”: a third-level item "
                        "must sit under a second-level item, but “%(parent)s” is at "
                        "level %(level)s."
                    ),
                    parent=parent,
                    level=parent.level,
                )
            )
        if (
            not item.omitted
            and item.level >= 2
            and item.mode_proactive is not True
            and item.mode_on_request is not True
        ):
            findings.append(
                _finding(
                    MODE_MISSING,
                    item,
                    "mode_proactive",
                    _(
                        "Item “%(item)s”, field “%(field)s”: neither proactive nor "
                        "on-request disclosure is ticked. Every item must say how it "
                        "is disclosed."
                    ),
                    field_label=_("mode"),
                )
            )
        if item.omitted and not item.omission_reason.strip():
            findings.append(
                _finding(
                    OMISSION_WITHOUT_REASON,
                    item,
                    "omission_reason",
                    _(
                        "Item “%(item)s”, field “%(field)s”: the item is marked as "
                        "not performed locally but no reason is given. Record why "
                        "it is left out."
                    ),
                )
            )
        if not item.omitted and item.level >= 2:
            findings += _levels_missing(item, catalog.domain)
        for name, flag in LEVEL_FLAGS.items():
            if getattr(item, name) and not getattr(catalog.domain, flag):
                findings.append(
                    _finding(
                        LEVEL_OUTSIDE_STANDARD,
                        item,
                        name,
                        _(
                            "Item “%(item)s”, field “%(field)s”: the %(domain)s "
                            "domain is not published at this level, so it cannot "
                            "be ticked."
                        ),
                        domain=catalog.domain.name,
                    )
                )
        if not item.omitted:
            findings += _bases(item)
    return _as_items(findings)


def _levels_missing(item, domain) -> list[Finding]:
    """A level the domain publishes at but the item leaves open (不详): a publisher
    at that level is offered only items ticked for it, so the item would be
    missing from their list without anyone having decided so."""
    return [
        _finding(
            LEVEL_MISSING,
            item,
            name,
            _(
                "Item “%(item)s”, field “%(field)s”: it is not stated (不详) whether "
                "the item is published at this level. Tick or untick it: until then "
                "publishers at this level are not offered the item."
            ),
        )
        for name, flag in LEVEL_FLAGS.items()
        if getattr(domain, flag) and getattr(item, name) is None
    ]


def _as_items(findings: list[Finding]) -> list[Finding]:
    """The findings naming their ``Item`` (one query, none when there is nothing)."""
    if not findings:
        return findings
    items = Item.objects.in_bulk({finding.item.pk for finding in findings})
    return [replace(finding, item=items[finding.item.pk]) for finding in findings]


def catalog_is_valid(catalog: Catalog) -> bool:
    """Whether ``catalog`` has no errors (warnings are allowed)."""
    return not any(finding.is_error for finding in catalog_validate(catalog))


def _finding(code, item, field, message, *, field_label=None, **params) -> Finding:
    if field_label is None:
        field_label = Item._meta.get_field(field).verbose_name
    params.update(item=item, field=field_label)
    severity = WARNING if code == BASIS_CITES_ARTICLE else ERROR
    return Finding(code, severity, item, field, message % params, field_label)


def _wording(item: Item) -> str:
    if item.time_limit_text:
        return item.time_limit_text
    if item.time_limit_amount is not None and item.time_limit_unit:
        return f"{item.time_limit_amount} {TimeLimitUnit(item.time_limit_unit).label}"
    return str(TimeLimitKind(item.time_limit_kind).label)


def _time_limit(item: Item, source: Item) -> list[Finding]:
    local, standard = TimeLimit.of(item), TimeLimit.of(source)
    if standard.kind == TimeLimitKind.UNSPECIFIED:
        return []
    params = {"local": _wording(item), "standard": _wording(source)}
    if local.kind == TimeLimitKind.UNSPECIFIED:
        message = _(
            "Item “%(item)s”, field “%(field)s”: the time limit is missing, but the "
            "standard item sets “%(standard)s”. A local catalog may shorten a time "
            "limit but never drop or lengthen it."
        )
        return [_finding(TIME_LIMIT_LONGER, item, "time_limit_text", message, **params)]
    amounts = (local.amount, standard.amount)
    counted = (TimeLimitKind.WITHIN, TimeLimitKind.PERIODIC)
    if local.kind == standard.kind and local.kind in counted and None in amounts:
        verdict = None  # a "within" limit without its number cannot be weighed
    else:
        verdict = local.is_stricter_or_equal(standard)
    if verdict:
        return []
    if verdict is False:
        message = _(
            "Item “%(item)s”, field “%(field)s”: the time limit “%(local)s” is longer "
            "than the standard’s “%(standard)s”. A local catalog may shorten a time "
            "limit but never lengthen it."
        )
    else:
        message = _(
            "Item “%(item)s”, field “%(field)s”: the time limit “%(local)s” cannot be "
            "compared with the standard’s “%(standard)s”, so it cannot be shown to be "
            "no longer. Use the same kind of limit as the standard, or a shorter one."
        )
    return [_finding(TIME_LIMIT_LONGER, item, "time_limit_text", message, **params)]


def _channels(item: Item, source: Item, names: dict[str, str]) -> list[Finding]:
    return [
        _finding(
            CHANNEL_DROPPED,
            item,
            "channels",
            _(
                "Item “%(item)s”, field “%(field)s”: the standard item’s channel "
                "“%(channel)s” is missing. A local catalog may add channels but "
                "never drop one."
            ),
            channel=names.get(code, code),
        )
        for code in source.channels
        if code not in item.channels
    ]


class _OverlapIndex:
    """The standard's first- and second-level names, normalised, for overlap checks.

    A second-level name that recurs under several first-level items (政策法规文件,
    办事指南) is generic: a supplement only overlaps it under the same parent.
    """

    def __init__(self, standard_items: list[Item]):
        self.entries = [(normalise_name(s.name), s) for s in standard_items]
        counts: dict[str, int] = {}
        for name, source in self.entries:
            if source.level == 2:
                counts[name] = counts.get(name, 0) + 1
        self.generic = {name for name, count in counts.items() if count > 1}
        # Exact names looked up, not scanned: name → its entries in order.
        self.named: dict[str, list[Item]] = {}
        for name, source in self.entries:
            self.named.setdefault(name, []).append(source)

    def _eligible(self, name: str, source: Item, parent_source_id) -> bool:
        generic = source.level == 2 and name in self.generic
        return not generic or source.parent_id == parent_source_id

    def find(
        self, item: Item, parent_source_id: int | None
    ) -> tuple[Item, bool] | None:
        """The standard item ``item`` overlaps, and whether the names are the same."""
        name = normalise_name(item.name)
        if not name:
            return None
        for source in self.named.get(name, ()):
            if self._eligible(name, source, parent_source_id):
                return source, True
        for other, source in self.entries:
            eligible = self._eligible(other, source, parent_source_id)
            if eligible and _overlaps(name, other):
                return source, False
        return None


# Public for carryover.py, which applies the same overlap rule to a new standard.
OverlapIndex = _OverlapIndex


def _overlaps(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if len(short) >= MIN_CONTAINED_LENGTH and short in long:
        return True
    # The lengths alone bound the ratio from above: skip the full comparison
    # when even that bound misses the threshold.
    if 2 * len(short) / (len(a) + len(b)) < SIMILARITY_THRESHOLD:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.quick_ratio() >= SIMILARITY_THRESHOLD
        and matcher.ratio() >= SIMILARITY_THRESHOLD
    )


def _overlap(item: Item, found: tuple[Item, bool] | None) -> list[Finding]:
    if found is None:
        return []
    source, same = found
    if same:
        message = _(
            "Item “%(item)s”, field “%(field)s”: the supplementary item duplicates the "
            "standard item “%(standard)s”. A supplement must not repeat a first- or "
            "second-level item of the standard; use or restore that item instead."
        )
    else:
        message = _(
            "Item “%(item)s”, field “%(field)s”: the supplementary item overlaps the "
            "standard item “%(standard)s”. A supplement must not overlap a first- or "
            "second-level item of the standard; use or restore that item instead."
        )
    return [_finding(SUPPLEMENT_OVERLAPS, item, "name", message, standard=source)]


def _bases(item: Item) -> list[Finding]:
    return [
        _finding(
            BASIS_CITES_ARTICLE,
            item,
            "bases",
            _(
                "Item “%(item)s”, field “%(field)s”: the legal basis “%(basis)s” "
                "quotes an article. Name laws and documents with their document "
                "number, without article numbers."
            ),
            field_label=LegalBasis._meta.verbose_name,
            basis=text,
        )
        for text in item.bases
        if cites_article(text)
    ]
