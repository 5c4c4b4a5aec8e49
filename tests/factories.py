"""Factories for tests: plain functions that build valid objects through the services."""

import itertools
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command

from catalogs.models import Catalog
from portal.models import CalendarYear, Membership, Organisation, Region, RegionLevel
from portal.services import calendar_add_year

_counter = itertools.count(1)


def load_reference_data():
    """The channel vocabulary, domains, 2004–2026 calendar and the four standard catalogs."""
    if not CalendarYear.objects.exists():
        call_command("seed_calendar", verbosity=0)
        _extend_calendar_near_its_end()
    if not Catalog.objects.exists():
        call_command("load_catalogs", verbosity=0)


def _extend_calendar_near_its_end():
    """Tests that use today's date need the calendar to reach a few months ahead.

    When today is within 90 days of the last seeded year's end (the next year's
    holiday schedule is announced around November and reaches the chinesecalendar
    package later), the test database gets the next year with weekends as rest
    days, confirmed. Production never does this: there a person enters the year.
    """
    last = CalendarYear.objects.order_by("-year").values_list("year", flat=True)[0]
    if date.today() + timedelta(days=90) <= date(last, 12, 31):
        return
    year = calendar_add_year(year=last + 1, source="tests: weekends only")
    year.confirmed = True
    year.save()


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
    """The first year the test calendar does not hold (2027 until the calendar grows)."""
    return CalendarYear.objects.order_by("-year").values_list("year", flat=True)[0] + 1
