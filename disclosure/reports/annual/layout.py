"""The fixed layout of the annual report (国办公开办函〔2021〕30号): its tables, rows,
columns and cell keys, and the short names a message gives a cell.

Cell keys: ``2.<row>.<column>`` (table 二), ``3.<row>.<applicant kind|total>``
(table 三, rows as ``request_counts`` names them), ``4.<kind>.<outcome|total>``
(table 四). Every output (page, .docx, .xlsx) and the check read this one layout.
"""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...models import (
    REASONS_OF_TYPE,
    ApplicantKind,
    ChallengeKind,
    ChallengeOutcome,
    ReplyReason,
    ReplyType,
)

COUNTED = "counted"
ENTERED = "entered"
SOURCE_LABELS = {COUNTED: _("counted"), ENTERED: _("entered")}

TEXTS = ("overview", "problems", "other_matters")


@dataclass(frozen=True)
class Row:
    key: str
    label: object  # as printed in the format
    ref: object = ""  # the short name a message gives the row
    sub: bool = False  # a numbered reason under a reply type


@dataclass(frozen=True)
class Column:
    key: str
    label: object


# ── Table 二: 主动公开政府信息情况 (条例 第二十条) ─────────────────────────────

MONEY_CELLS = ("2.fees.amount",)


@dataclass(frozen=True)
class FixedTable:
    heading: object
    content_label: object
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def keys(self):
        return [f"2.{r.key}.{c.key}" for r in self.rows for c in self.columns]


TABLE_TWO = (
    FixedTable(
        _("Article 20 (1)"),
        _("Information (信息内容)"),
        (
            Column("made", _("Made this year")),
            Column("abolished", _("Abolished this year")),
            Column("in_force", _("In force at the year's end")),
        ),
        (
            Row("regulations", _("Rules (规章)")),
            Row("normative", _("Administrative normative documents (行政规范性文件)")),
        ),
    ),
    FixedTable(
        _("Article 20 (5)"),
        _("Information (信息内容)"),
        (Column("decisions", _("Decisions made this year")),),
        (Row("licensing", _("Administrative licensing (行政许可)")),),
    ),
    FixedTable(
        _("Article 20 (6)"),
        _("Information (信息内容)"),
        (Column("decisions", _("Decisions made this year")),),
        (
            Row("penalty", _("Administrative penalties (行政处罚)")),
            Row("enforcement", _("Administrative coercion (行政强制)")),
        ),
    ),
    FixedTable(
        _("Article 20 (8)"),
        _("Information (信息内容)"),
        (Column("amount", _("Fees collected this year (10,000 yuan)")),),
        (Row("fees", _("Administrative and institutional fees (行政事业性收费)")),),
    ),
)
TABLE_TWO_KEYS = [key for table in TABLE_TWO for key in table.keys()]
# Where the portal holds the record it counts the figure (unless staff enter one).
COUNTED_IN_TABLE_TWO = (
    "2.normative.made",
    "2.normative.abolished",
    "2.normative.in_force",
)


# ── Table 三: 收到和处理政府信息公开申请情况 ──────────────────────────────────

KINDS = tuple(Column(value, label) for value, label in ApplicantKind.choices)
TOTAL = "total"
THREE_COLUMNS = (*KINDS, Column(TOTAL, _("Total (总计)")))

_TYPE_HEADINGS = {
    ReplyType.GRANTED: _("(1) Disclosed (予以公开)"),
    ReplyType.PARTIAL: _(
        "(2) Partly disclosed; where handled separately only this case is counted "
        "(部分公开)"
    ),
    ReplyType.WITHHELD: _("(3) Not disclosed (不予公开)"),
    ReplyType.UNABLE: _("(4) Cannot be provided (无法提供)"),
    ReplyType.NOT_PROCESSED: _("(5) Not processed (不予处理)"),
    ReplyType.OTHER: _("(6) Otherwise handled (其他处理)"),
}
_TYPE_REFS = {
    ReplyType.GRANTED: _("row III (1)"),
    ReplyType.PARTIAL: _("row III (2)"),
    ReplyType.WITHHELD: _("row III (3)"),
    ReplyType.UNABLE: _("row III (4)"),
    ReplyType.NOT_PROCESSED: _("row III (5)"),
    ReplyType.OTHER: _("row III (6)"),
}


