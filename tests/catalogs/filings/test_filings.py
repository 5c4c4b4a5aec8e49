"""Filing a local catalog for the record: snapshot, rounds, review, queue, overview."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from catalogs.demo import seed_local_catalogs
from catalogs.filings.selectors import filing_queue, filing_rounds, province_overview
from catalogs.filings.services import (
    FilingInvalidError,
    ItemComment,
    filing_accept,
    filing_record,
    filing_return,
    filing_submit,
)
from catalogs.local.edits import item_update
from catalogs.models import Catalog, Filing, FilingStatus
from portal.audit import last_history_id
from portal.calendar.workdays import add_working_days
from portal.models import CalendarYear, Region

EMPLOYMENT = "410225-hrss-employment"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the English source; ``reverse`` gives /en/ pages."""
    with translation.override("en"):
        yield


def user(name):
    return get_user_model().objects.get(username=name)


def catalog(key=EMPLOYMENT):
    return Catalog.objects.get(key=key)


def edit(catalog, code, who="county_editor", **changes):
    item = catalog.items.get(code=code)
    return item_update(
        item=item,
        seen_history_id=last_history_id(item),
        changes=changes,
        user=user(who),
        reason="测试修改",
    )


@pytest.fixture
def local_catalogs(demo):
    """The demo counties' local catalogs, without seed_demo's filings."""
    seed_local_catalogs()
    return demo


@pytest.fixture
def filed(local_catalogs):
    return filing_submit(catalog=catalog(), user=user("county_editor"))


def test_filing_keeps_the_catalog_its_comparison_and_its_validation(filed):
    source = catalog()
    snapshot = filed.snapshot
    assert (filed.round, filed.status, filed.previous) == (1, "submitted", None)
    assert filed.filed_by == user("county_editor")
    assert filed.organisation.code == "410225-hrss"
    assert filed.domain.key == "employment"
    assert filed.reference == "410225-employment-1"
    assert len(snapshot["items"]) == source.items.count()
    assert snapshot["catalog"]["title"] == source.title
    assert snapshot["organisation"]["region_name"] == "兰考县"
    assert snapshot["organisation"]["city_name"] == "开封市"
    assert snapshot["validation"] == {
        "valid": True,
        "errors": 0,
        "warnings": 0,
        "findings": [],
    }
    comparison = snapshot["comparison"]
    assert [i["name"] for i in comparison["omitted"]][0].startswith("国(境)外人员")
    assert [i["name"] for i in comparison["added"]] == ["兰考县稳岗返还政策咨询"]
    assert [i["code"] for i in comparison["shortened"]] == ["1.1"]
    assert snapshot["deviations"]["omitted"] >= 1
    assert snapshot["deviations"]["supplemented"] == 1
    assert snapshot["deviations"]["shortened"] == 1
    assert (
        filed.history.get().history_change_reason == "Filed for the record (round 1)."
    )


def test_editing_the_catalog_later_never_changes_the_filing(filed):
    before = Filing.objects.get(pk=filed.pk).snapshot
    edit(catalog(), "1.1", subject="另一个主体", time_limit_text="5个工作日内公开")
    after = Filing.objects.get(pk=filed.pk).snapshot
    assert after == before
    row = next(i for i in after["items"] if i["code"] == "1.1")
    assert row["subject"].startswith("兰考县人力资源和社会保障局")
    assert row["time_limit_text"] == "公开事项信息形成或变更之日起10个工作日内公开"
    assert catalog().items.get(code="1.1").subject == "另一个主体"


def test_a_catalog_with_errors_is_refused_with_its_findings(local_catalogs):
    local = catalog()
    edit(local, "1.1", channels=[])
    with pytest.raises(FilingInvalidError) as caught:
        filing_submit(catalog=local, user=user("county_editor"))
    assert caught.value.findings
    assert {f.code for f in caught.value.findings} == {"CHANNEL_DROPPED"}
    assert caught.value.messages[0].startswith(f"“{local}” has ")
    assert caught.value.messages[0].endswith(
        "against its standard, so it cannot be filed. Correct them and file again."
    )
    assert not Filing.objects.exists()


def test_a_standard_catalog_is_not_filed(local_catalogs):
    standard = catalog("employment")
    with pytest.raises(ValidationError) as caught:
        filing_submit(catalog=standard, user=user("site_admin"))
    assert caught.value.messages == [
        f"“{standard}” is a standard catalog; only local catalogs are filed."
    ]


def test_only_one_round_awaits_review(filed):
    with pytest.raises(ValidationError) as caught:
        filing_submit(catalog=catalog(), user=user("county_editor"))
    assert caught.value.messages == [
        "兰考县人力资源和社会保障局 already has a filing in the 就业 domain awaiting "
        "review; wait for the reviewer’s decision before filing again."
    ]


