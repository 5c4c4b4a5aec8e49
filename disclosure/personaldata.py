"""The personal-data check of a publication: its title, text and attachments, whole.

Reads only; masking and releases are writes and live in ``services`` and
``reviews``. Also the way out: ``masked_for_public`` masks what a public page,
feed or API answer shows, whatever got into the database.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Attachment, AttachmentKind, Publication
from .pii import (
    Finding,
    Unreadable,
    find_personal_data,
    mask_personal_data,
    read_parts,
)

_CONTEXT_CHARS = 16


@dataclass(frozen=True)
class Located:
    """A personal number found in one place of a publication.

    ``maskable``: the masking service can mask it (title, text, a plain-text
    attachment, a file name); numbers inside Word, Excel and PDF files need a
    masked copy of the file. ``released``: a suspected ID number a reviewer
    released. ``context``: the text around it, masked.
    """

    where: str
    finding: Finding
    maskable: bool
    released: bool = False
    context: str = ""

    @property
    def blocking(self) -> bool:
        return not self.released


@dataclass(frozen=True)
class Report:
    """What the check found, what it could not read, and what stops publishing."""

    findings: list[Located] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)  # for a person to look at
    unreadable: list[str] = field(default_factory=list)  # stops publishing

    @property
    def blocking(self) -> list[Located]:
        return [f for f in self.findings if f.blocking]

    @property
    def suspected(self) -> list[Located]:
        return [f for f in self.findings if f.finding.suspected]


def released_values(publication: Publication) -> frozenset[str]:
    """The suspected ID numbers released for ``publication`` (prefetched or not)."""
    if publication.pk is None:
        return frozenset()
    return frozenset(r.value for r in publication.personal_data_releases.all())


def _with_line(where: str, text: str, finding: Finding) -> str:
    if "\n" not in text.strip():
        return where
    return _("%(where)s, line %(line)s") % {"where": where, "line": finding.line}


def text_findings(
    where: str, text: str, *, maskable: bool = True, released=frozenset()
) -> list[Located]:
    """Every number in one text, located; the context is the masked text around it."""
    findings = find_personal_data(text or "")
    if not findings:
        return []
    masked = mask_personal_data(text)  # same length: one * per hidden character
    where = mask_personal_data(where)  # a sheet or field name may hold one too
    return [
        Located(
            where=_with_line(where, text, f),
            finding=f,
            maskable=maskable,
            released=f.suspected and f.digits in released,
            context=masked[
                max(0, f.start - _CONTEXT_CHARS) : f.end + _CONTEXT_CHARS
            ].replace("\n", " "),
        )
        for f in findings
    ]


def attachment_name(attachment: Attachment) -> str:
    """The file name as staff pages show it in messages: masked."""
    return mask_personal_data(attachment.name)


def attachment_report(
    attachment: Attachment, *, released=frozenset(), content: bytes | None = None
) -> Report:
    """The check of one attachment: its file name and every part of its content."""
    name = attachment_name(attachment)
    found = text_findings(
        _("the name of attachment “%(name)s”") % {"name": name},
        attachment.name,
        released=released,
    )
    if content is None:
        with attachment.file.open("rb") as stream:
            content = stream.read()
    label = _("attachment “%(name)s”") % {"name": name}
    try:
        reading = read_parts(attachment.kind, content)
    except Unreadable as error:
        return Report(
            found,
            unreadable=[
                _("%(attachment)s could not be read through: %(reason)s")
                % {"attachment": label, "reason": error.reason}
            ],
        )
    maskable = attachment.kind in (AttachmentKind.TEXT, AttachmentKind.CSV)
    seen = set()
    for part in reading.parts:
        where = f"{label}{_(', ')}{part.where}" if part.where else label
        for located in text_findings(
            where, part.text, maskable=maskable, released=released
        ):
            # A header's raw and cleaned text hold the same number once.
            key = (located.where, located.finding.kind, located.finding.digits)
            if key not in seen:
                seen.add(key)
                found.append(located)
    unchecked = [
        _("%(attachment)s: %(what)s") % {"attachment": label, "what": what}
        for what in reading.unchecked
    ]
    return Report(found, unchecked)


def personal_data_report(publication: Publication) -> Report:
    """The check of everything in ``publication`` the public would see."""
    released = released_values(publication)
    findings = text_findings(_("the title"), publication.title, released=released)
    findings += text_findings(_("the text"), publication.body, released=released)
    unchecked: list[str] = []
    unreadable: list[str] = []
    if publication.pk is not None:
        for attachment in publication.attachments.all():
            report = attachment_report(attachment, released=released)
            findings += report.findings
            unchecked += report.unchecked
            unreadable += report.unreadable
    return Report(findings, unchecked, unreadable)


def personal_data_findings(publication: Publication) -> list[Located]:
    """Every personal number in the title, the text and the attachments."""
    return personal_data_report(publication).findings


class PersonalDataFound(ValidationError):
    """Submitting or publishing was stopped: personal numbers must be masked first."""

    def __init__(self, findings: list[Located], *, unreadable=(), reviewing=False):
        self.findings = findings
        listed = "; ".join(
            _("%(kind)s %(masked)s in %(where)s")
            % {
                "kind": item.finding.label,
                "masked": item.finding.masked,
                "where": item.where,
            }
            for item in findings
        )
        parts = []
        if findings:
            parts.append(
                _(
                    "Personal information was found and must be masked before this "
                    "can be published: %(found)s."
                )
                % {"found": listed}
            )
        if any(item.finding.suspected for item in findings):
            parts.append(
                _(
                    "A suspected ID-card number has a real region and birth date "
                    "but a wrong check character: it is most likely a mistyped ID "
                    "number. Release it only if it is not an ID number."
                )
                if reviewing
                else _(
                    "A suspected ID-card number has a real region and birth date "
                    "but a wrong check character: it is most likely a mistyped ID "
                    "number. Mask it; if it is not an ID number, submit the draft "
                    "asking the reviewer to release it."
                )
            )
        parts += [
            _("%(problem)s. Attach a copy of the file that opens normally.")
            % {"problem": problem}
            for problem in unreadable
        ]
        super().__init__(" ".join(parts), code="personal_data")


def check_personal_data(
    publication: Publication, *, allow_suspected: bool = False, reviewing: bool = False
) -> None:
    """Raise ``PersonalDataFound`` unless nothing in ``publication`` stops publishing.

    With ``allow_suspected`` (a draft sent asking for releases) suspected ID
    numbers pass; the reviewer must release each before approving.
    """
    report = personal_data_report(publication)
    blocking = [
        f for f in report.blocking if not (allow_suspected and f.finding.suspected)
    ]
    if blocking or report.unreadable:
        raise PersonalDataFound(
            blocking, unreadable=report.unreadable, reviewing=reviewing
        )


def masked_for_public(publication: Publication, *, keep=None) -> Publication:
    """``publication`` with the text the public sees masked, in memory only.

    The way-out half of the check: whatever reached the database (data loaded
    in bulk, published before the check was sharpened) is never shown in clear.
    ``keep`` is the released suspected numbers; without it they are masked too.
    """
    keep = keep if keep is not None else frozenset()
    for name in ("title", "body", "validity_reason", "withdrawal_reason"):
        setattr(
            publication, name, mask_personal_data(getattr(publication, name), keep=keep)
        )
    return publication


def public_name(attachment: Attachment) -> str:
    """An attachment's file name as the public gets it (page, API, download)."""
    return mask_personal_data(attachment.name)
