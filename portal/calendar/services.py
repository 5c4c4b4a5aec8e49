"""Writes to the working-day calendar: seed, extend, add a year, edit, enter, confirm.

Every day row and year row is written with history (user and reason); the
running ordinal is derived data, recounted in bulk. Every write that can move a
date computed from the calendar announces it (``signals.announce``) inside its
transaction, so what the apps above stored is recomputed in the same one.
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..audit import audited_bulk_create, audited_save
from ..models import CalendarYear, WorkingDay
from .holidays import RULES_IN_FORCE_FROM, RULES_SOURCE, provisional_days
from .signals import CalendarChange, ChangeKind, announce


class CalendarError(Exception):
    """A calendar change that would leave the table inconsistent."""


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
PROVISIONAL_SOURCE = f"{RULES_SOURCE}（暂定：周末及法定节假日，未含调休）"


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


def _write_year(
    year: int,
    rows: list[tuple[date, bool, str]],
    *,
    confirmed: bool,
    source,
    user,
    reason,
) -> CalendarYear:
    _check_contiguous(year)
    audited_bulk_create(
        [WorkingDay(date=d, is_workday=w, note=n, ordinal=0) for d, w, n in rows],
        WorkingDay,
        user=user,
        reason=reason,
    )
    year_row = CalendarYear(year=year, confirmed=confirmed, source=source)
    audited_save(year_row, user=user, reason=reason)
    return year_row


def _package_days(year: int) -> list[tuple[date, bool, str]]:
    import chinese_calendar

    rows = []
    for day in _days_of(year):
        workday = chinese_calendar.is_workday(day)
        on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
        note = ""
        if holiday is not None and on_holiday:
            note = _holiday_name(holiday)
        elif workday and day.weekday() >= 5:
            note = ADJUSTED_WORKDAY_NOTE
        rows.append((day, workday, note))
    return rows


def _provisional_or_weekends(year: int) -> list[tuple[date, bool, str]]:
    if year >= RULES_IN_FORCE_FROM:
        return provisional_days(year)
    # Before the revised rules the calendar is seeded, never computed; a year
    # added by hand there starts with weekends only.
    return [(d, d.weekday() < 5, "") for d in _days_of(year)]


@transaction.atomic
def calendar_seed(*, first_year: int, last_year: int, user=None) -> int:
    """Fill the calendar from the ``chinesecalendar`` package for years it lacks.

    Seeded years are confirmed: the package follows the State Council's
    announcements year by year. A provisional year the package now knows is
    given the package's schedule and confirmed (its dates recomputed and the
    bodies told, as when a person enters it). Returns the number of days written.
    """
    reason = _("Seeded from the chinesecalendar package.")
    source = f"chinesecalendar {_package_version()}"
    years = dict(CalendarYear.objects.values_list("year", "confirmed"))
    written = 0
    for year in range(first_year, last_year + 1):
        if year not in years:
            _write_year(
                year,
                _package_days(year),
                confirmed=True,
                source=source,
                user=user,
                reason=reason,
            )
            written += 366 if _leap(year) else 365
        elif not years[year]:
            rows = _package_days(year)
            written += calendar_enter_schedule(
                year=year,
                rest_days={d: n for d, w, n in rows if not w},
                workdays={d: n for d, w, n in rows if w and d.weekday() >= 5},
                source=source,
                confirm=True,
                user=user,
                reason=reason,
            )
    calendar_recompute_ordinals(from_date=date(first_year, 1, 1))
    return written


def _leap(year: int) -> bool:
    return (date(year, 3, 1) - date(year, 2, 28)).days == 2


def calendar_extend(*, through_year: int, user=None) -> list[int]:
    """Add provisional years after the table's last one, up to ``through_year``.

    Used when a count reaches past the table; callers bound ``through_year``
    (``database.provisional_horizon``). Two requests extending at once would
    insert the same dates: the loser's savepoint rolls back and it reads the
    winner's rows. Returns the years added.
    """
    added = []
    last = CalendarYear.objects.order_by("-year").values_list("year", flat=True).first()
    if last is None:
        return added
    reason = _(
        "Provisional year: weekends and the statutory holidays, computed when a "
        "date first reached it."
    )
    try:
        with transaction.atomic():
            for year in range(last + 1, through_year + 1):
                _write_year(
                    year,
                    _provisional_or_weekends(year),
                    confirmed=False,
                    source=PROVISIONAL_SOURCE,
                    user=user,
                    reason=reason,
                )
                added.append(year)
            if added:
                calendar_recompute_ordinals(from_date=date(added[0], 1, 1))
    except IntegrityError:
        return []
    return added


@transaction.atomic
def calendar_add_year(*, year: int, user=None, source: str = "") -> CalendarYear:
    """Add a year as a provisional one (weekends and statutory holidays), for
    staff to enter the announcement's schedule and confirm."""
    if CalendarYear.objects.filter(year=year).exists():
        raise CalendarError(
            _("The calendar already has the year %(year)s.") % {"year": year}
        )
    year_row = _write_year(
        year,
        _provisional_or_weekends(year),
        confirmed=False,
        source=source or PROVISIONAL_SOURCE,
        user=user,
        reason=_("Year added with weekends and the statutory holidays as rest days."),
    )
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
    moved = row.is_workday != is_workday
    row.is_workday = is_workday
    row.note = note
    reason = reason or _("Calendar day edited.")
    audited_save(row, user=user, reason=reason)
    if moved:
        calendar_recompute_ordinals(from_date=day)
        announce(
            CalendarChange(
                kind=ChangeKind.DAY,
                year=day.year,
                first=day,
                last=day,
                user=user,
                reason=reason,
                confirmed=_is_confirmed(day.year),
            )
        )
    return row


