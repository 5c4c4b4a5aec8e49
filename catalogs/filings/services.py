"""Writes for filings: file a valid local catalog, return it, accept it, record it.

A filing's snapshot is written once, here, and no code path changes it: the
review only moves the status on (with ``update_fields`` that never name it),
and a database trigger refuses an UPDATE of it (migration 0003).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.audit import audited_save

from ..local.validation import Finding, catalog_validate
from ..models import (
    Catalog,
    CatalogKind,
    CatalogStatus,
    Filing,
    FilingComment,
    FilingStatus,
)
from .selectors import may_file_for, may_review
from .snapshot import catalog_snapshot, item_names

MAX_COMMENTS = 200
REVIEW_FIELDS = ["status", "reviewed_by", "reviewed_at"]


class FilingInvalidError(ValidationError):
    """The catalog has validation errors, so it cannot be filed; ``findings`` lists them."""

    def __init__(self, catalog: Catalog, findings: list[Finding]):
        self.catalog = catalog
        self.findings = findings
        message = ngettext(
            "“%(catalog)s” has %(count)d error against its standard, so it cannot "
            "be filed. Correct it and file again.",
            "“%(catalog)s” has %(count)d errors against its standard, so it cannot "
            "be filed. Correct them and file again.",
            len(findings),
        ) % {"catalog": catalog, "count": len(findings)}
        super().__init__(message, code="invalid")


@dataclass(frozen=True)
class ItemComment:
    """A reviewer's comment as given: on an item number, or on the whole when empty."""

    item_code: str
    text: str


def _locked(filing: Filing) -> Filing:
    return (
        Filing.objects.select_for_update(of=("self",))
        .select_related("organisation", "domain")
        .get(pk=filing.pk)
    )


def _require_status(filing: Filing, status: str, action: str) -> None:
    if filing.status != status:
        raise ValidationError(
            _("Filing %(reference)s is %(status)s, so it cannot be %(action)s.")
            % {
                "reference": filing.reference,
                "status": filing.get_status_display().lower(),
                "action": action,
            },
            code="wrong_status",
        )


def _require_reviewer(user, filing: Filing) -> None:
    if not may_review(user, filing):
        raise PermissionDenied(
            _("You may not review filings of %(organisation)s.")
            % {"organisation": filing.organisation}
        )


@transaction.atomic
def filing_submit(*, catalog: Catalog, user, reason: str = "") -> Filing:
    """File ``catalog`` for the record: a snapshot of it, as the body's next round.

    Refused unless the user is an editor of the catalog's body, the catalog is a
    local one not superseded, it passes validation (``FilingInvalidError`` with
    the error findings), and no earlier filing of the body in the domain is still
    awaiting review.
    """
    catalog = (
        Catalog.objects.select_for_update(of=("self",))
        .select_related("domain", "organisation")
        .get(pk=catalog.pk)
    )
    if catalog.kind != CatalogKind.LOCAL:
        raise ValidationError(
            _("“%(catalog)s” is a standard catalog; only local catalogs are filed.")
            % {"catalog": catalog},
            code="not_local",
        )
    if not may_file_for(user, catalog.organisation):
        raise PermissionDenied(
            _("You may not file catalogs for %(organisation)s.")
            % {"organisation": catalog.organisation}
        )
    if catalog.status == CatalogStatus.SUPERSEDED:
        raise ValidationError(
            _("“%(catalog)s” has been superseded; file the version in use.")
            % {"catalog": catalog},
            code="superseded",
        )
    findings = catalog_validate(catalog)
    errors = [finding for finding in findings if finding.is_error]
    if errors:
        raise FilingInvalidError(catalog, errors)
    earlier = Filing.objects.filter(
        organisation=catalog.organisation, domain=catalog.domain
    ).order_by("-round")
    if earlier.filter(status=FilingStatus.SUBMITTED).exists():
        raise _awaiting_review(catalog)
    previous = earlier.first()
    filing = Filing(
        catalog=catalog,
        organisation=catalog.organisation,
        domain=catalog.domain,
        round=previous.round + 1 if previous else 1,
        previous=previous,
        status=FilingStatus.SUBMITTED,
        snapshot=catalog_snapshot(catalog, findings),
        filed_by=user,
        filed_at=timezone.now(),
    )
    if previous is not None and previous.status == FilingStatus.RETURNED:
        default = _("Filed again after correction (round %(round)s).")
    else:
        default = _("Filed for the record (round %(round)s).")
    try:
        with transaction.atomic():
            audited_save(
                filing,
                user=user,
                reason=reason.strip() or default % {"round": filing.round},
            )
    except IntegrityError as exc:  # another round was filed meanwhile
        raise _awaiting_review(catalog) from exc
    return filing


