"""The letters to the applicant, built from the record: the correction notice,
the extension notice and the reply (政府信息公开申请答复书), as a printable
page or a Word document (python-docx).

Each reply states its type, reason and legal basis (with the body's
negative-list entry where one applies) and the remedies with their time limits.
Texts written by staff pass through the personal-data masking before they go
into a letter; the identity number never does.
"""

import io
from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Region

from ..models import InformationRequest, ReplyReason, ReplyType
from ..pii import mask_personal_data

REPLY, CORRECTION, EXTENSION = "reply", "correction", "extension"
KINDS = (REPLY, CORRECTION, EXTENSION)
DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

REGULATIONS = gettext_lazy(
    "the Regulations of the People's Republic of China on Open Government Information"
)
# The article each reply rests on (政府信息公开条例, 国务院令第711号).
BASIS_OF_TYPE = {
    ReplyType.GRANTED: gettext_lazy("Art. 36(2)"),
    ReplyType.PARTIAL: gettext_lazy("Art. 37"),
}
BASIS_OF_REASON = {
    ReplyReason.STATE_SECRET: gettext_lazy("Art. 14"),
    ReplyReason.PROHIBITED_BY_LAW: gettext_lazy("Art. 14"),
    ReplyReason.THREE_SAFETIES: gettext_lazy("Art. 14"),
    ReplyReason.THIRD_PARTY: gettext_lazy("Art. 15 and Art. 32"),
    ReplyReason.INTERNAL_AFFAIRS: gettext_lazy("Art. 16, paragraph 1"),
    ReplyReason.PROCESS_INFORMATION: gettext_lazy("Art. 16, paragraph 2"),
    ReplyReason.ENFORCEMENT_FILE: gettext_lazy("Art. 16, paragraph 2"),
    ReplyReason.INQUIRY_MATTER: gettext_lazy("Art. 36(7)"),
    ReplyReason.NOT_HELD: gettext_lazy("Art. 36(4) and (5)"),
    ReplyReason.NEEDS_CREATION: gettext_lazy("Art. 38"),
    ReplyReason.STILL_UNCLEAR: gettext_lazy("Art. 30"),
    ReplyReason.PETITION: gettext_lazy("Art. 39, paragraph 1"),
    ReplyReason.REPEATED: gettext_lazy("Art. 36(6)"),
    ReplyReason.PUBLICATION: gettext_lazy("Art. 39, paragraph 2"),
    ReplyReason.EXCESSIVE: gettext_lazy("Art. 35"),
    ReplyReason.CONFIRMATION: gettext_lazy("Art. 2 and Art. 38"),
    ReplyReason.NO_CORRECTION: gettext_lazy("Art. 30"),
    ReplyReason.UNPAID_FEE: gettext_lazy(
        "Art. 42, and the Measures on Information Processing Fees (国办函〔2020〕109号)"
    ),
}


@dataclass
class Letter:
    """A letter as lines: what the page and the Word document both lay out."""

    kind: str
    title: str
    reference: str
    addressee: str
    paragraphs: list[str] = field(default_factory=list)
    sender: str = ""
    dated: date | None = None

    @property
    def filename(self) -> str:
        return f"{self.reference}-{self.kind}.docx"


def available(request: InformationRequest) -> list[str]:
    """The letters a request has, in the order they were sent."""
    kinds = []
    if request.correction_sent_on:
        kinds.append(CORRECTION)
    if request.extension_approved_on:
        kinds.append(EXTENSION)
    if request.replied_on:
        kinds.append(REPLY)
    return kinds


