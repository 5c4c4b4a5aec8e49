"""Filings exported: one filing as a workbook or a printed table, a province as a zip.

Everything is read from the filing's snapshot, so an export shows the catalog as
it was filed. The province bundle is streamed: each workbook is written to a
spooled temporary file and copied into a zip that writes into a pipe the
caller drains chunk by chunk, so memory stays flat however many counties.
"""

import gc
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from copy import copy
from tempfile import SpooledTemporaryFile

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..columns import TICKS
from ..layout.cells import EMPTY_BOX, TICK, TICKED_BOX
from ..layout.headers import export_columns
from ..layout.workbook import item_label, layout_rows, layout_workbook, neutralise
from ..models import Filing
from .deviations import deviation_rows, deviations_sheet, filing_deviations
from .snapshot import item_ref, snapshot_rows

SPOOL_BYTES = 2 * 1024 * 1024
COPY_CHUNK = 256 * 1024
# Filings fetched from the database at a time while a bundle is written.
FETCH_CHUNK = 5
# openpyxl's workbooks hold reference cycles that outlive the write and reach
# the oldest GC generation, which Python collects rarely; collecting after every
# few workbooks keeps the bundle's memory flat, at a few ms per workbook.
COLLECT_EVERY = 8
_UNSAFE_NAME = re.compile(r"[\\/:*?\"<>|\s]+")


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def filing_identity(filing: Filing) -> list[tuple[str, str]]:
    """The filing's identity and status as (label, value) rows, as every export shows."""
    snapshot = filing.snapshot
    organisation, catalog = snapshot["organisation"], snapshot["catalog"]
    standard = snapshot.get("standard") or {}
    deviations = snapshot.get("deviations", {})
    validation = snapshot.get("validation", {})
    return [
        (_("Filing number"), filing.reference),
        (
            _("County"),
            f"{organisation['region_name']}（{organisation['region_code']}）",
        ),
        (_("Filing body"), organisation["name"]),
        (_("Domain"), snapshot["domain"]["name"]),
        (_("Catalog"), f"{catalog['title']}（v{catalog['version']}）"),
        (_("Standard"), standard.get("title", "")),
        (_("Round"), str(filing.round)),
        (_("Status"), str(filing.get_status_display())),
        (_("Filed by"), _person(filing.filed_by)),
        (_("Filed at"), _when(filing.filed_at)),
        (_("Reviewed by"), _person(filing.reviewed_by)),
        (_("Reviewed at"), _when(filing.reviewed_at)),
        (_("Recorded at"), _when(filing.recorded_at)),
        (_("Items"), str(deviations.get("items", ""))),
        (_("Omitted items"), str(deviations.get("omitted", ""))),
        (_("Supplemented items"), str(deviations.get("supplemented", ""))),
        (_("Shortened time limits"), str(deviations.get("shortened", ""))),
        (_("Validation errors"), str(validation.get("errors", 0))),
        (_("Validation warnings"), str(validation.get("warnings", 0))),
    ]


def comment_place(comment) -> str:
    """Where a comment points: the item's number and name, or the whole catalog."""
    if not comment.item_code:
        return _("Whole catalog")
    if comment.item_code.startswith("#"):
        return comment.item_name
    return f"{comment.item_code} {comment.item_name}"


def filing_workbook(filing: Filing) -> Workbook:
    """The filed catalog in the official layout, plus a sheet with the filing itself."""
    snapshot = filing.snapshot
    children, bases = snapshot_rows(snapshot)
    workbook = layout_workbook(
        title=snapshot["catalog"]["title"],
        sheet_name=snapshot["domain"]["name"],
        village=snapshot["domain"]["has_village_level"],
        children=children,
        bases=bases,
        channels=snapshot["channels"],
    )
    sheet = workbook.create_sheet(_("Filing")[:31])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 60
    bold = _bold_cell(sheet)
    for label, value in filing_identity(filing):
        sheet.append([bold(label), neutralise(value)])
    deviations = filing_deviations(snapshot)
    if deviations:
        sheet.append([])
        sheet.append([bold(_("Omitted and added items"))])
        for d in deviations:
            sheet.append([neutralise(d.kind), neutralise(f"{d.code} {d.name}".strip())])
            sheet.append([None, neutralise(d.note)])
    comments = list(filing.comments.all())
    if comments:
        sheet.append([])
        sheet.append([bold(_("Reviewer’s comments"))])
        for comment in comments:
            where = comment_place(comment)
            sheet.append([neutralise(where), neutralise(comment.text)])
    findings = snapshot.get("validation", {}).get("findings", [])
    if findings:
        sheet.append([])
        sheet.append([bold(_("Validation findings when filed"))])
        for finding in findings:
            sheet.append([neutralise(finding["code"]), neutralise(finding["message"])])
    return workbook