def test_returned_corrected_filed_again_accepted_and_recorded(filed):
    reviewer = user("province_reviewer")
    returned = filing_return(
        filing=filed,
        user=reviewer,
        comments=[
            ItemComment("", "请补充本县地方性法规。"),
            ItemComment("1.1", "咨询电话未列入公开内容。"),
        ],
    )
    assert returned.status == FilingStatus.RETURNED
    assert (returned.reviewed_by, returned.reviewed_at is not None) == (reviewer, True)
    comments = list(returned.comments.values_list("item_code", "item_name", "text"))
    assert comments[0] == ("", "", "请补充本县地方性法规。")
    assert comments[1][0] == "1.1" and comments[1][2] == "咨询电话未列入公开内容。"

    local = catalog()
    item = local.items.get(code="1.1")
    edit(local, "1.1", content=[*item.content, "咨询电话"])
    second = filing_submit(catalog=local, user=user("county_editor"))
    assert (second.round, second.previous) == (2, returned)
    assert second.history.get().history_change_reason == (
        "Filed again after correction (round 2)."
    )
    row = next(i for i in second.snapshot["items"] if i["code"] == "1.1")
    assert "咨询电话" in row["content"]

    accepted = filing_accept(filing=second, user=reviewer, comment="同意备案。")
    assert accepted.status == FilingStatus.ACCEPTED
    recorded = filing_record(filing=accepted, user=reviewer)
    assert recorded.status == FilingStatus.RECORDED
    assert recorded.recorded_at is not None
    assert [f.round for f in filing_rounds(recorded)] == [2, 1]
    assert [
        h.history_change_reason for h in recorded.history.order_by("history_id")
    ] == [
        "Filed again after correction (round 2).",
        "Accepted for the record.",
        "Recorded with the ministry.",
    ]


def test_a_return_needs_a_comment_and_known_items(filed):
    reviewer = user("province_reviewer")
    with pytest.raises(ValidationError) as caught:
        filing_return(filing=filed, user=reviewer, comments=[ItemComment("", "  ")])
    assert caught.value.messages == [
        "Say what must be corrected: give at least one comment."
    ]
    with pytest.raises(ValidationError) as caught:
        filing_return(filing=filed, user=reviewer, comments=[ItemComment("99.9", "?")])
    assert caught.value.messages == ["The filed catalog has no item numbered 99.9."]
    assert Filing.objects.get(pk=filed.pk).status == FilingStatus.SUBMITTED


def test_decisions_follow_the_statuses(filed):
    reviewer = user("province_reviewer")
    with pytest.raises(ValidationError) as caught:
        filing_record(filing=filed, user=reviewer)
    assert caught.value.messages == [
        "Filing 410225-employment-1 is submitted, so it cannot be recorded."
    ]
    filing_accept(filing=filed, user=reviewer)
    with pytest.raises(ValidationError):
        filing_return(filing=filed, user=reviewer, comments=[ItemComment("", "晚了")])


@pytest.mark.parametrize(
    "change",
    [
        {"snapshot": {"items": []}},
        {"filed_at": timezone.now() - timedelta(days=1)},
        {"round": 7},
    ],
)
def test_the_database_refuses_to_change_a_filed_snapshot(filed, change):
    with pytest.raises(IntegrityError), transaction.atomic():
        Filing.objects.filter(pk=filed.pk).update(**change)
    assert Filing.objects.get(pk=filed.pk).round == 1


def test_the_status_still_moves_on_under_the_guard(filed):
    filing_accept(filing=filed, user=user("province_reviewer"))
    assert Filing.objects.get(pk=filed.pk).status == FilingStatus.ACCEPTED


def file_on(day, key=EMPLOYMENT, who="county_editor"):
    moment = timezone.make_aware(
        timezone.datetime.combine(day, timezone.datetime.min.time())
    )
    with mock.patch("catalogs.filings.services.timezone.now", return_value=moment):
        return filing_submit(catalog=catalog(key), user=user(who))


def test_the_queue_filters_by_city_domain_status_and_overdue(local_catalogs):
    today = timezone.localdate()
    old = file_on(today - timedelta(days=60))
    recent = file_on(today, key="410221-hrss-employment", who="qixian_editor")
    insurance = file_on(today, key="410225-hrss-social_insurance")
    reviewer = user("province_reviewer")

    def pks(**filters):
        return {f.pk for f in filing_queue(reviewer, today=today, **filters)}

    assert pks() == {old.pk, recent.pk, insurance.pk}
    assert pks(domain="social_insurance") == {insurance.pk}
    assert pks(overdue=True) == {old.pk}
    assert pks(city="4102") == {old.pk, recent.pk, insurance.pk}
    assert pks(city="4101") == set()
    filing_accept(filing=recent, user=reviewer)
    assert pks(status="accepted") == {recent.pk}
    waiting = filing_queue(reviewer, today=today).get(pk=old.pk).working_days_waiting
    since = old.filed_at.date()
    assert add_working_days(since, waiting).day <= today


