"""Drafts follow their row into the catalog version put in force.

``catalogs.local.lifecycle`` announces a version put in force
(``version_put_in_force``) instead of importing this app; ``connect`` (called
from ``DisclosureConfig.ready``) makes ``drafts_follow_rows`` its receiver, so
the move happens in the activation's own transaction.

What is published stays under the item it was published under and is read
across versions by ``Item.lineage``. What is not public yet (a draft, or a
publication in review) would be stranded under a superseded item, which nobody
may publish under: it moves to the same row (same lineage) of the new version.
A due date not yet reached is recounted from the new row's time limit; one
already passed stays as it was (the publication is late by the rule it was
formed under). Every move is saved with history saying from where and what
the due date was, in one bulk write (what is not public has no public data
to refresh); the timeliness tallies of the days left and reached are
recounted after it.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogs.local.lifecycle import version_put_in_force
from catalogs.models import Catalog, CatalogKind, Item
from portal.audit import audited_bulk_update
from portal.calendar.memory import MemoryCalendar

from ..deadlines import CalendarNotCovered, due_date
from ..models import Publication, PublicationStatus
from ..reports.timeliness import tallies

# Not public yet: under a superseded item these could never be published.
NOT_YET_PUBLIC = (PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW)
MOVED_FIELDS = ["item", "updated_at", "due_on", "due_on_provisional"]


def _receiver(sender, catalog, superseded, user=None, reason="", **kwargs):
    drafts_follow_rows(catalog=catalog, superseded=superseded, user=user)


def connect() -> None:
    version_put_in_force.connect(_receiver, dispatch_uid="disclosure-drafts-follow")


@transaction.atomic
def drafts_follow_rows(
    *, catalog: Catalog, superseded: list[Catalog], user=None, today=None
) -> list[Publication]:
    """Move the not-yet-public publications under ``superseded`` versions to the
    row of the same lineage in ``catalog``; recount the due dates not yet
    reached. A row the new version omits or no longer has keeps its drafts
    where they are (the edit form offers them the rows in force). Returns the
    publications moved. Queries do not grow with the number of rows."""
    if catalog.kind != CatalogKind.LOCAL or not superseded:
        return []
    rows = list(
        Publication.objects.select_for_update(of=("self",))
        .filter(item__catalog__in=superseded, status__in=NOT_YET_PUBLIC)
        .select_related("item__catalog")
        .order_by("pk")
    )
    if not rows:
        return []
    successors = {
        item.lineage: item
        for item in Item.objects.filter(
            catalog=catalog,
            omitted=False,
            lineage__in={p.item.lineage for p in rows},
        )
    }
    before = tallies.stored_publications([p.pk for p in rows])
    today = today or timezone.localdate()
    calendar = MemoryCalendar.load(since=min(p.formed_on for p in rows))
    now = timezone.now()
    moved = []
    for publication in rows:
        new = successors.get(publication.item.lineage)
        if new is None:
            continue
        old_item, old_due = publication.item, publication.due_on
        publication.item = new
        publication.updated_at = now  # auto_now is not applied by a bulk update
        recounted = ""
        if old_due >= today:
            try:
                due = due_date(new, publication.formed_on, calendar=calendar)
            except CalendarNotCovered:
                due = None  # beyond the calendar's horizon: the date stays
            if due is not None and (due.day, due.provisional) != (
                old_due,
                publication.due_on_provisional,
            ):
                publication.due_on = due.day
                publication.due_on_provisional = due.provisional
                recounted = _(
                    " Due date recounted from the row's time limit there: "
                    "%(old)s → %(new)s."
                ) % {"old": old_due.isoformat(), "new": due.day.isoformat()}
        reason = _(
            "Moved with its row “%(item)s” from version %(old)s to version "
            "%(new)s of the catalog, which was put in force.%(recounted)s"
        ) % {
            "item": new,
            "old": old_item.catalog.version,
            "new": catalog.version,
            "recounted": recounted,
        }
        moved.append((publication, reason))
    # Not public before or after the move: nothing public to refresh, so one
    # bulk update and one bulk history insert instead of a save per draft.
    audited_bulk_update(moved, Publication, fields=MOVED_FIELDS, user=user)
    # A bulk update sends no signal: the timeliness tallies are recounted here.
    tallies.publications_moved([p.pk for p, _reason in moved], before)
    return [publication for publication, _reason in moved]
