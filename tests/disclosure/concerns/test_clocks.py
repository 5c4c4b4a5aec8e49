"""The response clocks of public concerns: real hours across nights and weekends."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from disclosure.concerns.clocks import deadlines, is_overdue, late_by
from disclosure.concerns.selectors import overdue_concerns
from disclosure.concerns.services import (
    concern_hold_conference,
    concern_record,
    concern_respond,
)
from disclosure.models import Concern
from portal.models import Organisation

from ..conftest import make_draft, publish

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_other_concerns_get_48_real_hours_across_a_weekend():
    # Friday 2025-10-10 18:30 → Sunday 18:30, not the next Tuesday's working hours.
    due = deadlines("other", at(2025, 10, 10, 18, 30))
    assert due.response == at(2025, 10, 12, 18, 30)
    assert due.response.weekday() == 6  # Sunday
    assert due.conference is None


def test_major_emergencies_get_5_and_24_hours_across_midnight():
    due = deadlines("major", at(2025, 10, 11, 21, 15))  # a Saturday night
    assert due.response == at(2025, 10, 12, 2, 15)  # the next day, 02:15
    assert due.conference == at(2025, 10, 12, 21, 15)


def test_the_clock_counts_hours_in_beijing_time_whatever_the_server_zone():
    noticed = datetime(2025, 10, 10, 15, 0, tzinfo=ZoneInfo("UTC"))  # 23:00 Beijing
    due = deadlines("major", noticed)
    assert due.response.astimezone(SHANGHAI) == at(2025, 10, 11, 4, 0)


class Late:
    def __init__(self, **kw):
        self.__dict__.update(
            {"responded_at": None, "conference_at": None, "conference_due_at": None}
        )
        self.__dict__.update(kw)


def test_overdue_one_minute_after_the_deadline_and_not_before():
    due = at(2025, 10, 12, 18, 30)
    concern = Late(response_due_at=due)
    assert not is_overdue(concern, due)
    assert is_overdue(concern, due + timedelta(minutes=1))
    assert late_by(concern, due + timedelta(hours=3)) == timedelta(hours=3)


def test_a_major_emergency_answered_but_without_its_conference_is_overdue():
    noticed = at(2025, 10, 11, 8, 0)
    due = deadlines("major", noticed)
    concern = Late(
        response_due_at=due.response,
        conference_due_at=due.conference,
        responded_at=noticed + timedelta(hours=2),
    )
    assert not is_overdue(concern, noticed + timedelta(hours=23))
    assert is_overdue(concern, noticed + timedelta(hours=25))


@pytest.fixture
def bureau(lankao):
    return Organisation.objects.get(code="410225-hrss")


@pytest.mark.django_db
def test_recorded_concerns_store_their_due_times_and_show_up_overdue(lankao, bureau):
    user = lankao["county_publisher"]
    noticed = at(2025, 10, 10, 18, 30)
    concern = concern_record(
        user=user,
        organisation=bureau,
        subject="网传失业金停发",
        source="online",
        severity="other",
        noticed_at=noticed,
    )
    assert concern.response_due_at == at(2025, 10, 12, 18, 30)
    assert concern.history.first().history_change_reason == "Concern recorded."
    scope = Organisation.objects.filter(pk=bureau.pk)
    late = at(2025, 10, 12, 18, 31)
    assert list(overdue_concerns(organisations=scope, now=late)) == [concern]
    assert not overdue_concerns(organisations=scope, now=late - timedelta(minutes=2))


@pytest.mark.django_db
def test_a_response_is_a_published_publication(lankao, bureau, employment_item):
    user = lankao["county_publisher"]
    concern = concern_record(
        user=user,
        organisation=bureau,
        subject="招聘会延期",
        source="media",
        severity="major",
        noticed_at=at(2025, 10, 1, 9, 0),
    )
    draft = make_draft(
        lankao,
        "county_publisher",
        "410225-hrss",
        employment_item,
        formed_on=datetime(2025, 9, 26).date(),
        title="关于招聘会延期的说明",
    )
    with pytest.raises(ValidationError) as error:
        concern_respond(concern=concern, user=user, publication=draft)
    assert error.value.message_dict["response"] == [
        "The response must be a published publication."
    ]
    publish(lankao, draft, author="county_publisher")
    draft.refresh_from_db()
    concern = concern_respond(concern=concern, user=user, publication=draft)
    assert concern.responded_at == draft.published_at
    concern_hold_conference(
        concern=concern, user=user, at=at(2025, 10, 1, 20, 0), note="县政府新闻发布会"
    )
    scope = Organisation.objects.filter(pk=bureau.pk)
    assert not overdue_concerns(organisations=scope, now=at(2025, 10, 9, 0, 0))


@pytest.mark.django_db
def test_a_future_notice_time_and_another_body_are_refused(lankao, bureau):
    with pytest.raises(ValidationError) as error:
        concern_record(
            user=lankao["county_publisher"],
            organisation=bureau,
            subject="x",
            source="media",
            severity="other",
            noticed_at=at(2099, 1, 1, 0, 0),
        )
    assert "cannot be in the future" in error.value.message_dict["noticed_at"][0]
    with pytest.raises(PermissionDenied):
        concern_record(
            user=lankao["qixian_editor"],
            organisation=bureau,
            subject="x",
            source="media",
            severity="other",
            noticed_at=at(2025, 1, 1, 0, 0),
        )
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_the_dashboard_lists_overdue_concerns(client, lankao, bureau):
    concern_record(
        user=lankao["county_publisher"],
        organisation=bureau,
        subject="网传社保卡停用",
        source="hotline",
        severity="other",
        noticed_at=at(2025, 1, 6, 9, 0),
    )
    client.force_login(lankao["county_publisher"])
    page = client.get(reverse("disclosure:dashboard", kwargs={"code": bureau.code}))
    assert page.status_code == 200
    assert "Overdue public concerns" in page.text
    assert "网传社保卡停用" in page.text


@pytest.mark.django_db
def test_staff_record_a_concern_through_the_form(client, lankao, bureau):
    client.force_login(lankao["county_publisher"])
    response = client.post(
        reverse("disclosure:concern-create"),
        {
            "organisation": bureau.pk,
            "subject": "网传补贴取消",
            "source": "online",
            "severity": "major",
            "noticed_at": "2025-10-11T21:15",
        },
    )
    concern = Concern.objects.get()
    assert response.status_code == 302
    assert concern.response_due_at == at(2025, 10, 12, 2, 15)
    bad = client.post(
        reverse("disclosure:concern-create"),
        {
            "organisation": bureau.pk,
            "subject": "x",
            "source": "online",
            "severity": "major",
            "noticed_at": "yesterday",
        },
    )
    assert bad.status_code == 200
    assert Concern.objects.count() == 1