def _day(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _masked(text: str) -> str:
    return mask_personal_data(text or "").strip()


def review_body(request: InformationRequest) -> str:
    """Where to apply for administrative review: the people's government one
    level up, i.e. of the county for a county bureau, township or village body,
    of the province for a provincial department (行政复议法 2023, Art. 24)."""
    region = request.organisation.region
    code = region.code if len(region.code) <= 4 else region.code[:6]
    name = (
        Region.objects.filter(code=code).values_list("name", flat=True).first()
        or region.name
    )
    return _("the People's Government of %(place)s") % {"place": name}


def remedies(request: InformationRequest) -> str:
    return _(
        "If you disagree with this reply, you may apply to %(body)s for "
        "administrative review within 60 days of receiving it (Administrative "
        "Reconsideration Law, Art. 20), or bring an administrative lawsuit before "
        "a people's court within six months of receiving it (Administrative "
        "Litigation Law, Art. 46)."
    ) % {"body": review_body(request)}


def _opening(request: InformationRequest) -> str:
    return _(
        "On %(received)s this office received your application for government "
        "information, asking for “%(title)s”."
    ) % {
        "received": _day(request.received_on),
        "title": _masked(request.information_title),
    }


def basis_text(request: InformationRequest) -> str:
    parts = []
    if request.reply_type in BASIS_OF_TYPE:
        parts.append(str(BASIS_OF_TYPE[request.reply_type]))
    if request.reply_reason in BASIS_OF_REASON:
        parts.append(str(BASIS_OF_REASON[request.reply_reason]))
    cited = _("%(articles)s of %(regulations)s") % {
        "articles": _(", ").join(dict.fromkeys(parts)),
        "regulations": REGULATIONS,
    }
    extra = _masked(request.reply_basis)
    if not parts:
        return extra
    return f"{cited}; {extra}" if extra else cited


def reply_letter(request: InformationRequest, files=()) -> Letter:
    letter = Letter(
        kind=REPLY,
        title=_("Reply to an application for government information"),
        reference=request.reference,
        addressee=request.applicant_name,
        sender=request.organisation.name,
        dated=request.replied_on,
    )
    add = letter.paragraphs.append
    add(_opening(request))
    if request.correction_received_on:
        add(
            _(
                "A correction notice was sent on %(sent)s; the corrected application "
                "arrived on %(received)s, from which the reply period was counted."
            )
            % {
                "sent": _day(request.correction_sent_on),
                "received": _day(request.correction_received_on),
            }
        )
    for consultation in request.consultations.all():
        add(
            _(
                "This office consulted %(party)s in writing on %(sent)s (Art. 32); "
                "that time is not counted in the reply period."
            )
            % {"party": _masked(consultation.party), "sent": _day(consultation.sent_on)}
        )
    if request.extension_approved_on:
        add(
            _(
                "With the approval of the head of the disclosure office, the reply "
                "period was extended by %(days)s working days (Art. 33)."
            )
            % {"days": request.extension_days}
        )
    decision = _("Decision: %(type)s.") % {"type": request.get_reply_type_display()}
    if request.reply_reason:
        label = request.get_reply_reason_display()
        if request.reply_type == ReplyType.PARTIAL:
            decision += " " + _("The part withheld: %(reason)s.") % {"reason": label}
        else:
            decision += " " + _("Reason: %(reason)s.") % {"reason": label}
    add(decision)
    basis = basis_text(request)
    if basis:
        add(_("Legal basis: %(basis)s.") % {"basis": basis})
    entry = request.negative_list_entry
    if entry is not None:
        add(
            _("Negative list of this office, “%(category)s”: %(basis)s")
            % {"category": entry.category, "basis": entry.legal_basis}
        )
    if request.reply_text:
        add(_masked(request.reply_text))
    names = [f.name for f in files]
    if names:
        add(
            _("Provided with this reply: %(files)s.")
            % {"files": _("; ").join(_masked(n) for n in names)}
        )
    add(remedies(request))
    return letter


def correction_letter(request: InformationRequest) -> Letter:
    letter = Letter(
        kind=CORRECTION,
        title=_("Notice to correct an application for government information"),
        reference=request.reference,
        addressee=request.applicant_name,
        sender=request.organisation.name,
        dated=request.correction_sent_on,
    )
    letter.paragraphs += [
        _opening(request),
        _(
            "The application is not clear enough to be answered. Under Art. 30 of "
            "%(regulations)s, please correct the following by %(due)s:"
        )
        % {"regulations": REGULATIONS, "due": _day(request.correction_due_on)},
        _masked(request.correction_request),
        _(
            "The reply period counts from the day this office receives the corrected "
            "application. An application not corrected in time without good reason "
            "is treated as withdrawn and no longer handled."
        ),
    ]
    return letter


def extension_letter(request: InformationRequest) -> Letter:
    letter = Letter(
        kind=EXTENSION,
        title=_("Notice of an extended reply period"),
        reference=request.reference,
        addressee=request.applicant_name,
        sender=request.organisation.name,
        dated=request.extension_approved_on,
    )
    letter.paragraphs += [
        _opening(request),
        _(
            "For the following reason, and with the approval of the head of the "
            "disclosure office, the reply period is extended by %(days)s working days "
            "under Art. 33 of %(regulations)s: %(reason)s"
        )
        % {
            "days": request.extension_days,
            "regulations": REGULATIONS,
            "reason": _masked(request.extension_reason),
        },
        _("This office will reply by %(due)s.") % {"due": _day(request.due_on)},
    ]
    return letter


def build(request: InformationRequest, kind: str) -> Letter | None:
    """The letter ``kind`` of ``request``, or None if it has none of that kind."""
    if kind not in available(request):
        return None
    if kind == CORRECTION:
        return correction_letter(request)
    if kind == EXTENSION:
        return extension_letter(request)
    return reply_letter(request, list(request.files.all()))


def docx_bytes(letter: Letter) -> bytes:
    """The letter as a Word document: title, reference, addressee, text, sender."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(14)
    heading = document.add_heading(letter.title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    reference = document.add_paragraph(letter.reference)
    reference.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph(_("To %(name)s:") % {"name": letter.addressee})
    for text in letter.paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(28)
    for line in (letter.sender, _day(letter.dated) if letter.dated else ""):
        closing = document.add_paragraph(line)
        closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
