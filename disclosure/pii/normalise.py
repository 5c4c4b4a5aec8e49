"""Text as the check reads it, with the original position of every character kept.

People write numbers with full-width digits, zero-width spaces pasted from web
pages, soft hyphens from word processors, and any dash, space or dot between
groups. ``normalise`` folds all of that into one spelling (NFKC; zero-width
characters and the soft hyphen removed; every dash ``-``, every space `` ``,
every dot ``.``) and records, for each character of the result, the index of
the character it came from, so findings can be masked in the original text
without rewriting anything around them.
"""

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Removed outright: they are invisible and split a number for any pattern.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Every hyphen and dash (ASCII, U+2010–U+2015, minus, small and full-width forms).
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
# Every space that may stand between digit groups; tabs and line breaks are not
# among them (they separate cells and lines, not the parts of one number).
SPACES = frozenset(
    " \u00a0\u3000\u202f\u205f" + "".join(map(chr, range(0x2000, 0x200B)))
)
# Dots and full stops used as separators: 138.1234.5678, 138·1234·5678.
DOTS = frozenset(".\u3002\uff0e\uff61\u00b7\u2022\u2027\u2219\u30fb\uff65")


def _unify(char: str) -> str:
    if char in DASHES:
        return "-"
    if char in SPACES:
        return " "
    if char in DOTS:
        return "."
    return char


@lru_cache(maxsize=16384)
def _fold(char: str) -> str:
    """What one non-ASCII character becomes: nothing, one character or several."""
    if char in INVISIBLE:
        return ""
    return "".join(_unify(c) for c in unicodedata.normalize("NFKC", _unify(char)))


@dataclass(frozen=True)
class Normalised:
    """The folded text and, per character, the index in the original it came from."""

    text: str
    origin: tuple[int, ...] | range

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded characters ``start`` to ``end``."""
        return self.origin[start], self.origin[end - 1] + 1


# What the finder reads: digits, Latin letters (X, and the letters a number
# may not touch), and the separators. Characters folding to none of these
# change nothing it decides, so only the others are folded.
_READ = frozenset("0123456789 -.()+" + string.ascii_letters)
# Planes with characters that fold to digits or Latin letters: the BMP, the
# mathematical alphanumerics and the enclosed alphanumeric supplement.
_PLANES = (range(0x80, 0x10000), range(0x1D400, 0x1D800), range(0x1F100, 0x1F200))


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern:
    """Every non-ASCII character that is invisible or folds to something read.

    Built once, on first use (a pass over the planes above, some 70,000 checks).
    """
    nfkc = unicodedata.normalize
    codes = [
        code
        for plane in _PLANES
        for code in plane
        if not 0xD800 <= code <= 0xDFFF
        and (
            chr(code) in INVISIBLE
            or chr(code) in DASHES
            or chr(code) in SPACES
            or chr(code) in DOTS
            or (
                nfkc("NFKC", chr(code)) != chr(code)
                and any(c in _READ for c in _fold(chr(code)))
            )
        )
    ]
    spans: list[list[int]] = []  # runs of consecutive code points: a small class
    for code in codes:
        if spans and code == spans[-1][1] + 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    ranges = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in spans)
    return re.compile(f"[{ranges}]")


def normalise(text: str) -> Normalised:
    """Fold ``text`` for matching; see the module docstring for what is folded.

    Only the characters that fold to a digit, a Latin letter or a separator
    (or vanish) are folded; they are found by one regular expression, so a page
    of Chinese text costs one scan.
    """
    if text.isascii():
        return Normalised(text, range(len(text)))  # nothing to fold
    pieces: list[str] = []
    origin: list[int] | None = None
    cursor = 0
    for match in _foldable().finditer(text):
        index = match.start()
        folded = _fold(match.group())
        pieces.append(text[cursor:index])
        pieces.append(folded)
        if len(folded) != 1 and origin is None:
            origin = list(range(index))  # positions move from here on
        elif origin is not None:
            origin.extend(range(cursor, index))
        if origin is not None:
            origin.extend([index] * len(folded))
        cursor = index + 1
    if cursor == 0:
        return Normalised(text, range(len(text)))
    pieces.append(text[cursor:])
    if origin is None:
        return Normalised("".join(pieces), range(len(text)))
    origin.extend(range(cursor, len(text)))
    return Normalised("".join(pieces), tuple(origin))
