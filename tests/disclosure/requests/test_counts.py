"""The annual report's tables 三 and 四, counted from the records in one query each:
new, carried in, each result and reason, total, carried forward; reviews and
lawsuits with their outcome as at the year's end."""

from datetime import date

import pytest

from disclosure.requests.periods import request_lapse, request_send_correction
from disclosure.requests.replies import (
    challenge_decide,
    challenge_record,
    request_close,
    request_deliver,
    request_reply,
)
from disclosure.requests.selectors import challenge_counts, request_counts

from .conftest import COMPANY, PERSON

pytestmark = pytest.mark.django_db


def finish(r, user, reply_type, reason="", *, replied, closed):
    request_reply(
        request=r, user=user, reply_type=reply_type, reason=reason, on=replied
    )
    request_deliver(request=r, user=user, method="collect", on=replied)
    request_close(request=r, user=user, on=closed)
    r.refresh_from_db()
    return r


@pytest.fixture
def year_of_requests(office, register):
    h = office["handler"]
    # Received in 2025, closed in 2026: carried in.
    carried = finish(
        register(date(2025, 12, 15)),
        h,
        "withheld",
        "state_secret",
        replied=date(2026, 1, 12),
        closed=date(2026, 1, 13),
    )
    # Received and closed in 2025: not in 2026 at all.
    finish(
        register(date(2025, 3, 3)),
        h,
        "granted",
        replied=date(2025, 3, 20),
        closed=date(2025, 3, 21),
    )
    # New in 2026, each result.
    finish(
        register(date(2026, 3, 2)),
        h,
        "granted",
        replied=date(2026, 3, 9),
        closed=date(2026, 3, 10),
    )
    finish(
        register(date(2026, 3, 2), COMPANY),
        h,
        "partial",
        "third_party",
        replied=date(2026, 3, 9),
        closed=date(2026, 3, 10),
    )
    finish(
        register(date(2026, 4, 1), COMPANY),
        h,
        "not_processed",
        "repeated",
        replied=date(2026, 4, 2),
        closed=date(2026, 4, 3),
    )
    lapsed = register(date(2026, 5, 6))
    request_send_correction(
        request=lapsed, user=h, text="补正", days=5, on=date(2026, 5, 7)
    )
    request_lapse(request=lapsed, user=h, on=date(2026, 5, 20))
    request_deliver(request=lapsed, user=h, method="collect", on=date(2026, 5, 20))
    request_close(request=lapsed, user=h, on=date(2026, 5, 21))
    # New in 2026 and still open, or replied but not closed: carried forward.
    register(date(2026, 11, 2))
    replied = register(date(2026, 11, 2), COMPANY)
    request_reply(request=replied, user=h, reply_type="granted", on=date(2026, 11, 20))
    # Reviews and lawsuits: filed in 2026, one decided, one pending at year end.
    review = challenge_record(
        request=carried, user=h, kind="review", filed_on=date(2026, 2, 2)
    )
    challenge_decide(
        challenge=review, user=h, outcome="corrected", decided_on=date(2026, 4, 1)
    )
    challenge_record(
        request=carried, user=h, kind="lawsuit_after_review", filed_on=date(2026, 4, 10)
    )
    return office


def test_table_three_of_2026(year_of_requests, django_assert_num_queries):
    bureau = year_of_requests["bureau"]
    with django_assert_num_queries(1):
        tables = request_counts(organisations=[bureau], year=2026)
    t = tables[bureau.pk]
    assert t.cell("new") == 6
    assert t.cell("new", "natural_person") == 3 and t.cell("new", "commercial") == 3
    assert t.cell("carried_in") == 1
    assert t.cell("granted") == 1
    assert t.cell("partial", "commercial") == 1
    assert t.cell("partial:third_party") == 0  # 部分公开 is counted on its own row
    assert t.cell("withheld") == t.cell("withheld:state_secret") == 1
    assert t.cell("not_processed:repeated", "commercial") == 1
    assert t.cell("other:no_correction", "natural_person") == 1
    assert t.cell("total") == 5
    assert t.cell("carried_forward") == 2
    assert t.balanced


def test_table_three_of_2025_carries_into_2026(year_of_requests):
    bureau = year_of_requests["bureau"]
    t = request_counts(organisations=[bureau], year=2025)[bureau.pk]
    assert (t.cell("new"), t.cell("total"), t.cell("carried_forward")) == (2, 1, 1)
    assert t.balanced
    following = request_counts(organisations=[bureau], year=2026)[bureau.pk]
    assert following.cell("carried_in") == t.cell("carried_forward")


def test_table_four_of_2026(year_of_requests, django_assert_num_queries):
    bureau = year_of_requests["bureau"]
    with django_assert_num_queries(1):
        table = challenge_counts(organisations=[bureau], year=2026)[bureau.pk]
    assert table[("review", "corrected")] == 1
    assert table[("lawsuit_after_review", "pending")] == 1
    assert table[("review", "total")] == table[("lawsuit_after_review", "total")] == 1
    assert table[("lawsuit_direct", "total")] == 0
    # As at the end of 2025 nothing was filed.
    assert challenge_counts(organisations=[bureau], year=2025) == {}


def test_counts_are_per_body(year_of_requests):
    other = year_of_requests["org:410221-hrss"]
    assert request_counts(organisations=[other], year=2026) == {}
    assert PERSON["applicant_name"]  # the counts carry no applicant
