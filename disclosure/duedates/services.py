"""Recompute provisional due dates when the calendar changes; tell the bodies.

``portal.calendar`` announces each change (``calendar_changed``); ``connect``
(called from ``DisclosureConfig.ready``) makes ``due_dates_recompute`` its
receiver, so the dates move in the calendar write's own transaction. Only
provisional dates are recomputed: a confirmed date was counted on a confirmed
schedule and stays what it was when the information was formed.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audited_save
from portal.calendar.memory import MemoryCalendar
from portal.calendar.signals import CalendarChange, calendar_changed

from ..deadlines import CalendarNotCovered, due_date
from ..models import DueDateMove, DueDateNotice, Publication
from .selectors import may_dismiss


def _receiver(sender, change: CalendarChange, **kwargs):
    due_dates_recompute(change=change)


def connect() -> None:
    calendar_changed.connect(_receiver, dispatch_uid="disclosure-due-dates")


@transaction.atomic
def due_dates_recompute(*, change: CalendarChange) -> list[DueDateNotice]:
    """Recount every provisional due date counted across ``change``'s days.

    A date counted from ``formed_on`` to ``due_on`` depends on every day in
    between, so the rows whose span meets ``change.first … change.last`` are
    recounted, on the calendar as it now stands (read once into memory). Each
    row that changes is saved with history; each body whose dates moved gets one
    notice listing them. Returns the notices.
    """
    rows = list(
        Publication.objects.select_for_update(of=("self",))
        .filter(
            due_on_provisional=True,
            formed_on__lte=change.last,
            due_on__gte=change.first,
        )
        .select_related("item")
        .order_by("pk")
    )
    if not rows:
        return []
    calendar = MemoryCalendar.load(since=min(p.formed_on for p in rows))
    reason = _(
        "Due date recomputed: the working-day calendar of %(year)s changed (%(why)s)."
    ) % {"year": change.year, "why": change.reason}
    moved = defaultdict(list)
    for publication in rows:
        try:
            due = due_date(publication.item, publication.formed_on, calendar=calendar)
        except CalendarNotCovered:
            continue  # beyond the horizon now as before: nothing to recount
        old = publication.due_on
        if (due.day, due.provisional) == (old, publication.due_on_provisional):
            continue
        publication.due_on, publication.due_on_provisional = due.day, due.provisional
        audited_save(
            publication,
            user=change.user,
            reason=reason,
            update_fields=["due_on", "due_on_provisional", "updated_at"],
            validate=False,
        )
        if old != due.day:
            moved[publication.organisation_id].append((publication, old))
    notices = []
    for organisation_id, changes in moved.items():
        notice = DueDateNotice(
            organisation_id=organisation_id,
            change=change.kind,
            year=change.year,
            changed_by=change.user if getattr(change.user, "pk", None) else None,
            reason=change.reason[:300],
        )
        audited_save(notice, user=change.user, reason=reason, validate=False)
        DueDateMove.objects.bulk_create(
            DueDateMove(
                notice=notice,
                publication=publication,
                old_due_on=old,
                new_due_on=publication.due_on,
                provisional=publication.due_on_provisional,
            )
            for publication, old in changes
        )
        notices.append(notice)
    return notices


@transaction.atomic
def notice_dismiss(*, notice: DueDateNotice, user) -> DueDateNotice:
    """Take the notice off the dashboards; who dismissed it stays in its history."""
    current = DueDateNotice.objects.select_for_update().get(pk=notice.pk)
    if not may_dismiss(user, current):
        raise PermissionDenied(_("You may not dismiss this notice."))
    if current.dismissed_at is None:
        current.dismissed_at = timezone.now()
        current.dismissed_by = user
        audited_save(current, user=user, reason=_("Notice dismissed."))
    return current
