"""Folding text before it is compared: header labels and channel names, item names.

Two strengths of folding, one module: labels compare equal across width and
spacing ("X（电子屏）" and "X(电子屏)"); item names also across case and
punctuation, so near-identical names of the same item match.
"""

import unicodedata


def normalise_label(text: str) -> str:
    """Fold width and spacing so 'X（电子屏）' and 'X(电子屏)' compare equal."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split())


def normalise_name(name: str) -> str:
    """Fold width, case, spaces and punctuation so near-identical names compare equal."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(
        ch
        for ch in folded
        if not unicodedata.category(ch).startswith(("P", "Z")) and not ch.isspace()
    )
