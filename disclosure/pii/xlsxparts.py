"""Every part of an .xlsx workbook with text: cells, formulas, comments, headers, names.

Read straight from the package's XML, one cell at a time: the sheets' own
``<dimension>`` is never trusted, so a file that claims a million columns costs
what it holds. A formula is checked as written and as its result where that is
simple string work (``="410225199"&"003071230"``, ``CONCATENATE(A1,B1)``), since a
number split over two literals is still published whole.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .ooxml import iterparse, local, other_parts, relationships
from .parts import Part, Unreadable

_WORKBOOK = "xl/workbook.xml"
# Cells a formula may refer to are kept only if they could be part of a number:
# short, with a digit. Memory then grows with those cells, not with the sheet.
_KEPT_CHARS = 40
_SHARED_STRINGS = "xl/sharedStrings.xml"
_HEADERS = {
    "oddHeader": "header",
    "evenHeader": "header",
    "firstHeader": "header",
    "oddFooter": "footer",
    "evenFooter": "footer",
    "firstFooter": "footer",
}
# Header and footer codes: &L &C &R sections, &P page, &"font,style", &K colour, &12 size.
_HEADER_CODES = re.compile(r'&"[^"]*"|&K[0-9A-Fa-f]{6}|&\d{1,3}|&[A-Za-z]')
_FORMULA_TOKEN = re.compile(
    r'"(?P<string>(?:[^"]|"")*)"'
    r"|(?P<ref>(?:(?:'[^']+'|[A-Za-z0-9_.]+)!)?\$?[A-Z]{1,3}\$?[0-9]+)"
    r"|(?P<number>[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<join>[&,()\s])"
    r"|(?P<function>(?:_xlfn\.)?(?:CONCATENATE|CONCAT|TRIM)(?=\())"
    r"|(?P<other>.)"
)


def _cell_where(sheet: str, ref: str) -> str:
    return _("sheet “%(sheet)s”, cell %(cell)s") % {"sheet": sheet, "cell": ref}


def number_text(value: str) -> str:
    """A numeric cell as its digits: 4.10225199003071E+17 → 410225199003071000.

    An ID number typed into a numeric cell loses its last digits to floating
    point, but what is left still names the person.
    """
    if value.lstrip("-").isdigit():
        return value
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number == number.to_integral_value() and abs(number) < Decimal(10) ** 20:
        return str(int(number))
    return value


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, member) of every sheet, in workbook order, hidden ones included."""
    targets = relationships(archive, _WORKBOOK)
    sheets = []
    for _event, element in iterparse(archive, _WORKBOOK):
        if local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if local(k) == "id"), "")
            member = targets.get(rid, ("", ""))[1]
            sheets.append((element.get("name", ""), member))
    return sheets


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if _SHARED_STRINGS not in archive.namelist():
        return []
    strings, runs = [], []
    for _event, element in iterparse(archive, _SHARED_STRINGS):
        name = local(element.tag)
        if name == "t":
            runs.append(element.text or "")
        elif name == "si":
            strings.append("".join(runs))
            runs = []
            element.clear()
    return strings


def _evaluate(formula: str, values: dict, sheet: str) -> str | None:
    """The text a simple string formula produces, or None if it does more."""
    pieces = []
    for match in _FORMULA_TOKEN.finditer(formula):
        kind = match.lastgroup
        if kind == "string":
            pieces.append(match.group("string").replace('""', '"'))
        elif kind == "number":
            pieces.append(match.group("number"))
        elif kind == "ref":
            ref = match.group("ref")
            target, _bang, cell = ref.rpartition("!")
            target = target.strip("'") or sheet
            pieces.append(values.get((target, cell.replace("$", "")), ""))
        elif kind == "other":
            return None
    return "".join(pieces)


def _literals(formula: str) -> str:
    """The formula's string and number literals joined: LEFT("4102251990",10)&"…"."""
    return "".join(
        (m.group("string") or m.group("number") or "")
        for m in _FORMULA_TOKEN.finditer(formula)
        if m.lastgroup in ("string", "number")
    )


