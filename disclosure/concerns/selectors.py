"""Reads for public concerns: the rows a user reaches, the overdue ones."""

from django.db.models import QuerySet
from django.utils import timezone

from portal.models import Organisation, Role
from portal.selectors import organisations_for

from ..models import Concern
from .clocks import overdue_q

CONCERN_ROLES = {Role.PUBLISHER, Role.REVIEWER}
OVERDUE_SHOWN = 50


def concern_organisations(user) -> QuerySet[Organisation]:
    """The bodies whose concerns ``user`` records and answers."""
    if not user.has_perm("disclosure.add_concern"):
        return Organisation.objects.none()
    return organisations_for(user, roles=CONCERN_ROLES)


def concerns_for(user) -> QuerySet[Concern]:
    qs = Concern.objects.select_related("organisation", "response")
    if not user.has_perm("disclosure.view_concern"):
        return qs.none()
    return qs.filter(organisation__in=concern_organisations(user))


def overdue_concerns(*, organisations, now=None) -> QuerySet[Concern]:
    """Concerns past a deadline in ``organisations``, the longest late first."""
    now = now or timezone.now()
    return (
        Concern.objects.filter(organisation__in=organisations)
        .filter(overdue_q(now))
        .select_related("organisation")
        .order_by("response_due_at", "pk")
    )
