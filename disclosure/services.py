"""Writes for publishing: drafts, attachments, the personal-data check, transitions.

Every service checks who is acting and on what, validates, and writes in one
transaction with the acting user and a reason in each model's history.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogs.models import CatalogStatus
from portal.audit import audited_delete, audited_save, refuse_stale

from .attachments import attachment_check
from .corrections.log import correction_log_record, was_public
from .deadlines import CalendarNotCovered, due_date
from .metadata.docnumbers import FIRST_YEAR, document_number_normalise
from .metadata.indexnumbers import index_number_assign
from .models import (
    Attachment,
    Attribute,
    CorrectionKind,
    Publication,
    PublicationKind,
    PublicationLevel,
    PublicationStatus,
    Validity,
)
from .personaldata import (
    Located,
    check_personal_data,
    personal_data_report,
    released_values,
)
from .pii import decode_text, mask_personal_data, refuse_personal_data
from .selectors import (
    may_manage,
    may_publish_for,
    publication_level,
    publishable_items,
)

EDITABLE_FIELDS = (
    "item",
    "kind",
    "title",
    "body",
    "formed_on",
    "written_on",
    "document_number",
    "topic",
)


def locked_publication(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().get(pk=publication.pk)


def require_status(publication: Publication, *statuses: str, action: str) -> None:
    if publication.status not in statuses:
        raise ValidationError(
            _("“%(title)s” is %(status)s, so it cannot be %(action)s.")
            % {
                "title": publication.title,
                "status": publication.get_status_display().lower(),
                "action": action,
            },
            code="wrong_status",
        )


def require_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {field: _("Give a reason; it is recorded in the history.")},
            code="reason_required",
        )
    return reason


def check_item_for(*, user, organisation, item) -> str:
    """The level ``organisation`` publishes ``item`` at; refuses what it may not publish."""
    if not may_publish_for(user, organisation):
        raise PermissionDenied(
            _("You may not publish for %(organisation)s.")
            % {"organisation": organisation}
        )
    level = publication_level(organisation)
    if publishable_items(organisation).filter(pk=item.pk).exists():
        return level
    if item.catalog.kind != "local":
        message = _("“%(item)s” is not an item of a local catalog.")
    elif item.catalog.status != CatalogStatus.IN_FORCE:
        message = _(
            "“%(item)s” belongs to “%(catalog)s”, which is %(status)s, not in "
            "force; publish only under the catalog in force."
        )
    elif level and not getattr(item, f"level_{level}"):
        message = _(
            "“%(item)s” is not published at the %(level)s; the catalog allows "
            "other levels only."
        )
    else:
        message = _(
            "“%(item)s” is not an item %(organisation)s publishes under: it belongs "
            "to another county's or body's catalog, is omitted locally, or is a "
            "first-level heading."
        )
    raise ValidationError(
        {
            "item": message
            % {
                "item": item,
                "organisation": organisation,
                "level": str(PublicationLevel(level).label).lower() if level else "",
                "catalog": item.catalog,
                "status": str(item.catalog.get_status_display()).lower(),
            }
        },
        code="item_not_allowed",
    )


def normalised_document_number(value: str) -> str:
    """The 文号 as stored (``metadata.docnumbers``); refused under its field."""
    try:
        return document_number_normalise(value or "")
    except ValidationError as exc:
        raise ValidationError({"document_number": exc.messages}, code=exc.code) from exc


def check_written_on(value) -> None:
    """成文日期: a day that has been, no earlier than 1949."""
    if value is None:
        return
    if value > timezone.localdate():
        raise ValidationError(
            {"written_on": _("The date written cannot be in the future.")},
            code="written_in_future",
        )
    if value.year < FIRST_YEAR:
        raise ValidationError(
            {
                "written_on": _("The date written cannot be before %(year)s.")
                % {"year": FIRST_YEAR}
            },
            code="written_too_early",
        )


def set_due_date(publication: Publication) -> None:
    """Set ``due_on`` and ``due_on_provisional`` from the item and ``formed_on``."""
    try:
        due = due_date(publication.item, publication.formed_on)
    except CalendarNotCovered as exc:
        raise ValidationError({"formed_on": str(exc)}, code="calendar") from exc
    publication.due_on, publication.due_on_provisional = due.day, due.provisional


@transaction.atomic
def publication_create(
    *,
    user,
    organisation,
    item,
    title: str,
    body: str = "",
    formed_on,
    kind: str = PublicationKind.OTHER,
    written_on=None,
    document_number: str = "",
    topic: str = "",
    reason: str = "",
) -> Publication:
    """Start a draft under ``item`` for ``organisation``, with its due date computed."""
    level = check_item_for(user=user, organisation=organisation, item=item)
    check_written_on(written_on)
    publication = Publication(
        item=item,
        organisation=organisation,
        level=level,
        kind=kind,
        title=title,
        body=body,
        formed_on=formed_on,
        written_on=written_on,
        document_number=normalised_document_number(document_number),
        topic=topic,
        author=user,
    )
    set_due_date(publication)
    audited_save(publication, user=user, reason=reason or _("Draft started."))
    return publication


def _stale_draft(latest) -> ValidationError:
    return ValidationError(
        _(
            "“%(title)s” was changed by %(user)s after you opened it. Your "
            "change was not saved; reload the page and make it again."
        )
        % {"title": latest.title, "user": latest.history_user or _("someone")},
        code="stale",
    )


@transaction.atomic
def publication_update(
    *, publication, user, changes: dict, seen_history_id, reason: str = ""
) -> Publication:
    """Change a draft's fields (``EDITABLE_FIELDS``) unless it changed meanwhile."""
    current = locked_publication(publication)
    require_status(current, PublicationStatus.DRAFT, action=_("edited"))
    if seen_history_id is not None:
        refuse_stale(current, seen_history_id, error=_stale_draft)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    if "document_number" in changes:
        changes = {
            **changes,
            "document_number": normalised_document_number(changes["document_number"]),
        }
    check_written_on(changes.get("written_on"))
    for field, value in changes.items():
        setattr(current, field, value)
    current.level = check_item_for(
        user=user, organisation=current.organisation, item=current.item
    )
    set_due_date(current)
    audited_save(current, user=user, reason=reason or _("Draft edited."))
    return current


