"""The document number (发文字号, 文号): read what clerks type, keep one canonical form.

A 文号 is the issuing body's code (机关代字), the year in hexagonal brackets and
a serial number: 兰人社〔2025〕3号. Clerks type the brackets as [2025],
（2025）, (2025), 【2025】 or ［2025］, digits full-width, spaces between the
parts, 第 before the number; all of that is accepted and written 〔〕 with ASCII
digits. The State Council's decrees are numbered without a year
(国务院令第711号) and are accepted in that form.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_LENGTH = 60
OPENING = "〔[【［(（〖"
CLOSING = "〕]】］)）〗"
_SPACES = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_YEARLY = re.compile(
    rf"^(?P<issuer>[{_HAN}A-Za-z]{{1,30}})〔(?P<year>\d{{4}})〕第?(?P<serial>\d{{1,6}})号$"
)
_DECREE = re.compile(rf"^(?P<issuer>[{_HAN}]{{0,28}}令)第(?P<serial>\d{{1,6}})号$")
FIRST_YEAR, LAST_YEAR = 1949, 2100


def _folded(text: str) -> str:
    # NFKC makes full-width digits and （）［］ ASCII; 〔〕【】 are left as they are.
    text = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    table = {ord(c): "〔" for c in OPENING} | {ord(c): "〕" for c in CLOSING}
    return text.translate(table)


def document_number_normalise(text: str) -> str:
    """The canonical form of ``text`` (``""`` for an empty one), or a
    ``ValidationError`` saying what is wrong with it."""
    if not (text or "").strip():
        return ""
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("A document number has at most %(max)s characters.")
            % {"max": MAX_LENGTH},
            code="document_number_long",
        )
    folded = _folded(text)
    decree = _DECREE.match(folded)
    if decree:
        return f"{decree['issuer']}第{int(decree['serial'])}号"
    yearly = _YEARLY.match(folded)
    if yearly is None:
        raise ValidationError(
            _(
                "“%(value)s” is not a document number: write the issuer's code, "
                "the year in brackets and the number, e.g. 兰人社〔2025〕3号, or a "
                "decree number such as 国务院令第711号."
            )
            % {"value": text.strip()[:MAX_LENGTH]},
            code="document_number_shape",
        )
    year = int(yearly["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _(
                "The year %(year)s of the document number lies outside %(first)s–%(last)s."
            )
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR},
            code="document_number_year",
        )
    return f"{yearly['issuer']}〔{year}〕{int(yearly['serial'])}号"


def validate_document_number(value: str) -> None:
    """Model validator: the stored form is the canonical one."""
    if value and document_number_normalise(value) != value:
        raise ValidationError(
            _("The document number is not written in its canonical form."),
            code="document_number_form",
        )
