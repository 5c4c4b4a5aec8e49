"""Confirming a year: the provisional due dates it moves, recomputed in one transaction.

Drafts formed in the last weeks of December count into next year, which is
provisional. Entering the announced schedule and confirming it recomputes every
one of them on the in-memory calendar and saves those that change with history.
Timed against the baseline of the same rows saved once each with the same
change (``audited_save``: what any recompute with history must cost), at two
sizes: queries per moved row must be the same at both, and the time at most
``MAX_RATIO`` × the baseline. Run on demand (``make benchmark``).
"""

import statistics
import time
from datetime import date, timedelta

import pytest
from django.db import connection, transaction

from catalogs.demo import seed_local_catalogs
from catalogs.models import Item
from disclosure.deadlines import due_date
from disclosure.models import DueDateMove, Publication
from portal.audit import audited_save
from portal.calendar.forms import parse_days
from portal.calendar.memory import MemoryCalendar
from portal.calendar.services import calendar_enter_schedule
from portal.demo import seed_regions_and_accounts
from portal.models import Organisation
from tests.disclosure.test_provisional_due_dates import REST_TEXT, WORK_TEXT

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

SIZES = (200, 800)
MAX_RATIO = 2.5  # recompute + history + notices against saving each row once
ROUNDS = 3
FIRST_FORMED = date(2026, 12, 1)


class Rollback(Exception):
    pass


def drafts(count: int):
    """``count`` drafts of the township, formed over December, provisional dates."""
    item = Item.objects.get(
        catalog__kind="local",
        catalog__organisation__code="410225-hrss",
        catalog__domain__key="employment",
        code="1.2",
    )
    township = Organisation.objects.get(code="410225104-gov")
    author = township.memberships.first().user
    calendar = MemoryCalendar.load()
    rows = []
    for n in range(count):
        formed = FIRST_FORMED + timedelta(days=n % 31)
        due = due_date(item, formed, calendar=calendar)
        rows.append(
            Publication(
                item=item,
                organisation=township,
                level="township",
                title=f"岗位信息{n}",
                formed_on=formed,
                due_on=due.day,
                due_on_provisional=due.provisional,
                author=author,
            )
        )
    return Publication.objects.bulk_create(rows)


def timed(action) -> tuple[float, int]:
    """Seconds and queries of ``action`` inside a transaction that is rolled back."""
    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(counting):
        try:
            with transaction.atomic():
                action()
                raise Rollback
        except Rollback:
            pass
    return time.perf_counter() - started, count


def confirm():
    calendar_enter_schedule(
        year=2027,
        rest_days=parse_days(REST_TEXT, label="rest"),
        workdays=parse_days(WORK_TEXT, label="work"),
        source="国办发明电〔2026〕7号",
        confirm=True,
        reason="benchmark",
    )


def save_each(rows):
    def action():
        for row in rows:
            row.due_on += timedelta(days=1)
            row.due_on_provisional = False
            audited_save(
                row,
                user=None,
                reason="benchmark",
                update_fields=["due_on", "due_on_provisional", "updated_at"],
                validate=False,
            )

    return action


def test_confirming_a_year_costs_about_one_save_per_moved_row():
    seed_regions_and_accounts()
    seed_local_catalogs()
    figures = {}
    for size in SIZES:
        Publication.objects.all().delete()
        rows = drafts(size)
        provisional = sum(r.due_on_provisional for r in rows)
        confirmed = [timed(confirm) for _ in range(ROUNDS)]
        baseline = [timed(save_each(rows)) for _ in range(ROUNDS)]
        # What the confirmation moved, seen once for real (then rolled back).
        with transaction.atomic():
            confirm()
            moved = DueDateMove.objects.count()
            transaction.set_rollback(True)
        seconds = statistics.median(t for t, _q in confirmed)
        base = statistics.median(t for t, _q in baseline)
        figures[size] = {
            "seconds": seconds,
            "baseline": base,
            "queries": confirmed[0][1],
            "baseline_queries": baseline[0][1],
            "provisional": provisional,
            "moved": moved,
        }
        print(
            f"\n{size} drafts ({provisional} provisional, {moved} moved), "
            f"{connection.vendor}: confirm {seconds * 1000:.0f} ms, "
            f"{confirmed[0][1]} queries; baseline {base * 1000:.0f} ms, "
            f"{baseline[0][1]} queries; ratio {seconds / base:.2f}"
        )
    small, large = figures[SIZES[0]], figures[SIZES[1]]
    # Queries per further provisional row: no more than saving a row costs.
    marginal = (large["queries"] - small["queries"]) / (
        large["provisional"] - small["provisional"]
    )
    saving = (large["baseline_queries"] - small["baseline_queries"]) / (
        SIZES[1] - SIZES[0]
    )
    print(f"queries per further row: confirm {marginal:.2f}, baseline {saving:.2f}")
    assert marginal <= saving + 0.1
    for figure in (small, large):
        assert figure["seconds"] / figure["baseline"] <= MAX_RATIO
