"""Finding personal numbers in folded text and masking them in the original.

The text is folded first (``normalise``). Its digit groups are then joined into
chains wherever one separator stands between them (a space, a dash, a dot or a
bracket, with at most two spaces around it): ``410225 19900307 1230`` and
``(138)1234-5678`` are one chain each, a tab or a Chinese character ends one.
Every run of whole groups in a chain is tried against the rules of each kind
(``numbers``), with the places its separators fall at: a mobile number may be
cut 3-4-4, a card in fours or after its six-digit prefix, a check-validated ID
number anywhere. A number never starts or ends inside a group, so it always
stands on its own. Overlapping candidates are settled by the strength of their
rule (a validated ID number before a card, a card before the rest), then length.
"""

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from . import numbers
from .normalise import Normalised, normalise

ID_CARD = "id_card"
SUSPECTED_ID_CARD = "suspected_id_card"
MOBILE = "mobile"
BANK_CARD = "bank_card"

KIND_LABELS = {
    ID_CARD: _("ID-card number"),
    SUSPECTED_ID_CARD: _("suspected ID-card number"),
    MOBILE: _("mobile phone number"),
    BANK_CARD: _("bank-card number"),
}
# Which candidate wins where two overlap: the stronger rule first.
_RANK = {ID_CARD: 0, BANK_CARD: 1, SUSPECTED_ID_CARD: 2, MOBILE: 3}

_GROUP = re.compile(r"[0-9]+(?:[Xx](?![A-Za-z0-9]))?", re.ASCII)
_SEPARATOR = re.compile(r" {0,2}[-.()]? {0,2}")
_LATIN = re.compile(r"[A-Za-z]", re.ASCII)
_DIGIT = re.compile(r"[0-9]", re.ASCII)
_MAX_DIGITS = 19
# The lengths a number of some kind has: mobiles (11, with 86 or 0086 in front
# 13 or 15), first-generation IDs (15), cards (16–19), IDs (18).
_LENGTHS = frozenset({11, 13, 15, 16, 17, 18, 19})

# Where separators may fall inside each kind (offsets into its digits): a cut
# set is allowed when it is part of one way the kind is written. A
# check-validated 18-character ID number may be cut anywhere.
_MOBILE_CUTS = (frozenset({3, 7}),)  # 138 1234 5678
_CARD_CUTS = (frozenset({4, 8, 12, 16}), frozenset({6}))  # in fours; 6 and the rest
_SUSPECTED_CUTS = (
    frozenset({6, 14}),  # 6-8-4
    frozenset({6, 10, 14}),  # 6-4-4-4
    frozenset({4, 8, 12, 16}),  # in fours
    frozenset({3, 6, 10, 14}),  # 3-3-4-4-4
)
_OLD_ID_CUTS = (frozenset({6, 12}), frozenset({4, 8, 12}), frozenset({3, 6, 12}))
_COUNTRY_CODES = ("86", "0086")
_CURRENCY_AFTER = "元万亿"
_CURRENCY_BEFORE = "¥$"


class Finding(NamedTuple):
    """One personal number in a text: its kind, where it is, and its masked form.

    ``start`` and ``end`` index the original text; ``value`` is the number as
    written there and ``masked`` the same characters with the hidden digits
    replaced by ``*``. ``digits`` is the number alone (ASCII, X upper-case):
    what a reviewer's release of a suspected ID number names.
    """

    kind: str
    start: int
    end: int
    value: str
    digits: str
    masked: str
    line: int

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def suspected(self) -> bool:
        """An ID-shaped number with a wrong check character: a reviewer may release it."""
        return self.kind == SUSPECTED_ID_CARD


class _Group(NamedTuple):
    start: int
    end: int
    text: str


class _Candidate(NamedTuple):
    kind: str
    positions: tuple[int, ...] | range  # folded-text index of each digit
    digits: str


