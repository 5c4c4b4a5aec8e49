"""Personal data (个人信息) in anything the public can read: one check, one mask.

Every text that can reach the public — titles, bodies, attachment text and
file names, validity and withdrawal reasons, consultation comments, reply
letters, the search index — passes these functions on its way in and again on
its way out:

- ``find_personal_data(text)`` → the ``Finding``s: ID-card numbers (18-digit
  with the GB 11643 check character, 15-digit first-generation ones), suspected
  ID numbers (a valid region and birth date but a wrong check character), mobile
  and bank-card numbers, however they are written (full-width, spaced, dashed,
  dotted, with zero-width characters inside);
- ``mask_personal_data(text)`` → the text with each number masked in place;
- ``refuse_personal_data(text, field=…, what=…)`` → raises a ``ValidationError``
  naming what was found, for short texts the author must rewrite;
- ``read_parts(kind, content)`` → every piece of text in an attachment, with
  where it is, for ``part_findings``.
"""

from .finder import (
    BANK_CARD,
    ID_CARD,
    KIND_LABELS,
    MOBILE,
    SUSPECTED_ID_CARD,
    Finding,
    find_personal_data,
    mask_personal_data,
)
from .numbers import (
    bank_card_is_valid,
    id_card_check_character,
    id_card_is_valid,
    luhn_is_valid,
    mobile_is_valid,
    old_id_card_is_valid,
    uscc_check_character,
    uscc_is_valid,
)
from .parts import Part, Reading, Unreadable, decode_text, part_findings, read_parts
from .refuse import describe_findings, refuse_personal_data

__all__ = [
    "BANK_CARD",
    "ID_CARD",
    "KIND_LABELS",
    "MOBILE",
    "SUSPECTED_ID_CARD",
    "Finding",
    "Part",
    "Reading",
    "Unreadable",
    "bank_card_is_valid",
    "decode_text",
    "describe_findings",
    "find_personal_data",
    "id_card_check_character",
    "id_card_is_valid",
    "luhn_is_valid",
    "mask_personal_data",
    "mobile_is_valid",
    "old_id_card_is_valid",
    "part_findings",
    "read_parts",
    "refuse_personal_data",
    "uscc_check_character",
    "uscc_is_valid",
]
