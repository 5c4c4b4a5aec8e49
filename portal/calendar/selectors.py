"""Reads of the working-day calendar: the next year to add, the years needing attention."""

from datetime import date

from django.db.models import Max
from django.urls import reverse

from ..models import CalendarYear
from .holidays import RULES_IN_FORCE_FROM

# The State Council announces next year's schedule around November; from this
# day on the site administrator is reminded while it is not entered.
REMINDER_FROM = (11, 1)


def calendar_next_year() -> int:
    """The year the calendar can be extended with: the one after its last year."""
    last = CalendarYear.objects.aggregate(last=Max("year"))["last"]
    return (last or date.today().year) + 1


def years_to_confirm(today: date) -> list[CalendarYear | int]:
    """The years whose schedule should be entered and confirmed now.

    This year, if it is not confirmed; from 1 November also next year. A year
    the table does not hold yet is given as its number.
    """
    wanted = [today.year]
    if (today.month, today.day) >= REMINDER_FROM:
        wanted.append(today.year + 1)
    rows = {y.year: y for y in CalendarYear.objects.filter(year__in=wanted)}
    return [
        rows.get(year, year)
        for year in wanted
        if year not in rows or not rows[year].confirmed
    ]


def may_edit_calendar(user) -> bool:
    """Whether ``user`` enters and confirms years (the site administrator)."""
    return user.has_perm("portal.change_calendaryear") and user.has_perm(
        "portal.change_workingday"
    )


def calendar_reminders(user, today: date) -> list[dict]:
    """The years to enter and confirm now, each with the page to do it on for
    those who may (``url``, else None); shown on the calendar's admin pages and
    on the staff dashboard."""
    editor = may_edit_calendar(user)
    reminders = []
    for year in years_to_confirm(today):
        number = getattr(year, "year", year)
        url = None
        if editor and number >= RULES_IN_FORCE_FROM:
            url = reverse("admin:portal_calendaryear_schedule", args=[number])
        reminders.append({"year": number, "url": url})
    return reminders
