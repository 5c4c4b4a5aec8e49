"""The timeliness tallies: kept in step by every save, delete and calendar change
(always what a recount from the rows gives), and a city's or a province's
figures from them equal to the same figures read from the rows."""

from dataclasses import asdict
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from disclosure.models import (
    InformationRequest,
    Publication,
    TallyKind,
    TimelinessTally,
)
from disclosure.reports.timeliness import tallies
from disclosure.reports.timeliness.figures import (
    TOTAL,
    Grouping,
    timeliness_figures,
)
from disclosure.reports.timeliness.selectors import Period, _scope
from portal.calendar.services import calendar_set_day
from portal.models import Organisation, Region, Role, WorkingDay
from tests import factories
from tests.disclosure.reports.test_timeliness_figures import (  # noqa: F401
    Q3,
    TODAY,
    application,
    moment,
    publish,
    world,
)

COLUMNS = list(tallies.COLUMNS)


def stored() -> list[tuple]:
    return sorted(
        TimelinessTally.objects.values_list(*COLUMNS), key=lambda row: repr(row)
    )


def assert_in_step() -> None:
    """The tallies as kept equal the tallies recounted from every row."""
    kept = stored()
    tallies.rebuild()
    assert kept == stored()


def both_ways(user, code: str, period: Period, today: date, groupings: dict):
    """The figures of region ``code`` from the tallies and from the rows."""
    found = []
    for tallied in (True, False):
        scope = _scope(user, code=code, period=period, today=today, tallied=tallied)
        figures = timeliness_figures(scope, groupings)
        found.append(
            {
                name: {key: asdict(row) for key, row in groups.items()}
                for name, groups in figures.items()
            }
        )
    return found


GROUPINGS = {
    "city": Grouping(length=4),
    "county": Grouping(length=6),
    "domain": Grouping(by_domain=True),
    "total": TOTAL,
}


def test_the_world_is_tallied_as_its_rows(world, demo):  # noqa: F811
    assert_in_step()
    kinds = set(TimelinessTally.objects.values_list("kind", flat=True))
    assert kinds == {"publication", "request", "interpretation"}
    # The township's four late publications are one county's tallies, with
    # no organisation; the county bureau's keep their body.
    township = TimelinessTally.objects.filter(
        kind="publication", region_code="410225", organisation=None
    )
    assert sorted(township.values_list("days", "count")) == [
        (1, 1),
        (2, 1),
        (5, 1),
        (9, 1),
    ]
    bureau = Organisation.objects.get(code="410225-hrss")
    assert TimelinessTally.objects.filter(organisation=bureau).exists()


def test_every_write_keeps_them_in_step(world, demo):  # noqa: F811
    item = world
    author = demo["county_publisher"]
    draft = Publication.objects.get(status="draft", due_on=date(2026, 9, 29))
    # Published late, then its due date moved, then withdrawn.
    draft.status, draft.published_at = "published", moment(date(2026, 10, 12))
    draft.save()
    assert_in_step()
    draft.due_on = date(2026, 9, 25)
    draft.save(update_fields=["due_on"])
    assert_in_step()
    draft.status = "withdrawn"
    draft.save()
    assert_in_step()
    # A save of fields the tallies do not read recounts nothing, and changes nothing.
    draft.title = "改了标题"
    draft.save(update_fields=["title"])
    assert_in_step()
    # A new draft, then deleted.
    extra = publish(
        item, "410225104-gov", due=date(2026, 8, 3), status="draft", author=author
    )
    assert_in_step()
    extra.delete()
    assert_in_step()
    # The policy document published again a week later: its interpretations
    # now count on the day of the new date, one of them from the document.
    document = Publication.objects.get(kind="policy")
    document.published_at = moment(date(2026, 9, 8))
    document.save()
    assert_in_step()
    interpretation = Publication.objects.filter(kind="interpretation").first()
    interpretation.delete()
    assert_in_step()
    # Requests: one answered, one moved to another body, one deleted.
    open_request = InformationRequest.objects.get(
        replied_on=None, received_on=date(2026, 9, 10)
    )
    open_request.replied_on, open_request.status = date(2026, 10, 30), "replied"
    open_request.reply_type = "granted"
    open_request.save()
    assert_in_step()
    other = Organisation.objects.get(code="410225104-gov")
    moved = InformationRequest.objects.filter(replied_on__isnull=False).first()
    moved.organisation = other
    moved.save()
    assert_in_step()
    application(
        "410225-hrss", received=date(2026, 8, 3), due=date(2026, 8, 31)
    ).delete()
    assert_in_step()


def test_a_calendar_change_recounts_the_days_it_moves(world, demo):  # noqa: F811
    # 9 September lies between the township's due date (1 September) and two
    # of its publication days: made a rest day, those are one day less late.
    before = stored()
    calendar_set_day(day=date(2026, 9, 9), is_workday=False, note="测试", reason="测试")
    assert stored() != before
    assert_in_step()
    township = TimelinessTally.objects.filter(
        kind="publication", region_code="410225", organisation=None
    )
    assert sorted(township.values_list("days", flat=True)) == [1, 2, 5, 8]


