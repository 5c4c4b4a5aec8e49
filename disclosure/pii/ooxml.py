"""Reading the XML parts of Office files (.xlsx, .docx) safely, and whatever text they hold.

The files have passed ``catalogs.uploads.upload_check`` (sizes, zip bombs, no
DTD) before they reach here; the parser still resolves no entity and fetches
nothing. Parts the kind-specific readers do not know (drawings, charts, text
boxes of shapes, document properties, pivot caches, custom XML) are read by
``generic_parts`` so no text in the package goes unchecked.
"""

import posixpath
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _
from lxml import etree

from .parts import Part

_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Elements whose text is a run of a paragraph: joined without a separator.
_RUN_TEXT = {"t", "delText", "instrText"}
# Elements that end a paragraph (or a string item): the runs so far are one line.
_PARAGRAPH_ENDS = {"p", "si", "comment", "threadedComment", "text"}
# Pivot caches keep their values in attributes.
_VALUE_ATTRIBUTES = ("v",)


def local(tag) -> str:
    """``{namespace}name`` → ``name`` (comments and processing instructions → "")."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def iterparse(archive: zipfile.ZipFile, member: str, events=("end",)):
    """lxml's iterparse over one member, with every network and entity feature off."""
    return etree.iterparse(
        archive.open(member),
        events=events,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def relationships(archive: zipfile.ZipFile, member: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id → (type, member path the target resolves to)."""
    folder, name = posixpath.split(member)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.namelist():
        return {}
    found = {}
    for _event, element in iterparse(archive, rels):
        if local(element.tag) == "Relationship":
            target = element.get("Target", "")
            if element.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            found[element.get("Id", "")] = (element.get("Type", ""), target)
    return found


def generic_parts(archive: zipfile.ZipFile, member: str, where: str) -> Iterator[Part]:
    """Every piece of text in one XML part: paragraphs of runs, other text, values."""
    if member.endswith(".rels"):
        # Hyperlink targets (``tel:…``, addresses with query strings) are published.
        targets = [
            element.get("Target", "")
            for _event, element in iterparse(archive, member)
            if local(element.tag) == "Relationship"
            and element.get("TargetMode") == "External"
        ]
        if targets:
            yield Part(where, "\n".join(targets))
        return
    runs: list[str] = []
    lines: list[str] = []
    for _event, element in iterparse(archive, member):
        name = local(element.tag)
        text = element.text or ""
        if name in _RUN_TEXT:
            runs.append(text)
        elif text.strip():
            lines.append(text)
        for attribute in _VALUE_ATTRIBUTES:
            value = element.get(attribute)
            if value and any(c.isdigit() for c in value) and name not in _RUN_TEXT:
                lines.append(value)
        if name in _PARAGRAPH_ENDS and runs:
            lines.append("".join(runs))
            runs = []
        if name in _PARAGRAPH_ENDS or len(element) == 0:
            element.clear(keep_tail=True)
    if runs:
        lines.append("".join(runs))
    if lines:
        yield Part(where, "\n".join(lines))


def other_parts(archive: zipfile.ZipFile, done: set[str]) -> Iterator[Part]:
    """``generic_parts`` of every XML part not in ``done``."""
    for member in sorted(archive.namelist()):
        if member in done or not member.endswith((".xml", ".rels", ".vml")):
            continue
        yield from generic_parts(
            archive, member, _("the part “%(part)s”") % {"part": member}
        )


__all__ = [
    "Part",
    "generic_parts",
    "iterparse",
    "local",
    "other_parts",
    "relationships",
]