def _chains(folded: str):
    """Digit groups joined by one separator each; a chain is a list of groups."""
    chain: list[_Group] = []
    for match in _GROUP.finditer(folded):
        group = _Group(match.start(), match.end(), match.group().upper())
        if chain:
            between = folded[chain[-1].end : group.start]
            if (
                between
                and not chain[-1].text.endswith("X")
                and _SEPARATOR.fullmatch(between)
            ):
                chain.append(group)
                continue
            yield chain
        chain = [group]
    if chain:
        yield chain


def _written_as(cuts, ways) -> bool:
    return any(cuts <= way for way in ways)


def _kinds(digits: str, cuts: list[int]):
    """(kind, first, last) for each reading of ``digits`` cut at ``cuts``.

    An ID-shaped number (a region and a birth date where an ID number keeps
    them) is read as an ID number or a suspected one, never as anything else:
    the birth date is what keeps other 18-character codes out, the unified
    social credit code among them (its 7th to 14th characters are never a date).
    """
    length = len(digits)
    cut_set = frozenset(cuts)
    if length == 18 and numbers.id_card_shape(digits):
        if numbers.id_card_check_character(digits[:17]) == digits[17]:
            yield ID_CARD, 0, 18
        elif _written_as(cut_set, _SUSPECTED_CUTS):
            yield SUSPECTED_ID_CARD, 0, 18
        return
    if (
        length == 15
        and _written_as(cut_set, _OLD_ID_CUTS)
        and numbers.old_id_card_is_valid(digits)
    ):
        yield ID_CARD, 0, 15
    if (
        length >= 16
        and _written_as(cut_set, _CARD_CUTS)
        and numbers.bank_card_is_valid(digits)
    ):
        yield BANK_CARD, 0, length
    for prefix in ("", *_COUNTRY_CODES):
        skip = len(prefix)
        if length != skip + 11 or not digits.startswith(prefix):
            continue
        if any(0 < cut < skip for cut in cuts):
            continue
        inner = frozenset(cut - skip for cut in cuts if cut > skip)
        if _written_as(inner, _MOBILE_CUTS) and numbers.mobile_is_valid(digits[skip:]):
            yield MOBILE, skip, length


def _plausible(kind: str, positions, folded: str, dotted: bool) -> bool:
    """Context a weaker rule needs: not glued to a word, a decimal or a currency."""
    if kind == ID_CARD and len(positions) == 18:
        return True  # the check character is context enough
    end = positions[-1] + 1
    after = folded[end : end + 2]
    if after[:1] and _LATIN.match(after[:1]):
        return False  # part of a code such as 13812345678AB
    if kind in (MOBILE, BANK_CARD):
        if after[:1] == "." and after[1:2].isdigit() and not dotted:
            return False  # an amount with decimals
        if folded[end : end + 3].lstrip(" ")[:1] in tuple(_CURRENCY_AFTER):
            return False
        before = folded[max(0, positions[0] - 3) : positions[0]].rstrip(" +")
        if before[-1:] in tuple(_CURRENCY_BEFORE):
            return False
    return True


def _candidates(folded: str):
    for chain in _chains(folded):
        if len(chain) == 1:  # the common case: a number written whole
            group = chain[0]
            if len(group.text) in _LENGTHS:
                whole = range(group.start, group.end)
                for kind, low, high in _kinds(group.text, ()):
                    taken = whole[low:high]
                    if _plausible(kind, taken, folded, False):
                        yield _Candidate(kind, taken, group.text[low:high])
            continue
        for first in range(len(chain)):
            digits = ""
            cuts: list[int] = []
            positions: list[int] = []
            dotted = False
            for index in range(first, len(chain)):
                group = chain[index]
                if index > first:
                    if digits.endswith("X"):
                        break
                    cuts.append(len(digits))
                    dotted |= "." in folded[chain[index - 1].end : group.start]
                digits += group.text
                positions.extend(range(group.start, group.end))
                if len(digits) > _MAX_DIGITS:
                    break
                if len(digits) not in _LENGTHS:
                    continue
                for kind, low, high in _kinds(digits, cuts):
                    taken = tuple(positions[low:high])
                    if _plausible(kind, taken, folded, dotted):
                        yield _Candidate(kind, taken, digits[low:high])


