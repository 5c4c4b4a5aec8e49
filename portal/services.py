"""Writes for the ground layer: the working-day calendar and tenancy."""

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, update_change_reason

from .audit import audited_save
from .models import CalendarYear, WorkingDay


class CalendarError(Exception):
    """A calendar change that would leave the table inconsistent."""


def _days_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def calendar_recompute_ordinals(*, from_date: date | None = None) -> int:
    """Recount the running workday ordinal from ``from_date`` to the end of the table.

    The ordinal is derived data, excluded from history, so it is written with
    bulk_update; every decision that changes it (is_workday) is in history.
    """
    qs = WorkingDay.objects.order_by("date")
    before = 0
    if from_date is not None:
        previous = (
            WorkingDay.objects.filter(date__lt=from_date).order_by("-date").first()
        )
        before = previous.ordinal if previous else 0
        qs = qs.filter(date__gte=from_date)
    changed = []
    running = before
    for row in qs.only("id", "date", "is_workday", "ordinal").iterator(chunk_size=2000):
        running += 1 if row.is_workday else 0
        if row.ordinal != running:
            row.ordinal = running
            changed.append(row)
    WorkingDay.objects.bulk_update(changed, ["ordinal"], batch_size=1000)
    return len(changed)


@transaction.atomic
def calendar_seed(*, first_year: int, last_year: int, user=None) -> int:
    """Fill the calendar from the ``chinesecalendar`` package, years that are missing.

    Returns the number of days created. Seeded years are confirmed: the package
    follows the State Council's announcements year by year.
    """
    import chinese_calendar

    existing = set(CalendarYear.objects.values_list("year", flat=True))
    created = 0
    for year in range(first_year, last_year + 1):
        if year in existing:
            continue
        _check_contiguous(year)
        rows = []
        for day in _days_of(year):
            workday = chinese_calendar.is_workday(day)
            on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
            note = ""
            if holiday is not None and on_holiday:
                note = _holiday_name(holiday)
            elif workday and day.weekday() >= 5:
                note = ADJUSTED_WORKDAY_NOTE
            rows.append(WorkingDay(date=day, is_workday=workday, note=note, ordinal=0))
        bulk_create_with_history(
            rows,
            WorkingDay,
            batch_size=500,
            default_user=user,
            default_change_reason=_("Seeded from the chinesecalendar package."),
        )
        year_row = CalendarYear(
            year=year, confirmed=True, source=f"chinesecalendar {_package_version()}"
        )
        year_row.full_clean()
        year_row.save()
        update_change_reason(year_row, _("Seeded from the chinesecalendar package."))
        created += len(rows)
    calendar_recompute_ordinals(from_date=date(first_year, 1, 1))
    return created


@transaction.atomic
def calendar_add_year(*, year: int, user=None, source: str = "") -> CalendarYear:
    """Add a year as weekdays-work, weekends-rest, unconfirmed, for staff to edit."""
    if CalendarYear.objects.filter(year=year).exists():
        raise CalendarError(
            _("The calendar already has the year %(year)s.") % {"year": year}
        )
    _check_contiguous(year)
    rows = [
        WorkingDay(date=d, is_workday=d.weekday() < 5, note="", ordinal=0)
        for d in _days_of(year)
    ]
    bulk_create_with_history(
        rows,
        WorkingDay,
        batch_size=500,
        default_user=user,
        default_change_reason=_("Year added with weekends as rest days."),
    )
    year_row = CalendarYear(year=year, confirmed=False, source=source)
    year_row.full_clean()
    year_row.save()
    calendar_recompute_ordinals(from_date=date(year, 1, 1))
    return year_row


@transaction.atomic
def calendar_set_day(
    *, day: date, is_workday: bool, note: str = "", user=None, reason: str = ""
) -> WorkingDay:
    """Mark one date as a working day or a rest day and recount the ordinals after it."""
    try:
        row = WorkingDay.objects.select_for_update().get(date=day)
    except WorkingDay.DoesNotExist:
        raise CalendarError(
            _("The calendar has no row for %(date)s; add its year first.")
            % {"date": day.isoformat()}
        ) from None
    row.is_workday = is_workday
    row.note = note
    audited_save(row, user=user, reason=reason or _("Calendar day edited."))
    calendar_recompute_ordinals(from_date=day)
    return row


def calendar_confirm_year(*, year: CalendarYear, user=None, reason: str = "") -> None:
    year.confirmed = True
    audited_save(
        year, user=user, reason=reason or _("Year confirmed against the announcement.")
    )


def _check_contiguous(year: int) -> None:
    years = list(CalendarYear.objects.values_list("year", flat=True))
    if (
        years
        and year not in years
        and year != max(years) + 1
        and year != min(years) - 1
    ):
        raise CalendarError(
            _(
                "The calendar must stay without gaps: it covers %(first)s to %(last)s, "
                "so the next year to add is %(next)s."
            )
            % {"first": min(years), "last": max(years), "next": max(years) + 1}
        )


# Calendar notes are data in the official language, like region names.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
ADJUSTED_WORKDAY_NOTE = "调休上班"


def _holiday_name(holiday) -> str:
    english = getattr(holiday, "value", holiday)
    return HOLIDAY_NAMES.get(english, str(english))


def _package_version() -> str:
    from importlib.metadata import version

    return version("chinesecalendar")
