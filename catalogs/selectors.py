"""Reads for catalogs: vocabularies, catalog summaries, item trees."""

from django.db.models import Count, Prefetch, Q, QuerySet

from portal.models import CODE_LENGTHS, Membership, Organisation, RegionLevel, Role
from portal.selectors import is_site_admin, organisations_for, scope_q

from .activity import with_row_activity
from .models import Catalog, CatalogKind, CatalogStatus, Item

_COUNTY_CODE_LENGTH = CODE_LENGTHS[RegionLevel.COUNTY]
CATALOG_DOMAIN = "domain__key"  # where scope_q reads a catalog's domain


def catalogs_with_counts(qs: QuerySet[Catalog] | None = None) -> QuerySet[Catalog]:
    """Catalogs annotated with the number of first- and second-level items present."""
    qs = Catalog.objects.all() if qs is None else qs
    return qs.select_related("domain", "organisation", "derived_from").annotate(
        present_level1=Count("items", filter=Q(items__level=1), distinct=True),
        present_level2=Count("items", filter=Q(items__level=2), distinct=True),
        present_level3=Count("items", filter=Q(items__level=3), distinct=True),
    )


def standard_catalogs() -> QuerySet[Catalog]:
    return catalogs_with_counts(Catalog.objects.filter(kind=CatalogKind.STANDARD))


def catalog_item_tree(catalog: Catalog, *, activity: bool = False) -> list[Item]:
    """First-level items with ``children`` (and their children) prefetched, in order.

    With ``activity`` each item also carries ``last_published_at`` and
    ``has_overdue`` (``catalogs.activity``), in the same query."""
    qs = Item.objects.filter(catalog=catalog)
    if activity:
        qs = with_row_activity(qs)
    items = list(qs.prefetch_related(Prefetch("bases")).order_by("position"))
    by_parent: dict[int | None, list[Item]] = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    for item in items:
        item.tree_children = by_parent.get(item.pk, [])
    return by_parent.get(None, [])


def standard_in_force(key: str) -> Catalog | None:
    """The latest in-force version of the standard catalog ``key``."""
    return (
        Catalog.objects.filter(
            key=key, kind=CatalogKind.STANDARD, status=CatalogStatus.IN_FORCE
        )
        .select_related("domain")
        .order_by("-version")
        .first()
    )


def local_catalog_latest(*, organisation, domain) -> Catalog | None:
    """The newest version of ``organisation``'s local catalog for ``domain``."""
    return (
        Catalog.objects.filter(
            kind=CatalogKind.LOCAL, organisation=organisation, domain=domain
        )
        .select_related("domain", "organisation", "derived_from")
        .order_by("-version")
        .first()
    )


def catalogs_visible_to(user, *, for_editing: bool = False) -> QuerySet[Catalog]:
    """The catalogs ``user`` may read, or with ``for_editing`` may change.

    The one scoping rule for catalogs, used by every admin list, form choice,
    autocomplete, custom view and history page. Standard catalogs are read by
    all and changed by site administrators. Local catalogs are changed by the
    owner's editors and read by everyone reaching the owner through
    ``portal.selectors.scope_q`` (a reviewer's or provincial reviewer's region
    below them), each in the domains of their organisation, and by township and
    village staff of the owner's county.
    """
    if is_site_admin(user):
        return Catalog.objects.all()
    if for_editing:
        editors = scope_q(user, roles={Role.EDITOR}, domain=CATALOG_DOMAIN)
        return Catalog.objects.filter(editors, kind=CatalogKind.LOCAL)
    owners = scope_q(user, domain=CATALOG_DOMAIN)
    counties = _counties_read_from_below(user)
    if counties:
        owners |= Q(organisation__region__code__in=counties)
    return Catalog.objects.filter(
        (Q(kind=CatalogKind.LOCAL) & owners) | Q(kind=CatalogKind.STANDARD)
    )


def _counties_read_from_below(user) -> set[str]:
    """County codes of the user's township and village organisations."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    codes = Membership.objects.filter(user=user).values_list(
        "organisation__region__code", flat=True
    )
    return {
        code[:_COUNTY_CODE_LENGTH] for code in codes if len(code) > _COUNTY_CODE_LENGTH
    }


def organisations_editing_catalogs(user) -> QuerySet[Organisation]:
    """The organisations ``user`` may derive local catalogs for."""
    if is_site_admin(user):
        return Organisation.objects.select_related("region").filter(
            region__level=RegionLevel.COUNTY
        )
    return organisations_for(user, roles={Role.EDITOR})


def derivable_standards(user) -> QuerySet[Catalog]:
    """The standards in force ``user`` may derive from: in the domains of the
    organisations they edit for (all for a body responsible for every domain)."""
    qs = Catalog.objects.filter(
        kind=CatalogKind.STANDARD, status=CatalogStatus.IN_FORCE
    ).select_related("domain")
    if is_site_admin(user):
        return qs
    domains: set[str] = set()
    for organisation in organisations_editing_catalogs(user):
        if not organisation.domains:
            return qs
        domains |= set(organisation.domains)
    return qs.filter(domain__key__in=domains)


def public_catalogs() -> QuerySet[Catalog]:
    """Catalogs anyone may read (the rule: ``models.public_catalog_q``)."""
    return Catalog.objects.public()


def catalog_version(catalog: Catalog, version) -> Catalog | None:
    """Another version of ``catalog`` (same key), or None when there is no such one."""
    try:
        number = int(version)
    except (TypeError, ValueError):
        return None
    return Catalog.objects.filter(key=catalog.key, version=number).first()


def items_visible_to(user, *, for_editing: bool = False) -> QuerySet[Item]:
    return Item.objects.filter(
        catalog__in=catalogs_visible_to(user, for_editing=for_editing)
    )
