"""The bodies (公开主体) and accounts of synthetic counties, written in bulk.

Per province: its 人社厅 and 民政厅 and a provincial reviewer. Per county: the
人社局 (employment, social insurance) and the 民政局 (social relief, elderly
care), each responsible for those domains (the provincial departments, whose
reviewer accepts every domain's filings, for all), their two catalog editors, a reviewer of each bureau (reaching the bureau and
the county's townships and villages in its domains), and a publisher for both
bureaus. Per township: its government and a publisher who
also publishes for the township's village committees (乡镇代村发布). Accounts
have unusable passwords and keep no history; everything else has one history
row, dated when the synthetic county was set up.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from portal.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Region,
    RegionLevel,
    Role,
)

from .catalogs import DOMAIN_OWNERS
from .names import person_name, seeded
from .regions import CountyLayout, Place
from .rows import History, Table

# The domains of each bureau (by its code's suffix), as in portal/demo.py.
BUREAU_DOMAINS = {
    suffix: [key for key, owner in DOMAIN_OWNERS.items() if owner == suffix]
    for suffix in set(DOMAIN_OWNERS.values())
}
PASSWORD_UNUSABLE = "!seed_scale"  # noqa: S105 - the "!" prefix makes it unusable


def reason() -> str:
    return _("Synthetic data for measuring, written by seed_scale.")


@dataclass
class CountyBodies:
    """A county's bodies and accounts, saved, for its catalogs and publications."""

    layout: CountyLayout
    hrss: Organisation
    mca: Organisation
    townships: list[Organisation] = field(default_factory=list)
    villages: list[Organisation] = field(default_factory=list)
    editor: object = None  # the 人社局 catalog editor
    mca_editor: object = None
    reviewer: object = None  # the 人社局 reviewer
    mca_reviewer: object = None
    publisher: object = None  # publishes for both county bureaus
    township_publishers: dict[str, object] = field(default_factory=dict)

    def publisher_for(self, organisation: Organisation):
        """The account that publishes for a body: a township's also for its villages."""
        code = organisation.region.code
        if len(code) == 6:
            return self.publisher
        return self.township_publishers[code[:9]]

    def reviewer_for(self, owner_id: int) -> object:
        """The reviewer of the bureau (by id) that keeps a catalog: its domain's."""
        return self.mca_reviewer if owner_id == self.mca.pk else self.reviewer