def _numbered(number, reason):
    return f"{number}. {ReplyReason(reason).label}"


def _sub_ref(ref, number):
    return gettext("%(row)s, no. %(number)s") % {"row": ref, "number": number}


numbered = lazy(_numbered, str)
sub_ref = lazy(_sub_ref, str)


def _result_rows():
    """The rows of 三 本年度办理结果: a row per type without reasons, a numbered
    row per reason under the others (the format prints no subtotal for them)."""
    rows = []
    for reply_type in ReplyType:
        reasons = () if reply_type == ReplyType.PARTIAL else REASONS_OF_TYPE[reply_type]
        if not reasons:
            rows.append(
                Row(
                    reply_type.value, _TYPE_HEADINGS[reply_type], _TYPE_REFS[reply_type]
                )
            )
            continue
        for number, reason in enumerate(reasons, 1):
            rows.append(
                Row(
                    f"{reply_type.value}:{reason}",
                    numbered(number, reason),
                    sub_ref(_TYPE_REFS[reply_type], number),
                    sub=True,
                )
            )
    return tuple(rows)


NEW = Row(
    "new",
    _("I. Applications received this year (本年新收政府信息公开申请数量)"),
    _("row I"),
)
CARRIED_IN = Row(
    "carried_in",
    _("II. Applications carried over from last year (上年结转政府信息公开申请数量)"),
    _("row II"),
)
RESULTS_HEADING = _("III. Results of this year's handling (本年度办理结果)")
RESULT_ROWS = _result_rows()
RESULTS_TOTAL = Row("total", _("(7) Total (总计)"), _("row III (7) total"))
CARRIED_FORWARD = Row(
    "carried_forward",
    _("IV. Carried into next year (结转下年度继续办理)"),
    _("row IV"),
)
THREE_ROWS = (NEW, CARRIED_IN, *RESULT_ROWS, RESULTS_TOTAL, CARRIED_FORWARD)


def type_heading(row: Row):
    """The reply type a numbered reason row stands under (printed once above it)."""
    if not row.sub:
        return None
    return _TYPE_HEADINGS[ReplyType(row.key.split(":")[0])]


def three(row: str, column: str) -> str:
    return f"3.{row}.{column}"


# ── Table 四: 政府信息公开行政复议、行政诉讼情况 ──────────────────────────────

OUTCOMES = (
    ChallengeOutcome.UPHELD,
    ChallengeOutcome.CORRECTED,
    ChallengeOutcome.OTHER,
    ChallengeOutcome.PENDING,
)
FOUR_GROUPS = tuple(Column(value, label) for value, label in ChallengeKind.choices)
FOUR_COLUMNS = (
    *(Column(o.value, o.label) for o in OUTCOMES),
    Column(TOTAL, _("Total (总计)")),
)


def four(kind: str, outcome: str) -> str:
    return f"4.{kind}.{outcome}"


FOUR_KEYS = [four(g.key, c.key) for g in FOUR_GROUPS for c in FOUR_COLUMNS]
ENTERED_KEYS = (*TABLE_TWO_KEYS, *FOUR_KEYS)


def cell_label(key: str) -> str:
    """A person's name for an entered cell: the table, row and column."""
    table, row, column = key.split(".")
    if table == "2":
        for fixed in TABLE_TWO:
            for r in fixed.rows:
                for c in fixed.columns:
                    if r.key == row and c.key == column:
                        return _("Table II, %(row)s, %(column)s") % {
                            "row": r.label,
                            "column": c.label,
                        }
    if table == "4":
        group = ChallengeKind(row).label
        label = {c.key: c.label for c in FOUR_COLUMNS}[column]
        return _("Table IV, %(group)s, %(column)s") % {"group": group, "column": label}
    if table == "3":
        r = {r.key: r for r in THREE_ROWS}[row]
        label = {c.key: c.label for c in THREE_COLUMNS}[column]
        return _("Table III, %(row)s, %(column)s") % {"row": r.ref, "column": label}
    raise KeyError(key)


def change_label(key: str) -> str:
    """A changed text's section or a changed cell, named for the correction note."""
    if key in TEXTS:
        from ...models import AnnualReport

        return str(AnnualReport._meta.get_field(key).verbose_name)
    return cell_label(key)