def _awaiting_review(catalog: Catalog) -> ValidationError:
    return ValidationError(
        _(
            "%(organisation)s already has a filing in the %(domain)s domain awaiting "
            "review; wait for the reviewer’s decision before filing again."
        )
        % {"organisation": catalog.organisation, "domain": catalog.domain},
        code="awaiting_review",
    )


@transaction.atomic
def filing_return(
    *, filing: Filing, user, comments: list[ItemComment], reason: str = ""
) -> Filing:
    """Return a submitted filing for correction with the reviewer's comments.

    Each comment names an item by its number as filed, or no item for a comment
    on the whole; at least one comment is required, and an unknown number is
    refused.
    """
    current = _locked(filing)
    _require_reviewer(user, current)
    _require_status(current, FilingStatus.SUBMITTED, _("returned"))
    comments = [c for c in comments if c.text.strip()]
    if not comments:
        raise ValidationError(
            _("Say what must be corrected: give at least one comment."),
            code="comment_required",
        )
    if len(comments) > MAX_COMMENTS:
        raise ValidationError(
            _("A filing can be returned with at most %(max)s comments.")
            % {"max": MAX_COMMENTS},
            code="too_many_comments",
        )
    names = item_names(current.snapshot)
    unknown = sorted({c.item_code for c in comments if c.item_code} - set(names))
    if unknown:
        raise ValidationError(
            _("The filed catalog has no item numbered %(codes)s.")
            % {"codes": "、".join(unknown)},
            code="unknown_item",
        )
    now = timezone.now()
    current.status = FilingStatus.RETURNED
    current.reviewed_by = user
    current.reviewed_at = now
    reason = reason.strip() or _("Returned for correction.")
    audited_save(current, user=user, reason=reason, update_fields=REVIEW_FIELDS)
    _add_comments(current, comments, user=user, now=now, reason=reason)
    return current


def _add_comments(filing, comments, *, user, now, reason) -> None:
    names = item_names(filing.snapshot)
    for position, comment in enumerate(comments):
        audited_save(
            FilingComment(
                filing=filing,
                position=position,
                item_code=comment.item_code,
                item_name=names.get(comment.item_code, ""),
                text=comment.text.strip(),
                author=user,
                created_at=now,
            ),
            user=user,
            reason=reason,
        )


@transaction.atomic
def filing_accept(*, filing: Filing, user, comment: str = "") -> Filing:
    """Accept a submitted filing; an optional comment is kept with it."""
    current = _locked(filing)
    _require_reviewer(user, current)
    _require_status(current, FilingStatus.SUBMITTED, _("accepted"))
    now = timezone.now()
    current.status = FilingStatus.ACCEPTED
    current.reviewed_by = user
    current.reviewed_at = now
    reason = _("Accepted for the record.")
    audited_save(current, user=user, reason=reason, update_fields=REVIEW_FIELDS)
    if comment.strip():
        _add_comments(
            current, [ItemComment("", comment)], user=user, now=now, reason=reason
        )
    return current


@transaction.atomic
def filing_record(*, filing: Filing, user) -> Filing:
    """Mark an accepted filing as sent to the ministry for the record."""
    current = _locked(filing)
    _require_reviewer(user, current)
    _require_status(current, FilingStatus.ACCEPTED, _("recorded"))
    current.status = FilingStatus.RECORDED
    current.recorded_by = user
    current.recorded_at = timezone.now()
    audited_save(
        current,
        user=user,
        reason=_("Recorded with the ministry."),
        update_fields=["status", "recorded_by", "recorded_at"],
    )
    return current
