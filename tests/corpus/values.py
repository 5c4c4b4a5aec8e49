"""Bad values for form fields: the part of the corpus typed rather than uploaded.

Each value is what someone (or a forged post) puts in a field; ``MESSAGES`` are
Django's answers to them, in English, for the field kinds that refuse them.
"""

from .files import SCRIPT

VALUES = {
    "nul": "名单\x00附件",  # PostgreSQL refuses NUL in text
    "over_long": "长" * 5000,  # longer than any field's max_length
    "script": SCRIPT,  # kept as text, escaped on every page
    "formula": '=HYPERLINK("http://example.com")',  # text; neutralised in exports
    "impossible_date": "2025-02-30",
    "far_date": "9999-12-31",  # a date, but none the calendar covers
    "huge_number": "99999999999999999999",  # beyond a bigint
    "huger_number": "99999999999999999999999",  # the item= (issue 15)
    "superscript_digit": "²",  # str.isdigit() says yes, int() says no
    "superscript_digits": "¹²³",
    "full_width_digits": "１２",  # int() reads them; a query string should not
    "arabic_indic_digits": "٣",
    "past_integer": "2147483648",  # one beyond PostgreSQL's integer
    "negative_number": "-1",
    "word": "abc",
    "blank": "   ",
}

NUL = "Null characters are not allowed."
NOT_A_DATE = "Enter a valid date."
NOT_A_NUMBER = "Enter a whole number."
REQUIRED = "This field is required."
NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def too_long(limit: int, length: int = 5000) -> str:
    return f"Ensure this value has at most {limit} characters (it has {length})."


def not_in_choices(value: str) -> str:
    return f"Select a valid choice. {value} is not one of the available choices."