def write_filing(filing: Filing, stream) -> None:
    filing_workbook(filing).save(stream)


def _bold_cell(sheet) -> Callable[[str], WriteOnlyCell]:
    template = WriteOnlyCell(sheet)
    template.font = Font(bold=True)
    bold = template._style  # one style array for every label, built once

    def make(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=neutralise(value))
        cell._style = copy(bold)
        return cell

    return make


def layout_table(snapshot: dict) -> dict:
    """The filed catalog as the printed table: the export's columns, rows and merges.

    Returns ``header`` (two rows of cells with colspan/rowspan) and ``rows``:
    each the item it shows (its number and name) and its cells, leaving out the
    cells a merge above covers, as the workbook does.
    """
    children, bases = snapshot_rows(snapshot)
    channels = snapshot["channels"]
    official = [(code, name) for code, name, is_official in channels if is_official]
    names = {code: name for code, name, _official in channels}
    layout = layout_rows(children, bases)
    has_level3 = any(level3 is not None for _l1, _l2, level3, _s in layout)
    columns = export_columns(
        level3=has_level3, village=snapshot["domain"]["has_village_level"]
    )
    spans: dict[tuple[str, int], int] = {}
    for level1, level2, _level3, _shown in layout:
        spans[("level1", level1.id)] = spans.get(("level1", level1.id), 0) + 1
        if has_level3 and level2 is not None:
            spans[("level2", level2.id)] = spans.get(("level2", level2.id), 0) + 1
    seen: set = set()
    rows = []
    for level1, level2, level3, shown in layout:
        values = {
            "content": "\n".join(shown.content or []),
            "bases": "\n".join(bases.get(shown.id, [])),
            "time_limit_text": shown.time_limit_text or "",
            "subject": shown.subject or "",
            "channels": _channel_lines(shown.channels or [], official, names),
            "level3": item_label(level3) if level3 is not None else "",
        }
        for role in TICKS:
            values[role] = TICK if getattr(shown, role) else ""
        cells = []
        for column in columns:
            role, rowspan = column.role, 1
            if role in ("code", "level1"):
                key = ("level1", level1.id)
                if (role, key) in seen:
                    continue
                seen.add((role, key))
                rowspan = spans[key]
                text = level1.code if role == "code" else level1.name
            elif role == "level2":
                if level2 is None:
                    text = ""
                elif has_level3:
                    key = ("level2", level2.id)
                    if key in seen:
                        continue
                    seen.add(key)
                    rowspan, text = spans[key], item_label(level2)
                else:
                    text = item_label(level2)
            else:
                text = values.get(role, "")
            cells.append({"role": role, "text": text, "rowspan": rowspan})
        rows.append(
            {
                "ref": item_ref(shown),
                "code": shown.code,
                "name": shown.name,
                "cells": cells,
            }
        )
    return {"header": _header(columns), "rows": rows, "width": len(columns)}


def _channel_lines(ticked: list[str], official, names) -> str:
    chosen = set(ticked)
    lines = [(TICKED_BOX if c in chosen else EMPTY_BOX) + n for c, n in official]
    local = chosen - {code for code, _name in official}
    lines += [TICKED_BOX + names.get(c, c) for c in ticked if c in local]
    return "\n".join(lines)


def _header(columns) -> list[list[dict]]:
    upper, lower = [], []
    for i, column in enumerate(columns):
        if not column.group:
            upper.append({"text": column.label, "rowspan": 2, "colspan": 1})
            continue
        lower.append({"text": column.label, "rowspan": 1, "colspan": 1})
        if i == 0 or columns[i - 1].group != column.group:
            width = sum(1 for c in columns[i:] if c.group == column.group)
            upper.append({"text": column.group, "rowspan": 1, "colspan": width})
    return [upper, lower]


