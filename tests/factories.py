"""Factories for tests: plain functions that build valid objects through the services."""

import itertools

from django.contrib.auth import get_user_model
from django.core.management import call_command

from catalogs.models import Catalog
from portal.calendar.database import provisional_horizon
from portal.models import CalendarYear, Membership, Organisation, Region, RegionLevel

_counter = itertools.count(1)


def load_reference_data():
    """The channel vocabulary, domains, the calendar and the four standard catalogs.

    The calendar is what ``seed_calendar`` writes: 2004–2026 confirmed from the
    chinesecalendar package, then next year provisional; counts that reach
    further extend it provisionally up to the horizon, as in production.
    """
    if not CalendarYear.objects.exists():
        call_command("seed_calendar", verbosity=0)
    if not Catalog.objects.exists():
        call_command("load_catalogs", verbosity=0)


def region(code: str, name: str | None = None) -> Region:
    levels = {
        2: RegionLevel.PROVINCE,
        4: RegionLevel.CITY,
        6: RegionLevel.COUNTY,
        9: RegionLevel.TOWNSHIP,
        12: RegionLevel.VILLAGE,
    }
    parent = None
    for length in (2, 4, 6, 9):
        if length < len(code):
            parent = Region.objects.get_or_create(
                code=code[:length],
                defaults={
                    "name": f"区划{code[:length]}",
                    "level": levels[length],
                    "parent": parent,
                },
            )[0]
    return Region.objects.get_or_create(
        code=code,
        defaults={
            "name": name or f"区划{code}",
            "level": levels[len(code)],
            "parent": parent,
        },
    )[0]


def organisation(
    region_code: str = "410225", *, kind: str = "county_bureau", name: str | None = None
) -> Organisation:
    n = next(_counter)
    return Organisation.objects.create(
        code=f"org-{region_code}-{n}",
        name=name or f"机构{n}",
        kind=kind,
        region=region(region_code),
    )


def user(
    username: str | None = None, *, organisation=None, role: str | None = None, **extra
):
    username = username or f"user{next(_counter)}"
    account = get_user_model().objects.create_user(
        username=username, password="Correct-Horse-42", **extra
    )  # noqa: S106
    if organisation is not None and role is not None:
        Membership.objects.create(user=account, organisation=organisation, role=role)
    return account


def demo_accounts() -> dict:
    return {u.username: u for u in get_user_model().objects.all()}


def first_unknown_year() -> int:
    """The first year the calendar never computes: the one after its provisional
    horizon (today's year + 2) or after its last year, whichever is later."""
    last = CalendarYear.objects.order_by("-year").values_list("year", flat=True)[0]
    return max(last, provisional_horizon().year) + 1
