"""The applicant's identity number and the 查询码: checking, masking, hashing.

An identity number is stored as given (normalised), shown in full to the
request's handler only and masked to everyone else through the personal-data
check's own masking (``disclosure.pii``). The 查询码 is the applicant's key to
the status page: 12 characters from an alphabet without look-alikes (about 59
bits), stored only as its SHA-256.
"""

import hashlib
import secrets
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import IdentityType
from ..pii import find_personal_data, mask_personal_data

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 12
# GB 32100-2015: the unified social credit code's characters and weights.
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise(text: str) -> str:
    """Full-width characters to half-width, spaces and dashes removed, upper case."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(c for c in text if c.isalnum()).upper()


def credit_check_character(body: str) -> str:
    """The 18th character of a unified social credit code from its first 17."""
    total = sum(
        _CREDIT_CHARS.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True)
    )
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def credit_code_is_valid(code: str) -> bool:
    """Whether an 18-character unified social credit code has its check character."""
    if len(code) != 18 or any(c not in _CREDIT_CHARS for c in code):
        return False
    return credit_check_character(code[:17]) == code[17]


def resident_id_is_valid(number: str) -> bool:
    """Whether the personal-data check recognises the number as an ID-card number."""
    found = find_personal_data(number)
    return len(found) == 1 and found[0].kind == "id_card" and found[0].start == 0


def check_identity(identity_type: str, number: str) -> str:
    """The normalised number, or a ValidationError naming what is wrong with it."""
    value = normalise(number)
    if identity_type == IdentityType.RESIDENT_ID and not resident_id_is_valid(value):
        raise ValidationError(
            {
                "identity_number": _(
                    "This is not a valid resident identity card number: it must have "
                    "18 characters with a correct birth date and check character."
                )
            },
            code="bad_identity",
        )
    if identity_type == IdentityType.CREDIT_CODE and not credit_code_is_valid(value):
        raise ValidationError(
            {
                "identity_number": _(
                    "This is not a valid unified social credit code: it must have 18 "
                    "characters and a correct check character (GB 32100-2015)."
                )
            },
            code="bad_identity",
        )
    if not 4 <= len(value) <= 40:
        raise ValidationError(
            {"identity_number": _("Give the document number, 4 to 40 characters.")},
            code="bad_identity",
        )
    return value


def masked_identity(number: str) -> str:
    """The number as shown to anyone but the handler."""
    masked = mask_personal_data(number)
    if masked != number:
        return masked
    if len(number) <= 4:
        return "*" * len(number)
    return number[:2] + "*" * (len(number) - 4) + number[-2:]


def new_query_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _n in range(CODE_LENGTH))


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def formatted_code(code: str) -> str:
    """ABCD-EFGH-JKMN: easier to read out and copy."""
    code = normalise(code)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
