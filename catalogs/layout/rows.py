"""The in-memory shape of a catalog between a reader (JSON, xlsx, docx) and the database,
and the problems a reader or a check finds in it."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _


@dataclass
class ItemData:
    """One row of a catalog as read, before it is written; children nest below it."""

    name: str
    code: str = ""
    content: list[str] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    time_limit_text: str = ""
    subject: str = ""
    channels: list[str] = field(default_factory=list)  # channel codes
    audience_public: bool | None = None
    audience_specific: bool | None = None
    mode_proactive: bool | None = None
    mode_on_request: bool | None = None
    level_county: bool | None = None
    level_township: bool | None = None
    level_village: bool | None = None
    omitted: bool = False  # marked 本地未开展 in the file
    omission_reason: str = ""
    sources: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    evidence: dict | str = field(default_factory=dict)
    children: list["ItemData"] = field(default_factory=list)
    source_row: int | None = None  # where a reader found it, for messages


@dataclass
class CatalogData:
    """A whole standard catalog as read, with the issuing document's particulars."""

    domain_key: str
    title: str
    issuer: str = ""
    document_no: str = ""
    issued_on: date | None = None
    expected_level1: int | None = None
    expected_level2: int | None = None
    notes: str = ""
    sources: list = field(default_factory=list)
    items: list[ItemData] = field(default_factory=list)

    def walk(self):
        """Every item with its level, first-level items first within their subtree."""
        stack = [(item, 1) for item in reversed(self.items)]
        while stack:
            item, level = stack.pop()
            yield item, level
            stack.extend((child, level + 1) for child in reversed(item.children))


@dataclass(frozen=True)
class RowError:
    """One problem found in read data: where it is and what is wrong, translated."""

    message: str
    row: int | None = None
    column: str = ""
    value: str = ""

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        if self.value:
            where.append(_("value “%(value)s”") % {"value": self.value[:60]})
        return f"{'，'.join(where)}：{self.message}" if where else self.message


class CatalogDataError(Exception):
    """Read data that cannot be written; carries every problem, not just the first."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
