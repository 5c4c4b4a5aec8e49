"""Search tokens for Chinese and Latin text, the same on every database.

Text is normalised first (NFKC, lower case, traditional characters to
simplified through OpenCC's ``t2s`` data), then cut into runs of Chinese
characters and runs of Latin letters and digits. Chinese has no spaces, so a
run becomes its overlapping character pairs (bigrams) in order, followed by
its last character alone: “最低生活保障” gives 最低 低生 生活 活保 保障 障.
Latin letters and digits form lower-case words. A text's tokens keep their
order, so a query word is found where its bigrams stand one after another:
the text holds it literally (“生活保障” in “最低生活保障”), not its pairs
scattered through the text. A single character is found as the first
character of a token (every character starts a bigram or ends its run).

PostgreSQL keeps the stream as a ``tsvector`` with positions and matches
phrases with ``<->``; SQLite keeps it as text in an FTS5 table and matches
phrases natively. Neither database's text parser or locale is involved.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN = re.compile(rf"[{CJK}]+|[a-z0-9]+")
IS_CJK = re.compile(rf"[{CJK}]")


@lru_cache(maxsize=1)
def _simplifier():
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become plain), lower case, simplified."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    if not IS_CJK.search(text):
        return text
    return _simplifier().convert(text)


def runs(normalised: str) -> list[str]:
    return RUN.findall(normalised)


def _run_tokens(run: str) -> list[str]:
    if not IS_CJK.match(run):
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def stream(text: str) -> list[str]:
    """The tokens of ``text`` in order (see the module docstring)."""
    return [token for run in runs(normalise(text)) for token in _run_tokens(run)]


@dataclass(frozen=True)
class Phrase:
    """Tokens that must stand one after another; the last may be a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False

    runs: tuple[str, ...] = ()  # the normalised runs it was made of (highlighting)


def phrase(text: str) -> Phrase | None:
    """The phrase a query word stands for, or None when it holds nothing searchable.

    Within the word, each run keeps its end token so that the next run must
    follow it; the last run drops it (the text may go on), and a last run of one
    character becomes a prefix (the character may start a longer run).
    """
    found = runs(normalise(text))
    if not found:
        return None
    tokens: list[str] = []
    for run in found[:-1]:
        tokens += _run_tokens(run)
    last = found[-1]
    if IS_CJK.match(last) and len(last) == 1:
        return Phrase(tuple(tokens + [last]), prefix=True, runs=tuple(found))
    if IS_CJK.match(last):
        return Phrase(tuple(tokens + _run_tokens(last)[:-1]), runs=tuple(found))
    return Phrase(tuple(tokens + [last]), runs=tuple(found))


def contains(tokens: list[str], wanted: Phrase) -> bool:
    """Whether the stream ``tokens`` holds the phrase (what the databases answer)."""
    size = len(wanted.tokens)
    head, last = wanted.tokens[:-1], wanted.tokens[-1]
    for start in range(len(tokens) - size + 1):
        if tuple(tokens[start : start + size - 1]) != head:
            continue
        token = tokens[start + size - 1]
        if token == last or (wanted.prefix and token.startswith(last)):
            return True
    return False
