"""Reads for the due-date notices: what a dashboard shows, who may dismiss."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from ..models import DueDateMove, DueDateNotice, Publication, PublicationStatus
from ..selectors import (
    UNPUBLISHED,
    publishing_organisations,
    reviewing_organisations,
)

NOTICES_SHOWN = 20


def open_notices(*, organisations) -> QuerySet[DueDateNotice]:
    """Undismissed notices of ``organisations``, newest first, with their moves."""
    return (
        DueDateNotice.objects.filter(
            organisation__in=organisations, dismissed_at__isnull=True
        )
        .select_related("organisation", "changed_by")
        .prefetch_related(
            Prefetch(
                "moves",
                queryset=DueDateMove.objects.select_related("publication"),
            )
        )
    )


def may_dismiss(user, notice: DueDateNotice) -> bool:
    """The body's publishers and the reviewers whose reach covers it."""
    if not user.has_perm("disclosure.change_publication"):
        return False
    reach = publishing_organisations(user) | reviewing_organisations(user)
    return reach.filter(pk=notice.organisation_id).exists()


def dismissable_notices(user, notices) -> set[int]:
    """The ids of ``notices`` that ``user`` may dismiss, in one query."""
    if not notices or not user.has_perm("disclosure.change_publication"):
        return set()
    reach = publishing_organisations(user) | reviewing_organisations(user)
    allowed = set(
        reach.filter(pk__in={n.organisation_id for n in notices}).values_list(
            "pk", flat=True
        )
    )
    return {n.pk for n in notices if n.organisation_id in allowed}


def row_activity(items: QuerySet) -> QuerySet:
    """Catalog rows annotated with ``last_published_at`` and ``has_overdue``.

    Registered with ``catalogs.activity`` (which may not import this app). A row
    is its ``lineage`` within the catalog's key, so publications under earlier
    versions of the row count; a withdrawn publication does not. Both are correlated subqueries: the items stay
    one SQL query. Overdue: still a draft or in review past its due date (local
    day)."""
    under_row = Publication.objects.filter(
        item__lineage=OuterRef("lineage"), item__catalog__key=OuterRef("catalog__key")
    )
    last = (
        under_row.filter(status=PublicationStatus.PUBLISHED)
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    overdue = under_row.filter(status__in=UNPUBLISHED, due_on__lt=timezone.localdate())
    return items.annotate(last_published_at=Subquery(last), has_overdue=Exists(overdue))
