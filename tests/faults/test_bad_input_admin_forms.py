"""Bad values (``corpus.values``) in the review and admin forms: a message, no writes.

The forms: a filing's return and acceptance (and filing itself), an item of a
local catalog edited in the admin, and a day of the working-day calendar. A
refused value answers with the form again, the message on its field, and no row
written anywhere; no value causes a server error.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from catalogs.filings.services import filing_submit
from catalogs.models import Catalog, Filing, FilingStatus
from portal.models import WorkingDay
from tests import corpus, factories
from tests.adminforms import admin_form_data, form_data
from tests.corpus.values import (
    NOT_A_NUMBER,
    NUL,
    REQUIRED,
    VALUES,
    not_in_choices,
    too_long,
)

from .conftest import row_counts
from .formchecks import refused, shown

pytestmark = pytest.mark.django_db

MORE = corpus.MORE
SCRIPT = corpus.SCRIPT
EMPLOYMENT = "410225-hrss-employment"


# A filing's review


@pytest.fixture
def filed(client, lankao):
    catalog = Catalog.objects.get(key=EMPLOYMENT)
    filing = filing_submit(catalog=catalog, user=lankao["county_editor"])
    client.force_login(lankao["province_reviewer"])
    return filing


def management(total="1"):
    return {
        "items-TOTAL_FORMS": total,
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "50",
    }


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("general", "nul", {"general": [NUL]}),
        ("general", "over_long", {"general": [too_long(4000)]}),
    ],
)
def test_returning_a_filing_with_a_bad_comment(client, filed, field, value, expected):
    url = reverse("filings:return", args=[filed.pk])
    data = {**management(), field: VALUES[value]}
    refused(client, url, data, expected, name="return_form", status=400)
    assert Filing.objects.get().status == FilingStatus.SUBMITTED


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"items-0-text": VALUES["nul"]}, [{"text": [NUL]}]),
        ({"items-0-text": VALUES["over_long"]}, [{"text": [too_long(2000)]}]),
        (
            {"items-0-item_code": SCRIPT, "items-0-text": "错"},
            [{"item_code": [not_in_choices(SCRIPT)]}],
        ),
    ],
)
def test_returning_a_filing_with_a_bad_item_comment(client, filed, data, expected):
    before = row_counts()
    url = reverse("filings:return", args=[filed.pk])

    response = client.post(url, {**management(), "general": "请修改", **data})

    assert response.status_code == 400
    assert response.context["formset"].errors == expected
    assert row_counts() == before


@pytest.mark.parametrize("total", [VALUES["huge_number"], VALUES["word"]])
def test_a_forged_number_of_item_comments(client, filed, total):
    before = row_counts()
    url = reverse("filings:return", args=[filed.pk])

    response = client.post(url, {**management(total), "general": "请修改"})

    assert response.status_code == 400
    assert response.context["formset"].non_form_errors()
    assert row_counts() == before


@pytest.mark.parametrize(
    ("value", "expected"), [("nul", [NUL]), ("over_long", [too_long(4000)])]
)
def test_accepting_a_filing_with_a_bad_comment(client, filed, value, expected):
    url = reverse("filings:accept", args=[filed.pk])
    data = {"comment": VALUES[value]}
    refused(client, url, data, {"comment": expected}, name="accept_form", status=400)
    assert Filing.objects.get().status == FilingStatus.SUBMITTED


def test_filing_with_a_bad_reason(client, lankao):
    client.force_login(lankao["county_editor"])
    catalog = Catalog.objects.get(key=EMPLOYMENT)
    before = row_counts()

    response = client.post(
        reverse("filings:file", args=[catalog.pk]), {"reason": VALUES["nul"]}
    )

    assert response.status_code == 200
    assert shown(response) == [NUL]
    assert row_counts() == before


# An item edited in the admin


@pytest.fixture
def item_edit(client, lankao):
    client.force_login(lankao["county_editor"])
    # Items are edited in a draft; the fixture's catalog is in force.
    Catalog.objects.filter(key=EMPLOYMENT).update(status="draft")
    item = Catalog.objects.get(key=EMPLOYMENT).items.get(code="1.2")
    url = reverse("admin:catalogs_item_edit", args=[item.pk])
    data = form_data(client.get(url).context["form"])
    return item, url, {**data, "reason": "按县里要求修改"}


STALE_ITEM = ("Item “1.2 岗位信息发布” was changed by county_editor at " + MORE,)
ITEM_REFUSED = [
    ("content", "nul", {"content": [NUL]}),
    ("bases", "nul", {"bases": [NUL]}),
    ("subject", "over_long", {"subject": [too_long(300)]}),
    ("time_limit_text", "over_long", {"time_limit_text": [too_long(300)]}),
    ("reason", "over_long", {"reason": [too_long(500)]}),
    ("reason", "blank", {"reason": [REQUIRED]}),
    ("seen_history_id", "word", {"seen_history_id": [NOT_A_NUMBER]}),
    ("channels", "script", {"channels": [not_in_choices(SCRIPT)]}),
]


@pytest.mark.parametrize(("field", "value", "expected"), ITEM_REFUSED)
def test_an_item_edit_with_a_bad_value(client, item_edit, field, value, expected):
    item, url, data = item_edit
    refused(client, url, {**data, field: VALUES[value]}, expected)


@pytest.mark.parametrize("value", ["huge_number", "negative_number"])
def test_an_item_edit_with_a_forged_token_is_stale(client, item_edit, value):
    item, url, data = item_edit
    data = {**data, "subject": "兰考县人社局", "seen_history_id": VALUES[value]}
    refused(client, url, data, {"__all__": list(STALE_ITEM)})


def test_script_in_an_item_is_stored_as_text(client, item_edit):
    item, url, data = item_edit

    response = client.post(url, {**data, "content": f"办理流程\n{SCRIPT}"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.content == ["办理流程", SCRIPT]
    page = client.get(url).content.decode()
    assert "<script>alert" not in page
    assert escape(SCRIPT) in page


# A day of the calendar


@pytest.fixture
def calendar_day(client, demo):
    client.force_login(factories.user("root", is_staff=True, is_superuser=True))
    day = WorkingDay.objects.get(date=date(2025, 3, 8))
    url = reverse("admin:portal_workingday_change", args=[day.pk])
    return day, url, admin_form_data(client.get(url), change_reason="国务院办公厅通知")


STALE_DAY = ("“2025-03-08” was changed by " + MORE,)
CALENDAR_REFUSED = [
    ("note", "nul", {"note": [NUL]}),
    ("note", "over_long", {"note": [too_long(100)]}),
    ("change_reason", "over_long", {"change_reason": [too_long(500)]}),
    ("seen_history_id", "huge_number", {"__all__": list(STALE_DAY)}),
    (
        "seen_history_id",
        "word",
        {"seen_history_id": [NOT_A_NUMBER], "__all__": list(STALE_DAY)},
    ),
]


@pytest.mark.parametrize(("field", "value", "expected"), CALENDAR_REFUSED)
def test_a_calendar_day_with_a_bad_value(client, calendar_day, field, value, expected):
    day, url, data = calendar_day
    refused(client, url, {**data, field: VALUES[value]}, expected, name="adminform")
    assert WorkingDay.objects.get(pk=day.pk).note == day.note
