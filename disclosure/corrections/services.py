"""Changes to published publications that leave a public correction log entry:
correcting the text, correcting an attachment, masking personal information
after publication. (Withdrawal is ``disclosure.services.publication_withdraw``.)"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audited_save

from ..attachments import attachment_check
from ..models import CorrectionKind, Publication, PublicationStatus
from ..personaldata import personal_data_report, public_name
from ..pii import mask_personal_data, refuse_personal_data
from ..selectors import may_manage
from ..services import (
    locked_publication,
    mask_found,
    require_reason,
    require_status,
)
from .log import correction_log_record, was_public


def _published(publication, user, action) -> Publication:
    current = locked_publication(publication)
    require_status(current, PublicationStatus.PUBLISHED, action=action)
    if not may_manage(user, current):
        raise PermissionDenied(_("You may not change this publication."))
    return current


def _reason(reason: str) -> str:
    reason = require_reason(reason)
    refuse_personal_data(reason, field="reason", what=_("The reason"))
    return reason


@transaction.atomic
def publication_correct(
    *, publication, user, title: str, body: str, reason: str
) -> Publication:
    """Correct the title or text of a published publication; the log says which
    part changed and why, never the old wording (the history keeps it for staff)."""
    reason = _reason(reason)
    current = _published(publication, user, _("corrected"))
    title, body = (title or "").strip(), (body or "").replace("\r\n", "\n")
    if not title:
        raise ValidationError({"title": _("Give the title.")}, code="required")
    refuse_personal_data(title, field="title", what=_("The title"))
    refuse_personal_data(body, field="body", what=_("The text"))
    parts = [
        label
        for label, old, new in (
            (_("title"), current.title, title),
            (_("text"), current.body, body),
        )
        if old != new
    ]
    if not parts:
        raise ValidationError(
            _("Nothing was changed: the title and text are as published."),
            code="unchanged",
        )
    public = was_public(current)
    current.title, current.body = title, body
    audited_save(current, user=user, reason=reason)
    if public:
        correction_log_record(
            publication=current,
            kind=CorrectionKind.CORRECTION,
            reason=reason,
            what=_("Corrected: %(parts)s") % {"parts": ", ".join(map(str, parts))},
        )
    return current


@transaction.atomic
def publication_correct_attachment(*, attachment, user, upload, reason: str):
    """Replace a published publication's attachment with a corrected file (checked
    like any upload and for personal numbers); the old file is deleted."""
    reason = _reason(reason)
    current = _published(attachment.publication, user, _("corrected"))
    attachment = current.attachments.get(pk=attachment.pk)
    checked = attachment_check(upload)
    refuse_personal_data(checked.name, field="file", what=_("The file name"))
    old_name, old_file = public_name(attachment), attachment.file.name
    public = was_public(current)
    attachment.name, attachment.kind = checked.name, checked.kind
    attachment.size = len(checked.content)
    attachment.sha256 = hashlib.sha256(checked.content).hexdigest()
    attachment.file.save(checked.name, ContentFile(checked.content), save=False)
    audited_save(attachment, user=user, reason=reason)
    report = personal_data_report(current)
    if report.blocking or report.unreadable:
        attachment.file.delete(save=False)  # the row rolls back: no file either
        raise ValidationError(
            {
                "file": _(
                    "The corrected file holds personal information or cannot be "
                    "read; nothing was changed."
                )
            },
            code="personal_data",
        )
    storage = attachment.file.storage
    transaction.on_commit(lambda: storage.delete(old_file))
    if public:
        correction_log_record(
            publication=current,
            kind=CorrectionKind.ATTACHMENT,
            reason=reason,
            what=_("Attachment “%(name)s” replaced") % {"name": old_name},
        )
    return attachment


@transaction.atomic
def publication_mask_published(*, publication, user, reason: str) -> list:
    """Mask personal numbers found in a publication after it was published: the
    title, text, file names and plain-text attachments. Returns what was masked."""
    reason = _reason(reason)
    current = _published(publication, user, _("masked"))
    masked = [f for f in personal_data_report(current).blocking if f.maskable]
    if not masked:
        raise ValidationError(
            _("No personal number that can be masked was found in “%(title)s”.")
            % {"title": mask_personal_data(current.title)},
            code="nothing_to_mask",
        )
    public = was_public(current)
    mask_found(current, user=user, reason=reason)
    if public:
        places = sorted({f.where.split(",")[0] for f in masked})
        correction_log_record(
            publication=current,
            kind=CorrectionKind.MASKING,
            reason=reason,
            what=_("%(count)s personal number(s) masked in: %(places)s")
            % {"count": len(masked), "places": "; ".join(places)},
        )
    return masked
