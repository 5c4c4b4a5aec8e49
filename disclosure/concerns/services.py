"""Writes for public concerns: record one (the clock starts), answer it, hold the
press conference. Each checks who acts and writes with history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audited_save

from ..models import Concern, PublicationStatus, Severity
from ..pii import refuse_personal_data
from .clocks import deadlines
from .selectors import concern_organisations


def _may_handle(user, organisation) -> None:
    if not concern_organisations(user).filter(pk=organisation.pk).exists():
        raise PermissionDenied(
            _("You may not record concerns for %(organisation)s.")
            % {"organisation": organisation}
        )


@transaction.atomic
def concern_record(
    *,
    user,
    organisation,
    subject: str,
    source: str,
    severity: str,
    noticed_at,
    source_detail: str = "",
) -> Concern:
    """Record a concern; its deadlines follow from ``severity`` and ``noticed_at``."""
    _may_handle(user, organisation)
    if noticed_at is not None and noticed_at > timezone.now():
        raise ValidationError(
            {
                "noticed_at": _(
                    "The time the concern was noticed cannot be in the future."
                )
            },
            code="future",
        )
    refuse_personal_data(subject, field="subject", what=_("The subject"))
    concern = Concern(
        organisation=organisation,
        subject=(subject or "").strip(),
        source=source,
        source_detail=(source_detail or "").strip(),
        severity=severity,
        noticed_at=noticed_at,
        recorded_by=user,
    )
    if noticed_at is not None and severity in Severity.values:
        due = deadlines(severity, noticed_at)
        concern.response_due_at, concern.conference_due_at = (
            due.response,
            due.conference,
        )
    else:
        concern.response_due_at = timezone.now()  # full_clean names the real error
    return audited_save(concern, user=user, reason=_("Concern recorded."))


@transaction.atomic
def concern_respond(*, concern, user, publication, at=None) -> Concern:
    """Link the published response; the concern counts as answered when it went public."""
    current = Concern.objects.select_for_update().get(pk=concern.pk)
    _may_handle(user, current.organisation)
    if publication.status != PublicationStatus.PUBLISHED:
        raise ValidationError(
            {"response": _("The response must be a published publication.")},
            code="unpublished",
        )
    if publication.organisation_id != current.organisation_id and not (
        concern_organisations(user).filter(pk=publication.organisation_id).exists()
    ):
        raise ValidationError(
            {"response": _("Choose a publication of a body you answer for.")},
            code="other_body",
        )
    current.response = publication
    current.responded_at = at or publication.published_at
    return audited_save(
        current,
        user=user,
        reason=_("Answered by “%(title)s”.") % {"title": publication.title},
    )


@transaction.atomic
def concern_hold_conference(*, concern, user, at, note: str = "") -> Concern:
    current = Concern.objects.select_for_update().get(pk=concern.pk)
    _may_handle(user, current.organisation)
    if current.severity != Severity.MAJOR:
        raise ValidationError(
            _("Only a major emergency needs a press conference on the clock."),
            code="not_major",
        )
    if at is None or at < current.noticed_at or at > timezone.now():
        raise ValidationError(
            {
                "conference_at": _(
                    "Give when the press conference was held: after the concern "
                    "was noticed and not in the future."
                )
            },
            code="conference_time",
        )
    current.conference_at = at
    current.conference_note = (note or "").strip()
    return audited_save(current, user=user, reason=_("Press conference recorded."))
