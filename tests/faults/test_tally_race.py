"""Two bodies of one county publish at the same moment: the timeliness tallies of
their county and day are recounted one after the other, never both from a view
that misses the other's row (which would count a publication twice, or not at
all, until the next recount)."""

import threading
from datetime import date, datetime, time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from disclosure.models import Publication, TimelinessTally
from disclosure.reports.timeliness import tallies
from tests.disclosure.conftest import VILLAGE, make_draft

pytestmark = pytest.mark.django_db(transaction=True)

DUE = date(2025, 10, 31)


def kept() -> list[tuple]:
    return sorted(TimelinessTally.objects.values_list(*tallies.COLUMNS), key=repr)


def test_simultaneous_saves_in_one_county_keep_the_tallies_in_step(lankao, dibao_item):
    if connection.vendor != "postgresql":
        pytest.skip("Writers at the same moment need PostgreSQL (SQLite has one).")
    drafts = [
        make_draft(
            lankao,
            "village_publisher",
            VILLAGE,
            dibao_item,
            formed_on=date(2025, 9, 26),
        )
        for _ in range(2)
    ]
    Publication.objects.filter(pk__in=[d.pk for d in drafts]).update(due_on=DUE)
    tallies.rebuild()
    first_saved, release = threading.Event(), threading.Event()
    failures = []

    def publish(pk, *, hold: bool):
        try:
            with transaction.atomic():
                publication = Publication.objects.get(pk=pk)
                publication.status = "published"
                publication.published_at = timezone.make_aware(
                    datetime.combine(date(2025, 10, 20), time(9))
                )
                publication.save()  # recounts the county's tallies of DUE
                if hold:
                    first_saved.set()
                    release.wait(timeout=10)  # still uncommitted
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    holder = threading.Thread(
        target=publish, args=(drafts[0].pk,), kwargs={"hold": True}
    )
    holder.start()
    assert first_saved.wait(timeout=10)
    other = threading.Thread(
        target=publish, args=(drafts[1].pk,), kwargs={"hold": False}
    )
    other.start()
    other.join(timeout=1)
    # The second waits for the first's lock on the county's tallies.
    assert other.is_alive()
    release.set()
    holder.join(timeout=20)
    other.join(timeout=20)
    assert not failures, failures
    found = kept()
    tallies.rebuild()
    assert found == kept()
    # Counted once each, in the tally of DUE's quarter.
    on_time = TimelinessTally.objects.filter(day=date(2025, 10, 1), state="on_time")
    assert sum(on_time.values_list("count", flat=True)) == 2
