"""Writes for on-request disclosure: every step a service, with a reason in history.

receive → register → (transfer, 补正, consultation, extension) → reply →
deliver → close → archive. Each service checks who acts, refuses what the
regulation does not allow with a message that says why, recomputes the due
date through ``clocks`` and records the step on the timeline, in one
transaction. The 查询码 is returned once, at creation, and stored hashed.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audited_save
from portal.models import Organisation

from ..models import (
    ApplicantKind,
    Channel,
    Delivery,
    EventKind,
    IdentityType,
    InformationRequest,
    RequestEvent,
    RequestStatus,
)
from . import clocks
from .identity import check_identity, code_hash, new_query_code
from .selectors import catalog_items_for, may_handle

APPLICANT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "identity_type",
    "identity_number",
    "contact_person",
    "address",
    "postcode",
    "phone",
    "email",
    "information_title",
    "description",
    "purpose",
    "information_form",
    "delivery",
)
ORGANISATION_IDENTITIES = (IdentityType.CREDIT_CODE, IdentityType.OTHER_PERSONAL)


@dataclass(frozen=True)
class Created:
    """A new request and its 查询码, which is shown once and never stored."""

    request: InformationRequest
    query_code: str


def today() -> date:
    return timezone.localdate()


def locked(request: InformationRequest) -> InformationRequest:
    return InformationRequest.objects.select_for_update().get(pk=request.pk)


def require_status(request, *statuses, action: str) -> None:
    if request.status not in statuses:
        raise ValidationError(
            _("Request %(reference)s is “%(status)s”, so it cannot be %(action)s.")
            % {
                "reference": request.reference,
                "status": request.get_status_display(),
                "action": action,
            },
            code="wrong_status",
        )


def require_handler(user, request) -> None:
    """Refuse anyone who may not handle ``request``; a request without a handler
    (online, or just transferred) gets the first one who acts on it."""
    if not may_handle(user, request):
        raise PermissionDenied(_("You may not handle this request."))
    if request.handler_id is None and request.pk is not None:
        request.handler = user


def require_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {field: _("Give a reason; it is recorded in the history.")},
            code="reason_required",
        )
    return reason


def calendar_checked(call, field: str = "on"):
    """Run a clock computation; a date the calendar does not cover is refused."""
    try:
        return call()
    except clocks.CalendarNotCovered as exc:
        raise ValidationError({field: str(exc)}, code="calendar") from exc


def record_step(request, kind, *, on, user=None, note="", public=True) -> RequestEvent:
    event = RequestEvent(
        request=request,
        kind=kind,
        on=on,
        user=user,
        note=note,
        due_on=request.due_on,
        public=public,
    )
    event.full_clean()
    event.save()
    return event


def _recompute_due(request: InformationRequest, field: str = "on") -> None:
    """The due date after the latest step (kept in the history with the step)."""
    if request.clock_start_on is None:
        request.due_on, request.due_provisional = None, False
        return
    consultations = request.consultations.all() if request.pk else []
    pauses = [clocks.Pause(c.sent_on, c.answered_on) for c in consultations]
    extension = request.extension_days if request.extended else None
    due = calendar_checked(
        lambda: clocks.reply_due(
            counted_from=request.clock_start_on,
            extension_days=extension,
            pauses=pauses,
        ),
        field,
    )
    request.due_on, request.due_provisional = due.on, due.provisional


def save_with_due(request, *, user, reason: str, field: str = "on"):
    _recompute_due(request, field)
    return audited_save(request, user=user, reason=reason)


def _applicant(data: dict) -> dict:
    """The applicant's fields, checked: the identity number and its kind agree."""
    unknown = set(data) - set(APPLICANT_FIELDS)
    if unknown:
        raise ValueError(f"Not applicant fields: {sorted(unknown)}")
    values = {name: data.get(name, "") for name in APPLICANT_FIELDS}
    person = values["applicant_kind"] == ApplicantKind.NATURAL_PERSON
    if person and values["identity_type"] == IdentityType.CREDIT_CODE:
        raise ValidationError(
            {
                "identity_type": _(
                    "A natural person applies with an identity document, not an "
                    "organisation's credit code."
                )
            },
            code="identity_kind",
        )
    if not person and values["identity_type"] not in ORGANISATION_IDENTITIES:
        raise ValidationError(
            {
                "identity_type": _(
                    "A legal person or other organisation applies with its unified "
                    "social credit code (or another organisation code)."
                )
            },
            code="identity_kind",
        )
    if not person and not (values["contact_person"] or "").strip():
        raise ValidationError(
            {"contact_person": _("Name the organisation's contact person.")},
            code="contact_required",
        )
    if values["delivery"] == Delivery.EMAIL and not values["email"]:
        raise ValidationError(
            {"email": _("Give an e-mail address to receive the reply by e-mail.")},
            code="email_required",
        )
    values["identity_number"] = check_identity(
        values["identity_type"], values["identity_number"]
    )
    return values


def _reference(organisation: Organisation, year: int) -> str:
    prefix = f"{organisation.code}-{year}-"
    count = InformationRequest.objects.filter(reference__startswith=prefix).count()
    return f"{prefix}{count + 1:05d}"


