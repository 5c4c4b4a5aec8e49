"""Writes for the compliance review (合规性审核表): fill in, approve, return, release.

The reviewer is never the author. 不予公开 needs a reason from the publishing
organisation's negative list. Approving proactive information publishes it;
approving 依申请公开 or 不予公开 keeps it off the public pages for good.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audited_save

from .models import (
    Attribute,
    ComplianceReview,
    Decision,
    LegalOpinion,
    PersonalDataRelease,
    PublicationStatus,
    Source,
)
from .personaldata import personal_data_report
from .selectors import (
    may_review,
    negative_list_for,
    reviewing_bodies_outside,
    text_changed_by,
)
from .services import (
    locked_publication,
    publication_publish,
    require_reason,
    require_status,
)

FORM_FIELDS = (
    "source",
    "reprint_source",
    "is_secret",
    "attribute",
    "negative_list_entry",
    "withheld_reason",
    "platform_website",
    "platform_new_media",
    "platform_other",
    "legal_opinion",
    "column",
    "handler",
    "secrecy_reviewer",
    "legal_reviewer",
    "head_of_unit",
    "leader_in_charge",
    "publisher_name",
    "filled_on",
)


def check_reviewer(publication, reviewer) -> None:
    """Refuse a reviewer who may not review ``publication``: its author, anyone who
    changed its text since its last review (four eyes: the reviewer reads text
    someone else wrote), or someone whose reach does not cover the publisher and
    its domain. The one home of the rule; the review page, its buttons and every
    review service ask it."""
    if publication.author_id == reviewer.pk:
        raise PermissionDenied(
            _(
                "You wrote “%(title)s”, so you may not review it; another reviewer "
                "must complete the compliance review."
            )
            % {"title": publication.title}
        )
    if reviewer.pk in text_changed_by(publication):
        raise PermissionDenied(
            _(
                "You changed the text of “%(title)s” since it was last reviewed, so "
                "you may not review it; another reviewer must read it."
            )
            % {"title": publication.title}
        )
    if not may_review(reviewer, publication):
        domain = publication.item.catalog.domain
        bureaus = reviewing_bodies_outside(reviewer, publication)
        if bureaus:
            raise PermissionDenied(
                _(
                    "%(bureau)s is not responsible for “%(domain)s”: publications "
                    "of %(organisation)s in that domain are reviewed by the body "
                    "responsible for it."
                )
                % {
                    "bureau": bureaus[0],
                    "domain": domain.name,
                    "organisation": publication.organisation,
                }
            )
        raise PermissionDenied(
            _("You may not review publications of %(organisation)s.")
            % {"organisation": publication.organisation}
        )


def is_reviewer(publication, reviewer) -> bool:
    """Whether ``check_reviewer`` lets ``reviewer`` review ``publication``."""
    try:
        check_reviewer(publication, reviewer)
    except PermissionDenied:
        return False
    return True


def _check_form(publication, review: ComplianceReview) -> None:
    """The rules of the form that involve more than one field."""
    errors = {}
    if review.source == Source.REPRINTED and not review.reprint_source.strip():
        errors["reprint_source"] = _(
            "Reprinted information must say where it was taken from."
        )
    if review.is_secret and review.attribute != Attribute.NOT_DISCLOSED:
        errors["attribute"] = _(
            "Information containing state secrets is never disclosed: choose "
            "“not disclosed” and the negative-list category for secrets."
        )
    if review.attribute == Attribute.NOT_DISCLOSED:
        entry = review.negative_list_entry
        allowed = negative_list_for(publication.organisation)
        if entry is None:
            errors["negative_list_entry"] = _(
                "Information that is not disclosed needs a reason: choose the "
                "category of the negative list it falls under."
            )
        elif not allowed.filter(pk=entry.pk).exists():
            errors["negative_list_entry"] = _(
                "“%(entry)s” is not on the negative list of %(organisation)s."
            ) % {"entry": entry, "organisation": publication.organisation}
    else:
        review.negative_list_entry = None
    if review.attribute == Attribute.PROACTIVE and not (
        review.platform_website or review.platform_new_media or review.platform_other
    ):
        errors["platform_website"] = _(
            "Tick at least one platform the information is published on."
        )
    if errors:
        raise ValidationError(errors, code="review_form")


@transaction.atomic
def review_complete(
    *, publication, reviewer, data: dict, reason: str = ""
) -> ComplianceReview:
    """Fill in (or correct) the open compliance review form of a publication."""
    current = locked_publication(publication)
    require_status(current, PublicationStatus.IN_REVIEW, action=_("reviewed"))
    check_reviewer(current, reviewer)
    unknown = set(data) - set(FORM_FIELDS)
    if unknown:
        raise ValueError(f"Not review form fields: {sorted(unknown)}")
    review = current.reviews.filter(decision=Decision.PENDING).first()
    if review is None:
        review = ComplianceReview(
            publication=current, filled_on=timezone.localdate(), reviewer=reviewer
        )
    for field, value in data.items():
        setattr(review, field, value)
    review.information_name = current.title
    review.reviewer = reviewer
    _check_form(current, review)
    audited_save(
        review, user=reviewer, reason=reason or _("Compliance review form filled in.")
    )
    return review


@transaction.atomic
def review_approve(*, review, reviewer, reason: str = ""):
    """Approve the reviewed publication: publish it, or keep it unpublished.

    Locks the publication, then the review: the one lock order of every review
    service (``review_complete`` and ``review_return`` lock the publication and
    then write the review), so two approves at once wait, never deadlock."""
    publication = locked_publication(review.publication)
    review = ComplianceReview.objects.select_for_update().get(pk=review.pk)
    require_status(publication, PublicationStatus.IN_REVIEW, action=_("approved"))
    check_reviewer(publication, reviewer)
    if review.decision != Decision.PENDING:
        raise ValidationError(
            _("This review was already decided; start a new one."), code="decided"
        )
    _check_form(publication, review)
    if (
        review.legal_opinion != LegalOpinion.AGREE
        and review.attribute != Attribute.NOT_DISCLOSED
    ):
        raise ValidationError(
            {
                "legal_opinion": _(
                    "The legal review does not agree, so the publication cannot be "
                    "approved; return it to the author with the reason."
                )
            },
            code="legal_disagrees",
        )
    review.decision = Decision.APPROVED
    review.decided_at = timezone.now()
    review.decision_reason = reason
    audited_save(review, user=reviewer, reason=reason or _("Approved."))
    if review.attribute == Attribute.PROACTIVE:
        return publication_publish(
            publication=publication, user=reviewer, review=review, reason=reason
        )
    publication.status = PublicationStatus.RETAINED
    publication.attribute = review.attribute
    publication.negative_list_entry = review.negative_list_entry
    audited_save(
        publication,
        user=reviewer,
        reason=reason
        or _("Reviewed as %(attribute)s; not published.")
        % {"attribute": review.get_attribute_display()},
    )
    return publication


@transaction.atomic
def review_return(*, publication, reviewer, reason: str):
    """Send a publication in review back to its author as a draft, with the reason."""
    reason = require_reason(reason)
    current = locked_publication(publication)
    require_status(current, PublicationStatus.IN_REVIEW, action=_("returned"))
    check_reviewer(current, reviewer)
    review = current.reviews.filter(decision=Decision.PENDING).first()
    if review is not None:
        review.decision = Decision.RETURNED
        review.decided_at = timezone.now()
        review.decision_reason = reason
        audited_save(review, user=reviewer, reason=reason)
    current.status = PublicationStatus.DRAFT
    audited_save(current, user=reviewer, reason=reason)
    return current


@transaction.atomic
def personal_data_release(
    *, publication, reviewer, value: str, reason: str
) -> PersonalDataRelease:
    """Release one suspected ID-card number of a publication in review.

    Only a number the check currently reports as suspected (a real region and
    birth date, a wrong check character) can be released, and only that exact
    value in that publication; the reason is in the release's history.
    """
    reason = require_reason(reason)
    current = locked_publication(publication)
    require_status(current, PublicationStatus.IN_REVIEW, action=_("reviewed"))
    check_reviewer(current, reviewer)
    value = (value or "").strip().upper()
    open_values = {
        item.finding.digits
        for item in personal_data_report(current).suspected
        if not item.released
    }
    if value not in open_values:
        raise ValidationError(
            {
                "value": _(
                    "This number is not a suspected ID-card number of “%(title)s” "
                    "waiting for a release; reload the page."
                )
                % {"title": current.title}
            },
            code="not_suspected",
        )
    release = PersonalDataRelease(
        publication=current, value=value, reason=reason, released_by=reviewer
    )
    audited_save(
        release,
        user=reviewer,
        reason=_("Suspected ID-card number %(number)s released: %(reason)s")
        % {"number": f"{value[:6]}********{value[14:]}", "reason": reason},
    )
    return release
