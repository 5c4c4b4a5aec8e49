"""An attachment read whole: every piece of text in it, each with where it is.

``read_parts`` turns a file's bytes into ``Part``s (a place a person can find —
"sheet “公示” cell C4", "page 2", "the header, paragraph 1" — and its text) and
says what could not be read as text (images, scanned pages), so a reviewer
knows what to look at with their own eyes.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .finder import Finding, find_personal_data

# Text attachments are read as UTF-8 (with or without BOM), else as GB 18030.
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
TEXT_KINDS = ("txt", "csv")


@dataclass(frozen=True)
class Part:
    """One piece of text in a file and where it is ("" for a plain-text file)."""

    where: str
    text: str


@dataclass(frozen=True)
class Reading:
    """Every part of a file with text, and what in it could not be read as text."""

    parts: tuple[Part, ...] = ()
    unchecked: tuple[str, ...] = field(default_factory=tuple)


class Unreadable(Exception):
    """The file cannot be read through (damaged, or protected by a password)."""

    def __init__(self, reason: str, *, locked: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.locked = locked


def decode_text(content: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a plain-text file, or None when it is not plain text."""
    if b"\x00" in content:
        return None
    for encoding in TEXT_ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def read_parts(kind: str, content: bytes) -> Reading:
    """Every part of a file of ``kind`` (an attachment kind: txt, csv, xlsx, docx,
    pdf, jpg, png) with text in it. Raises ``Unreadable`` for a file that cannot
    be read through."""
    from .docxparts import docx_parts
    from .pdfparts import pdf_reading
    from .xlsxparts import xlsx_parts

    if kind in TEXT_KINDS:
        decoded = decode_text(content)
        if decoded is None:
            raise Unreadable(_("it is not plain text"))
        return Reading((Part("", decoded[0]),))
    if kind == "pdf":
        return pdf_reading(content)
    readers = {"xlsx": xlsx_parts, "docx": docx_parts}
    if kind not in readers:
        return Reading((), (_("it is an image: what it shows cannot be read as text"),))
    try:
        return Reading(tuple(readers[kind](content)))
    except Unreadable:
        raise
    except Exception as exc:  # zip, XML and index errors of a damaged file
        raise Unreadable(_("it is damaged")) from exc


def part_findings(parts) -> list[tuple[Part, Finding]]:
    """Each personal number in ``parts``, with its part; a number read twice from
    the same place (a header's raw and cleaned text) is listed once."""
    seen = set()
    found = []
    for part in parts:
        for finding in find_personal_data(part.text):
            key = (part.where, finding.line, finding.kind, finding.digits)
            if key not in seen:
                seen.add(key)
                found.append((part, finding))
    return found
