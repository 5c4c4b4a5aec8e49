"""The daily digest at province scale: 100,000 confirmed subscriptions.

The demo county's publications are the day's new ones; the subscriptions are
bulk-created over its county, townships and villages (a third narrowed to a
domain, a tenth to an item). ``send_digests`` must issue the same number of
queries per batch at 10,000 and at 100,000 subscriptions and finish in minutes.
Mail goes to Django's dummy backend: the figure is the run's own work (reading,
matching, building every message), not a relay's. Run on demand
(``make benchmark`` or ``pytest tests/benchmarks/test_digest_speed.py``).
"""

import os
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogs.models import Domain, Item
from disclosure.models import Publication, Subscription
from disclosure.subscriptions.digest import BATCH, send_digests
from portal.models import Region

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

LARGE = int(os.environ.get("BENCH_SUBSCRIPTIONS", "100000"))
SMALL = LARGE // 10
MAX_SECONDS = 300  # "finishes in minutes" on the shared 2-core machine


def _subscriptions(count: int) -> list[Subscription]:
    places = list(Region.objects.filter(code__startswith="410225").order_by("code"))
    domains = list(Domain.objects.order_by("pk"))
    items = list(
        Item.objects.public()
        .filter(catalog__organisation__region__code="410225", level=2)
        .order_by("pk")
    )
    since = timezone.now() - timedelta(days=2)
    rows = []
    for n in range(count):
        place = places[n % len(places)]
        rows.append(
            Subscription(
                email=f"s{n}@example.cn",
                region=place,
                region_code=place.code,
                domain=domains[n % len(domains)] if n % 3 == 1 else None,
                item=items[n % len(items)] if n % 10 == 7 else None,
                confirmed_at=since,
                sent_until=since,
            )
        )
    return rows


def _run(count: int):
    Subscription.objects.all().delete()
    Subscription.objects.bulk_create(_subscriptions(count), batch_size=5000)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        summary = send_digests()
    return summary, time.perf_counter() - started, len(queries)


def test_digest_at_province_scale(demo_catalogs, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    assert Publication.objects.public().exists()
    small, small_seconds, small_queries = _run(SMALL)
    large, large_seconds, large_queries = _run(LARGE)
    batches_small, batches_large = -(-SMALL // BATCH), -(-LARGE // BATCH)
    per_batch = (large_queries - small_queries) / (batches_large - batches_small)
    fixed = small_queries - per_batch * batches_small
    with capsys.disabled():
        print(
            f"\ndigest: {SMALL:,} subscriptions {small_seconds:.1f} s "
            f"({small_queries} queries, {small.mails:,} mails); "
            f"{LARGE:,} subscriptions {large_seconds:.1f} s "
            f"({large_queries} queries, {large.mails:,} mails); "
            f"{per_batch:.1f} queries per batch of {BATCH}, {fixed:.0f} fixed; "
            f"{large.publications} new publications"
        )
    assert large.mails > LARGE // 10  # a fifth or so match the demo's new ones
    assert per_batch == int(per_batch) and per_batch <= 4
    assert large_seconds < MAX_SECONDS
