"""Refusing a short text the public will read when it holds a personal number.

Reasons shown in public banners, consultation comments and the like are not
masked for their author: they are sent back with a message naming what was
found (in its masked form), so the author rewrites them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .finder import Finding, find_personal_data


def describe_findings(findings: list[Finding]) -> str:
    """“ID-card number 410225********1230, mobile phone number 138****5678”."""
    return _(", ").join(
        _("%(kind)s %(masked)s") % {"kind": f.label, "masked": f.masked}
        for f in findings
    )


def refuse_personal_data(text: str, *, field: str | None = None, what=None) -> None:
    """Raise ``ValidationError`` (code ``personal_data``) if ``text`` holds a number.

    ``what`` names the text for the message ("The reason"); ``field`` puts the
    error on that form field. Suspected ID numbers are refused too: nobody
    reviews these texts before the public sees them.
    """
    findings = find_personal_data(text or "")
    if not findings:
        return
    message = _(
        "%(what)s holds personal information (%(found)s) and would be shown to "
        "the public. Write it without the number."
    ) % {
        "what": what or _("The text"),
        "found": describe_findings(findings),
    }
    error = ValidationError(message, code="personal_data")
    raise ValidationError({field: error}) if field else error
