"""The vocabulary (``vocabulary.toml``) and what it makes of a query.

A query is normalised (``tokens.normalise``), its typos replaced, cut at
spaces and punctuation, and each piece segmented into the longest words the
vocabulary knows (its synonyms, question words, intents and words, and every
item name and content element of the catalogs in ``fixtures/catalogs/``),
from the left and from the right, keeping the cut with fewer pieces (the
right-hand one on a tie, as usual for Chinese); what lies between known words
stays as typed. Question words and stray single characters are dropped while
other words remain, intents ("how do I apply") become one term met by any
wording of a procedure, and every other word becomes a term: the word or any
of its synonyms. A document matches when it holds every term
(``fields.Formula``).
"""

import json
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from . import tokens
from .fields import Formula

DATA = Path(__file__).with_name("vocabulary.toml")
MAX_QUERY_CHARS = 100
MAX_TERMS = 8
MAX_ALTERNATIVES = 10
LONGEST_WORD = 16


@dataclass(frozen=True)
class Vocabulary:
    synonyms: dict[str, tuple[str, ...]]
    replacements: dict[str, str]
    question_words: frozenset[str]
    intents: frozenset[str]
    intent_means: tuple[str, ...]
    lexicon: frozenset[str]
    examples: tuple[str, ...]


def _catalog_words() -> set[str]:
    """Item names and content elements of the catalogs a fresh install loads."""
    found = set()
    for path in sorted(
        (Path(settings.BASE_DIR) / "fixtures" / "catalogs").glob("*.json")
    ):
        data = json.loads(path.read_text(encoding="utf-8"))
        stack = list(data.get("items", []))
        while stack:
            item = stack.pop()
            found.add(item.get("name") or "")
            found.update(item.get("content") or [])
            stack.extend(item.get("children") or [])
    return {tokens.normalise(word) for word in found if word}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    norm = tokens.normalise
    synonyms = {
        norm(word): tuple(dict.fromkeys(norm(w) for w in wordings))
        for word, wordings in data["synonyms"].items()
    }
    replacements = {norm(k): norm(v) for k, v in data["replacements"].items()}
    question = frozenset(norm(w) for w in data["question_words"]["words"])
    intents = frozenset(norm(w) for w in data["intents"]["words"])
    lexicon = (
        set(synonyms)
        | {w for wordings in synonyms.values() for w in wordings}
        | set(replacements)
        | set(replacements.values())
        | question
        | intents
        | {norm(w) for w in data["words"]["words"]}
        | _catalog_words()
    )
    return Vocabulary(
        synonyms=synonyms,
        replacements=replacements,
        question_words=question,
        intents=intents,
        intent_means=tuple(norm(w) for w in data["intents"]["means"]),
        lexicon=frozenset(w for w in lexicon if len(w) <= LONGEST_WORD),
        examples=tuple(data["examples"]["queries"]),
    )


@dataclass(frozen=True)
class Word:
    """One word of a query: as typed (normalised), what it stands for, its kind."""

    typed: str
    meant: str  # after a typo's replacement
    known: bool
    dropped: bool = False


def _forward(piece: str, lexicon: frozenset[str]) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    start = 0
    while start < len(piece):
        for end in range(min(len(piece), start + LONGEST_WORD), start, -1):
            if piece[start:end] in lexicon:
                found.append((piece[start:end], True))
                start = end
                break
        else:
            found.append((piece[start], False))
            start += 1
    return found


def _backward(piece: str, lexicon: frozenset[str]) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    end = len(piece)
    while end > 0:
        for start in range(max(0, end - LONGEST_WORD), end):
            if piece[start:end] in lexicon:
                found.insert(0, (piece[start:end], True))
                end = start
                break
        else:
            found.insert(0, (piece[end - 1], False))
            end -= 1
    return found


def _joined(found: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Unknown characters next to each other form one word, as typed."""
    joined: list[tuple[str, bool]] = []
    for text, known in found:
        if not known and joined and not joined[-1][1]:
            joined[-1] = (joined[-1][0] + text, False)
        else:
            joined.append((text, known))
    return joined


def segment(piece: str, lexicon: frozenset[str]) -> list[tuple[str, bool]]:
    """Known words and the unknown runs between them, as (text, known) pairs."""
    forward = _joined(_forward(piece, lexicon))
    backward = _joined(_backward(piece, lexicon))
    return forward if len(forward) < len(backward) else backward


def replace_typos(text: str) -> str:
    for wrong, meant in sorted(
        vocabulary().replacements.items(), key=lambda pair: -len(pair[0])
    ):
        text = text.replace(wrong, meant)
    return text


def _pieces(normalised: str) -> list[str]:
    """Runs of Chinese characters, and Latin words with digits, in order."""
    return tokens.runs(normalised)


def words(query: str) -> list[Word]:
    vocab = vocabulary()
    text = replace_typos(tokens.normalise(query)[:MAX_QUERY_CHARS])
    found: list[Word] = []
    for piece in _pieces(text):
        if not tokens.IS_CJK.match(piece):
            found.append(Word(piece, piece, known=False))
            continue
        for part, known in segment(piece, vocab.lexicon):
            found.append(Word(part, part, known))
    kept = [
        w
        for w in found
        if w.meant not in vocab.question_words
        and not (not w.known and len(w.meant) == 1 and tokens.IS_CJK.match(w.meant))
    ]
    if not kept:
        kept = found  # nothing but question words: look for what was typed
    keep = set(map(id, kept))
    return [
        w if id(w) in keep else Word(w.typed, w.meant, w.known, True) for w in found
    ]


def alternatives(word: str) -> tuple[str, ...]:
    vocab = vocabulary()
    if word in vocab.intents:
        return vocab.intent_means
    return tuple(dict.fromkeys((word, *vocab.synonyms.get(word, ()))))[
        :MAX_ALTERNATIVES
    ]


def formula(query: str) -> Formula | None:
    """What documents must hold to match ``query``; None when nothing is searchable."""
    terms = []
    for word in words(query):
        if word.dropped:
            continue
        phrases = tuple(
            dict.fromkeys(
                p for p in (tokens.phrase(a) for a in alternatives(word.meant)) if p
            )
        )
        if phrases and phrases not in terms:
            terms.append(phrases)
    if not terms:
        return None
    return Formula(tuple(terms[:MAX_TERMS]))