@transaction.atomic
def publication_attach(*, publication, user, upload, reason: str = "") -> Attachment:
    """Add a checked file (type, size, content) to a draft."""
    current = locked_publication(publication)
    require_status(current, PublicationStatus.DRAFT, action=_("edited"))
    if not may_publish_for(user, current.organisation):
        raise PermissionDenied(_("You may not change this publication."))
    checked = attachment_check(upload)
    attachment = Attachment(
        publication=current,
        name=checked.name,
        kind=checked.kind,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=user,
    )
    attachment.file.save(checked.name, ContentFile(checked.content), save=False)
    try:
        audited_save(
            attachment,
            user=user,
            reason=reason or _("Attached “%(name)s”.") % {"name": checked.name},
        )
    except Exception:
        attachment.file.delete(save=False)  # no row, so no file either
        raise
    return attachment


@transaction.atomic
def publication_detach(*, attachment, user, reason: str = "") -> None:
    current = locked_publication(attachment.publication)
    require_status(current, PublicationStatus.DRAFT, action=_("edited"))
    if not may_publish_for(user, current.organisation):
        raise PermissionDenied(_("You may not change this publication."))
    audited_delete(attachment, user=user, reason=reason or _("Attachment removed."))


@transaction.atomic
def publication_submit(
    *, publication, user, reason: str = "", ask_release: bool = False
) -> Publication:
    """Send a draft for compliance review; stopped while it holds personal numbers.

    With ``ask_release`` the author sends suspected ID numbers (wrong check
    character) for the reviewer to release; ``reason`` must then say why they
    are not ID numbers. Every other number still stops it.
    """
    current = locked_publication(publication)
    require_status(current, PublicationStatus.DRAFT, action=_("submitted"))
    if not may_publish_for(user, current.organisation):
        raise PermissionDenied(_("You may not submit this publication."))
    if ask_release:
        reason = require_reason(reason)
    check_personal_data(current, allow_suspected=ask_release)
    current.status = PublicationStatus.IN_REVIEW
    audited_save(
        current, user=user, reason=reason or _("Submitted for compliance review.")
    )
    return current


@transaction.atomic
def publication_mask_personal_data(
    *, publication, user, reason: str = ""
) -> list[Located]:
    """Mask every personal number in the title, text, file names and text attachments.

    Returns what was masked. Numbers inside Word, Excel or PDF attachments are
    not rewritten (the file would lose its layout); they stay in the findings
    until the author attaches a masked copy. Released suspected ID numbers stay.
    """
    current = locked_publication(publication)
    require_status(current, PublicationStatus.DRAFT, action=_("edited"))
    if not may_publish_for(user, current.organisation):
        raise PermissionDenied(_("You may not change this publication."))
    masked = [f for f in personal_data_report(current).blocking if f.maskable]
    if not masked:
        return []
    mask_found(
        current,
        user=user,
        reason=reason or _("Personal information masked before publishing."),
    )
    return masked


def mask_found(current: Publication, *, user, reason: str) -> None:
    """Mask the personal numbers of a locked publication's title, text and
    attachments, keeping the released ones; before publication or after it."""
    keep = released_values(current)
    current.title = mask_personal_data(current.title, keep=keep)
    current.body = mask_personal_data(current.body, keep=keep)
    audited_save(current, user=user, reason=reason)
    for attachment in current.attachments.all():
        mask_attachment(attachment, user=user, reason=reason, keep=keep)