@transaction.atomic
def calendar_enter_schedule(
    *,
    year: int,
    rest_days: dict[date, str],
    workdays: dict[date, str],
    source: str,
    confirm: bool,
    user=None,
    reason: str = "",
) -> int:
    """Set a year's days from an announcement: weekends rest, ``rest_days`` rest,
    ``workdays`` (weekend days worked, 调休) work; then confirm it if asked.

    Dates outside the year are ignored when they already rest (an announcement's
    元旦 may start on 31 December); otherwise refused. Returns the days changed.
    """
    try:
        year_row = CalendarYear.objects.select_for_update().get(year=year)
    except CalendarYear.DoesNotExist:
        raise CalendarError(
            _("The calendar has no year %(year)s; add it first.") % {"year": year}
        ) from None
    rest_days = _check_schedule(year, rest_days, workdays)
    reason = reason or _("Schedule entered from the announcement.")
    changed = 0
    first_changed = None
    rows = WorkingDay.objects.select_for_update().filter(date__year=year)
    for row in rows.order_by("date"):
        if row.date in rest_days:
            wanted = (False, rest_days[row.date])
        elif row.date in workdays:
            wanted = (True, workdays[row.date] or ADJUSTED_WORKDAY_NOTE)
        else:
            wanted = (row.date.weekday() < 5, "")
        if (row.is_workday, row.note) != wanted:
            if row.is_workday != wanted[0] and first_changed is None:
                first_changed = row.date
            row.is_workday, row.note = wanted
            audited_save(row, user=user, reason=reason, validate=False)
            changed += 1
    was_confirmed = year_row.confirmed
    year_row.source = source or year_row.source
    year_row.confirmed = year_row.confirmed or confirm
    audited_save(year_row, user=user, reason=reason)
    if first_changed is not None:
        calendar_recompute_ordinals(from_date=first_changed)
    if first_changed is not None or year_row.confirmed != was_confirmed:
        announce(
            CalendarChange(
                kind=ChangeKind.SCHEDULE,
                year=year,
                first=date(year, 1, 1),
                last=date(year, 12, 31),
                user=user,
                reason=reason,
                confirmed=year_row.confirmed,
            )
        )
    return changed


def _check_schedule(year, rest_days, workdays) -> dict[date, str]:
    """Refuse what cannot be meant; return the rest days that lie in ``year``."""
    both = sorted(set(rest_days) & set(workdays))
    if both:
        raise CalendarError(
            _("%(date)s is listed both as a rest day and as a working day.")
            % {"date": both[0].isoformat()}
        )
    for day in sorted(workdays):
        if day.year != year:
            raise CalendarError(
                _("The adjusted working day %(date)s does not lie in %(year)s.")
                % {"date": day.isoformat(), "year": year}
            )
        if day.weekday() < 5:
            raise CalendarError(
                _(
                    "%(date)s is a weekday; list as adjusted working days only the "
                    "Saturdays and Sundays worked (调休上班)."
                )
                % {"date": day.isoformat()}
            )
    outside = sorted(d for d in rest_days if d.year != year)
    resting = set(
        WorkingDay.objects.filter(date__in=outside, is_workday=False).values_list(
            "date", flat=True
        )
    )
    for day in outside:
        if day not in resting:
            raise CalendarError(
                _(
                    "The rest day %(date)s does not lie in %(year)s; edit it in the "
                    "calendar of %(other)s."
                )
                % {"date": day.isoformat(), "year": year, "other": day.year}
            )
    return {d: note for d, note in rest_days.items() if d.year == year}


def calendar_confirm_year(*, year: CalendarYear, user=None, reason: str = "") -> None:
    """Mark a year's schedule as matching the announcement; its dates stop being
    provisional."""
    if year.confirmed:
        return
    year.confirmed = True
    reason = reason or _("Year confirmed against the announcement.")
    with transaction.atomic():
        audited_save(year, user=user, reason=reason)
        announce(
            CalendarChange(
                kind=ChangeKind.CONFIRMED,
                year=year.year,
                first=date(year.year, 1, 1),
                last=date(year.year, 12, 31),
                user=user,
                reason=reason,
                confirmed=True,
            )
        )


def _is_confirmed(year: int) -> bool:
    return CalendarYear.objects.filter(year=year, confirmed=True).exists()


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


def _holiday_name(holiday) -> str:
    english = getattr(holiday, "value", holiday)
    return HOLIDAY_NAMES.get(english, str(english))


def _package_version() -> str:
    from importlib.metadata import version

    return version("chinesecalendar")