def test_the_command_recounts_everything(world, demo):  # noqa: F811
    kept = stored()
    TimelinessTally.objects.all().delete()
    out = StringIO()
    call_command("rebuild_timeliness", stdout=out)
    assert stored() == kept
    assert f"{len(kept):,}" in out.getvalue()


def test_the_tallies_give_the_rows_figures_in_the_world(world, demo):  # noqa: F811
    for user in (demo["province_reviewer"], factories.user(is_superuser=True)):
        for period in (Q3, Period(2026, 4), Period(2026)):
            tallied, counted = both_ways(user, "41", period, TODAY, GROUPINGS)
            assert tallied == counted, (user, period)
    tallied, _counted = both_ways(demo["province_reviewer"], "41", Q3, TODAY, GROUPINGS)
    assert tallied["total"][None]["due"] == 8


def test_a_supervisor_does_not_reach_the_sibling_bodies_of_their_place(world, demo):  # noqa: F811
    """A reviewer of the county's human-resources bureau reaches the
    townships below the county but not the county's civil-affairs bureau,
    whose rows the tallies keep apart (bodies at county level keep their
    organisation)."""
    mca = Organisation.objects.get(code="410225-mca")
    item = world
    publish(
        item,
        "410225-mca",
        due=date(2026, 9, 2),
        published=date(2026, 9, 1),
        author=demo["county_publisher"],
    )
    reviewer = factories.user(
        organisation=Organisation.objects.get(code="410225-hrss"), role=Role.REVIEWER
    )
    tallied, counted = both_ways(reviewer, "4102", Q3, TODAY, GROUPINGS)
    assert tallied == counted
    # Their own bureau's 4 and the township's 4; not the 民政局's one.
    assert tallied["total"][None]["due"] == 8
    tallied, counted = both_ways(
        factories.user(is_superuser=True), "4102", Q3, TODAY, GROUPINGS
    )
    assert tallied == counted and tallied["total"][None]["due"] == 9
    assert mca.pk in TimelinessTally.objects.values_list("organisation", flat=True)


@pytest.mark.django_db
def test_synthetic_counties_figures_are_the_same_either_way():
    """seed_scale's counties (every kind of request, late and overdue
    publications, interpretations): for every quarter and the year, as the
    province's reviewer and as an administrator, per city, per county, per
    domain and in total, the tallies give what the rows give."""
    factories.load_reference_data()
    as_of = date(2025, 6, 30)
    call_command(
        "seed_scale",
        counties=2,
        townships_per_county=2,
        villages_per_township=2,
        publications_per_item=1,
        requests_per_county=120,
        as_of=as_of,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert TimelinessTally.objects.filter(kind=TallyKind.REQUEST).exists()
    assert_in_step()
    province = Region.objects.filter(level="province").order_by("code")[0]
    reviewer = get_user_model().objects.get(
        username=f"s{province.code}-province-reviewer"
    )
    # (Answered late, extensions and interpretations are the world's, above.)
    checked = dict.fromkeys(
        ("due", "late", "overdue", "received", "requests_overdue", "corrections"), 0
    )
    for user in (reviewer, factories.user(is_superuser=True)):
        for year in (as_of.year - 1, as_of.year):
            for quarter in (None, 1, 2, 3, 4):
                period = Period(year, quarter)
                tallied, counted = both_ways(
                    user, province.code, period, as_of, GROUPINGS
                )
                assert tallied == counted, (user, period)
                total = tallied["total"].get(None, {})
                for name in checked:
                    checked[name] += total.get(name, 0)
    # Not an empty comparison: every kind of figure was there to compare.
    assert all(checked.values()), checked
    # A day edited in the middle of the data keeps them in step.
    day = (
        WorkingDay.objects.filter(date__gte=as_of - timedelta(days=60), is_workday=True)
        .order_by("date")
        .first()
    )
    calendar_set_day(day=day.date, is_workday=False, note="测试", reason="测试")
    assert_in_step()


def test_migrate_counts_them_where_a_portal_has_rows_but_no_tallies(world, demo):  # noqa: F811
    from django.core.management.sql import emit_post_migrate_signal

    kept = stored()
    TimelinessTally.objects.all().delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert stored() == kept
    # With tallies there, migrate leaves them be.
    TimelinessTally.objects.filter(kind="request").delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not TimelinessTally.objects.filter(kind="request").exists()


def test_tallies_are_never_grouped_finer_than_a_county(world, demo):  # noqa: F811
    scope = _scope(
        demo["province_reviewer"], code="41", period=Q3, today=TODAY, tallied=True
    )
    for grouping in (Grouping(), Grouping(length=9)):
        with pytest.raises(ValueError):
            timeliness_figures(scope, {"unit": grouping})


def test_migrate_back_to_before_the_tallies_counts_nothing(world, demo, monkeypatch):  # noqa: F811
    from django.db import connection

    names = connection.introspection.table_names()
    monkeypatch.setattr(
        connection.introspection,
        "table_names",
        lambda *a, **k: [n for n in names if n != TimelinessTally._meta.db_table],
    )
    TimelinessTally.objects.all().delete()
    tallies.count_if_missing()
    assert not TimelinessTally.objects.exists()
