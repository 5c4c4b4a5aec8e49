"""A consultation's public page with 10,000 comments: paginated in constant queries.

The page (the draft, the counts, one page of published comments, the form) is
read through the WSGI handler at 100 and at 10,000 published comments, on the
first, a middle and the last page. The queries must be the same in number at
both sizes and on every page (one count of the page's comments, one page of
rows, one query for the three counts: no query per comment), and the median
time of the last page at 10,000 at most ``MAX_RATIO`` × the first page at 100.
Run on demand (``make benchmark``).
"""

import statistics
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from disclosure.models import CommentStatus, ConsultationComment
from disclosure.participation import services
from disclosure.participation.publicviews import COMMENTS_PER_PAGE
from portal.audit import audited_bulk_create
from portal.demo import seed_regions_and_accounts
from portal.models import Organisation
from tests.disclosure.participation.conftest import DRAFT

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

SIZES = (100, 10_000)
ROUNDS = 9
MAX_RATIO = 3.0


def _consultation(user, organisation):
    return services.consultation_publish(
        user=user,
        consultation=services.consultation_save(
            user=user, data=DRAFT, organisation=organisation
        ),
    )


def _comments(consultation, count: int) -> None:
    now = timezone.now()
    audited_bulk_create(
        [
            ConsultationComment(
                consultation=consultation,
                name="",
                contact="13800000000",
                text=f"第{n}条意见：建议完善本办法。",
                submitted_at=consultation.opens_at + timezone.timedelta(seconds=n),
                status=CommentStatus.PUBLISHED,
                moderated_at=now,
            )
            for n in range(count)
        ],
        ConsultationComment,
        user=None,
        reason="benchmark",
    )


def _measure(client, url) -> tuple[int, float]:
    client.get(url)  # warm
    # Counted as executed: request_started empties the query log that
    # CaptureQueriesContext reads.
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return len(queries), statistics.median(times)


def test_consultation_page_in_constant_queries():
    seed_regions_and_accounts()
    user = get_user_model().objects.get(username="county_publisher")
    bureau = Organisation.objects.get(code="410225-hrss")
    client = Client()
    results = {}
    for size in SIZES:
        consultation = _consultation(user, bureau)
        _comments(consultation, size)
        last = -(-size // COMMENTS_PER_PAGE)
        url = consultation.get_absolute_url()
        for label, page in [("first", 1), ("middle", last // 2 or 1), ("last", last)]:
            results[(size, label)] = _measure(client, f"{url}?page={page}")
    for (size, label), (count, seconds) in results.items():
        print(
            f"{size:>6} comments, {label:>6} page: {count} queries, "
            f"{seconds * 1000:.1f} ms"
        )
    counts = {count for count, _seconds in results.values()}
    assert len(counts) == 1, results
    ratio = results[(SIZES[-1], "last")][1] / results[(SIZES[0], "first")][1]
    print(f"last page at {SIZES[-1]} / first page at {SIZES[0]}: {ratio:.2f}")
    assert ratio <= MAX_RATIO
