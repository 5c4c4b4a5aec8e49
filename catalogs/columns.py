"""An item's columns, declared once: the row of every catalog (domain.md, "The row").

Each column has one key used everywhere — the ``Item`` field, or ``bases`` for the
legal bases kept as ``LegalBasis`` rows — with the label the official layout prints
(the catalogs' own language, as data), its header group, what kind of value it
holds, the model fields it is stored in, the translated label forms show and, for a
level, the domain flag that allows it. The layout's reader and writer, the item
listing, the comparison, the filing snapshot, the admin forms, the local edits and
the import plan read this registry; none lists the columns again.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Item, LegalBasis


class Kind:
    """What a column holds."""

    TEXT = "text"
    LIST = "list"  # one entry per line: content elements, legal bases
    CHANNELS = "channels"  # codes of the channel vocabulary
    TICK = "tick"  # √ or empty; None when the source does not say


@dataclass(frozen=True)
class ItemColumn:
    """One column of the row: key, printed label and group, kind, storage, form label."""

    key: str
    label: str
    form_label: Promise
    group: str = ""
    kind: str = Kind.TEXT
    stored: tuple[str, ...] = ()
    domain_flag: str = ""

    @property
    def fields(self) -> tuple[str, ...]:
        """The ``Item`` fields the column is stored in (none for the legal bases)."""
        if self.key == "bases":
            return ()
        return self.stored or (self.key,)

    @property
    def title(self) -> str:
        """The printed label with its group, as messages name it: 公开对象：全社会."""
        return f"{self.group}：{self.label}" if self.group else self.label


_TIME_LIMIT_FIELDS = (
    "time_limit_text",
    "time_limit_kind",
    "time_limit_amount",
    "time_limit_unit",
    "time_limit_trigger",
)

# In the printed order of the official layout.
COLUMNS = (
    ItemColumn("content", "公开内容（要素）", _("Content elements"), kind=Kind.LIST),
    ItemColumn("bases", "公开依据", _("Legal bases"), kind=Kind.LIST),
    ItemColumn(
        "time_limit_text", "公开时限", _("Time limit"), stored=_TIME_LIMIT_FIELDS
    ),
    ItemColumn("subject", "公开主体", _("Disclosing body")),
    ItemColumn(
        "channels", "公开渠道和载体", _("Channels and carriers"), kind=Kind.CHANNELS
    ),
    ItemColumn(
        "audience_public", "全社会", _("Audience: whole society"), "公开对象", Kind.TICK
    ),
    ItemColumn(
        "audience_specific",
        "特定群体",
        _("Audience: specific groups"),
        "公开对象",
        Kind.TICK,
    ),
    ItemColumn("mode_proactive", "主动", _("Mode: proactive"), "公开方式", Kind.TICK),
    ItemColumn(
        "mode_on_request", "依申请", _("Mode: on request"), "公开方式", Kind.TICK
    ),
    ItemColumn(
        "level_county",
        "县级",
        _("Level: county"),
        "公开层级",
        Kind.TICK,
        domain_flag="has_county_level",
    ),
    ItemColumn(
        "level_township",
        "乡级",
        _("Level: township"),
        "公开层级",
        Kind.TICK,
        domain_flag="has_township_level",
    ),
    ItemColumn(
        "level_village",
        "村级",
        _("Level: village"),
        "公开层级",
        Kind.TICK,
        domain_flag="has_village_level",
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
KEYS = tuple(BY_KEY)
TICKS = tuple(column.key for column in COLUMNS if column.kind == Kind.TICK)
# A level column → the Domain flag that says whether the domain publishes there.
LEVEL_FLAGS = {
    column.key: column.domain_flag for column in COLUMNS if column.domain_flag
}
# Every Item field the columns are stored in, in printed order.
STORED_FIELDS = tuple(name for column in COLUMNS for name in column.fields)
# What a local item takes over from the item it derives from (and carries over).
COPIED_FIELDS = (
    *("level", "code", "position", "name"),
    *STORED_FIELDS,
    *("sources", "uncertain", "evidence"),
)
# What a copied legal basis takes over.
BASIS_FIELDS = ("position", "text", "title", "document_no", "kind", "scope")
# What a county may set on one of its items: the columns, and the name of a local
# addition (a standard item keeps the standard's name).
EDITABLE = ("name", *KEYS)
# What a comparison of two rows looks at: where the row is and what it says.
COMPARED = ("code", "name", "level", *KEYS)


def field_label(key: str) -> str:
    """How messages and comparisons name a column: the model field's verbose name."""
    if key == "bases":
        return str(LegalBasis._meta.verbose_name_plural)
    try:
        return str(Item._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:  # the caller reports the unknown key
        return key


def column_value(item: Item, key: str):
    """An item's value in column ``key`` (the legal bases as their texts)."""
    if key == "bases":
        return [basis.text for basis in item.bases.all()]
    return getattr(item, key)
