"""Text as the check reads it, with the original position of every character kept.

People write numbers with full-width digits, zero-width spaces pasted from web
pages, soft hyphens from word processors, and any dash, space or dot between
groups. ``normalise`` folds all of that into one spelling (NFKC; zero-width
characters and the soft hyphen removed; every dash ``-``, every space `` ``,
every dot ``.``) and records, for each character of the result, the index of
the character it came from, so findings can be masked in the original text
without rewriting anything around them.
"""

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


@lru_cache(maxsize=8192)
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


def normalise(text: str) -> Normalised:
    """Fold ``text`` for matching; see the module docstring for what is folded."""
    if text.isascii():
        return Normalised(text, range(len(text)))  # nothing to fold
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char < "\x80":
            chars.append(char)
            origin.append(index)
            continue
        folded = _fold(char)
        chars.append(folded)
        origin.extend([index] * len(folded))
    return Normalised("".join(chars), tuple(origin))
