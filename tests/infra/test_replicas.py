"""Read replicas: public pages from a real hot standby, never ahead of what it holds.

The standby is ``pg_basebackup -R`` of the throwaway cluster, streaming on the
loopback (``conftest.standby``). A page for an anonymous visitor is rendered on
it once it has replayed the page's cache version, read on the primary; staff,
writes and a browser that has just written stay on the primary; a standby held
behind (replay paused) or stopped is skipped. Runs in the PostgreSQL pass only.
"""

import pytest
from django.db import OperationalError, connections
from django.test import Client
from django.urls import reverse

from disclosure.models import Publication, PublicationStatus
from disclosure.public import versions
from portal.deployment import pinning, replicas

from .conftest import REPLICA


class Reads:
    """The SQL each database ran while the block ran (queries that failed too;
    connecting is not needed to watch, so a stopped replica can be watched)."""

    def __init__(self):
        self.primary: list[str] = []
        self.replica: list[str] = []

    def __enter__(self):
        self._watches = [
            connections["default"].execute_wrapper(self._note(self.primary)),
            connections[REPLICA].execute_wrapper(self._note(self.replica)),
        ]
        for watch in self._watches:
            watch.__enter__()
        return self

    def __exit__(self, *exc):
        for watch in reversed(self._watches):
            watch.__exit__(*exc)

    @staticmethod
    def _note(into: list[str]):
        def note(execute, sql, params, many, context):
            into.append(sql)
            return execute(sql, params, many, context)

        return note


def version_reads(queries: list[str]) -> list[str]:
    return [sql for sql in queries if "disclosure_publicversion" in sql]


def pages(publication) -> dict[str, str]:
    return {
        "publication": f"/p/{publication.pk}/",
        "item": f"/r/410225/items/{publication.item_id}/",
        "county": "/r/410225/",
        "catalog": "/r/410225/employment/",
    }


def test_an_anonymous_page_is_rendered_on_the_replica_that_caught_up(
    client, replica, published
):
    users, publication = published
    replica.wait_caught_up()

    with Reads() as reads:
        response = client.get(pages(publication)["item"])

    assert response.status_code == 200
    assert publication.title in response.content.decode()
    assert not response.cookies  # still a page for any cache
    # On the primary: the version only. On the replica: the same version,
    # checked, and everything the page shows.
    assert len(reads.primary) == 1 and version_reads(reads.primary) == reads.primary
    assert len(version_reads(reads.replica)) == 1
    assert len(reads.replica) >= 4


def test_staff_reads_stay_on_the_primary(client, replica, published):
    users, publication = published
    replica.wait_caught_up()
    client.force_login(users["county_editor"])

    with Reads() as reads:
        public = client.get(pages(publication)["county"])
        staff = client.get(reverse("disclosure:publication-list"))

    assert public.status_code == 200 and staff.status_code == 200
    assert reads.replica == []
    assert reads.primary


def test_a_browser_that_wrote_reads_from_the_primary_for_a_while(
    client, replica, published
):
    users, publication = published
    replica.wait_caught_up()

    failed = client.post(
        reverse("admin:login"), {"username": "county_editor", "password": "不对的密码"}
    )  # written: the failed sign-in's record

    assert failed.status_code == 200
    assert failed.cookies[pinning.PIN_COOKIE]["max-age"] == 30
    with Reads() as reads:
        assert client.get(pages(publication)["county"]).status_code == 200
    assert reads.replica == []

    client.cookies[pinning.PIN_COOKIE] = "1"  # long expired
    with Reads() as reads:
        assert client.get(pages(publication)["catalog"]).status_code == 200
    assert len(reads.replica) > 1


def test_a_replica_held_behind_never_serves_a_withdrawn_publication(
    client, replica, published, monkeypatch
):
    users, publication = published
    urls = pages(publication)
    replica.wait_caught_up()
    assert publication.title in client.get(urls["item"]).content.decode()
    assert client.get(urls["publication"]).status_code == 200
    replica.pause_replay()
    staff = Client()
    staff.force_login(users["county_publisher"])

    withdrawn = staff.post(
        reverse("disclosure:publication-withdraw", args=[publication.pk]),
        {"reason": "岗位信息有误，撤回更正"},
    )

    assert withdrawn.status_code == 302  # acknowledged
    behind = Publication.objects.using(REPLICA).get(pk=publication.pk)
    assert behind.status == PublicationStatus.PUBLISHED  # the standby lags
    with Reads() as reads:
        gone = client.get(urls["publication"])
        item = client.get(urls["item"])
    # Its tombstone (410, with the reason), not the page the lagging standby holds.
    assert gone.status_code == 410 and "岗位信息有误，撤回更正" in gone.content.decode()
    assert item.status_code == 200
    assert publication.title not in item.content.decode()
    # The replica was asked for its version, found behind, and not read.
    assert reads.replica == version_reads(reads.replica)

    # The control: a page rendered on the lagging replica would still show it.
    monkeypatch.setattr(versions, "matches_on", lambda *args: True)
    stale = client.get(urls["item"] + "?page=1")
    assert publication.title in stale.content.decode()
    monkeypatch.undo()

    replica.resume_replay()
    replica.wait_caught_up()
    with Reads() as reads:
        county = client.get(urls["county"])
    assert county.status_code == 200
    assert len(reads.replica) > 1  # caught up: used again


def test_a_stopped_replica_is_skipped_and_used_again_when_back(
    client, replica, published
):
    users, publication = published
    urls = pages(publication)
    replica.wait_caught_up()
    replica.stop()
    try:
        response = client.get(urls["item"])
        assert response.status_code == 200
        assert publication.title in response.content.decode()
        assert replicas.available() == []  # resting: no attempt per request
        with Reads() as reads:
            assert client.get(urls["county"]).status_code == 200
        assert reads.replica == []
    finally:
        replica.restart()
    replicas.reset()  # as the retry period ending would
    replica.wait_caught_up()

    with Reads() as reads:
        assert client.get(urls["catalog"]).status_code == 200
    assert len(reads.replica) > 1


def test_a_replica_failing_mid_page_is_skipped_and_the_page_rendered_on_the_primary(
    client, replica, published
):
    users, publication = published
    replica.wait_caught_up()

    def cancelled(execute, sql, params, many, context):
        if "disclosure_publicversion" not in sql:
            raise OperationalError("canceling statement due to conflict with recovery")
        return execute(sql, params, many, context)

    with connections[REPLICA].execute_wrapper(cancelled):
        response = client.get(pages(publication)["item"])

    assert response.status_code == 200
    assert publication.title in response.content.decode()
    assert REPLICA not in replicas.available()


def test_without_replicas_nothing_is_routed_elsewhere(
    client, replica, published, settings
):
    users, publication = published
    settings.DATABASE_REPLICAS = []
    with Reads() as reads:
        assert client.get(pages(publication)["item"]).status_code == 200
    assert reads.replica == []


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_request_that_may_write_never_reads_from_a_replica(method, rf, settings, db):
    settings.DATABASE_REPLICAS = [REPLICA]
    request = getattr(rf, method)("/r/410225/")
    request.reads_on_primary = False
    assert not pinning.may_read_from_replica(request)
