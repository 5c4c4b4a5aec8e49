"""Reads for the ground layer; every scoped queryset starts from ``organisations_for``."""

from django.db.models import Q, QuerySet

from .models import Membership, Organisation, Region, Role

# Roles whose reach covers every organisation below their own region.
_SUBTREE_ROLES = {Role.REVIEWER, Role.PROVINCIAL_REVIEWER}


def is_site_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Role.SITE_ADMIN).exists()


def region_scope(user, *, roles: set[str] | None = None) -> Q | None:
    """A predicate on ``region__code`` for what ``user`` may reach, or None for all.

    Predicate rules on region-code prefixes, not per-object rows: a reviewer's or
    provincial reviewer's reach is every organisation whose region code starts
    with their organisation's region code; other roles reach their own organisation.
    """
    if is_site_admin(user):
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    memberships = Membership.objects.filter(user=user).select_related(
        "organisation__region"
    )
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    predicate = Q(pk__in=[])
    for membership in memberships:
        if membership.role in _SUBTREE_ROLES:
            code = membership.organisation.region.code
            predicate |= Q(region__code__startswith=code)
        else:
            predicate |= Q(pk=membership.organisation_id)
    return predicate


def organisations_for(user, *, roles: set[str] | None = None) -> QuerySet[Organisation]:
    """Every organisation ``user`` may act for or read, through their memberships."""
    predicate = region_scope(user, roles=roles)
    qs = Organisation.objects.select_related("region")
    return qs if predicate is None else qs.filter(predicate)


def region_descendants(
    region: Region, *, include_self: bool = True
) -> QuerySet[Region]:
    qs = Region.objects.filter(code__startswith=region.code)
    return qs if include_self else qs.exclude(pk=region.pk)
