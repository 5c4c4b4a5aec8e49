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
    """A predicate on organisations ``user`` may reach, or None for all."""
    return scope_q(user, roles=roles, organisation="")


def scope_q(
    user,
    *,
    roles: set[str] | None = None,
    organisation: str = "organisation",
    domain: str | None = None,
    codes: str | None = None,
    rolled_up: bool = False,
) -> Q | None:
    """A predicate on what ``user`` may reach, or None for all: the one scoping rule.

    ``organisation`` is the lookup of the object's organisation ("" for an
    organisation itself); ``domain``, when the object belongs to a domain, the
    lookup of that domain's key (e.g. ``item__catalog__domain__key``).

    Predicate rules on region-code prefixes, not per-object rows: each membership
    reaches its own organisation; a reviewer's or provincial reviewer's also every
    organisation *below* its region (never a sibling body of the same place: the
    county 民政局 does not reach the 人社局). Where the membership's organisation
    is responsible for some domains only, the reach holds in those domains only.

    ``codes`` is the lookup of the region code when the object keeps its own
    (default: its organisation's). ``rolled_up`` says the objects add up bodies
    below a place under that place's code with no organisation (the timeliness
    tallies add up townships and villages per county): those are below it.
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
    own = f"{organisation}__pk" if organisation else "pk"
    if codes is None:
        codes = f"{organisation}__region__code" if organisation else "region__code"
    predicate = Q(pk__in=[])
    for membership in memberships:
        body = membership.organisation
        reach = Q(**{own: body.pk})
        if membership.role in _SUBTREE_ROLES:
            code = body.region.code
            below = ~Q(**{codes: code})
            if rolled_up:
                below |= Q(**{f"{organisation}__isnull": True})
            reach |= Q(**{f"{codes}__startswith": code}) & below
        if domain is not None and body.domains:
            reach &= Q(**{f"{domain}__in": list(body.domains)})
        predicate |= reach
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