class _Pipe(io.RawIOBase):
    """A write-only, unseekable stream whose written bytes are taken out in chunks.

    ``zipfile`` writes a non-seekable archive with data descriptors, so nothing
    already written is ever revisited and each chunk can be handed on at once.
    """

    def __init__(self):
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def entry_name(filing: Filing, used: set[str]) -> str:
    """The workbook's file name in the bundle: county code, county name, domain."""
    organisation = filing.snapshot["organisation"]
    parts = [
        organisation["region_code"],
        organisation["region_name"],
        filing.snapshot["domain"]["key"],
    ]
    name = _UNSAFE_NAME.sub("_", "_".join(parts)) + ".xlsx"
    if name in used:  # two bodies of one county filed the same domain
        name = name[:-5] + f"_{_UNSAFE_NAME.sub('_', organisation['code'])}.xlsx"
    used.add(name)
    return name


def _summary_row(number: int, filing: Filing, name: str) -> list:
    snapshot = filing.snapshot
    organisation = snapshot["organisation"]
    deviations = snapshot.get("deviations", {})
    validation = snapshot.get("validation", {})
    texts = [
        organisation.get("city_name", ""),
        organisation["region_code"],
        organisation["region_name"],
        organisation["name"],
        snapshot["domain"]["name"],
        snapshot["catalog"]["title"],
    ]
    return [
        number,
        *(neutralise(text) for text in texts),
        snapshot["catalog"]["version"],
        filing.round,
        str(filing.get_status_display()),
        neutralise(_person(filing.filed_by)),
        _when(filing.filed_at),
        neutralise(_person(filing.reviewed_by)),
        _when(filing.reviewed_at),
        _when(filing.recorded_at),
        deviations.get("items"),
        deviations.get("omitted"),
        deviations.get("supplemented"),
        deviations.get("shortened"),
        validation.get("errors", 0),
        validation.get("warnings", 0),
        neutralise(name),
    ]


def _summary_workbook(title: str) -> tuple[Workbook, object]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Summary")[:31])
    bold = _bold_cell(sheet)
    sheet.append([bold(title)])
    labels = [
        _("No."),
        _("City"),
        _("County code"),
        _("County"),
        _("Filing body"),
        _("Domain"),
        _("Catalog"),
        _("Version"),
        _("Round"),
        _("Status"),
        _("Filed by"),
        _("Filed at"),
        _("Reviewed by"),
        _("Reviewed at"),
        _("Recorded at"),
        _("Items"),
        _("Omitted items"),
        _("Supplemented items"),
        _("Shortened time limits"),
        _("Validation errors"),
        _("Validation warnings"),
        _("Workbook"),
    ]
    sheet.append([bold(label) for label in labels])
    return workbook, sheet


def _copy_into(archive, name: str, spool, pipe: _Pipe) -> Iterator[bytes]:
    spool.seek(0)
    with archive.open(name, "w") as entry:
        while chunk := spool.read(COPY_CHUNK):
            entry.write(chunk)
            data = pipe.drain()
            if data:
                yield data


def bundle_chunks(
    filings: Iterable[Filing],
    *,
    title: str,
    summary_name: str = "summary.xlsx",
    progress: Callable[[int, Filing], None] | None = None,
) -> Iterator[bytes]:
    """The zip of one workbook per filing and a summary workbook, in chunks.

    ``filings`` is iterated once (pass ``QuerySet.iterator(FETCH_CHUNK)``);
    ``progress`` is called after each workbook with its number and filing.
    """
    pipe = _Pipe()
    used: set[str] = set()
    summary, sheet = _summary_workbook(title)
    deviations = deviations_sheet(summary)
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, filing in enumerate(filings, start=1):
            name = entry_name(filing, used)
            with SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
                write_filing(filing, spool)
                yield from _copy_into(archive, name, spool, pipe)
            sheet.append(_summary_row(number, filing, name))
            for row in deviation_rows(filing):
                deviations.append(row)
            if progress is not None:
                progress(number, filing)
            if number % COLLECT_EVERY == 0:
                gc.collect()
        with SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
            summary.save(spool)
            yield from _copy_into(archive, summary_name, spool, pipe)
    yield pipe.drain()
