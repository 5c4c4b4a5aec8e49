"""Bad values (``corpus.values``) in the participation forms: a message on the
field, nothing written; text is kept as given and escaped on the public page.

The forms: a citizen's comment (with a valid CAPTCHA answer, so the refusal is
the field's), the staff's consultation, moderation and feedback forms, and the
public's say (posted without a CSRF token).
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from disclosure.models import Consultation
from disclosure.participation import services
from portal.access.captcha import Challenge
from tests import corpus
from tests.corpus.values import (
    NOT_A_CHOICE,
    NOT_A_DATE,
    NUL,
    REQUIRED,
    VALUES,
    not_in_choices,
    too_long,
)
from tests.disclosure.participation.conftest import DRAFT

from .conftest import row_counts
from .formchecks import refused

pytestmark = pytest.mark.django_db

SCRIPT = corpus.SCRIPT


@pytest.fixture
def open_now(demo, bureau):
    today = timezone.localdate()
    user = demo["county_publisher"]
    return services.consultation_publish(
        user=user,
        consultation=services.consultation_save(
            user=user,
            data={
                **DRAFT,
                "opens_on": today - dt.timedelta(days=1),
                "closes_on": today + dt.timedelta(days=1),
            },
            organisation=bureau,
        ),
    )


def answered() -> dict:
    challenge = Challenge()
    return {"captcha_token": challenge.token, "captcha_answer": challenge.answer}


COMMENT = {"name": "", "contact": "a@example.cn", "text": "建议。"}
COMMENT_REFUSED = [
    ("text", "nul", {"text": [NUL]}),
    ("text", "blank", {"text": [REQUIRED]}),
    ("text", "over_long", {"text": [too_long(5000, 5000 + 0)]}),
    ("contact", "nul", {"contact": [NUL]}),
    ("contact", "blank", {"contact": [REQUIRED]}),
    ("contact", "over_long", {"contact": [too_long(100)]}),
    ("name", "over_long", {"name": [too_long(50)]}),
]


@pytest.mark.parametrize(("field", "value", "expected"), COMMENT_REFUSED)
def test_a_comment_with_a_bad_value(client, open_now, field, value, expected):
    if value == "over_long" and field == "text":
        data = {**COMMENT, "text": "长" * 5001, **answered()}
        expected = {"text": [too_long(5000, 5001)]}
    else:
        data = {**COMMENT, field: VALUES[value], **answered()}
    refused(client, open_now.get_absolute_url(), data, expected)


def test_script_in_a_comment_is_kept_as_text(client, demo, open_now):
    client.post(open_now.get_absolute_url(), {**COMMENT, "text": SCRIPT, **answered()})
    stored = open_now.comments.get()
    assert stored.text == SCRIPT
    services.comment_moderate(
        user=demo["county_reviewer"], comment=stored, publish=True
    )
    page = client.get(open_now.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and escape(SCRIPT) in page


STAFF = {**DRAFT, "opens_on": "2026-03-01", "closes_on": "2026-03-31"}
CONSULTATION_REFUSED = [
    ("title", "nul", {"title": [NUL]}),
    ("title", "over_long", {"title": [too_long(300)]}),
    ("title", "blank", {"title": [REQUIRED]}),
    ("draft_text", "nul", {"draft_text": [NUL]}),
    ("interpretation_text", "blank", {"interpretation_text": [REQUIRED]}),
    ("contact", "over_long", {"contact": [too_long(300)]}),
    ("opens_on", "impossible_date", {"opens_on": [NOT_A_DATE]}),
    ("closes_on", "word", {"closes_on": [NOT_A_DATE]}),
    ("organisation", "word", {"organisation": [NOT_A_CHOICE]}),
    ("organisation", "huge_number", {"organisation": [NOT_A_CHOICE]}),
]


@pytest.mark.parametrize(("field", "value", "expected"), CONSULTATION_REFUSED)
def test_a_consultation_with_a_bad_value(client, demo, bureau, field, value, expected):
    client.force_login(demo["county_publisher"])
    data = {**STAFF, "organisation": bureau.pk, field: VALUES[value]}
    refused(client, reverse("participation-staff:create"), data, expected)


def test_a_consultation_closing_before_it_opens(client, demo, bureau):
    client.force_login(demo["county_publisher"])
    data = {**STAFF, "organisation": bureau.pk, "closes_on": "2026-02-01"}
    refused(
        client,
        reverse("participation-staff:create"),
        data,
        {"closes_on": ["The closing day must not be before the opening day."]},
    )
    assert not Consultation.objects.exists()


@pytest.fixture
def commented(demo, consultation):
    made = services.comment_submit(
        consultation=consultation,
        name="",
        contact="a@example.cn",
        text="建议。",
        now=consultation.opens_at,
    )
    services.comment_moderate(user=demo["county_reviewer"], comment=made, publish=True)
    return made


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("decision", "script", {"decision": [not_in_choices(SCRIPT)]}),
        ("decision", "blank", {"decision": [not_in_choices(VALUES["blank"])]}),
        ("reason", "over_long", {"reason": [too_long(300)]}),
        ("reason", "nul", {"reason": [NUL]}),
    ],
)
def test_a_moderation_with_a_bad_value(
    client, demo, consultation, commented, field, value, expected
):
    client.force_login(demo["county_reviewer"])
    url = reverse(
        "participation-staff:moderate",
        kwargs={"pk": consultation.pk, "comment_pk": commented.pk},
    )
    data = {"decision": "reject", "reason": "无关", field: VALUES[value]}
    refused(client, url, data, expected)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("verdict", "script", {"verdict": [not_in_choices(SCRIPT)]}),
        ("gist", "nul", {"gist": [NUL]}),
        ("gist", "over_long", {"gist": [too_long(500)]}),
        (
            "reason",
            "blank",
            {
                "reason": [
                    "Give the reason an opinion is adopted in part or not adopted."
                ]
            },
        ),
        (
            "comments",
            "word",
            {"comments": ["“abc” is not a valid value."]},
        ),
    ],
)
def test_feedback_with_a_bad_value(
    client, demo, consultation, commented, field, value, expected
):
    client.force_login(demo["county_reviewer"])
    url = reverse("participation-staff:feedback", kwargs={"pk": consultation.pk})
    data = {
        "comments": [commented.pk],
        "gist": "建议",
        "verdict": "not_adopted",
        "reason": "理由",
        field: VALUES[value],
    }
    refused(client, url, data, expected)


SAY = {
    "say-page": "publication:1",
    "say-timely": "yes",
    "say-complete": "yes",
    "say-convenient": "no",
}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "say-page",
            "script",
            {"page": ["The page this answer is about was not recognised."]},
        ),
        (
            "say-page",
            "huge_number",
            {"page": ["The page this answer is about was not recognised."]},
        ),
        ("say-timely", "script", {"timely": [not_in_choices(SCRIPT)]}),
        ("say-complete", "blank", {"complete": [not_in_choices(VALUES["blank"])]}),
        ("say-comment", "nul", {"comment": [NUL]}),
        ("say-comment", "over_long", {"comment": [too_long(1000)]}),
    ],
)
def test_the_say_with_a_bad_value(client, demo, field, value, expected):
    data = {**SAY, field: VALUES[value]}
    refused(client, reverse("participation:say"), data, expected, status=400)


def test_the_say_for_a_page_beyond_any_id(client, demo):
    before = row_counts()
    response = client.post(
        reverse("participation:say"), {**SAY, "say-page": "publication:2147483648"}
    )
    assert response.status_code == 404 and row_counts() == before
