"""The one writer of correction log entries, called by every service that takes
public content down or changes it after publication."""

from django.utils import timezone

from ..models import CorrectionEntry, Publication
from ..pii import mask_personal_data


def was_public(publication: Publication) -> bool:
    """Whether the public could see ``publication`` (read before the change)."""
    return Publication.objects.public().filter(pk=publication.pk).exists()


def correction_log_record(
    *,
    publication: Publication,
    kind: str,
    reason: str,
    what: str = "",
    replacement: Publication | None = None,
    at=None,
) -> CorrectionEntry:
    """Write the public entry: what, when, which body, why — never the removed
    content. The title is the one after the change, masked; a replacement is kept
    only when the public may see it."""
    if replacement is not None and not was_public(replacement):
        replacement = None
    entry = CorrectionEntry(
        kind=kind,
        publication=publication,
        organisation_id=publication.organisation_id,
        county_code=publication.organisation.region.code[:6],
        title=mask_personal_data(publication.title)[:300],
        what=mask_personal_data(what)[:300],
        reason=mask_personal_data(reason),
        replacement=replacement,
        happened_at=at or timezone.now(),
    )
    entry.full_clean()
    entry.save()
    return entry