def _hidden(kind: str, count: int) -> range:
    """Which of a number's ``count`` digits masking hides."""
    if kind == MOBILE:
        return range(3, 7)  # 138****5678
    if kind == BANK_CARD:
        return range(6, count - 4)  # 622202*********0123
    if count == 15:
        return range(6, 12)  # the birth date of a first-generation number
    return range(6, 14)  # the birth date: 410225********1230


def _finding(
    text: str, folded: Normalised, candidate: _Candidate, line: int
) -> Finding:
    positions = candidate.positions
    start, end = folded.span(positions[0], positions[-1] + 1)
    chars = list(text[start:end])
    for index in _hidden(candidate.kind, len(positions)):
        chars[folded.origin[positions[index]] - start] = "*"
    return Finding(
        kind=candidate.kind,
        start=start,
        end=end,
        value=text[start:end],
        digits=candidate.digits,
        masked="".join(chars),
        line=line,
    )


def _chosen(text: str) -> tuple[Normalised, list[_Candidate]]:
    """The folded text and the numbers in it, in order, never overlapping."""
    folded = normalise(text)
    if not _DIGIT.search(folded.text):
        return folded, []
    ordered = sorted(
        _candidates(folded.text),
        key=lambda c: (_RANK[c.kind], -len(c.positions), c.positions[0]),
    )
    starts: list[int] = []  # the spans taken, sorted and never overlapping
    chosen: dict[int, tuple[int, _Candidate]] = {}
    for candidate in ordered:
        low, high = candidate.positions[0], candidate.positions[-1] + 1
        at = bisect.bisect_left(starts, low)
        if at < len(starts) and starts[at] < high:
            continue  # overlaps the span starting after it
        if at and chosen[starts[at - 1]][0] > low:
            continue  # overlaps the span starting before it
        starts.insert(at, low)
        chosen[low] = (high, candidate)
    return folded, [chosen[low][1] for low in starts]


def find_personal_data(text: str) -> list[Finding]:
    """Every ID-card, suspected ID-card, mobile and bank-card number in ``text``.

    The one check every text that can reach the public passes: titles, bodies,
    attachment text and names, validity and withdrawal reasons, consultation
    comments, reply letters, the search index. Findings come in order of
    position, never overlapping; each carries its masked form.
    """
    if not text:
        return []
    folded, chosen = _chosen(text)
    findings, line, counted = [], 1, 0
    for candidate in chosen:
        start = folded.origin[candidate.positions[0]]
        line += text.count("\n", counted, start)
        counted = start
        findings.append(_finding(text, folded, candidate, line))
    return findings


def mask_personal_data(
    text: str, *, keep: frozenset[str] | set[str] = frozenset()
) -> str:
    """``text`` with every personal number masked where it stands; nothing else changes.

    Only the hidden digits are replaced (by ``*``); separators, spacing and the
    characters around stay as written, so the result has the same length.
    ``keep`` names suspected ID numbers (their ``digits``) a reviewer released
    for this text: those stay as they are. Call it on everything shown to the
    public, as the last step.
    """
    if not text:
        return text
    if len(text) < _MEMO_FROM_CHARS or len(text) > _MEMO_UP_TO_CHARS:
        return _mask(text, keep)
    return _mask_memo(text, frozenset(keep))


# A long text (a 公示 list) is masked again each time its page is rendered after
# its county's cache version moved; the last few are kept per process.
_MEMO_FROM_CHARS = 2_000
_MEMO_UP_TO_CHARS = 200_000


@lru_cache(maxsize=16)
def _mask_memo(text: str, keep: frozenset[str]) -> str:
    return _mask(text, keep)


def _mask(text: str, keep) -> str:
    folded, chosen = _chosen(text)
    hidden = [
        folded.origin[candidate.positions[index]]
        for candidate in chosen
        if not (candidate.kind == SUSPECTED_ID_CARD and candidate.digits in keep)
        for index in _hidden(candidate.kind, len(candidate.positions))
    ]
    if not hidden:
        return text
    chars = list(text)
    for index in hidden:
        chars[index] = "*"
    return "".join(chars)
