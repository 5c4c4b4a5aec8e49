"""Finding and masking personal numbers: ID cards, mobile phones and bank cards.

Each finder is strict enough that ordinary numbers do not trip it: an ID-card
number must carry a valid birth date and the GB 11643-1999 check character, a
bank-card number must pass the Luhn check and start like a payment card, and
every number must stand on its own (no digit directly before or after it).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

ID_CARD = "id_card"
MOBILE = "mobile"
BANK_CARD = "bank_card"

KIND_LABELS = {
    ID_CARD: _("ID-card number"),
    MOBILE: _("mobile phone number"),
    BANK_CARD: _("bank-card number"),
}

# Full-width digits (０-９) are common in Chinese text; they count as digits too.
_D = "[0-9０-９]"
_X = "[Xx]"
_ID_CARD_RE = re.compile(
    rf"(?<![0-9０-９A-Za-z])({_D}{{17}}(?:{_D}|{_X}))(?![0-9０-９A-Za-z])"
)
_MOBILE_RE = re.compile(
    rf"(?<![0-9０-９])(?:(?:\+|00)?86[- ]?)?"
    rf"([1１][3-9３-９]{_D}[- ]?{_D}{{4}}[- ]?{_D}{{4}})(?![0-9０-９])"
)
_BANK_CARD_RE = re.compile(
    rf"(?<![0-9０-９])({_D}{{4}}(?:[ -]{_D}{{4}}){{3}}(?:[ -]{_D}{{1,3}})?"
    rf"|{_D}{{16,19}})(?![0-9０-９])"
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Province-level codes of GB/T 2260 (11 Beijing … 82 Macao) start with 1 to 8.
_ID_PROVINCE_FIRST_DIGITS = "12345678"
# Payment cards start with 3 (JCB, Amex), 4 (Visa), 5 (Mastercard) or 6 (UnionPay).
_CARD_FIRST_DIGITS = "3456"


@dataclass(frozen=True)
class Finding:
    """One personal number found in a text: what it is, where, and its masked form."""

    kind: str
    start: int
    end: int
    value: str
    masked: str
    line: int

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _digits(text: str) -> str:
    return "".join(c for c in _ascii(text) if c.isdigit())


def id_card_check_character(first17: str) -> str:
    """The 18th character of an ID number from its first 17 digits (GB 11643-1999)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_card_is_valid(number: str) -> bool:
    """Whether an 18-character number is a well-formed resident ID (GB 11643-1999)."""
    number = _ascii(number).upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if number[0] not in _ID_PROVINCE_FIRST_DIGITS:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if born.year < 1880 or born > date.today():
        return False
    return id_card_check_character(number[:17]) == number[17]


def luhn_is_valid(number: str) -> bool:
    digits = _digits(number)
    if not digits:
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _looks_like_id_card(digits: str) -> bool:
    """18 digits with a real birth date where an ID number keeps it: a mistyped ID."""
    if len(digits) != 18:
        return False
    try:
        date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return 1880 <= int(digits[6:10]) <= date.today().year


def bank_card_is_valid(number: str) -> bool:
    digits = _digits(number)
    return (
        16 <= len(digits) <= 19
        and digits[0] in _CARD_FIRST_DIGITS
        and len(set(digits)) > 1
        and not _looks_like_id_card(digits)
        and luhn_is_valid(digits)
    )


def _mask_digits(value: str, keep_start: int, keep_end: int) -> str:
    """Replace every digit but the first ``keep_start`` and last ``keep_end`` with *.

    Separators (spaces, hyphens) stay where they are, so the masked number keeps
    the shape the author typed.
    """
    positions = [i for i, c in enumerate(value) if c.isdigit() or c in "Xx"]
    hidden = set(positions[keep_start : len(positions) - keep_end])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def mask_id_card(value: str) -> str:
    """410102199003071234 → 410102********1234: the birth date is hidden."""
    return _mask_digits(value, 6, 4)


def mask_mobile(value: str) -> str:
    """13812345678 → 138****5678."""
    return _mask_digits(value, 3, 4)


def mask_bank_card(value: str) -> str:
    """6222021234567890123 → 622202*********0123: at most the first six and last four."""
    return _mask_digits(value, 6, 4)


_MASKERS = {ID_CARD: mask_id_card, MOBILE: mask_mobile, BANK_CARD: mask_bank_card}


def find_personal_data(text: str) -> list[Finding]:
    """Every ID-card, mobile and bank-card number in ``text``, in order of position.

    ID-card numbers are looked for first; a span already taken is not reported
    again as another kind (an 18-digit ID number can also pass the Luhn check).
    """
    if not text:
        return []
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    checks = [
        (ID_CARD, _ID_CARD_RE, id_card_is_valid),
        (MOBILE, _MOBILE_RE, lambda v: True),
        (BANK_CARD, _BANK_CARD_RE, bank_card_is_valid),
    ]
    for kind, pattern, valid in checks:
        for match in pattern.finditer(text):
            start, end = match.span(1)
            value = match.group(1)
            if not free(start, end) or not valid(value):
                continue
            taken.append((start, end))
            found.append(
                Finding(
                    kind=kind,
                    start=start,
                    end=end,
                    value=value,
                    masked=_MASKERS[kind](value),
                    line=text.count("\n", 0, start) + 1,
                )
            )
    return sorted(found, key=lambda f: f.start)


def mask_personal_data(text: str) -> str:
    """``text`` with every personal number found replaced by its masked form."""
    findings = find_personal_data(text)
    if not findings:
        return text
    parts, cursor = [], 0
    for finding in findings:
        parts.append(text[cursor : finding.start])
        parts.append(finding.masked)
        cursor = finding.end
    parts.append(text[cursor:])
    return "".join(parts)
