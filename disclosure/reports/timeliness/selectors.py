"""Reads for the timeliness page: who supervises where, what a page covers.

The figures' rows are scoped through ``portal.selectors.scope_q`` with the
supervising roles: a provincial reviewer's or a county reviewer's (the county
head's) reach, in the domains their body is responsible for.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from catalogs.models import Domain
from portal.models import Membership, Organisation, Region, RegionLevel, Role
from portal.selectors import is_site_admin, organisations_for, scope_q

from ..progress import Quarter
from .figures import TOTAL, Figures, Grouping, Scope, timeliness_figures
from .tables import values

SUPERVISING_ROLES = {Role.REVIEWER, Role.PROVINCIAL_REVIEWER}
CHILD_LEVEL = {
    RegionLevel.PROVINCE: RegionLevel.CITY,
    RegionLevel.CITY: RegionLevel.COUNTY,
}


@dataclass(frozen=True)
class Period:
    """A quarter, or a whole year when ``quarter`` is None."""

    year: int
    quarter: int | None = None

    @property
    def start(self) -> date:
        if self.quarter is None:
            return date(self.year, 1, 1)
        return Quarter(self.year, self.quarter).first_day

    @property
    def end(self) -> date:
        if self.quarter is None:
            return date(self.year + 1, 1, 1)
        return Quarter(self.year, self.quarter).next_first_day


@dataclass
class Supervisor:
    """A user's supervising memberships, read once per request."""

    user: object
    admin: bool
    memberships: list

    @classmethod
    def of(cls, user) -> "Supervisor":
        if is_site_admin(user):
            return cls(user, True, [])
        memberships = Membership.objects.filter(
            user=user, role__in=SUPERVISING_ROLES
        ).select_related("organisation__region")
        return cls(user, False, list(memberships))

    def regions(self) -> QuerySet[Region]:
        """The regions a page opens on: where they supervise."""
        if self.admin:
            return Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")
        codes = {m.organisation.region.code for m in self.memberships}
        return Region.objects.filter(code__in=codes).order_by("code")

    def reaches(self, code: str) -> bool:
        """Whether the region (or a body's region) ``code`` lies in their reach."""
        return self.admin or any(
            code.startswith(m.organisation.region.code) for m in self.memberships
        )

    def domains(self) -> QuerySet[Domain]:
        """The domains their figures cover: all, unless every supervising body
        of theirs is responsible for some domains only."""
        domains = Domain.objects.order_by("position", "key")
        keys: set[str] = set()
        for membership in self.memberships:
            if not membership.organisation.domains:
                return domains
            keys.update(membership.organisation.domains)
        return domains if self.admin else domains.filter(key__in=keys)


def _scope(
    user, *, code: str, period: Period, today: date, tallied: bool = False, **where
) -> Scope:
    """The figures' scope: ``user``'s supervising reach inside the region
    ``code`` (or ``where``: the rows' and the items' predicates)."""

    def scoped(extra: Q, **paths) -> Q:
        predicate = scope_q(user, roles=SUPERVISING_ROLES, **paths)
        return extra if predicate is None else predicate & extra

    if tallied:  # the tallies keep the code of the county (or of a body above)
        rows = scoped(
            Q(region_code__startswith=code),
            domain="domain__key",
            codes="region_code",
            rolled_up=True,
        )
    else:  # publications and requests reach their body and domain alike
        rows = scoped(
            where.get("rows", Q(organisation__region__code__startswith=code)),
            domain="item__catalog__domain__key",
        )
    items = scoped(
        where.get("items", Q(catalog__organisation__region__code__startswith=code)),
        organisation="catalog__organisation",
        domain="catalog__domain__key",
    )
    return Scope(
        publications=rows,
        requests=rows,
        items=items,
        start=period.start,
        end=period.end,
        today=today,
        tallied=tallied,
    )


@dataclass
class Row:
    """A row of a table: what it stands for, where it drills down to, its figures."""

    key: object
    label: str
    code: str = ""
    url: str = ""
    figures: Figures | None = None

    @property
    def values(self) -> list:
        return values(self.figures)


@dataclass
class Page:
    """What one page shows: the units below, the domains, the total."""

    units: list[Row]
    domains: list[Row]
    total: Figures
    units_are_bodies: bool


def _fill(rows: list[Row], figures: dict) -> list[Row]:
    for row in rows:
        row.figures = figures.get(row.key) or Figures()
    return rows


def region_page(
    supervisor: Supervisor, region: Region, *, period: Period, today: date
) -> Page:
    """The figures of ``region``: per region one level down (per body from the
    county down), per domain, and in total: four aggregate queries and a few
    lookups (the scope, the rows), whatever the size of the data: above the
    county from the tallies, a county's from its rows (per body)."""
    code, user = region.code, supervisor.user
    child = CHILD_LEVEL.get(region.level)
    # Above the county the figures add up tallies; per body they read rows.
    scope = _scope(user, code=code, period=period, today=today, tallied=bool(child))
    if child is not None:
        children = Region.objects.filter(code__startswith=code, level=child)
        units = [Row(r.code, r.name, code=r.code) for r in children.order_by("code")]
        length = len(units[0].code) if units else len(code) + 2
        unit = Grouping(length=length)
    else:
        bodies = organisations_for(user, roles=SUPERVISING_ROLES).filter(
            region__code__startswith=code
        )
        units = [
            Row(o.pk, o.name, code=o.code)
            for o in bodies.order_by("region__code", "name")
        ]
        unit = Grouping()
    domains = [Row(d.key, d.name) for d in supervisor.domains()]
    figures = timeliness_figures(
        scope, {"unit": unit, "domain": Grouping(by_domain=True), "total": TOTAL}
    )
    return Page(
        units=_fill(units, figures["unit"]),
        domains=_fill(domains, figures["domain"]),
        total=figures["total"].get(None) or Figures(),
        units_are_bodies=child is None,
    )


def body_page(
    supervisor: Supervisor, organisation: Organisation, *, period: Period, today: date
) -> Page:
    """The figures of one body, per domain and in total."""
    scope = _scope(
        supervisor.user,
        code=organisation.region.code,
        period=period,
        today=today,
        rows=Q(organisation=organisation),
        items=Q(catalog__organisation=organisation),
    )
    domains = [Row(d.key, d.name) for d in supervisor.domains()]
    figures = timeliness_figures(
        scope, {"domain": Grouping(by_domain=True), "total": TOTAL}
    )
    return Page(
        units=[],
        domains=_fill(domains, figures["domain"]),
        total=figures["total"].get(None) or Figures(),
        units_are_bodies=True,
    )
