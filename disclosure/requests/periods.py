"""The steps that stop, pause or lengthen the reply clock: 补正 (Art. 30),
consultations of third parties and other bodies (Art. 32, 34) and the one
extension (Art. 33). The rules themselves are in ``clocks``."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audited_save

from ..models import (
    CLOCK_STATUSES,
    EventKind,
    Opinion,
    ReplyReason,
    ReplyType,
    RequestConsultation,
    RequestStatus,
)
from . import clocks
from .replies import reply_write
from .selectors import may_approve_extension
from .services import (
    calendar_checked,
    locked,
    record_step,
    require_handler,
    require_reason,
    require_status,
    save_with_due,
    today,
)


@transaction.atomic
def request_send_correction(*, request, user, text: str, days: int, on: date):
    """The one-time 补正 notice (Art. 30): the clock stops until it is corrected."""
    text = require_reason(text, "text")
    current = locked(request)
    require_status(
        current, RequestStatus.REGISTERED, action=_("sent a correction notice")
    )
    require_handler(user, current)
    clocks.check_not_future(on=on, today=today(), field="on")
    clocks.check_not_before(
        earlier=current.received_on, on=on, field="on", what=_("the date of receipt")
    )
    calendar_checked(
        lambda: clocks.check_correction_notice(
            received_on=current.received_on,
            on=on,
            already=current.correction_sent_on,
        )
    )
    due = calendar_checked(lambda: clocks.correction_due(on, days), "days")
    current.correction_sent_on = on
    current.correction_request = text
    current.correction_due_on = due.on
    current.status = RequestStatus.AWAITING_CORRECTION
    save_with_due(current, user=user, reason=_("Correction notice sent."))
    note = _("To be corrected by %(due)s: %(text)s") % {"due": due.on, "text": text}
    record_step(current, EventKind.CORRECTION_SENT, on=on, user=user, note=note)
    return current


@transaction.atomic
def request_receive_correction(*, request, user, on: date, corrected: str = ""):
    """The corrected application arrived: the reply period counts from that day."""
    current = locked(request)
    require_status(
        current, RequestStatus.AWAITING_CORRECTION, action=_("marked as corrected")
    )
    require_handler(user, current)
    clocks.check_not_future(on=on, today=today(), field="on")
    clocks.check_not_before(
        earlier=current.correction_sent_on,
        on=on,
        field="on",
        what=_("the correction notice"),
    )
    corrected = (corrected or "").strip()
    if corrected:
        current.description = (
            f"{current.description}\n\n"
            + _("Corrected on %(date)s:") % {"date": on.isoformat()}
            + f"\n{corrected}"
        )
    current.correction_received_on = current.clock_start_on = on
    current.status = RequestStatus.REGISTERED
    save_with_due(current, user=user, reason=_("Corrected application received."))
    record_step(current, EventKind.CORRECTION_RECEIVED, on=on, user=user)
    return current


@transaction.atomic
def request_lapse(*, request, user, on: date):
    """Not corrected in time: treated as withdrawn (Art. 30), counted as 其他处理 1."""
    current = locked(request)
    require_status(
        current, RequestStatus.AWAITING_CORRECTION, action=_("closed as lapsed")
    )
    require_handler(user, current)
    clocks.check_not_future(on=on, today=today(), field="on")
    clocks.check_lapse(correction_due_on=current.correction_due_on, on=on)
    return reply_write(
        current,
        user=user,
        reply_type=ReplyType.OTHER,
        reason=ReplyReason.NO_CORRECTION,
        text=_(
            "The application was not corrected by %(due)s as the correction notice "
            "asked, and is treated as withdrawn; it is no longer handled."
        )
        % {"due": current.correction_due_on.isoformat()},
        basis="",
        entry=None,
        on=on,
    )


@transaction.atomic
def request_consult(*, request, user, kind: str, party: str, on: date):
    """Consult a third party (Art. 32) or another body (Art. 34); the clock pauses."""
    party = require_reason(party, "party")
    current = locked(request)
    require_status(current, RequestStatus.REGISTERED, action=_("sent for consultation"))
    require_handler(user, current)
    clocks.check_not_future(on=on, today=today(), field="on")
    clocks.check_not_before(
        earlier=current.clock_start_on,
        on=on,
        field="on",
        what=_("the start of the reply period"),
    )
    answer_due = calendar_checked(lambda: clocks.consultation_answer_due(on))
    consultation = RequestConsultation(
        request=current, kind=kind, party=party, sent_on=on, answer_due_on=answer_due.on
    )
    audited_save(consultation, user=user, reason=_("Consultation sent."))
    current.status = RequestStatus.CONSULTING
    save_with_due(current, user=user, reason=_("Consultation sent; the clock pauses."))
    note = _("%(party)s, to answer by %(due)s.") % {
        "party": party,
        "due": answer_due.on,
    }
    record_step(
        current, EventKind.CONSULTATION_SENT, on=on, user=user, note=note, public=True
    )
    return consultation


@transaction.atomic
def request_consultation_answered(
    *, consultation, user, on: date, opinion: str, note: str = ""
):
    """Record the answer (or that none came); the clock runs again."""
    current = locked(consultation.request)
    require_status(current, RequestStatus.CONSULTING, action=_("resumed"))
    require_handler(user, current)
    consultation = RequestConsultation.objects.select_for_update().get(
        pk=consultation.pk
    )
    if consultation.answered_on is not None:
        raise ValidationError(
            _("This consultation's answer was already recorded."), code="answered"
        )
    clocks.check_not_future(on=on, today=today(), field="on")
    clocks.check_not_before(
        earlier=consultation.sent_on, on=on, field="on", what=_("the letter")
    )
    if opinion == Opinion.NO_ANSWER and on < consultation.answer_due_on:
        raise ValidationError(
            {
                "opinion": _(
                    "The consulted party has until %(due)s to answer (15 working "
                    "days, Art. 32); record “no answer” only after that day."
                )
                % {"due": consultation.answer_due_on.isoformat()}
            },
            code="still_open",
        )
    consultation.answered_on = (
        consultation.answer_due_on if opinion == Opinion.NO_ANSWER else on
    )
    consultation.opinion = opinion
    consultation.note = (note or "").strip()
    audited_save(consultation, user=user, reason=_("Consultation answered."))
    current.status = RequestStatus.REGISTERED
    save_with_due(
        current, user=user, reason=_("Consultation answered; the clock runs again.")
    )
    record_step(
        current,
        EventKind.CONSULTATION_ANSWERED,
        on=consultation.answered_on,
        user=user,
        note=Opinion(opinion).label,
    )
    return consultation


@transaction.atomic
def request_ask_extension(*, request, user, days: int, reason: str, on: date):
    """Ask the head of the disclosure office for the one extension (Art. 33)."""
    reason = require_reason(reason)
    current = locked(request)
    require_status(current, *CLOCK_STATUSES, action=_("extended"))
    require_handler(user, current)
    clocks.check_extension(
        days=days,
        due_on=current.due_on,
        on=on,
        already=current.extension_days,
        approved_on=current.extension_approved_on,
    )
    current.extension_days = days
    current.extension_reason = reason
    current.extension_requested_by = user
    current.extension_requested_on = on
    save_with_due(
        current, user=user, reason=_("Extension asked for: %(r)s") % {"r": reason}
    )
    record_step(
        current, EventKind.EXTENSION_ASKED, on=on, user=user, note=reason, public=False
    )
    return current


@transaction.atomic
def request_decide_extension(*, request, user, approve: bool, on: date, reason=""):
    """The head of the disclosure office approves (the due date moves, the
    applicant is told) or refuses the extension asked for."""
    current = locked(request)
    require_status(current, *CLOCK_STATUSES, action=_("extended"))
    if not current.extension_pending:
        raise ValidationError(
            _(
                "No extension is waiting for approval: the handler asks for it "
                "first, then the head of the disclosure office approves it."
            ),
            code="no_extension",
        )
    if current.extension_requested_by_id == user.pk:
        raise ValidationError(
            _(
                "An extension must be approved by the head of the disclosure office "
                "(Art. 33), not by the person who asked for it."
            ),
            code="self_approval",
        )
    if not may_approve_extension(user, current):
        raise PermissionDenied(
            _("Only the head of the disclosure office may approve an extension.")
        )
    clocks.check_before_due(due_on=current.due_on, on=on)
    if approve:
        current.extension_approved_by = user
        current.extension_approved_on = on
        save_with_due(current, user=user, reason=_("Extension approved."))
        note = _("Extended by %(days)s working days: %(reason)s") % {
            "days": current.extension_days,
            "reason": current.extension_reason,
        }
        record_step(current, EventKind.EXTENSION_APPROVED, on=on, user=user, note=note)
        return current
    reason = require_reason(reason)
    current.extension_days = None
    current.extension_reason = ""
    current.extension_requested_by = None
    current.extension_requested_on = None
    save_with_due(
        current, user=user, reason=_("Extension refused: %(r)s") % {"r": reason}
    )
    record_step(
        current,
        EventKind.EXTENSION_REFUSED,
        on=on,
        user=user,
        note=reason,
        public=False,
    )
    return current
