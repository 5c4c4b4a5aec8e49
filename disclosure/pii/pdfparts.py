"""The text of a PDF through pypdf: every page, comments, form fields, bookmarks,
document properties; and the pages that hold no text (scans), for a person to look at.
"""

import io
import logging

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from .parts import Part, Reading, Unreadable

# pypdf warns about every small flaw of a file through logging; those are not ours.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_PROPERTIES = ("/Title", "/Subject", "/Keywords", "/Author")


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] → "1–3, 7"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return _(", ").join(f"{a}–{b}" if a != b else str(a) for a, b in spans)


def _outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles += _outline_titles(entry)
        elif getattr(entry, "title", None):
            titles.append(str(entry.title))
    return titles


def _parts(reader: PdfReader, blank: list[int]) -> list[Part]:
    parts = []
    metadata = reader.metadata or {}
    properties = [str(metadata[key]) for key in _PROPERTIES if metadata.get(key)]
    if properties:
        parts.append(Part(_("the document properties"), "\n".join(properties)))
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        if text.strip():
            parts.append(Part(_("page %(number)s") % {"number": number}, text))
        else:
            blank.append(number)
        for annotation in page.get("/Annots") or []:
            contents = annotation.get_object().get("/Contents")
            if contents:
                parts.append(
                    Part(
                        _("a comment on page %(number)s") % {"number": number},
                        str(contents),
                    )
                )
    for name, field in (reader.get_fields() or {}).items():
        if field.get("/V"):
            parts.append(
                Part(_("the form field “%(name)s”") % {"name": name}, str(field["/V"]))
            )
    titles = _outline_titles(reader.outline)
    if titles:
        parts.append(Part(_("the bookmarks"), "\n".join(titles)))
    return parts


def pdf_reading(content: bytes) -> Reading:
    """Every part of a PDF with text; raises ``Unreadable`` for a damaged or locked one."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(_("it is protected with a password"), locked=True)
        blank: list[int] = []
        parts = _parts(reader, blank)
    except Unreadable:
        raise
    except FileNotDecryptedError as exc:
        raise Unreadable(_("it is protected with a password"), locked=True) from exc
    except Exception as exc:  # pypdf fails in many ways on a damaged file
        raise Unreadable(_("it is damaged")) from exc
    unchecked = ()
    if blank:
        unchecked = (
            ngettext(
                "page %(pages)s holds no text (a scan or an image?)",
                "pages %(pages)s hold no text (scans or images?)",
                len(blank),
            )
            % {"pages": _ranges(blank)},
        )
    return Reading(tuple(parts), unchecked)
