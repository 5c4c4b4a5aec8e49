"""The personal-data check of a publication: its title, text and attachments.

Reads only; masking is a write and lives in ``services``.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .attachments import attachment_text
from .models import Publication
from .pii import Finding, find_personal_data


@dataclass(frozen=True)
class Located:
    """A personal number found in one part of a publication."""

    where: str
    finding: Finding
    maskable: bool


def personal_data_findings(publication: Publication) -> list[Located]:
    """Every personal number in the title, the text and the attachments."""
    found = [
        Located(_("the title"), f, True) for f in find_personal_data(publication.title)
    ]
    found += [
        Located(_("the text"), f, True) for f in find_personal_data(publication.body)
    ]
    for attachment in publication.attachments.all():
        text = attachment_text(attachment)
        where = _("attachment “%(name)s”") % {"name": attachment.name}
        found += [
            Located(where, f, attachment.is_text) for f in find_personal_data(text)
        ]
    return found


class PersonalDataFound(ValidationError):
    """Publishing was stopped: personal numbers must be masked first."""

    def __init__(self, findings: list[Located]):
        self.findings = findings
        listed = "; ".join(
            _("%(kind)s %(masked)s in %(where)s, line %(line)s")
            % {
                "kind": item.finding.label,
                "masked": item.finding.masked,
                "where": item.where,
                "line": item.finding.line,
            }
            for item in findings
        )
        super().__init__(
            _(
                "Personal information was found and must be masked before this "
                "can be published: %(found)s."
            )
            % {"found": listed},
            code="personal_data",
        )


def check_personal_data(publication: Publication) -> None:
    findings = personal_data_findings(publication)
    if findings:
        raise PersonalDataFound(findings)
