"""The bad-input corpus (``tests.corpus``) walked by the public application form
and the staff forms of requests: each value refused with its message on its
field and nothing written, or stored as text and escaped; forged ids of
another body refused as invalid choices; a guessed 查询码 rate limited."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from disclosure.models import InformationRequest, NegativeListEntry
from disclosure.negativelist import negative_list_adopt
from tests.corpus import files as corpus_files
from tests.corpus.values import (
    NOT_A_CHOICE,
    NOT_A_DATE,
    NUL,
    REQUIRED,
    VALUES,
    not_in_choices,
    too_long,
)
from tests.faults.formchecks import refused

from .conftest import BUREAU, PERSON
from .helpers import captcha

pytestmark = pytest.mark.django_db

SCRIPT = VALUES["script"]
FUTURE = "The date cannot be in the future."


@pytest.fixture
def apply_url(office):
    return reverse("public-requests:apply", kwargs={"code": BUREAU})


PUBLIC_REFUSED = [
    ("applicant_name", "nul", [NUL]),
    ("applicant_name", "over_long", [too_long(100)]),
    ("applicant_name", "blank", [REQUIRED]),
    ("information_title", "over_long", [too_long(300)]),
    ("description", "nul", [NUL]),
    ("description", "over_long", [too_long(4000)]),
    ("address", "nul", [NUL]),
    ("phone", "over_long", [too_long(30)]),
    ("email", "word", ["Enter a valid email address."]),
    ("applicant_kind", "script", [not_in_choices(SCRIPT)]),
    ("identity_type", "word", [not_in_choices("abc")]),
    ("delivery", "huge_number", [not_in_choices(VALUES["huge_number"])]),
]


@pytest.mark.parametrize(("field", "value", "expected"), PUBLIC_REFUSED)
def test_the_public_form_with_a_bad_value(client, apply_url, field, value, expected):
    answer = captcha(client.get(apply_url).content.decode())
    refused(
        client, apply_url, {**PERSON, **answer, field: VALUES[value]}, {field: expected}
    )


@pytest.mark.parametrize("field", ["information_title", "description", "purpose"])
def test_script_in_the_public_form_is_stored_as_text(client, office, apply_url, field):
    answer = captcha(client.get(apply_url).content.decode())
    response = client.post(apply_url, {**PERSON, **answer, field: SCRIPT})
    assert response.status_code == 200
    r = InformationRequest.objects.get()
    assert getattr(r, field) == SCRIPT
    client.force_login(office["handler"])
    page = client.get(r.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and escape(SCRIPT) in page


def test_an_application_to_a_body_that_does_not_exist(client, office):
    url = reverse("public-requests:apply", kwargs={"code": "no-such-body"})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("value", ["over_long", "nul", "script"])
def test_a_bad_query_code(client, office, value):
    response = client.post(reverse("public-requests:status"), {"code": VALUES[value]})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert "<script>alert" not in response.content.decode()


def test_a_query_code_guessed_by_brute_force_is_rate_limited(client, office):
    url = reverse("public-requests:status")
    codes = [f"GUES-SING-{n:04d}" for n in range(12)]
    answers = [client.post(url, {"code": code}).status_code for code in codes]
    assert answers[:10] == [200] * 10 and answers[10:] == [429, 429]


# The staff forms


@pytest.fixture
def handler(client, office):
    client.force_login(office["handler"])
    return office["handler"]


REGISTER = {
    **PERSON,
    "channel": "phone",
    "received_on": "2026-02-06",
}
REGISTER_REFUSED = [
    ("applicant_name", "nul", {"applicant_name": [NUL]}),
    ("description", "over_long", {"description": [too_long(4000)]}),
    ("reason", "over_long", {"reason": [too_long(1000)]}),
    ("received_on", "impossible_date", {"received_on": [NOT_A_DATE]}),
    ("received_on", "far_date", {"received_on": [FUTURE]}),
    ("channel", "script", {"channel": [not_in_choices(SCRIPT)]}),
    ("channel", "blank", {"channel": [not_in_choices(VALUES["blank"])]}),
    ("organisation", "huge_number", {"organisation": [NOT_A_CHOICE]}),
    ("organisation", "word", {"organisation": [NOT_A_CHOICE]}),
]


@pytest.mark.parametrize(("field", "value", "expected"), REGISTER_REFUSED)
def test_registering_with_a_bad_value(client, office, handler, field, value, expected):
    data = {**REGISTER, "organisation": office["bureau"].pk, field: VALUES[value]}
    refused(client, reverse("requests:register"), data, expected)


def test_registering_for_another_countys_body_is_refused(client, office, handler):
    other = office["org:410221-hrss"]
    data = {**REGISTER, "organisation": other.pk}
    refused(
        client, reverse("requests:register"), data, {"organisation": [NOT_A_CHOICE]}
    )


@pytest.fixture
def request_(office, register):
    return register(date(2026, 2, 2))


STEP_REFUSED = [
    ("correction", {"text": VALUES["nul"], "days": "5"}, {"text": [NUL]}),
    (
        "correction",
        {"text": VALUES["over_long"], "days": "5"},
        {"text": [too_long(2000)]},
    ),
    (
        "correction",
        {"text": "请补正", "days": VALUES["huge_number"]},
        {"days": ["Ensure this value is less than or equal to 30."]},
    ),
    (
        "correction",
        {"text": "请补正", "days": VALUES["negative_number"]},
        {"days": ["Ensure this value is greater than or equal to 1."]},
    ),
    ("consult", {"kind": "third_party", "party": VALUES["nul"]}, {"party": [NUL]}),
    (
        "consult",
        {"kind": SCRIPT, "party": "某公司"},
        {"kind": [not_in_choices(SCRIPT)]},
    ),
    ("transfer", {"to": VALUES["huge_number"], "reason": "转"}, {"to": [NOT_A_CHOICE]}),
    (
        "extension",
        {"days": "21", "reason": "延"},
        {"days": ["Ensure this value is less than or equal to 20."]},
    ),
    ("extension", {"days": "5", "reason": VALUES["blank"]}, {"reason": [REQUIRED]}),
    (
        "reply",
        {"reply_type": "withheld", "reason": SCRIPT},
        {"reason": [not_in_choices(SCRIPT)]},
    ),
    (
        "reply",
        {"reply_type": "granted", "text": VALUES["over_long"]},
        {"text": [too_long(4000)]},
    ),
    (
        "item",
        {"item": VALUES["huge_number"]},
        {"item": [NOT_A_CHOICE]},
    ),
    ("reply", {"reply_type": "granted", "on": VALUES["far_date"]}, {"on": [FUTURE]}),
]


@pytest.mark.parametrize(("step", "data", "expected"), STEP_REFUSED)
def test_a_step_with_a_bad_value(client, handler, request_, step, data, expected):
    url = reverse(f"requests:{step}", kwargs={"pk": request_.pk})
    refused(client, url, {"on": "2026-02-03", **data}, expected)


def test_another_bodys_negative_list_entry_is_refused(
    client, office, handler, request_
):
    negative_list_adopt(organisation=office["org:410221-hrss"], reason="测试")
    other = NegativeListEntry.objects.filter(organisation__code="410221-hrss").first()
    url = reverse("requests:reply", kwargs={"pk": request_.pk})
    data = {
        "on": "2026-02-03",
        "reply_type": "withheld",
        "reason": "process_information",
        "negative_list_entry": other.pk,
    }
    refused(client, url, data, {"negative_list_entry": [NOT_A_CHOICE]})


def test_a_forged_id_of_another_countys_request_is_not_found(client, office, handler):
    from disclosure.requests.services import request_register

    other = request_register(
        user=office["site_admin"],
        organisation=office["org:410221-hrss"],
        channel="in_person",
        received_on=date(2026, 2, 2),
        data=dict(PERSON),
    ).request
    for name in ("detail", "reply", "correction", "consult"):
        url = reverse(f"requests:{name}", kwargs={"pk": other.pk})
        assert client.get(url).status_code == 404
        if name == "detail":
            continue
        assert (
            client.post(url, {"on": "2026-02-03", "reply_type": "granted"}).status_code
            == 404
        )
    other.refresh_from_db()
    assert other.status == "registered"


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: corpus_files.zip_bomb(folder, suffix=".docx"),
        lambda folder: corpus_files.xml_bomb(folder),
        lambda folder: corpus_files.empty_file(folder, suffix=".txt"),
        lambda folder: corpus_files.old_office_file(folder),
        lambda folder: corpus_files.damaged_archive(folder),
    ],
    ids=["zip bomb", "xml bomb", "empty", "old office file", "damaged"],
)
def test_a_bad_file_for_the_applicant(client, handler, request_, tmp_path, make):
    path = make(tmp_path)
    url = reverse("requests:file-add", kwargs={"pk": request_.pk})
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not request_.files.exists()
