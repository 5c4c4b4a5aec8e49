"""Writes of the annual report: the draft, its edits, publishing and corrections."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audited_save, refuse_stale

from ...models import AnnualReport, AnnualReportVersion
from ...pii import refuse_personal_data
from . import layout
from .checks import check_content
from .figures import entered_value, report_content

FIRST_YEAR = 2008  # 条例 (国务院令第492号) in force from 1 May 2008


def _stale(latest):
    return ValidationError(
        _(
            "Someone else changed this report since you opened it (%(when)s); "
            "open it again and redo your changes."
        )
        % {"when": timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M")}
    )


def annual_report_create(*, organisation, year: int, user) -> AnnualReport:
    """The draft of ``organisation``'s report for ``year``: texts empty, every
    figure counted from the record where the portal can count it."""
    today = timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(
            {
                "year": _(
                    "An annual report is made for a year from %(first)s to this "
                    "year (%(last)s)."
                )
                % {"first": FIRST_YEAR, "last": today.year}
            }
        )
    if AnnualReport.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(
            {"year": _("This body already has an annual report for that year.")}
        )
    report = AnnualReport(organisation=organisation, year=year)
    return audited_save(report, user=user, reason=_("Annual report drafted."))


def annual_report_update(
    *, report: AnnualReport, user, texts: dict, entered: dict, seen_history_id
) -> AnnualReport:
    """Save the texts and the entered figures (cell key → text; a blank cell is
    counted where the portal counts it). Nothing is saved when any is wrong."""
    with transaction.atomic():
        current = AnnualReport.objects.select_for_update().get(pk=report.pk)
        refuse_stale(current, seen_history_id, error=_stale)
        errors = {}
        for name in layout.TEXTS:
            try:
                refuse_personal_data(
                    texts.get(name, ""),
                    field=name,
                    what=AnnualReport._meta.get_field(name).verbose_name,
                )
            except ValidationError as error:
                errors.update(error.update_error_dict({}))
        stored = {}
        for key, text in entered.items():
            if key not in layout.ENTERED_KEYS:
                raise ValueError(f"Not an entered cell: {key}")
            text = (text or "").strip()
            if text == "":
                continue
            value = entered_value(key, text)
            if value is None:
                errors.setdefault(key, []).append(
                    _("%(cell)s: “%(text)s” is not a whole number of 0 or more.")
                    % {"cell": layout.cell_label(key), "text": text}
                    if key not in layout.MONEY_CELLS
                    else _(
                        "%(cell)s: “%(text)s” is not an amount of 0 or more in "
                        "10,000 yuan (up to four decimals)."
                    )
                    % {"cell": layout.cell_label(key), "text": text}
                )
                continue
            stored[key] = value
        if errors:
            raise ValidationError(errors)
        for name in layout.TEXTS:
            setattr(current, name, texts.get(name, ""))
        current.entered = stored
        return audited_save(current, user=user, reason=_("Annual report edited."))


def _changes(before: dict, after: dict) -> list[str]:
    """The texts and cells whose values differ between two contents."""
    changed = [
        name for name in layout.TEXTS if before["texts"][name] != after["texts"][name]
    ]
    changed += [
        key
        for key, cell in after["cells"].items()
        if before["cells"].get(key, {}).get("value") != cell["value"]
    ]
    return changed


def annual_report_publish(*, report: AnnualReport, user, note: str = ""):
    """Publish the report as it reads now: a new version, frozen; refused with
    every failed cross-check when the tables do not balance. A correction
    (every version after the first) says what changed."""
    with transaction.atomic():
        current = AnnualReport.objects.select_for_update().get(pk=report.pk)
        content = report_content(current)
        problems = check_content(content)
        if problems:
            raise ValidationError(problems)
        previous = current.versions.order_by("-number").first()
        note = (note or "").strip()
        refuse_personal_data(note, field="note", what=_("The note of what changed"))
        changes = []
        if previous is not None:
            if not note:
                raise ValidationError(
                    {
                        "note": _(
                            "This report was published before: say what this "
                            "correction changes."
                        )
                    }
                )
            changes = _changes(previous.content, content)
            if not changes:
                raise ValidationError(
                    _(
                        "Nothing changed since version %(number)s was published; "
                        "there is nothing to correct."
                    )
                    % {"number": previous.number}
                )
        version = AnnualReportVersion(
            report=current,
            number=previous.number + 1 if previous else 1,
            content=content,
            note=note,
            changes=changes,
            published_at=timezone.now(),
            published_by=user,
        )
        reason = _("Annual report published.") if previous is None else note
        return audited_save(version, user=user, reason=reason[:100])