def mask_attachment(attachment: Attachment, *, user, reason: str, keep) -> None:
    """Mask the file name, and the content of a plain-text file; the stored file
    is written again under the masked name, so no copy keeps the number."""
    name = mask_personal_data(attachment.name, keep=keep)
    with attachment.file.open("rb") as stream:
        original = stream.read()
    content = original
    decoded = decode_text(original) if attachment.is_text else None
    if decoded is not None:
        text, encoding = decoded
        content = mask_personal_data(text, keep=keep).encode(encoding)
    if name == attachment.name and content == original:
        return
    old = attachment.file.name
    attachment.name = name
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.size = len(content)
    attachment.sha256 = hashlib.sha256(content).hexdigest()
    audited_save(attachment, user=user, reason=reason)
    storage = attachment.file.storage
    transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def publication_publish(*, publication, user, review, reason: str = "") -> Publication:
    """Make an approved, proactive publication public; the review's upload date is set."""
    current = locked_publication(publication)
    require_status(current, PublicationStatus.IN_REVIEW, action=_("published"))
    if review.publication_id != current.pk or review.decision != "approved":
        raise ValidationError(
            _("“%(title)s” has no approved compliance review.")
            % {"title": current.title},
            code="not_reviewed",
        )
    if review.attribute != Attribute.PROACTIVE:
        raise ValidationError(
            _("Only information reviewed as proactive disclosure is published."),
            code="not_proactive",
        )
    catalog = current.item.catalog
    if catalog.status == CatalogStatus.DRAFT:
        raise ValidationError(
            _(
                "“%(title)s” stands under “%(item)s” of “%(catalog)s”, a draft "
                "catalog, so it would appear nowhere public. Return it so that its "
                "author chooses the row of the catalog in force."
            )
            % {"title": current.title, "item": current.item, "catalog": catalog},
            code="draft_catalog",
        )
    check_personal_data(current, reviewing=True)
    now = timezone.now()
    current.status = PublicationStatus.PUBLISHED
    current.published_at = now
    current.attribute = review.attribute
    index_number_assign(current)
    audited_save(current, user=user, reason=reason or _("Published."))
    review.uploaded_on = timezone.localdate(now)
    review.publisher_name = review.publisher_name or user.get_full_name() or str(user)
    audited_save(review, user=user, reason=_("Upload date recorded."))
    return current


@transaction.atomic
def publication_withdraw(
    *, publication, user, reason: str, replacement=None
) -> Publication:
    """Take a published publication off the public pages, with a reason; if the
    public could see it, the correction log says so (with ``replacement``, or the
    publication that replaces it, when public)."""
    reason = require_reason(reason)
    refuse_personal_data(reason, field="reason", what=_("The reason"))
    current = locked_publication(publication)
    require_status(current, PublicationStatus.PUBLISHED, action=_("withdrawn"))
    if not may_manage(user, current):
        raise PermissionDenied(_("You may not withdraw this publication."))
    public = was_public(current)
    current.status = PublicationStatus.WITHDRAWN
    current.withdrawn_at = timezone.now()
    current.withdrawal_reason = reason
    audited_save(current, user=user, reason=reason)
    if public:
        correction_log_record(
            publication=current,
            kind=CorrectionKind.WITHDRAWAL,
            reason=reason,
            replacement=replacement or current.replaced_by,
            at=current.withdrawn_at,
        )
    return current


@transaction.atomic
def publication_set_validity(
    *, publication, user, validity: str, on, reason: str, replaced_by=None
) -> Publication:
    """Mark a published document amended, abolished or expired (or in force again).

    The reason is shown in the public banner, so one holding personal data is refused.
    """
    reason = require_reason(reason)
    refuse_personal_data(reason, field="reason", what=_("The reason"))
    current = locked_publication(publication)
    require_status(current, PublicationStatus.PUBLISHED, action=_("marked"))
    if not may_manage(user, current):
        raise PermissionDenied(_("You may not change this publication."))
    if validity != Validity.VALID and on is None:
        raise ValidationError(
            {"on": _("Give the date the document was amended, abolished or expired.")},
            code="date_required",
        )
    if replaced_by is not None:
        if replaced_by.pk == current.pk:
            raise ValidationError(
                {"replaced_by": _("A publication cannot replace itself.")},
                code="self_reference",
            )
        if replaced_by.status != PublicationStatus.PUBLISHED:
            raise ValidationError(
                {"replaced_by": _("The replacement must itself be published.")},
                code="replacement_unpublished",
            )
    current.validity = validity
    current.validity_on = on if validity != Validity.VALID else None
    current.validity_reason = reason
    current.replaced_by = replaced_by if validity != Validity.VALID else None
    audited_save(current, user=user, reason=reason)
    return current


@transaction.atomic
def interpretation_link(
    *, interpretation, document, user, reason: str = ""
) -> Publication:
    """Link an interpretation to the policy document it explains (and so back)."""
    current = locked_publication(interpretation)
    if current.kind != PublicationKind.INTERPRETATION:
        raise ValidationError(
            _("Only a policy interpretation can be linked to a policy document."),
            code="not_interpretation",
        )
    if document.kind != PublicationKind.POLICY or document.pk == current.pk:
        raise ValidationError(
            {"document": _("Choose a policy document to link the interpretation to.")},
            code="not_policy",
        )
    if not (may_manage(user, current) and may_manage(user, document)):
        raise PermissionDenied(_("You may not link these publications."))
    current.interpretation_of = document
    audited_save(
        current,
        user=user,
        reason=reason
        or _("Linked as the interpretation of “%(title)s”.") % {"title": document},
    )
    return current
