"""Bad values (``corpus.values``) in the publishing forms: a message, nothing written.

The forms: drafting and editing a publication, the compliance review (and
returning without it); ``test_bad_input_admin_forms`` has the filing review, an
item edited in the admin and a day of the calendar. A refused value answers with
the form again, the message on the field it concerns, and no row written
anywhere; a value that is only text (script tags, formulas, long text where the
field is unbounded) is stored as given and escaped on the page. No value causes a
server error: the test client raises any exception a view lets through.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from catalogs.models import Catalog
from disclosure.models import Publication, PublicationStatus
from disclosure.services import publication_submit
from portal.calendar.database import provisional_horizon
from tests import corpus
from tests.adminforms import form_data
from tests.corpus.values import (
    NOT_A_CHOICE,
    NOT_A_DATE,
    NOT_A_NUMBER,
    NUL,
    REQUIRED,
    VALUES,
    not_in_choices,
    too_long,
)
from tests.disclosure.conftest import REVIEW, VILLAGE, make_draft

from .conftest import row_counts
from .formchecks import refused, shown

pytestmark = pytest.mark.django_db

MORE = corpus.MORE
SCRIPT = corpus.SCRIPT
EMPLOYMENT = "410225-hrss-employment"
NOT_COVERED = (
    "9999-12-31 is too far ahead: the working-day calendar counts working days up "
    f"to {provisional_horizon()} only, because no holiday schedule is known beyond "
    "it. Check the date."
)


# Drafting a publication


@pytest.fixture
def publisher(client, lankao):
    client.force_login(lankao["village_publisher"])
    return lankao["village_publisher"]


@pytest.fixture
def draft_data(lankao, dibao_item):
    return {
        "organisation": lankao[f"org:{VILLAGE}"].pk,
        "item": dibao_item.pk,
        "kind": "notice",
        "title": "张庄村低保公示",
        "body": "名单如下。",
        "formed_on": "2025-09-26",
    }


WRITTEN_IN_FUTURE = "The date written cannot be in the future."
FORMULA = VALUES["formula"]


def not_a_number(value: str) -> str:
    return (
        f"“{value}” is not a document number: write the issuer's code, the year in "
        "brackets and the number, e.g. 兰人社〔2025〕3号, or a decree number such as "
        "国务院令第711号."
    )


def other_county_item():
    return (
        Catalog.objects.get(key="410221-hrss-employment", version=1)
        .items.get(code="1.2")
        .pk
    )


DRAFT_REFUSED = [
    ("title", "nul", {"title": [NUL]}),
    ("body", "nul", {"body": [NUL]}),
    ("title", "over_long", {"title": [too_long(300)]}),
    ("change_reason", "over_long", {"change_reason": [too_long(500)]}),
    ("title", "blank", {"title": [REQUIRED]}),
    ("formed_on", "impossible_date", {"formed_on": [NOT_A_DATE]}),
    ("formed_on", "word", {"formed_on": [NOT_A_DATE]}),
    ("formed_on", "far_date", {"formed_on": [NOT_COVERED]}),
    ("item", "huge_number", {"item": [NOT_A_CHOICE]}),
    ("item", "negative_number", {"item": [NOT_A_CHOICE]}),
    ("organisation", "word", {"organisation": [NOT_A_CHOICE]}),
    ("kind", "script", {"kind": [not_in_choices(SCRIPT)]}),
    ("written_on", "impossible_date", {"written_on": [NOT_A_DATE]}),
    ("written_on", "far_date", {"written_on": [WRITTEN_IN_FUTURE]}),
    ("document_number", "nul", {"document_number": [NUL]}),
    ("document_number", "over_long", {"document_number": [too_long(60)]}),
    ("document_number", "script", {"document_number": [not_a_number(SCRIPT)]}),
    ("document_number", "formula", {"document_number": [not_a_number(FORMULA)]}),
    ("document_number", "word", {"document_number": [not_a_number("abc")]}),
    ("topic", "script", {"topic": [not_in_choices(SCRIPT)]}),
]


@pytest.mark.parametrize(("field", "value", "expected"), DRAFT_REFUSED)
def test_a_draft_with_a_bad_value(
    client, publisher, draft_data, field, value, expected
):
    url = reverse("disclosure:publication-create")
    refused(client, url, {**draft_data, field: VALUES[value]}, expected)


def test_a_draft_under_another_countys_item(client, demo_catalogs, draft_data):
    client.force_login(demo_catalogs["village_publisher"])
    # In force, so the refusal is for the county, not for the catalog's status.
    Catalog.objects.filter(key="410221-hrss-employment", version=1).update(
        status="in_force"
    )
    url = reverse("disclosure:publication-create")
    data = {**draft_data, "item": other_county_item()}
    refused(client, url, data, {"item": [NOT_A_CHOICE]})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "script"),
        ("body", "script"),
        ("body", "formula"),
        ("body", "over_long"),
    ],
)
def test_text_in_a_draft_is_stored_as_given(
    client, publisher, draft_data, field, value
):
    response = client.post(
        reverse("disclosure:publication-create"), {**draft_data, field: VALUES[value]}
    )

    assert response.status_code == 302
    publication = Publication.objects.get()
    assert getattr(publication, field) == VALUES[value]
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    if value != "over_long":
        assert escape(VALUES[value]) in page


# Editing a draft


@pytest.fixture
def draft(lankao, dibao_item, publisher):
    return make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )


def edit_data(client, draft, **changes):
    url = reverse("disclosure:publication-edit", args=[draft.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form_data(form).items() if value != ""}
    return url, {**data, "change_reason": "更正", **changes}


STALE_DRAFT = (
    "“公示” was changed by village_publisher after you opened it. Your change was not "
    "saved; reload the page and make it again."
)
EDIT_REFUSED = [
    ("title", "nul", {"title": [NUL]}),
    ("change_reason", "nul", {"change_reason": [NUL]}),
    ("formed_on", "far_date", {"formed_on": [NOT_COVERED]}),
    ("item", "huge_number", {"item": [NOT_A_CHOICE]}),
    ("seen_history_id", "word", {"seen_history_id": [NOT_A_NUMBER]}),
    ("seen_history_id", "blank", {"seen_history_id": [NOT_A_NUMBER]}),
    ("seen_history_id", "huge_number", {"__all__": [STALE_DRAFT]}),
    ("seen_history_id", "negative_number", {"__all__": [STALE_DRAFT]}),
]


@pytest.mark.parametrize(("field", "value", "expected"), EDIT_REFUSED)
def test_an_edit_with_a_bad_value(client, draft, field, value, expected):
    url, data = edit_data(client, draft, **{field: VALUES[value]})
    refused(client, url, data, expected)
    assert Publication.objects.get().title == "公示"


def test_an_edit_without_the_token_is_refused(client, draft):
    url, data = edit_data(client, draft, title="改过")
    del data["seen_history_id"]
    refused(client, url, data, {"seen_history_id": [REQUIRED]})


# The compliance review


@pytest.fixture
def in_review(client, lankao, dibao_item):
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    publication_submit(publication=draft, user=lankao["village_publisher"])
    client.force_login(lankao["mca_reviewer"])  # 低保: the 民政局's
    return draft


REVIEW_DATA = {**REVIEW, "filled_on": "2025-09-26", "action": "save"}
REVIEW_REFUSED = [
    ("handler", "nul", {"handler": [NUL]}),
    ("handler", "over_long", {"handler": [too_long(50)]}),
    ("column", "over_long", {"column": [too_long(100)]}),
    ("withheld_reason", "nul", {"withheld_reason": [NUL]}),
    ("decision_reason", "over_long", {"decision_reason": [too_long(1000)]}),
    ("filled_on", "impossible_date", {"filled_on": [NOT_A_DATE]}),
    ("negative_list_entry", "huge_number", {"negative_list_entry": [NOT_A_CHOICE]}),
    ("source", "script", {"source": [not_in_choices(SCRIPT)]}),
]


@pytest.mark.parametrize(("field", "value", "expected"), REVIEW_REFUSED)
def test_a_review_with_a_bad_value(client, in_review, field, value, expected):
    url = reverse("disclosure:review", args=[in_review.pk])
    refused(client, url, {**REVIEW_DATA, field: VALUES[value]}, expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nul", NUL),
        ("over_long", too_long(1000)),
        ("blank", "Give a reason; it is recorded in the history."),
    ],
)
def test_returning_with_a_bad_reason(client, in_review, value, message):
    url = reverse("disclosure:review", args=[in_review.pk])
    before = row_counts()

    response = client.post(url, {"action": "return", "decision_reason": VALUES[value]})

    assert response.status_code == 302
    assert shown(response) == [message]
    assert row_counts() == before
    assert Publication.objects.get().status == PublicationStatus.IN_REVIEW
