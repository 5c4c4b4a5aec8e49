"""The form a site administrator copies a year's holiday announcement into.

The State Council's announcement (国务院办公厅关于…部分节假日安排的通知) lists, per
holiday, the days off and the weekend days worked instead. The form takes the
same two lists, one line each: a date or a range, and the holiday's name.
"""

import re
import unicodedata
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import WorkingDay

MAX_RANGE_DAYS = 31
_FULL = r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"
_SHORT = r"(?:(\d{4})\s*[-./年]\s*)?(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"
_LINE = re.compile(
    rf"^{_FULL}(?:\s*(?:至|到|~|～|–|—|\.\.|-)\s*{_SHORT})?\s*[，,、:：]?\s*(.*)$"
)
EXAMPLE = "2027-02-06 至 2027-02-13 春节"


def parse_days(text: str, *, label: str) -> dict[date, str]:
    """Each line's date or range of dates, with the line's note; errors name the line."""
    days: dict[date, str] = {}
    errors = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = unicodedata.normalize("NFKC", raw).strip()
        if not line:
            continue
        try:
            first, last, note = _parse_line(line)
        except ValueError as error:
            errors.append(
                ValidationError(
                    gettext("%(field)s, line %(line)s (“%(text)s”): %(problem)s")
                    % {
                        "field": label,
                        "line": number,
                        "text": raw.strip(),
                        "problem": error,
                    }
                )
            )
            continue
        day = first
        while day <= last:
            days[day] = note
            day += timedelta(days=1)
    if errors:
        raise ValidationError(errors)
    return days


def _parse_line(line: str) -> tuple[date, date, str]:
    match = _LINE.match(line)
    if match is None:
        raise ValueError(
            gettext(
                "write a date or a range of dates and the holiday's name, for "
                "example %(example)s."
            )
            % {"example": EXAMPLE}
        )
    y1, m1, d1, y2, m2, d2, note = match.groups()
    first = _date(y1, m1, d1)
    last = _date(y2 or y1, m2, d2) if m2 else first
    if last < first:
        raise ValueError(gettext("the range ends before it starts."))
    if (last - first).days >= MAX_RANGE_DAYS:
        raise ValueError(
            gettext("a range longer than %(days)s days is not a holiday.")
            % {"days": MAX_RANGE_DAYS}
        )
    return first, last, note.strip()[:100]


def _date(year, month, day) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(
            gettext("%(year)s-%(month)s-%(day)s is not a date of the calendar.")
            % {"year": year, "month": month, "day": day}
        ) from None


def _runs(days: list[tuple[date, bool, str]]):
    """Maximal runs of consecutive rest days that hold a holiday (a note or a weekday)."""
    run: list[tuple[date, str]] = []
    for day, workday, note in days + [(None, True, "")]:
        if not workday:
            run.append((day, note))
            continue
        if run and any(n or d.weekday() < 5 for d, n in run):
            name = next((n for _d, n in run if n), "")
            yield run[0][0], run[-1][0], name
        run = []


def schedule_text(days: list[tuple[date, bool, str]]) -> tuple[str, str]:
    """The two lists as the form shows them, from a year's (date, is_workday, note)."""
    rest = []
    for first, last, name in _runs(days):
        span = first.isoformat() if first == last else f"{first} 至 {last}"
        rest.append(f"{span} {name}".strip())
    work = [
        f"{day.isoformat()} {note}".strip()
        for day, workday, note in days
        if workday and day.weekday() >= 5
    ]
    return "\n".join(rest), "\n".join(work)


def year_days(year: int) -> list[tuple[date, bool, str]]:
    return list(
        WorkingDay.objects.filter(date__year=year)
        .order_by("date")
        .values_list("date", "is_workday", "note")
    )


class ScheduleForm(forms.Form):
    source = forms.CharField(
        label=_("Announcement"),
        max_length=200,
        help_text=_(
            "The State Council's notice the schedule follows, with its number, "
            "for example 国办发明电〔2026〕7号."
        ),
    )
    rest_days = forms.CharField(
        label=_("Days off"),
        widget=forms.Textarea(attrs={"rows": 9, "cols": 60}),
        help_text=_(
            "One holiday a line: the first and last day off and the holiday's "
            "name, for example “2027-02-06 至 2027-02-13 春节”. Ordinary weekends "
            "need not be listed."
        ),
    )
    workdays = forms.CharField(
        label=_("Weekend days worked (调休上班)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_(
            "One Saturday or Sunday a line that is a working day, for example "
            "“2027-02-20 春节调休上班”."
        ),
    )
    confirm = forms.BooleanField(
        label=_("Confirm the year: the schedule matches the announcement"),
        required=False,
        initial=True,
    )
    reason = forms.CharField(
        label=_("Reason for change"),
        required=False,
        max_length=200,
        help_text=_("Recorded in the history of every day that changes."),
    )

    def clean_rest_days(self):
        return parse_days(self.cleaned_data["rest_days"], label=gettext("Days off"))

    def clean_workdays(self):
        return parse_days(
            self.cleaned_data.get("workdays", ""),
            label=gettext("Weekend days worked (调休上班)"),
        )
