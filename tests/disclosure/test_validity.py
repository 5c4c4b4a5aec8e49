"""Validity marks (已修改 / 已废止 / 失效) and interpretations published within 3 working days."""

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from disclosure.deadlines import interpretation_lateness
from disclosure.services import interpretation_link, publication_set_validity
from portal.audit import audited_save

from .conftest import make_draft, publish

pytestmark = pytest.mark.django_db

COUNTY = "410225-hrss"


@pytest.fixture
def policies(lankao, employment_item):
    def policy(title, kind="policy"):
        return make_draft(
            lankao,
            "county_publisher",
            COUNTY,
            employment_item,
            formed_on=date(2025, 9, 26),
            title=title,
            kind=kind,
        )

    old = publish(lankao, policy("稳岗返还实施办法（原）"), author="county_publisher")
    new = publish(lankao, policy("稳岗返还实施办法（修订）"), author="county_publisher")
    explain = policy("稳岗返还实施办法政策解读", kind="interpretation")
    return old, new, explain


def at(day: date):
    return timezone.make_aware(datetime.combine(day, time(10)))


def set_published(publication, day, user):
    publication.published_at = at(day)
    audited_save(publication, user=user, reason="测试：发布时间")


def test_a_document_is_marked_amended_with_date_reason_and_replacement(
    client, lankao, policies
):
    old, new, _explain = policies
    marked = publication_set_validity(
        publication=old,
        user=lankao["county_publisher"],
        validity="amended",
        on=date(2025, 10, 20),
        reason="已被修订版替代。",
        replaced_by=new,
    )
    assert (marked.validity, marked.validity_on, marked.replaced_by) == (
        "amended",
        date(2025, 10, 20),
        new,
    )
    assert marked.history.latest().history_change_reason == "已被修订版替代。"
    client.force_login(lankao["county_reviewer"])
    page = client.get(reverse("disclosure:publication-detail", args=[old.pk]))
    body = page.content.decode()
    assert "This document is marked Amended (已修改) since 2025-10-20." in body
    assert reverse("disclosure:publication-detail", args=[new.pk]) in body


def test_a_validity_change_needs_its_date_and_a_published_replacement(lankao, policies):
    old, _new, explain = policies
    user = lankao["county_publisher"]
    with pytest.raises(ValidationError) as excinfo:
        publication_set_validity(
            publication=old, user=user, validity="abolished", on=None, reason="废止"
        )
    assert "on" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        publication_set_validity(
            publication=old,
            user=user,
            validity="abolished",
            on=date(2025, 10, 20),
            reason="废止",
            replaced_by=explain,
        )
    assert excinfo.value.message_dict["replaced_by"] == [
        "The replacement must itself be published."
    ]
    with pytest.raises(ValidationError):
        publication_set_validity(
            publication=explain,
            user=user,
            validity="expired",
            on=date(2025, 10, 20),
            reason="失效",
        )


def test_an_interpretation_links_to_its_document_and_back(client, lankao, policies):
    _old, new, explain = policies
    interpretation_link(
        interpretation=explain, document=new, user=lankao["county_publisher"]
    )
    client.force_login(lankao["county_publisher"])
    document_page = client.get(new.get_absolute_url()).content.decode()
    interpretation_page = client.get(explain.get_absolute_url()).content.decode()
    assert explain.get_absolute_url() in document_page
    assert new.get_absolute_url() in interpretation_page


def test_only_a_policy_document_takes_an_interpretation(lankao, policies):
    old, new, explain = policies
    with pytest.raises(ValidationError):
        interpretation_link(
            interpretation=new, document=old, user=lankao["county_publisher"]
        )
    with pytest.raises(ValidationError):
        interpretation_link(
            interpretation=explain, document=explain, user=lankao["county_publisher"]
        )


@pytest.mark.parametrize(
    ("published_on", "working_days", "late"),
    [
        # The document is published on Thursday 25 September 2025; Sunday 28
        # September is an adjusted workday and 1–8 October are holidays.
        (date(2025, 9, 28), 2, False),
        (date(2025, 9, 29), 3, False),
        (date(2025, 9, 30), 4, True),
        (date(2025, 10, 9), 5, True),
    ],
)
def test_an_interpretation_later_than_3_working_days_is_flagged(
    lankao, policies, published_on, working_days, late
):
    _old, new, explain = policies
    reviewer = lankao["county_reviewer"]
    interpretation_link(
        interpretation=explain, document=new, user=lankao["county_publisher"]
    )
    explain = publish(lankao, explain, author="county_publisher")
    set_published(new, date(2025, 9, 25), reviewer)
    set_published(explain, published_on, reviewer)
    (timing,) = interpretation_lateness(new)
    assert (timing.working_days, timing.late) == (working_days, late)
    (same,) = interpretation_lateness(explain)
    assert same.late == late


def test_an_interpretation_still_unpublished_after_3_working_days_is_flagged(
    lankao, policies
):
    _old, new, explain = policies
    interpretation_link(
        interpretation=explain, document=new, user=lankao["county_publisher"]
    )
    set_published(new, date(2025, 9, 25), lankao["county_reviewer"])
    (timing,) = interpretation_lateness(new, today=date(2025, 10, 9))
    assert (timing.published, timing.working_days, timing.late) == (False, 5, True)
