"""The report's figures read from the record: table 三 from the requests (the
on-request selectors' counts, the one home of that rule), table 四 and the
normative documents of table 二 where the portal holds them, merged with what
staff entered into the report's ``content``.

``content`` is what every output and the check read, for a draft as for a
published version: ``{"organisation", "year", "texts", "cells"}`` where each
cell is ``{"value": int | str, "source": "counted" | "entered"}``.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from portal.models import Organisation

from ...models import (
    AnnualReport,
    Publication,
    PublicationKind,
    PublicationStatus,
    Validity,
)
from ...requests.selectors import challenge_counts, request_counts
from . import layout
from .layout import COUNTED, ENTERED

ENDED = (Validity.ABOLISHED, Validity.EXPIRED)


def normative_counts(*, organisation_id: int, year: int) -> dict[str, int] | None:
    """Made, abolished and in force in ``year`` among the body's published policy
    documents (the portal's mark for a normative document), one query; None when
    the body has published none by the year's end: the portal holds no record."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    ended = Q(validity__in=ENDED, validity_on__lte=last)
    row = Publication.objects.filter(
        organisation_id=organisation_id,
        kind=PublicationKind.POLICY,
        status__in=(PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN),
        formed_on__lte=last,
    ).aggregate(
        held=Count("pk"),
        made=Count("pk", filter=Q(formed_on__gte=first)),
        abolished=Count(
            "pk", filter=Q(validity__in=ENDED, validity_on__range=(first, last))
        ),
        in_force=Count("pk", filter=Q(status=PublicationStatus.PUBLISHED) & ~ended),
    )
    if not row["held"]:
        return None
    return {k: row[k] for k in ("made", "abolished", "in_force")}


def counted_cells(*, organisation_id: int, year: int) -> dict[str, int]:
    """Every cell the portal counts for the body and year (three queries)."""
    bodies = Organisation.objects.filter(pk=organisation_id)
    cells: dict[str, int] = {}
    table = request_counts(organisations=bodies, year=year).get(organisation_id)
    for row in layout.THREE_ROWS:
        for kind in layout.KINDS:
            cells[layout.three(row.key, kind.key)] = (
                table.cell(row.key, kind.key) if table else 0
            )
        cells[layout.three(row.key, layout.TOTAL)] = table.cell(row.key) if table else 0
    reviews = challenge_counts(organisations=bodies, year=year).get(organisation_id, {})
    for group in layout.FOUR_GROUPS:
        for column in layout.FOUR_COLUMNS:
            cells[layout.four(group.key, column.key)] = reviews.get(
                (group.key, column.key), 0
            )
    normative = normative_counts(organisation_id=organisation_id, year=year)
    if normative is not None:
        for name, n in normative.items():
            cells[f"2.normative.{name}"] = n
    return cells


LARGEST = 10**9


def entered_value(key: str, text: str):
    """An entered figure as stored: a whole number, or 万元 with up to four
    decimals as text; None when ``text`` is neither (or negative, or absurd)."""
    try:
        if key in layout.MONEY_CELLS:
            amount = Decimal(text)
            if not amount.is_finite() or amount != amount.quantize(Decimal("0.0001")):
                return None
            if not 0 <= amount < LARGEST:
                return None
            return format(amount.normalize(), "f") if amount else "0"
        number = int(text)
    except (ArithmeticError, ValueError):
        return None
    return number if 0 <= number < LARGEST else None


def report_content(report: AnnualReport) -> dict:
    """The draft's content: what staff entered over what the portal counts; a
    cell neither counts nor was given is 0, entered."""
    counted = counted_cells(organisation_id=report.organisation_id, year=report.year)
    cells = {}
    for key in (
        *layout.TABLE_TWO_KEYS,
        *[
            layout.three(r.key, c.key)
            for r in layout.THREE_ROWS
            for c in layout.THREE_COLUMNS
        ],
        *layout.FOUR_KEYS,
    ):
        if key in report.entered and key in layout.ENTERED_KEYS:
            cells[key] = {"value": report.entered[key], "source": ENTERED}
        elif key in counted:
            cells[key] = {"value": counted[key], "source": COUNTED}
        else:
            cells[key] = {
                "value": "0" if key in layout.MONEY_CELLS else 0,
                "source": ENTERED,
            }
    return {
        "organisation": report.organisation.name,
        "organisation_code": report.organisation.code,
        "year": report.year,
        "texts": {name: getattr(report, name) for name in layout.TEXTS},
        "cells": cells,
    }