class RegionWriter:
    """Writes the regions, bodies and accounts of successive chunks of counties.

    Provinces and cities are written with the first county in them; each call
    costs a fixed number of statements, whatever the number of counties.
    """

    def __init__(self, *, seed: int, when: datetime):
        self.seed = seed
        self.when = when
        self.above: dict[str, Region] = {}  # provinces and cities written so far
        self.tables = {
            "regions": Table(Region),
            "organisations": Table(Organisation),
            "users": Table(get_user_model()),
            "memberships": Table(Membership),
        }
        self.history = 0

    @property
    def counts(self) -> dict[str, int]:
        return {name: table.written for name, table in self.tables.items()}

    def write(self, layouts: list[CountyLayout]) -> list[CountyBodies]:
        created: list[Region] = []
        regions: dict[str, Region] = {}

        def add(place: Place, level: str, parent: Region | None) -> Region:
            region = Region(code=place.code, name=place.name, level=level)
            region.parent = parent
            created.append(region)
            regions[place.code] = region
            return region

        for layout in layouts:
            for place, level in (
                (layout.province, RegionLevel.PROVINCE),
                (layout.city, RegionLevel.CITY),
            ):
                if place.code not in self.above:
                    parent = (
                        self.above.get(place.code[:2]) if len(place.code) > 2 else None
                    )
                    self.above[place.code] = add(place, level, parent)
            county = add(
                layout.county, RegionLevel.COUNTY, self.above[layout.city.code]
            )
            for township in layout.county.children:
                t_region = add(township, RegionLevel.TOWNSHIP, county)
                for village in township.children:
                    add(village, RegionLevel.VILLAGE, t_region)
        self._save("regions", created)
        provinces = [r for r in created if r.level == RegionLevel.PROVINCE]
        return self._bodies(layouts, regions, provinces)

    def _save(self, name: str, objs: list) -> None:
        self.tables[name].save(objs)
        if name == "users":
            return  # accounts keep no history
        history = History(self.tables[name].model)
        why = reason()
        for obj in objs:
            history.add_object(
                obj, when=self.when, user_id=None, reason=why, created=True
            )
        self.history += history.write()

    def _bodies(self, layouts, regions, provinces) -> list[CountyBodies]:
        orgs: list[Organisation] = []
        accounts: list = []
        memberships: list[tuple[object, Organisation, str]] = []

        def body(region: Region, suffix: str, name: str, kind: str) -> Organisation:
            org = Organisation(
                code=f"{region.code}-{suffix}",
                name=name,
                kind=kind,
                region=region,
                domains=BUREAU_DOMAINS.get(suffix, [])
                if kind == OrganisationKind.COUNTY_BUREAU
                else [],
            )
            orgs.append(org)
            return org

        def account(username: str, rng: random.Random, *roles) -> object:
            full = person_name(rng)
            user = get_user_model()(
                username=username,
                password=PASSWORD_UNUSABLE,
                first_name=full[1:],
                last_name=full[0],
                is_staff=True,
                date_joined=self.when,
            )
            accounts.append(user)
            memberships.extend((user, org, role) for org, role in roles)
            return user

        for region in provinces:
            rng = seeded(self.seed, region.code, "accounts")
            body(
                region,
                "mca",
                f"{region.name}民政厅",
                OrganisationKind.PROVINCIAL_DEPARTMENT,
            )
            hrss = body(
                region,
                "hrss",
                f"{region.name}人力资源和社会保障厅",
                OrganisationKind.PROVINCIAL_DEPARTMENT,
            )
            account(
                f"s{region.code}-province-reviewer",
                rng,
                (hrss, Role.PROVINCIAL_REVIEWER),
            )
        result = []
        for layout in layouts:
            county = regions[layout.county.code]
            name = county.name
            rng = seeded(self.seed, county.code, "accounts")
            bodies = CountyBodies(
                layout,
                hrss=body(
                    county,
                    "hrss",
                    f"{name}人力资源和社会保障局",
                    OrganisationKind.COUNTY_BUREAU,
                ),
                mca=body(
                    county, "mca", f"{name}民政局", OrganisationKind.COUNTY_BUREAU
                ),
            )
            code = county.code
            bodies.editor = account(f"s{code}-editor", rng, (bodies.hrss, Role.EDITOR))
            bodies.mca_editor = account(
                f"s{code}-mca-editor", rng, (bodies.mca, Role.EDITOR)
            )
            bodies.reviewer = account(
                f"s{code}-reviewer", rng, (bodies.hrss, Role.REVIEWER)
            )
            bodies.publisher = account(
                f"s{code}-publisher",
                rng,
                (bodies.hrss, Role.PUBLISHER),
                (bodies.mca, Role.PUBLISHER),
            )
            for township in layout.county.children:
                t_region = regions[township.code]
                government = "办事处" if township.name.endswith("街道") else "人民政府"
                t_org = body(
                    t_region,
                    "gov",
                    f"{name}{township.name}{government}",
                    OrganisationKind.TOWNSHIP_GOVERNMENT,
                )
                bodies.townships.append(t_org)
                roles = [(t_org, Role.PUBLISHER)]
                for village in township.children:
                    committee = (
                        "居民委员会" if village.name.endswith("社区") else "村民委员会"
                    )
                    v_org = body(
                        regions[village.code],
                        "vc",
                        f"{township.name}{village.name}{committee}",
                        OrganisationKind.VILLAGE_COMMITTEE,
                    )
                    bodies.villages.append(v_org)
                    # Township staff publish for the villages (乡镇代村发布).
                    roles.append((v_org, Role.PUBLISHER))
                bodies.township_publishers[township.code] = account(
                    f"s{township.code}-publisher", rng, *roles
                )
            # Last, so that the names drawn for the other accounts stay the same.
            bodies.mca_reviewer = account(
                f"s{code}-mca-reviewer", rng, (bodies.mca, Role.REVIEWER)
            )
            result.append(bodies)
        self._save("organisations", orgs)
        self._save("users", accounts)
        self._save(
            "memberships",
            [
                Membership(user=user, organisation=org, role=role)
                for user, org, role in memberships
            ],
        )
        return result
