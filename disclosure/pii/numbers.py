"""What makes a string of digits a personal number: the rules of each kind.

Resident ID numbers follow GB 11643-1999 (a GB/T 2260 region, a birth date, a
sequence and a check character); first-generation numbers have 15 digits and a
two-digit year. Mobile numbers are 11 digits on the operators' number segments.
Bank cards pass the Luhn check and start like the cards issued in China.
The unified social credit code (统一社会信用代码, GB 32100-2015) has 18
characters too, but its own check: it is what an 18-digit number that is not an
ID number most often is on a government page.
"""

import operator
from datetime import date

# GB/T 2260 province-level codes: the first two digits of every resident ID.
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
# Number segments of China Mobile, Unicom, Telecom, Broadnet and the virtual
# operators (工业和信息化部 numbering plan).
MOBILE_SEGMENTS = frozenset(
    [str(n) for n in range(130, 140)]
    + "145 146 147 148 149 150 151 152 153 155 156 157 158 159".split()
    + "162 165 166 167 170 171 172 173 174 175 176 177 178".split()
    + [str(n) for n in range(180, 190)]
    + "190 191 192 193 195 196 197 198 199".split()
)
# Card number prefixes in use in China and the lengths their cards have: JCB
# (35), Visa (4), Mastercard (5), UnionPay (62) and older domestic debit cards
# (60, 9558, 95xxx). Cards issued in China on the international schemes have 16.
CARD_LENGTHS = {
    "3": (16,),
    "4": (16,),
    "5": (16,),
    "60": (16, 19),
    "62": (16, 17, 18, 19),
    "95": (19,),
}
# Registration authority and kind of a unified social credit code (GB 32100).
USCC_REGISTRATIONS = frozenset(
    "11 12 13 19 21 29 31 32 33 34 35 39 41 49 51 52 53 59 61 62 69 71 72 79 "
    "81 89 91 92 93 A1 A9 N1 N2 N3 N9 Y1".split()
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
EARLIEST_BIRTH_YEAR = 1880


def id_card_check_character(first17: str) -> str:
    """The 18th character of an ID number from its first 17 digits (GB 11643-1999)."""
    return _ID_CHECK[sum(map(operator.mul, map(int, first17), _ID_WEIGHTS)) % 11]


def region_is_valid(code: str) -> bool:
    """A plausible GB/T 2260 county code: a real province and a city part.

    Only the province is checked against the list: ID numbers keep the code of
    the place of first registration, and many of those codes were abolished.
    """
    return code[:2] in PROVINCES and code[2:4] != "00"


def _date_is_valid(year: int, month: int, day: int) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return EARLIEST_BIRTH_YEAR <= year and born <= date.today()


def id_card_shape(digits: str) -> bool:
    """18 characters with a valid region and birth date: an ID number, or one mistyped."""
    return (
        len(digits) == 18
        and digits[:17].isdigit()
        and (digits[17].isdigit() or digits[17] == "X")
        and region_is_valid(digits)
        and _date_is_valid(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    )


def id_card_is_valid(number: str) -> bool:
    """Whether 18 characters are a well-formed resident ID number (GB 11643-1999)."""
    number = number.upper()
    return id_card_shape(number) and id_card_check_character(number[:17]) == number[17]


def old_id_card_is_valid(number: str) -> bool:
    """A first-generation (15-digit) ID number: region, YYMMDD in the 1900s, sequence."""
    return (
        len(number) == 15
        and number.isdigit()
        and region_is_valid(number)
        and _date_is_valid(
            1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])
        )
    )


def uscc_is_valid(code: str) -> bool:
    """Whether 18 characters are a unified social credit code: a registration
    kind, a county code, the organisation code and the check character."""
    code = code.upper()
    return (
        len(code) == 18
        and all(c in _USCC_ALPHABET for c in code)
        and code[:2] in USCC_REGISTRATIONS
        and code[2:8].isdigit()
        and region_is_valid(code[2:8])
        and uscc_check_character(code[:17]) == code[17]
    )


def uscc_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(
        _USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True)
    )
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def luhn_is_valid(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _card_length_is_valid(digits: str) -> bool:
    for prefix, lengths in CARD_LENGTHS.items():
        if digits.startswith(prefix):
            return len(digits) in lengths
    return False


def bank_card_is_valid(digits: str) -> bool:
    """A card number: a prefix in use with its length, passing the Luhn check;
    not an ID-shaped number or a unified social credit code."""
    return (
        digits.isdigit()
        and _card_length_is_valid(digits)
        and len(set(digits)) > 2
        and not id_card_shape(digits)
        and not uscc_is_valid(digits)
        and luhn_is_valid(digits)
    )


def mobile_is_valid(digits: str) -> bool:
    return len(digits) == 11 and digits.isdigit() and digits[:3] in MOBILE_SEGMENTS
