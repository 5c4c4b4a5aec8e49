"""Lists that do not count a province's million rows: the estimated paginator,
the admin's change lists, and sorting by indexed columns only (issue 20, point 5)."""

import pytest
from django.db import connection
from django.urls import reverse

from portal import pagination
from portal.models import WorkingDay
from portal.pagination import EXACT_UP_TO, EstimatedCountPaginator

pytestmark = pytest.mark.django_db


def test_a_few_rows_are_counted_exactly(demo):
    days = WorkingDay.objects.filter(date__year=2025, date__month=3)
    paginator = EstimatedCountPaginator(days, 10)
    assert paginator.count == 31 and not paginator.estimated
    assert paginator.num_pages == 4


def test_many_rows_are_estimated_on_postgresql_and_counted_on_sqlite(demo):
    days = WorkingDay.objects.all()
    exact = days.count()
    assert exact > EXACT_UP_TO
    paginator = EstimatedCountPaginator(days, 100)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE portal_workingday")
        assert paginator.count == pytest.approx(exact, rel=0.2)
        assert paginator.estimated
    else:
        assert paginator.count == exact and not paginator.estimated


def test_a_low_guess_is_counted_no_further_than_the_bound(demo, monkeypatch):
    """The planner guessed 5 rows of thousands: the count stops after the bound
    and says it is an estimate."""
    monkeypatch.setattr(pagination, "planned_rows", lambda queryset: 5)
    paginator = EstimatedCountPaginator(WorkingDay.objects.all(), 100)
    assert paginator.count == EXACT_UP_TO + 1 and paginator.estimated
    monkeypatch.setattr(pagination, "planned_rows", lambda queryset: 5)
    few = EstimatedCountPaginator(WorkingDay.objects.filter(date__year=2025), 100)
    assert few.count == 365 and not few.estimated


def test_the_admin_writes_an_estimate_as_one(client, demo, monkeypatch):
    monkeypatch.setattr(pagination, "planned_rows", lambda queryset: 1_234_567)
    client.force_login(demo["site_admin"])
    page = client.get(reverse("admin:portal_workingday_changelist")).content.decode()
    assert "约1234567条" in page  # the default language; 约 = about
