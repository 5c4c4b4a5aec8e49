"""Double-clicking 批准: three approves of one publication at the same moment end in
one publication and two answers saying it was already decided, never a 500 (issue 15:
review_approve locked review then publication, review_complete the opposite)."""

import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from disclosure import workflow
from disclosure.models import ComplianceReview, Decision, PublicationStatus
from disclosure.services import publication_submit
from tests.disclosure.conftest import REVIEW, VILLAGE, make_draft

pytestmark = pytest.mark.django_db(transaction=True)

CLICKS = 3


def test_three_simultaneous_approves_publish_once_without_a_500(
    lankao, dibao_item, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("Writers at the same moment need PostgreSQL's row locks.")
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    publication_submit(publication=draft, user=lankao["village_publisher"])
    url = reverse("disclosure:review", args=[draft.pk])
    data = {
        **{k: v for k, v in REVIEW.items() if k != "is_secret"},
        "filled_on": "2025-09-29",
        "action": "approve",
    }
    together = threading.Barrier(CLICKS, timeout=10)
    complete = workflow.review_complete

    def complete_together(**kwargs):
        try:
            together.wait()  # every click has passed the page's checks
        except threading.BrokenBarrierError:
            pass
        return complete(**kwargs)

    monkeypatch.setattr(workflow, "review_complete", complete_together)
    answers = []

    def click():
        client = Client(raise_request_exception=False)
        client.force_login(lankao["mca_reviewer"])  # 低保: the 民政局's domain
        try:
            answers.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(CLICKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(answers) == CLICKS
    assert 500 not in answers, answers
    assert answers.count(302) >= 1
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED
    assert ComplianceReview.objects.filter(decision=Decision.APPROVED).count() == 1
    assert draft.history.filter(status=PublicationStatus.PUBLISHED).count() == 1
