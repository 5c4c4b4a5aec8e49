"""Reads of public participation: the one public rule for consultations and
comments, the staff's reach, the counts, and the public's say per month."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from portal.models import Organisation, Role
from portal.selectors import is_site_admin, organisations_for

from ..models import (
    CommentStatus,
    Consultation,
    ConsultationComment,
    ConsultationStatus,
    DisclosureSay,
    Verdict,
)

MANAGING_ROLES = {Role.PUBLISHER, Role.REVIEWER}
# The public's say is read by a body's publishers, the reviewers over it and
# provincial reviewers (counts only, like the request statistics).
SAY_ROLES = {Role.PUBLISHER, Role.REVIEWER, Role.PROVINCIAL_REVIEWER}


def public_consultations() -> QuerySet[Consultation]:
    """What the public may see: published consultations (open, closed or not yet
    open), never drafts or withdrawn ones."""
    return Consultation.objects.filter(
        status=ConsultationStatus.PUBLISHED
    ).select_related("organisation__region", "final_publication")


def consultations_leading_to(publication) -> QuerySet[Consultation]:
    """The public consultations whose published feedback names ``publication``
    as their final policy (the link back from the policy's page)."""
    return public_consultations().filter(
        final_publication=publication, feedback_published_at__isnull=False
    )


def consultations_at(county_code: str) -> QuerySet[Consultation]:
    return public_consultations().filter(
        organisation__region__code__startswith=county_code
    )


def published_comments(consultation: Consultation) -> QuerySet[ConsultationComment]:
    """A consultation's comments the public may read, oldest first; paginated
    by the caller (the index on consultation, status, time keeps it constant)."""
    return (
        ConsultationComment.objects.filter(
            consultation=consultation, status=CommentStatus.PUBLISHED
        )
        .only("pk", "name", "text", "submitted_at", "consultation_id")
        .order_by("submitted_at", "pk")
    )


def with_comment_counts(
    consultations: QuerySet[Consultation],
) -> QuerySet[Consultation]:
    """``consultations`` each annotated with ``comments_received``,
    ``comments_published`` and ``comments_adopted`` (adopted in whole or in
    part), in the same query: a list costs no query per row. A comment has at
    most one feedback group, so the join counts each comment once."""
    return consultations.annotate(
        comments_received=Count("comments"),
        comments_published=Count(
            "comments", filter=Q(comments__status=CommentStatus.PUBLISHED)
        ),
        comments_adopted=Count(
            "comments",
            filter=Q(comments__feedback__verdict__in=[Verdict.ADOPTED, Verdict.PARTLY]),
        ),
    )


def comment_counts(consultation: Consultation) -> dict[str, int]:
    """Received, published and adopted (in whole or in part), in one query."""
    found = (
        with_comment_counts(Consultation.objects.filter(pk=consultation.pk))
        .values("comments_received", "comments_published", "comments_adopted")
        .get()
    )
    return {
        "received": found["comments_received"],
        "published": found["comments_published"],
        "adopted": found["comments_adopted"],
    }


def managing_organisations(user) -> QuerySet[Organisation]:
    """The bodies whose consultations ``user`` runs: a publisher's own body, a
    reviewer's reach; every body for a site administrator."""
    if not user.has_perm("disclosure.change_consultation"):
        return Organisation.objects.none()
    return organisations_for(user, roles=MANAGING_ROLES)


def consultations_for(user) -> QuerySet[Consultation]:
    qs = Consultation.objects.select_related("organisation__region")
    if not user.has_perm("disclosure.view_consultation"):
        return qs.none()
    if is_site_admin(user):
        return qs
    return qs.filter(organisation__in=managing_organisations(user))


def comments_for(user) -> QuerySet[ConsultationComment]:
    return ConsultationComment.objects.filter(
        consultation__in=consultations_for(user).values("pk")
    )


def say_organisations(user) -> QuerySet[Organisation]:
    if not user.has_perm("disclosure.view_disclosuresay"):
        return Organisation.objects.none()
    return organisations_for(user, roles=SAY_ROLES)


def say_trends(organisations: QuerySet[Organisation], *, since: dt.date) -> list[dict]:
    """Per body and month: answers, and how many said yes to each question."""
    yes = "yes"
    return list(
        DisclosureSay.objects.filter(
            organisation__in=organisations, answered_on__gte=since
        )
        .annotate(month=TruncMonth("answered_on"))
        .values("organisation__name", "month")
        .annotate(
            answers=Count("pk"),
            timely=Count("pk", filter=Q(timely=yes)),
            complete=Count("pk", filter=Q(complete=yes)),
            convenient=Count("pk", filter=Q(convenient=yes)),
            comments=Count("pk", filter=~Q(comment="")),
        )
        .order_by("organisation__name", "month")
    )