def test_a_returned_filing_waits_on_the_county_until_filed_again(local_catalogs):
    today = timezone.localdate()
    first = file_on(today - timedelta(days=2))
    filing_return(
        filing=first, user=user("province_reviewer"), comments=[ItemComment("", "改")]
    )
    queue = filing_queue(user("province_reviewer"), today=today, status="returned")
    assert [f.pk for f in queue] == [first.pk]
    filing_submit(catalog=catalog(), user=user("county_editor"))
    assert not filing_queue(user("province_reviewer"), today=today, status="returned")
    every = filing_queue(user("province_reviewer"), today=today, all_rounds=True)
    assert {f.round for f in every} == {1, 2}


def test_the_overview_shows_who_filed_what_and_how_far_it_deviates(filed):
    filing_accept(filing=filed, user=user("province_reviewer"))
    domains, rows = province_overview(Region.objects.get(code="41"))
    by_county = {row.county.code: row for row in rows}
    assert set(by_county) == {"410225", "410221"}
    keys = [d.key for d in domains]
    lankao = by_county["410225"].cells[keys.index("employment")]
    assert lankao.filed and lankao.filing["status"] == "accepted"
    assert lankao.filing["deviations"]["supplemented"] == 1
    assert lankao.filing["deviations"]["shortened"] == 1
    qixian = by_county["410221"].cells[keys.index("employment")]
    assert (qixian.filed, qixian.has_catalog) == (False, True)
    relief = by_county["410221"].cells[keys.index("social_relief")]
    assert (relief.filed, relief.has_catalog) == (False, False)


def test_pages_walk_the_review(client, filed):
    client.force_login(user("province_reviewer"))
    queue = client.get(reverse("filings:queue"))
    assert queue.status_code == 200
    assert filed.reference in queue.content.decode()
    page = client.get(filed.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="return-form"' in body and 'id="accept-form"' in body
    assert "兰考县稳岗返还政策咨询" in body
    data = {
        "general": "请补充。",
        "items-TOTAL_FORMS": "5",
        "items-INITIAL_FORMS": "0",
        "items-0-item_code": "1.1",
        "items-0-text": "公开时限请再核对。",
    }
    answer = client.post(reverse("filings:return", args=[filed.pk]), data)
    assert answer.status_code == 302
    filed.refresh_from_db()
    assert filed.status == FilingStatus.RETURNED
    assert list(filed.comments.values_list("item_code", flat=True)) == ["", "1.1"]
    page = client.get(filed.get_absolute_url()).content.decode()
    assert 'class="commented"' in page and "公开时限请再核对。" in page
    overview = client.get(reverse("filings:overview"))
    assert overview.status_code == 200
    assert 'id="county-410225"' in overview.content.decode()

    client.force_login(user("county_editor"))
    page = client.get(filed.get_absolute_url()).content.decode()
    assert 'id="refile"' in page and 'id="return-form"' not in page
    answer = client.post(reverse("filings:file", args=[catalog().pk]), {"reason": ""})
    assert answer.status_code == 302
    assert Filing.objects.get(round=2).previous == filed


def test_the_file_page_shows_the_errors_and_files_nothing(client, local_catalogs):
    local = catalog()
    edit(local, "1.1", channels=[])
    client.force_login(user("county_editor"))
    page = client.get(reverse("filings:file", args=[local.pk]))
    assert 'id="filing-errors"' in page.content.decode()
    assert 'id="confirm-file"' not in page.content.decode()
    answer = client.post(reverse("filings:file", args=[local.pk]), {})
    assert answer.status_code == 200
    assert not Filing.objects.exists()


def test_seed_demo_files_the_demo_catalogs_once(demo_catalogs):
    statuses = dict(Filing.objects.values_list("catalog__key", "status"))
    assert statuses == {
        "410225-hrss-social_insurance": "accepted",
        "410221-hrss-employment": "submitted",
        "410225-mca-elderly_care": "returned",
    }
    returned = Filing.objects.get(status="returned")
    assert returned.comments.count() == 2
    call_command("seed_demo", verbosity=0)
    assert Filing.objects.count() == 3


def test_the_queue_counts_waiting_days_in_a_provisional_year(local_catalogs):
    """A year whose holiday schedule is not yet published is counted on its
    provisional calendar, as every other clock counts it, not left unflagged."""
    year = CalendarYear.objects.filter(confirmed=False).order_by("year").first().year
    filed = file_on(date(year, 3, 2))
    today = date(year, 4, 30)
    row = filing_queue(user("province_reviewer"), today=today).get(pk=filed.pk)
    assert row.working_days_waiting is not None
    counted = add_working_days(date(year, 3, 2), row.working_days_waiting)
    assert (counted.day, counted.provisional) == (today, True)
    assert row.overdue
