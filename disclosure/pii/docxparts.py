"""Every part of a .docx document with text: body, tables at any depth, headers,
footers, footnotes, endnotes, comments, text boxes, tracked deletions.

Read from the package's XML one paragraph at a time. A paragraph's text is its
runs joined (a number split over runs is whole again); a text box inside a
paragraph is its own place, read once (the fallback copy Word keeps for old
readers is skipped).
"""

import io
import re
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _

from .ooxml import iterparse, local, other_parts
from .parts import Part, Unreadable

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT = {"t", "delText", "instrText"}
_CHARACTERS = {
    "tab": "\t",
    "ptab": "\t",
    "br": "\n",
    "cr": "\n",
    "noBreakHyphen": "-",
    "softHyphen": "\u00ad",
}
_STORY = re.compile(
    r"word/(header|footer|footnotes|endnotes|comments|document)(\d*)\.xml"
)


def _story_label(kind: str, number: str) -> str:
    if kind == "header":
        return _("header %(number)s") % {"number": number or "1"}
    if kind == "footer":
        return _("footer %(number)s") % {"number": number or "1"}
    return {
        "document": _("the body"),
        "footnotes": _("the footnotes"),
        "endnotes": _("the endnotes"),
        "comments": _("the comments"),
    }[kind]


def _paragraph_text(paragraph) -> str:
    chars = []
    for element in paragraph.iter():
        name = local(element.tag)
        if name in _TEXT:
            chars.append(element.text or "")
        elif name in _CHARACTERS and element.tag.startswith(_W):
            chars.append(_CHARACTERS[name])
    return "".join(chars)


def _index_among(element, tag: str) -> int:
    return 1 + sum(1 for e in element.itersiblings(preceding=True) if e.tag == tag)


def _where(paragraph, story: str, tables: dict, counter: int) -> str:
    """The paragraph's place: the table cells around it, a text box, or its number."""
    cells = []
    in_text_box = False
    for ancestor in paragraph.iterancestors():
        name = local(ancestor.tag)
        if name == "txbxContent":
            in_text_box = True
        elif name == "tc" and ancestor.tag.startswith(_W):
            row = ancestor.getparent()
            table = row.getparent() if row is not None else None
            if table is None:
                continue
            number = tables.get(table) or _index_among(table, table.tag)
            cells.append(
                _("table %(table)s, row %(row)s, column %(column)s")
                % {
                    "table": number,
                    "row": _index_among(row, row.tag),
                    "column": _index_among(ancestor, ancestor.tag),
                }
            )
    place = [story]
    if cells:
        place.append(_(" › ").join(reversed(cells)))
    if in_text_box:
        place.append(_("a text box"))
    if not cells and not in_text_box:
        place.append(_("paragraph %(number)s") % {"number": counter})
    return _(", ").join(place)


def _story_parts(archive, member: str, story: str) -> Iterator[Part]:
    tables: dict = {}  # top-level table → its number in the story
    counter = 0
    for event, element in iterparse(archive, member, events=("start", "end")):
        if event == "start":
            if element.tag == f"{_W}tbl" and not any(
                a.tag == f"{_W}tbl" for a in element.iterancestors()
            ):
                tables[element] = len(tables) + 1
            continue
        if element.tag == _FALLBACK:
            element.clear()
        elif element.tag == f"{_W}p":
            if any(a.tag == _FALLBACK for a in element.iterancestors()):
                continue
            counter += 1
            text = _paragraph_text(element)
            if text.strip():
                yield Part(_where(element, story, tables, counter), text)
            element.clear(
                keep_tail=True
            )  # its text is read; nested ones are not read twice


def _check_body(archive) -> None:
    """A Word document's main part is a ``w:document`` with a ``w:body``."""
    for depth, (_event, element) in enumerate(
        iterparse(archive, "word/document.xml", events=("start",))
    ):
        if depth == 0 and element.tag != f"{_W}document":
            break
        if element.tag == f"{_W}body":
            return
        if depth > 1:
            break
    raise Unreadable(_("it is damaged"))


def docx_parts(content: bytes) -> Iterator[Part]:
    """Every part of the document with text, each with the place a person finds it."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        _check_body(archive)
        done = set()
        for member in sorted(archive.namelist()):
            match = _STORY.fullmatch(member)
            if match:
                done.add(member)
                yield from _story_parts(
                    archive, member, _story_label(match.group(1), match.group(2))
                )
        yield from other_parts(archive, done)