def _sheet_parts(archive, member, sheet, strings, used, values, formulas):
    for _event, element in iterparse(archive, member):
        name = local(element.tag)
        if name == "c":
            ref = element.get("r", "")
            kind = element.get("t", "n")
            text, formula = "", None
            for child in element:
                child_name = local(child.tag)
                if child_name == "v" and child.text is not None:
                    if kind == "s" and child.text.strip().isdigit():
                        index = int(child.text)
                        used.add(index)
                        text = strings[index] if index < len(strings) else ""
                    elif kind in ("str", "inlineStr"):
                        text = child.text
                    elif kind == "n":
                        text = number_text(child.text)
                elif child_name == "is":
                    text = "".join(
                        t.text or "" for t in child.iter() if local(t.tag) == "t"
                    )
                elif child_name == "f" and child.text:
                    formula = child.text
            if text and len(text) <= _KEPT_CHARS and any(c.isdigit() for c in text):
                values[(sheet, ref)] = text  # a piece a formula may join into a number
            if text:
                yield Part(_cell_where(sheet, ref), text)
            if formula:
                formulas.append((sheet, ref, formula))
            element.clear()
        elif name == "row":
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        elif name in _HEADERS and element.text:
            where = (
                _("the header of sheet “%(sheet)s”")
                if _HEADERS[name] == "header"
                else _("the footer of sheet “%(sheet)s”")
            ) % {"sheet": sheet}
            yield Part(where, element.text)
            yield Part(
                where,
                _HEADER_CODES.sub("", element.text.replace("&&", "\x00")).replace(
                    "\x00", "&"
                ),
            )
        elif (
            name not in ("v", "f", "t", "is", "r")
            and element.text
            and element.text.strip()
        ):
            yield Part(_("sheet “%(sheet)s”") % {"sheet": sheet}, element.text)


def _comment_parts(archive, member, sheet) -> Iterator[Part]:
    runs: list[str] = []
    for _event, element in iterparse(archive, member):
        name = local(element.tag)
        if name == "t":
            runs.append(element.text or "")
        elif name in ("comment", "threadedComment"):
            where = _("the comment on cell %(cell)s of sheet “%(sheet)s”") % {
                "cell": element.get("ref", ""),
                "sheet": sheet,
            }
            if name == "threadedComment":
                runs = [t.text or "" for t in element.iter() if local(t.tag) == "text"]
            yield Part(where, "".join(runs))
            runs = []
            element.clear()


def xlsx_parts(content: bytes) -> Iterator[Part]:
    """Every part of the workbook with text, each with the place a person finds it."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        done = {_SHARED_STRINGS}
        sheets = _sheets(archive)
        if not sheets or any(member not in names for _name, member in sheets):
            raise Unreadable(_("it is damaged"))  # a workbook has a sheet, at least
        strings = _shared_strings(archive)
        used: set[int] = set()
        values: dict[tuple[str, str], str] = {}
        formulas: list[tuple[str, str, str]] = []
        for sheet, member in sheets:
            yield Part(_("the name of sheet “%(sheet)s”") % {"sheet": sheet}, sheet)
            if member not in names:
                continue
            done.add(member)
            yield from _sheet_parts(
                archive, member, sheet, strings, used, values, formulas
            )
            for kind, target in relationships(archive, member).values():
                if kind.endswith(("/comments", "/threadedComment")) and target in names:
                    done.add(target)
                    yield from _comment_parts(archive, target, sheet)
        for sheet, ref, formula in formulas:
            where = _("the formula in sheet “%(sheet)s”, cell %(cell)s") % {
                "sheet": sheet,
                "cell": ref,
            }
            yield Part(where, formula)
            for result in {_evaluate(formula, values, sheet), _literals(formula)}:
                if result:
                    yield Part(where, result)
        unused = [s for i, s in enumerate(strings) if i not in used and s]
        if unused:
            yield Part(_("the shared strings"), "\n".join(unused))
        yield from other_parts(archive, done)