def _create(*, organisation, channel, applicant, user, received_on, code, reason):
    now = timezone.now()
    year = (received_on or timezone.localdate(now)).year
    # Serialise reference numbers per body: lock its row while counting.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    code = code or new_query_code()
    request = InformationRequest(
        organisation=organisation,
        received_by=organisation,
        reference=_reference(organisation, year),
        query_code_hash=code_hash(code),
        channel=channel,
        submitted_at=now,
        received_on=received_on,
        clock_start_on=received_on,
        status=RequestStatus.REGISTERED if received_on else RequestStatus.SUBMITTED,
        handler=user,
        **applicant,
    )
    try:
        with transaction.atomic():
            save_with_due(request, user=user, reason=reason, field="received_on")
    except IntegrityError as exc:  # a clash of references or codes: never silent
        raise ValidationError(
            _("The request could not be numbered; please submit it again."),
            code="clash",
        ) from exc
    return Created(request, code)


@transaction.atomic
def request_submit_online(
    *, organisation: Organisation, data: dict, code: str | None = None
) -> Created:
    """An application from the public form; received once the office confirms
    it (Art. 31(3)), so it starts without a date of receipt."""
    created = _create(
        organisation=organisation,
        channel=Channel.WEB,
        applicant=_applicant(data),
        user=None,
        received_on=None,
        code=code,
        reason=_("Submitted on the public form."),
    )
    record_step(created.request, EventKind.SUBMITTED, on=today())
    return created


@transaction.atomic
def request_register(
    *,
    user,
    organisation: Organisation,
    channel: str,
    received_on: date,
    data: dict,
    code: str | None = None,
    reason: str = "",
) -> Created:
    """Staff register an application that came in person, by phone (written
    down for the applicant, Art. 29), by letter, post, e-mail or fax; the date of
    receipt is the one Art. 31 names for the channel."""
    if channel == Channel.WEB:
        raise ValidationError(
            {"channel": _("Online applications arrive through the public form.")},
            code="channel",
        )
    probe = InformationRequest(organisation=organisation)
    require_handler(user, probe)
    clocks.check_not_future(on=received_on, today=today(), field="received_on")
    created = _create(
        organisation=organisation,
        channel=channel,
        applicant=_applicant(data),
        user=user,
        received_on=received_on,
        code=code,
        reason=reason or _("Registered by staff."),
    )
    record_step(
        created.request,
        EventKind.REGISTERED,
        on=received_on,
        user=user,
        note=Channel(channel).label,
    )
    return created


@transaction.atomic
def request_confirm(*, request, user, received_on: date) -> InformationRequest:
    """Confirm an online application with the applicant: the date of receipt."""
    current = locked(request)
    require_status(current, RequestStatus.SUBMITTED, action=_("confirmed"))
    require_handler(user, current)
    submitted = timezone.localdate(current.submitted_at)
    clocks.check_not_before(
        earlier=submitted,
        on=received_on,
        field="received_on",
        what=_("the day it was submitted"),
    )
    clocks.check_not_future(on=received_on, today=today(), field="received_on")
    current.received_on = current.clock_start_on = received_on
    current.status = RequestStatus.REGISTERED
    current.handler = user
    save_with_due(
        current,
        user=user,
        reason=_("Receipt confirmed with the applicant."),
        field="received_on",
    )
    record_step(current, EventKind.REGISTERED, on=received_on, user=user)
    return current


@transaction.atomic
def request_transfer(*, request, user, to: Organisation, reason: str):
    """Hand the request to the body responsible within the portal; the clock
    keeps running from the original receipt."""
    reason = require_reason(reason)
    current = locked(request)
    require_status(
        current,
        RequestStatus.SUBMITTED,
        RequestStatus.REGISTERED,
        action=_("transferred"),
    )
    require_handler(user, current)
    if to.pk == current.organisation_id:
        raise ValidationError(
            {"to": _("The request is already with %(body)s.") % {"body": to}},
            code="same_body",
        )
    note = _("From %(from)s to %(to)s: %(reason)s") % {
        "from": current.organisation,
        "to": to,
        "reason": reason,
    }
    current.organisation = to
    current.handler = None
    current.item = None
    save_with_due(current, user=user, reason=note)
    record_step(current, EventKind.TRANSFERRED, on=today(), user=user, note=note)
    return current


@transaction.atomic
def request_set_item(*, request, user, item):
    """Note the catalog item the request concerns (for "many ask the same")."""
    current = locked(request)
    require_handler(user, current)
    if item is not None and not catalog_items_for(current.organisation).filter(
        pk=item.pk
    ):
        raise ValidationError(
            {"item": _("Choose an item of the county's own catalogs.")},
            code="item_not_allowed",
        )
    current.item = item
    audited_save(current, user=user, reason=_("Catalog item noted."))
    record_step(
        current,
        EventKind.ITEM_SET,
        on=today(),
        user=user,
        note=str(item or "—"),
        public=False,
    )
    return current
