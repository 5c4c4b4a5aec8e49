"""seed_scale makes requests for information: every state, valid rows, due dates
by the same clock rules as the services."""

from collections import Counter
from datetime import date

import pytest

from disclosure.models import InformationRequest, RequestEvent
from disclosure.requests import clocks
from tests.disclosure.test_seed_scale import seed

pytestmark = pytest.mark.django_db


def test_seed_scale_makes_requests_in_every_state():
    out, _err = seed(counties=2, requests_per_county=300)

    assert InformationRequest.objects.count() == 600
    assert RequestEvent.objects.count() >= 600
    statuses = Counter(InformationRequest.objects.values_list("status", flat=True))
    for status in (
        "submitted",
        "registered",
        "awaiting_correction",
        "consulting",
        "replied",
        "closed",
    ):
        assert statuses[status] > 0, status
    types = set(InformationRequest.objects.values_list("reply_type", flat=True))
    assert {
        "granted",
        "partial",
        "withheld",
        "unable",
        "not_processed",
        "other",
    } <= types
    kinds = set(InformationRequest.objects.values_list("applicant_kind", flat=True))
    assert len(kinds) == 6
    for r in InformationRequest.objects.filter(status="registered")[:30]:
        due = clocks.reply_due(
            counted_from=r.received_on, extension_days=r.extension_days
        )
        assert r.due_on == due.on
    assert InformationRequest.objects.filter(
        status="registered", due_on__lt=date(2025, 6, 30)
    ).exists()  # some are overdue
    assert "600" in out
    assert all(r.history.exists() for r in InformationRequest.objects.all()[:20])


def test_seed_scale_can_leave_requests_out():
    seed(counties=1, requests_per_county=0)
    assert not InformationRequest.objects.exists()
