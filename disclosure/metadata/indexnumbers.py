"""The index number (索引号): the body's code, the year and a serial number.

Given once, when a publication is first published, and never changed: a
withdrawn or abolished document keeps it. The serial runs per body and year,
counted under a lock on the body's row so two publishers cannot take the
same one; the database's unique constraint is the last word.
"""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from portal.audit import audited_bulk_update
from portal.models import Organisation

from ..models import Publication

SERIAL_DIGITS = 5


def index_number_format(*, code: str, year: int, serial: int) -> str:
    return f"{code}/{year}-{serial:0{SERIAL_DIGITS}d}"


def index_number_prefix(*, code: str, year: int) -> str:
    return f"{code}/{year}-"


def index_number_assign(publication: Publication) -> None:
    """Give ``publication`` its index number unless it has one (inside the
    caller's transaction; the caller saves)."""
    if publication.index_number:
        return
    organisation = Organisation.objects.select_for_update().get(
        pk=publication.organisation_id
    )
    year = timezone.localdate(publication.published_at or timezone.now()).year
    prefix = index_number_prefix(code=organisation.code, year=year)
    last = Publication.objects.filter(
        organisation=organisation, index_number__startswith=prefix
    ).aggregate(last=Max("index_sequence"))["last"]
    serial = (last or 0) + 1
    publication.index_sequence = serial
    publication.index_number = index_number_format(
        code=organisation.code, year=year, serial=serial
    )


class IndexNumbers:
    """Serial numbers handed out in memory, for writing many publications in bulk
    (``seed_scale``): each body and year counts on from what is stored."""

    def __init__(self, *, fresh: bool = False):
        # ``fresh``: the bodies were made by the same run and have no numbers yet.
        self.fresh = fresh
        self.last: dict[tuple[int, int], int] = {}

    def next(self, organisation: Organisation, year: int) -> tuple[str, int]:
        key = (organisation.pk, year)
        if key not in self.last and self.fresh:
            self.last[key] = 0
        if key not in self.last:
            prefix = index_number_prefix(code=organisation.code, year=year)
            self.last[key] = (
                Publication.objects.filter(
                    organisation=organisation, index_number__startswith=prefix
                ).aggregate(last=Max("index_sequence"))["last"]
                or 0
            )
        self.last[key] += 1
        serial = self.last[key]
        return (
            index_number_format(code=organisation.code, year=year, serial=serial),
            serial,
        )


def index_numbers_backfill(*, write: bool, batch: int = 2000) -> tuple[int, int]:
    """Give every published or withdrawn publication without one its index number,
    in the order they were published (the year of publication, serials after
    any already given). Returns (found, given); with ``write`` false nothing is
    saved. History rows are written in bulk with the reason."""
    from ..models import PublicationStatus

    missing = (
        Publication.objects.filter(
            index_number="",
            status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN],
            published_at__isnull=False,
        )
        .select_related("organisation")
        .order_by("published_at", "pk")
    )
    numbers = IndexNumbers()
    found, pending = 0, []
    reason = gettext("Index number given to a publication published before them.")
    for publication in missing.iterator(chunk_size=batch):
        found += 1
        year = timezone.localdate(publication.published_at).year
        publication.index_number, publication.index_sequence = numbers.next(
            publication.organisation, year
        )
        pending.append(publication)
        if write and len(pending) >= batch:
            _save(pending, reason)
            pending = []
    if write and pending:
        _save(pending, reason)
    return found, found if write else 0


def _save(publications, reason) -> None:
    audited_bulk_update(
        [(publication, reason) for publication in publications],
        Publication,
        fields=["index_number", "index_sequence"],
        user=None,  # a command's backfill: no one's edit
    )
