"""The reply and what follows it: files for the applicant (checked for personal
data), the reply of a closed type with its reason, delivery, closing, archiving,
and reviews or lawsuits about the reply (the annual report's table 四)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audited_delete, audited_save

from ..attachments import attachment_check
from ..models import (
    CLOCK_STATUSES,
    REASONS_OF_TYPE,
    ChallengeOutcome,
    Delivery,
    EventKind,
    ReplyReason,
    ReplyType,
    RequestChallenge,
    RequestFile,
    RequestStatus,
)
from ..pii import (
    Unreadable,
    find_personal_data,
    mask_personal_data,
    part_findings,
    read_parts,
)
from ..selectors import negative_list_for
from . import clocks
from .services import (
    locked,
    record_step,
    require_handler,
    require_status,
    today,
)


def file_findings(kind: str, content: bytes, *, name: str) -> list:
    """Every personal number in every part of a file (``disclosure.pii``), read
    whole; a file that cannot be read through is refused, since it cannot be
    checked."""
    try:
        reading = read_parts(kind, content)
    except Unreadable as error:
        raise ValidationError(
            _(
                "The file “%(name)s” could not be read through (%(reason)s), so it "
                "cannot be checked for personal information; give it as another file."
            )
            % {"name": mask_personal_data(name), "reason": error.reason},
            code="unreadable",
        ) from error
    return [finding for _part, finding in part_findings(reading.parts)]


@transaction.atomic
def request_add_file(*, request, user, upload) -> RequestFile:
    """A file for the applicant: the attachment checks, then the personal-data
    check; a file with personal numbers in it is refused until masked."""
    current = locked(request)
    require_status(current, *CLOCK_STATUSES, action=_("given files"))
    require_handler(user, current)
    checked = attachment_check(upload)
    record = RequestFile(
        request=current,
        name=checked.name,
        kind=checked.kind,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=user,
    )
    record.file.save(checked.name, ContentFile(checked.content), save=False)
    try:
        findings = file_findings(checked.kind, checked.content, name=checked.name)
        if findings or find_personal_data(checked.name):
            listed = "; ".join(
                f"{f.label} {f.masked}"
                for f in findings + find_personal_data(checked.name)
            )
            raise ValidationError(
                _(
                    "The file “%(name)s” holds personal information that may not be "
                    "given out: %(found)s. Mask it and upload the file again."
                )
                % {"name": mask_personal_data(checked.name), "found": listed},
                code="personal_data",
            )
        audited_save(record, user=user, reason=_("File for the applicant added."))
    except Exception:
        record.file.delete(save=False)
        raise
    record_step(
        current,
        EventKind.FILE_ADDED,
        on=today(),
        user=user,
        note=record.name,
        public=False,
    )
    return record


@transaction.atomic
def request_remove_file(*, record: RequestFile, user) -> None:
    current = locked(record.request)
    require_status(current, *CLOCK_STATUSES, action=_("changed"))
    require_handler(user, current)
    audited_delete(record, user=user, reason=_("File for the applicant removed."))
    record_step(
        current,
        EventKind.FILE_REMOVED,
        on=today(),
        user=user,
        note=record.name,
        public=False,
    )


def check_reply_reason(reply_type: str, reason: str) -> None:
    """A reply type with its reason, as the annual report counts them."""
    allowed = REASONS_OF_TYPE.get(reply_type)
    if allowed is None:
        raise ValidationError(
            {"reply_type": _("Choose the type of the reply.")}, code="reply_type"
        )
    label = ReplyType(reply_type).label
    if allowed and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "A reply “%(type)s” needs its reason: choose one of %(reasons)s."
                )
                % {
                    "type": label,
                    "reasons": "; ".join(str(ReplyReason(r).label) for r in allowed),
                }
            },
            code="reason_required",
        )
    if reason and reason not in allowed:
        if not allowed:
            message = _("A reply “%(type)s” takes no reason.") % {"type": label}
        else:
            message = _("“%(reason)s” is not a reason for a reply “%(type)s”.") % {
                "reason": ReplyReason(reason).label,
                "type": label,
            }
        raise ValidationError({"reason": message}, code="reason_mismatch")


def reply_write(current, *, user, reply_type, reason, text, basis, entry, on):
    check_reply_reason(reply_type, reason)
    if entry is not None:
        if reply_type not in (ReplyType.WITHHELD, ReplyType.PARTIAL):
            raise ValidationError(
                {
                    "negative_list_entry": _(
                        "A negative-list entry is cited only when information is "
                        "withheld."
                    )
                },
                code="entry_not_withheld",
            )
        if not negative_list_for(current.organisation).filter(pk=entry.pk).exists():
            raise ValidationError(
                {"negative_list_entry": _("Choose an entry of this body's list.")},
                code="entry_other_body",
            )
    current.reply_type = reply_type
    current.reply_reason = reason or ""
    current.reply_text = (text or "").strip()
    current.reply_basis = (basis or "").strip()
    current.negative_list_entry = entry
    current.replied_on = on
    current.replied_by = user
    current.status = RequestStatus.REPLIED
    audited_save(
        current,
        user=user,
        reason=_("Replied: %(type)s.") % {"type": ReplyType(reply_type).label},
    )
    label = str(ReplyType(reply_type).label)
    if reason and reply_type != ReplyType.PARTIAL:
        label += " · " + str(ReplyReason(reason).label)
    record_step(current, EventKind.REPLIED, on=on, user=user, note=label)
    return current


@transaction.atomic
def request_reply(
    *,
    request,
    user,
    reply_type: str,
    reason: str = "",
    text: str = "",
    basis: str = "",
    negative_list_entry=None,
    on: date,
):
    """The reply, of one of the closed types of table 三, with its reason."""
    current = locked(request)
    if current.status == RequestStatus.CONSULTING:
        raise ValidationError(
            _(
                "The consultation is still open: record its answer (or that none "
                "came in the 15 working days) before replying."
            ),
            code="consulting",
        )
    require_status(current, RequestStatus.REGISTERED, action=_("replied to"))
    require_handler(user, current)
    clocks.check_not_future(on=on, today=today(), field="on")
    clocks.check_not_before(
        earlier=current.received_on, on=on, field="on", what=_("the date of receipt")
    )
    return reply_write(
        current,
        user=user,
        reply_type=reply_type,
        reason=reason,
        text=text,
        basis=basis,
        entry=negative_list_entry,
        on=on,
    )


@transaction.atomic
def request_deliver(*, request, user, method: str, on: date, tracking_number=""):
    """How the reply reached the applicant: post (with tracking), e-mail, collected."""
    current = locked(request)
    require_status(current, RequestStatus.REPLIED, action=_("delivered"))
    require_handler(user, current)
    tracking_number = (tracking_number or "").strip()
    if method == Delivery.POST and not tracking_number:
        raise ValidationError(
            {"tracking_number": _("Give the tracking number of the letter.")},
            code="tracking_required",
        )
    if method == Delivery.EMAIL and not current.email:
        raise ValidationError(
            {"method": _("The applicant gave no e-mail address.")}, code="no_email"
        )
    clocks.check_not_future(on=on, today=today(), field="on")
    clocks.check_not_before(
        earlier=current.replied_on, on=on, field="on", what=_("the reply")
    )
    current.delivered_by = method
    current.tracking_number = tracking_number if method == Delivery.POST else ""
    current.delivered_on = on
    current.status = RequestStatus.DELIVERED
    audited_save(current, user=user, reason=_("Reply delivered."))
    note = str(Delivery(method).label)
    if current.tracking_number:
        note += f" · {current.tracking_number}"
    record_step(current, EventKind.DELIVERED, on=on, user=user, note=note)
    return current


@transaction.atomic
def request_close(*, request, user, on: date):
    """The request's handling has ended (办结): the date the annual report uses."""
    current = locked(request)
    require_status(current, RequestStatus.DELIVERED, action=_("closed"))
    require_handler(user, current)
    clocks.check_not_future(on=on, today=today(), field="on")
    clocks.check_not_before(
        earlier=current.delivered_on, on=on, field="on", what=_("the delivery")
    )
    current.closed_on = on
    current.status = RequestStatus.CLOSED
    audited_save(current, user=user, reason=_("Closed."))
    record_step(current, EventKind.CLOSED, on=on, user=user)
    return current


