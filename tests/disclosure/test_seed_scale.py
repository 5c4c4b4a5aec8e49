"""seed_scale: synthetic national-scale data, valid, deterministic and bulk-written."""

import hashlib
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogs.local.validation import catalog_validate
from catalogs.models import (
    Catalog,
    CatalogStatus,
    Item,
    ItemOrigin,
    LegalBasis,
    TimeLimitKind,
    TimeLimitUnit,
)
from disclosure.deadlines import CalendarNotCovered, due_date
from disclosure.models import (
    Attribute,
    ComplianceReview,
    Decision,
    Publication,
    PublicationStatus,
)
from disclosure.scale.build import ScaleConfig, scale_build, scale_reference
from disclosure.scale.regions import MAX_COUNTIES, county_layout
from disclosure.scale.workdays import WorkdayTable
from disclosure.selectors import may_review, publication_level, publishable_items
from portal.models import CalendarYear, Membership, Organisation, Region, WorkingDay

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 30)  # a fixed "today", so the rows do not depend on the run date
SMALL = {
    "townships_per_county": 2,
    "villages_per_township": 2,
    "publications_per_item": 1,
    "as_of": AS_OF,
}


def seed(counties=2, **options):
    out, err = StringIO(), StringIO()
    call_command(
        "seed_scale",
        counties=counties,
        **{**SMALL, **options},
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def synthetic_publications():
    return Publication.objects.exclude(organisation__region__code__startswith="41")


def digest() -> str:
    """Everything seed_scale wrote, by natural keys (primary keys differ per run)."""
    users = get_user_model().objects.filter(username__startswith="s")
    parts = [
        Region.objects.values_list("code", "name", "level", "parent__code"),
        Organisation.objects.values_list("code", "name", "kind", "region__code"),
        users.values_list("username", "first_name", "last_name", "date_joined"),
        Membership.objects.values_list("user__username", "organisation__code", "role"),
        Catalog.objects.filter(kind="local").values_list(
            "key", "title", "status", "derived_from__key", "created_at", "updated_at"
        ),
        Item.objects.filter(catalog__kind="local").values_list(
            "catalog__key",
            "position",
            "level",
            "code",
            "name",
            "parent__position",
            "origin",
            "omitted",
            "omission_reason",
            "time_limit_text",
            "channels",
            "level_county",
            "level_township",
            "level_village",
        ),
        LegalBasis.objects.filter(item__catalog__kind="local").values_list(
            "item__catalog__key", "item__position", "position", "text"
        ),
        synthetic_publications().values_list(
            "organisation__code",
            "item__catalog__key",
            "item__position",
            "author__username",
            "kind",
            "title",
            "body",
            "formed_on",
            "due_on",
            "status",
            "attribute",
            "negative_list_entry__category",
            "published_at",
            "withdrawn_at",
            "validity",
            "validity_on",
            "created_at",
            "updated_at",
        ),
        ComplianceReview.objects.values_list(
            "publication__title",
            "reviewer__username",
            "decision",
            "decided_at",
            "attribute",
            "handler",
            "filled_on",
            "uploaded_on",
        ),
        Publication.history.values_list(
            "title", "history_type", "history_date", "status", "history_user__username"
        ),
        Item.history.filter(catalog__kind="local").values_list(
            "catalog__key", "position", "history_type", "history_date", "omitted"
        ),
    ]
    text = repr([sorted(map(repr, rows)) for rows in parts])
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_command_builds_a_province_shaped_tree_with_progress(demo):
    out, err = seed(counties=2)

    assert "2/2" in err and "[" + "#" * 30 + "]" in err  # the progress bar
    assert "publications created" in out and "errors: 0" in out
    synthetic = Region.objects.exclude(code__startswith="41")
    levels = Counter(synthetic.values_list("level", flat=True))
    assert (levels["province"], levels["city"], levels["county"]) == (1, 1, 2)
    assert levels["township"] >= 2 and levels["village"] >= levels["township"]
    for region in synthetic.exclude(level="province"):
        assert region.code.startswith(region.parent.code)  # the code is its path
        region.full_clean()
    # The demo's Henan (41) is untouched: its regions are the demo's own.
    assert not synthetic.filter(code__startswith="41").exists()
    assert Region.objects.filter(code__startswith="41").count() == 14
    for organisation in Organisation.objects.exclude(region__code__startswith="41"):
        organisation.full_clean()
    for membership in Membership.objects.exclude(
        organisation__region__code__startswith="41"
    ):
        membership.full_clean()
    assert (
        Catalog.objects.filter(kind="local", status=CatalogStatus.IN_FORCE).count() == 8
    )


def test_every_row_is_valid_and_publications_sit_where_items_allow():
    seed(counties=3)

    for catalog in Catalog.objects.filter(kind="local"):
        catalog.full_clean()
        assert not [f for f in catalog_validate(catalog) if f.is_error], catalog
    for item in Item.objects.filter(catalog__kind="local"):
        item.full_clean()
    for basis in LegalBasis.objects.filter(item__catalog__kind="local"):
        basis.full_clean()
    local = Item.objects.filter(catalog__kind="local")
    assert local.filter(omitted=True).exclude(omission_reason="").exists()
    assert local.filter(origin=ItemOrigin.SUPPLEMENT, level=2).exists()
    assert local.filter(origin=ItemOrigin.SUPPLEMENT, level=3).exists()
    shortened = [
        item
        for item in local.filter(origin=ItemOrigin.DERIVED).select_related(
            "derived_from"
        )
        if item.time_limit_amount
        and item.derived_from.time_limit_amount
        and item.time_limit_amount < item.derived_from.time_limit_amount
    ]
    assert shortened
    assert any(
        set(item.channels) > set(item.derived_from.channels)
        for item in local.select_related("derived_from").filter(
            origin=ItemOrigin.DERIVED
        )
    )

    # Each county bureau is responsible for its domains; the governments below
    # (and the provincial departments) for all.
    domains = {(o.kind, tuple(o.domains)) for o in Organisation.objects.all()}
    assert {d for kind, d in domains if kind == "county_bureau"} == {
        ("employment", "social_insurance"),
        ("social_relief", "elderly_care"),
    }
    assert {d for kind, d in domains if kind != "county_bureau"} == {()}
    for catalog in Catalog.objects.filter(kind="local").select_related(
        "organisation", "domain"
    ):
        assert catalog.organisation.responsible_for(catalog.domain.key), catalog

    allowed = {
        organisation.pk: set(
            publishable_items(organisation).values_list("pk", flat=True)
        )
        for organisation in Organisation.objects.select_related("region")
    }
    publications = Publication.objects.select_related(
        "item", "organisation__region", "negative_list_entry"
    )
    assert {p.level for p in publications} == {"county", "township", "village"}
    assert set(publications.values_list("status", flat=True)) == set(
        PublicationStatus.values
    )
    assert len({p.formed_on.year for p in publications}) == 5
    for number, publication in enumerate(publications):
        if number % 5 == 0:  # full_clean costs queries per row; a fifth is plenty
            publication.full_clean()
        assert publication.item_id in allowed[publication.organisation_id]
        assert publication.level == publication_level(publication.organisation)
        due = due_date(publication.item, publication.formed_on)
        assert (publication.due_on, publication.due_on_provisional) == (
            due.day,
            due.provisional,
        )
        assert timezone.localdate(publication.created_at) == publication.formed_on
        assert publication.created_at <= publication.updated_at
        assert timezone.localdate(publication.updated_at) <= AS_OF
        status = publication.status
        if status in (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN):
            assert publication.published_at >= publication.created_at
            assert publication.attribute == Attribute.PROACTIVE
        else:
            assert publication.published_at is None
        if status == PublicationStatus.WITHDRAWN:
            assert publication.withdrawn_at > publication.published_at
            assert publication.withdrawal_reason
        if status == PublicationStatus.RETAINED:
            assert publication.attribute in (
                Attribute.NOT_DISCLOSED,
                Attribute.ON_REQUEST,
            )
            if publication.attribute == Attribute.NOT_DISCLOSED:
                assert publication.negative_list_entry is not None
    assert publications.filter(
        status=PublicationStatus.RETAINED, attribute=Attribute.NOT_DISCLOSED
    ).exists()
    # 索引号: every published or withdrawn one has its own, per body and year.
    given = publications.filter(status__in=["published", "withdrawn"])
    assert not given.filter(index_number="").exists()
    assert (
        not publications.exclude(status__in=["published", "withdrawn"])
        .exclude(index_number="")
        .exists()
    )
    numbers = list(
        given.values_list(
            "index_number", "organisation__code", "published_at", "index_sequence"
        )
    )
    assert len({n for n, *_rest in numbers}) == len(numbers)
    for number, code, published_at, serial in numbers:
        local_year = timezone.localdate(published_at).year
        assert number == f"{code}/{local_year}-{serial:05d}"

    reviewed = publications.filter(
        status__in=["published", "withdrawn", "retained"]
    ).prefetch_related("reviews__reviewer")
    for number, publication in enumerate(reviewed):
        (review,) = [
            r for r in publication.reviews.all() if r.decision == Decision.APPROVED
        ]
        assert review.reviewer_id != publication.author_id
        assert review.attribute == publication.attribute
        if number % 5 == 0:
            review.full_clean()
            assert may_review(review.reviewer, publication)
    for review in ComplianceReview.objects.filter(decision=Decision.RETURNED):
        review.full_clean()
        assert review.publication.status == PublicationStatus.DRAFT


def test_every_row_has_history_with_the_steps_it_went_through():
    seed(counties=2)

    for model in (Region, Organisation, Membership, Catalog, Item, LegalBasis):
        rows = model.objects.count()
        first_rows = model.history.filter(history_type="+").count()
        assert first_rows >= rows > 0, model
    for publication in Publication.objects.all():
        steps = list(publication.history.order_by("history_date", "history_id"))
        assert steps[0].history_type == "+"
        assert steps[0].status == PublicationStatus.DRAFT
        assert steps[0].history_user_id == publication.author_id
        assert steps[-1].status == publication.status
        assert steps[-1].history_date == publication.updated_at
        if publication.status != PublicationStatus.DRAFT:
            assert PublicationStatus.IN_REVIEW in {s.status for s in steps}
    published = Publication.objects.filter(status=PublicationStatus.PUBLISHED).first()
    assert [
        s.history_change_reason for s in published.history.order_by("history_date")
    ][:3] == ["Draft started.", "Submitted for compliance review.", "Published."]
    for review in ComplianceReview.objects.all():
        assert review.history.count() == 2
    omitted = Item.objects.filter(catalog__kind="local", omitted=True).first()
    before, after = omitted.history.order_by("history_date")
    assert (before.omitted, after.omitted) == (False, True)
    assert after.history_change_reason.startswith("Not performed locally: ")


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    digests = []
    for seed_value in (3, 3, 4):
        with transaction.atomic():
            seed(counties=2, seed=seed_value)
            digests.append(digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_a_second_run_is_refused_and_writes_nothing():
    seed(counties=2)
    counts = (Region.objects.count(), Publication.objects.count())

    with pytest.raises(CommandError, match="Synthetic data is already present"):
        seed(counties=2)
    with pytest.raises(CommandError, match="Synthetic data is already present"):
        seed(counties=3, seed=9)

    assert (Region.objects.count(), Publication.objects.count()) == counts


def built_with_queries(counties: int) -> tuple[int, int]:
    config = ScaleConfig(
        counties=counties, townships=2, villages=2, per_item=0.5, as_of=AS_OF
    )
    with transaction.atomic():
        reference = scale_reference(config)
        with CaptureQueriesContext(connection) as queries:
            counts = scale_build(config, reference)
        transaction.set_rollback(True)
    return len(queries), counts["publications"]


def test_the_number_of_queries_does_not_grow_with_the_counties():
    queries_two, publications_two = built_with_queries(2)
    queries_four, publications_four = built_with_queries(4)

    assert publications_four > publications_two * 1.5
    assert queries_four == queries_two
    assert queries_two < 100  # one statement per table per chunk, not per row


def test_missing_catalogs_or_calendar_are_named():
    Catalog.objects.filter(kind="standard", domain__key="elderly_care").update(
        status=CatalogStatus.DRAFT
    )
    with pytest.raises(CommandError, match="load_catalogs") as caught:
        seed()
    assert "elderly_care" in str(caught.value)

    Catalog.objects.filter(kind="standard").update(status=CatalogStatus.IN_FORCE)
    # An unconfirmed year is provisional, not missing: only a year without its
    # days stops the builder.
    WorkingDay.objects.filter(date__year=AS_OF.year - 5).delete()
    CalendarYear.objects.filter(year=AS_OF.year - 5).delete()
    with pytest.raises(CommandError, match="seed_calendar --first-year 2020"):
        seed()

    WorkingDay.objects.all().delete()
    CalendarYear.objects.all().delete()
    with pytest.raises(CommandError, match="calendar is empty"):
        seed()
    assert not Publication.objects.exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--counties", "0"], "Give a whole number from 1 to 4500."),
        (["--counties", "2", "--townships-per-county", "x"], "from 1 to 60"),
        (["--counties", "2", "--publications-per-item", "-1"], "from 0 to 100"),
        (["--counties", "2", "--as-of", "30/06/2025"], "YYYY-MM-DD"),
    ],
)
def test_bad_arguments_get_a_clear_message(argv, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_scale", *argv)


def limit_item(kind, amount=None, unit=""):
    return Item(
        level=2,
        name="测试事项",
        time_limit_kind=kind,
        time_limit_amount=amount,
        time_limit_unit=unit,
    )


def test_due_dates_in_bulk_match_the_deadline_rules():
    table = WorkdayTable.load()
    items = [
        limit_item(TimeLimitKind.WITHIN, 20, TimeLimitUnit.WORKING_DAYS),
        limit_item(TimeLimitKind.WITHIN, 7, TimeLimitUnit.WORKING_DAYS),
        limit_item(TimeLimitKind.WITHIN, 15, TimeLimitUnit.CALENDAR_DAYS),
        limit_item(TimeLimitKind.WITHIN, 30, TimeLimitUnit.CALENDAR_DAYS),
        limit_item(TimeLimitKind.WITHIN, 24, TimeLimitUnit.HOURS),
        limit_item(TimeLimitKind.WITHIN, 72, TimeLimitUnit.HOURS),
        limit_item(TimeLimitKind.PERIODIC, 20, TimeLimitUnit.WORKING_DAYS),
        limit_item(TimeLimitKind.REALTIME),
        limit_item(TimeLimitKind.PROMPTLY),
        limit_item(TimeLimitKind.UNSPECIFIED),
        limit_item(TimeLimitKind.WITHIN),  # a limit without its number
    ]
    # Around the 2025 Spring Festival and National Day, weekends and 调休 included.
    days = [date(2025, 1, 20) + timedelta(days=n) for n in range(30)]
    days += [date(2025, 9, 25) + timedelta(days=n) for n in range(20)]
    for item in items:
        for day in days:
            assert due_date(item, day, calendar=table) == due_date(item, day), (
                item,
                day,
            )

    last = max(table.ordinals)
    for item in items[:2]:
        with pytest.raises(CalendarNotCovered):
            due_date(item, last)
        with pytest.raises(CalendarNotCovered):
            due_date(item, last, calendar=table)


def test_division_codes_are_real_shaped_and_unique_for_the_whole_country():
    counties = [
        county_layout(i, seed=1, townships=1, villages=1) for i in range(MAX_COUNTIES)
    ]
    codes = [layout.county.code for layout in counties]
    assert len(set(codes)) == len(codes) == MAX_COUNTIES >= 2844
    for layout in counties:
        county = layout.county.code
        assert len(county) == 6 and county.startswith(layout.city.code)
        assert layout.city.code.startswith(layout.province.code)
        assert not county.startswith("41")  # the demo's Henan
    big = county_layout(2843, seed=1, townships=60, villages=150)
    townships = [t.code for t in big.county.children]
    villages = [v.code for t in big.county.children for v in t.children]
    assert len(set(townships)) == len(townships) >= 45
    assert len(set(villages)) == len(villages)
    assert all(len(c) == 9 and c.startswith(big.county.code) for c in townships)
    assert all(len(c) == 12 for c in villages)
