"""The report's cross-checks (勾稽关系): each failure a translated sentence that
names the cell. A report with any failure cannot be published."""

from decimal import Decimal

from django.utils.translation import gettext as _

from . import layout
from .layout import TOTAL


def _value(cells: dict, key: str) -> Decimal:
    return Decimal(str(cells[key]["value"]))


def _n(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def check_content(content: dict) -> list[str]:
    """Every failed check of ``content`` (``figures.report_content`` or a version's)."""
    cells = content["cells"]
    problems = []
    three = layout.three
    kinds = [k.key for k in layout.KINDS]
    for column in layout.THREE_COLUMNS:
        parts = sum(_value(cells, three(r.key, column.key)) for r in layout.RESULT_ROWS)
        total = _value(cells, three("total", column.key))
        if parts != total:
            problems.append(
                _(
                    "Table III, %(row)s, column %(column)s: it is %(value)s, but "
                    "rows III (1) to (6) add up to %(sum)s; they must be equal."
                )
                % {
                    "row": layout.RESULTS_TOTAL.ref,
                    "column": column.label,
                    "value": _n(total),
                    "sum": _n(parts),
                }
            )
    for row in layout.THREE_ROWS:
        parts = sum(_value(cells, three(row.key, k)) for k in kinds)
        total = _value(cells, three(row.key, TOTAL))
        if parts != total:
            problems.append(
                _(
                    "Table III, %(row)s, column total: it is %(value)s, but the six "
                    "kinds of applicant add up to %(sum)s; they must be equal."
                )
                % {"row": row.ref, "value": _n(total), "sum": _n(parts)}
            )
    for column in layout.THREE_COLUMNS:
        came = _value(cells, three("new", column.key)) + _value(
            cells, three("carried_in", column.key)
        )
        went = _value(cells, three("total", column.key)) + _value(
            cells, three("carried_forward", column.key)
        )
        if came != went:
            problems.append(
                _(
                    "Table III, column %(column)s: rows I and II add up to %(came)s, "
                    "but row III (7) total and row IV add up to %(went)s; they must "
                    "be equal."
                )
                % {"column": column.label, "came": _n(came), "went": _n(went)}
            )
    for group in layout.FOUR_GROUPS:
        parts = sum(
            _value(cells, layout.four(group.key, o.value)) for o in layout.OUTCOMES
        )
        total = _value(cells, layout.four(group.key, TOTAL))
        if parts != total:
            problems.append(
                _(
                    "Table IV, %(group)s, total: it is %(value)s, but upheld, "
                    "corrected, other and not yet concluded add up to %(sum)s; they "
                    "must be equal."
                )
                % {"group": group.label, "value": _n(total), "sum": _n(parts)}
            )
    return problems
