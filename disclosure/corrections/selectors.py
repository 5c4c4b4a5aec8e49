"""Reads of the public correction log."""

from django.db.models import QuerySet

from ..models import CorrectionEntry, CorrectionKind
from ..public.rules import public_publications


def county_log(county: str) -> QuerySet[CorrectionEntry]:
    """A county's entries, newest first (its townships' and villages' included)."""
    return (
        CorrectionEntry.objects.filter(county_code=county)
        .select_related("organisation")
        .order_by("-happened_at", "-pk")
    )


def with_public_replacements(entries) -> list[CorrectionEntry]:
    """``entries`` with ``public_replacement`` set where the replacement is public
    now, and ``still_public`` where the publication itself is (one query)."""
    entries = list(entries)
    wanted = {e.replacement_id for e in entries if e.replacement_id}
    wanted |= {e.publication_id for e in entries}
    public = set(
        public_publications().filter(pk__in=wanted).values_list("pk", flat=True)
    )
    for entry in entries:
        entry.public_replacement = (
            entry.replacement_id if entry.replacement_id in public else None
        )
        entry.still_public = entry.publication_id in public
    return entries


def tombstone(pk: int) -> CorrectionEntry | None:
    """The withdrawal entry of a publication that was public, if it was withdrawn."""
    entry = (
        CorrectionEntry.objects.filter(
            publication_id=pk, kind=CorrectionKind.WITHDRAWAL
        )
        .select_related("organisation__region")
        .order_by("-happened_at", "-pk")
        .first()
    )
    if entry is None or public_publications().filter(pk=pk).exists():
        return None
    return with_public_replacements([entry])[0]


def withdrawal_county(pk: int) -> str | None:
    """The county of a publication with a withdrawal entry (for its tombstone)."""
    return (
        CorrectionEntry.objects.filter(
            publication_id=pk, kind=CorrectionKind.WITHDRAWAL
        )
        .values_list("county_code", flat=True)
        .first()
    )
