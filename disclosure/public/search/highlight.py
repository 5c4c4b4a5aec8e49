"""Matched words marked in a text: escaped first, then marked.

The text is normalised character by character (as the index normalises it), the
runs of every phrase of the query are found in it, and the matching stretches of
the original text are wrapped in ``<mark>``; everything else is escaped as
Django escapes any value, so a title can never bring markup of its own.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import tokens
from .fields import Formula


def _normalised(text: str) -> tuple[str, list[int]]:
    """The normalised text and, per normalised character, its original index."""
    chars, origin = [], []
    for index, char in enumerate(text):
        for produced in tokens.normalise(char):
            chars.append(produced)
            origin.append(index)
    return "".join(chars), origin


def spans(text: str, formula: Formula | None) -> list[tuple[int, int]]:
    """Stretches of ``text`` (start, end) that hold a word of the query, merged."""
    if formula is None or not text:
        return []
    normal, origin = _normalised(text)
    marks = []
    for term in formula.terms:
        for phrase in term:
            for run in phrase.runs:
                at = normal.find(run)
                while at != -1:
                    marks.append((origin[at], origin[at + len(run) - 1] + 1))
                    at = normal.find(run, at + len(run))
    merged: list[list[int]] = []
    for start, end in sorted(marks):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def highlight(text: str, formula: Formula | None) -> SafeString:
    parts, cursor = [], 0
    for start, end in spans(text, formula):
        parts.append(escape(text[cursor:start]))
        parts.append("<mark>" + escape(text[start:end]) + "</mark>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 — every part escaped above