@transaction.atomic
def request_archive(*, request, user, on: date):
    current = locked(request)
    require_status(current, RequestStatus.CLOSED, action=_("archived"))
    require_handler(user, current)
    clocks.check_not_before(
        earlier=current.closed_on, on=on, field="on", what=_("the closing")
    )
    clocks.check_not_future(on=on, today=today(), field="on")
    current.archived_on = on
    current.status = RequestStatus.ARCHIVED
    audited_save(current, user=user, reason=_("Archived."))
    record_step(current, EventKind.ARCHIVED, on=on, user=user, public=False)
    return current


@transaction.atomic
def challenge_record(
    *, request, user, kind: str, filed_on: date, authority="", note=""
):
    """An administrative review or lawsuit about the reply (table 四)."""
    current = locked(request)
    if not current.replied_on:
        raise ValidationError(
            _("Only a reply can be challenged; this request has none yet."),
            code="not_replied",
        )
    require_handler(user, current)
    clocks.check_not_before(
        earlier=current.replied_on, on=filed_on, field="filed_on", what=_("the reply")
    )
    clocks.check_not_future(on=filed_on, today=today(), field="filed_on")
    challenge = RequestChallenge(
        request=current,
        kind=kind,
        filed_on=filed_on,
        authority=(authority or "").strip(),
        note=(note or "").strip(),
    )
    audited_save(challenge, user=user, reason=_("Review or lawsuit recorded."))
    record_step(
        current,
        EventKind.CHALLENGED,
        on=filed_on,
        user=user,
        note=challenge.get_kind_display(),
        public=False,
    )
    return challenge


@transaction.atomic
def challenge_decide(*, challenge, user, outcome: str, decided_on: date, note=""):
    current = locked(challenge.request)
    require_handler(user, current)
    challenge = RequestChallenge.objects.select_for_update().get(pk=challenge.pk)
    if outcome == ChallengeOutcome.PENDING:
        raise ValidationError(
            {"outcome": _("Choose the outcome of the decision.")}, code="outcome"
        )
    clocks.check_not_before(
        earlier=challenge.filed_on,
        on=decided_on,
        field="decided_on",
        what=_("the filing"),
    )
    clocks.check_not_future(on=decided_on, today=today(), field="decided_on")
    challenge.outcome = outcome
    challenge.decided_on = decided_on
    if note:
        challenge.note = (challenge.note + "\n" + note.strip()).strip()
    audited_save(challenge, user=user, reason=_("Outcome recorded."))
    record_step(
        current,
        EventKind.CHALLENGE_DECIDED,
        on=decided_on,
        user=user,
        note=challenge.get_outcome_display(),
        public=False,
    )
    return challenge
