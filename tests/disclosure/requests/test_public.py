"""The public side: choosing a body by place, applying with the CAPTCHA, the
查询码 and the status page, the letter download, and the rate limits."""

from datetime import date

import pytest
from django.urls import reverse

from disclosure.models import InformationRequest
from disclosure.requests.identity import code_hash
from disclosure.requests.periods import request_send_correction
from disclosure.requests.services import request_confirm

from .conftest import BUREAU, PERSON
from .helpers import captcha

pytestmark = pytest.mark.django_db


@pytest.fixture
def apply_url(office):
    return reverse("public-requests:apply", kwargs={"code": BUREAU})


def submit(client, url, **changes):
    page = client.get(url).content.decode()
    return client.post(url, {**PERSON, **captcha(page), **changes})


def code_on(response) -> str:
    text = response.content.decode()
    start = text.index('id="query-code">') + len('id="query-code">')
    return text[start : text.index("<", start)]


def test_bodies_are_chosen_by_place(client, office):
    page = client.get(reverse("public-requests:places")).content.decode()
    assert "河南省" in page
    page = client.get(reverse("public-requests:places"), {"place": "410225"})
    text = page.content.decode()
    assert "兰考县人力资源和社会保障局" in text and "东坝头镇" in text
    assert reverse("public-requests:apply", kwargs={"code": BUREAU}) in text
    assert "no-store" in page["Cache-Control"]


def test_a_citizen_applies_and_follows_the_application(client, office, apply_url):
    response = submit(client, apply_url)

    assert response.status_code == 200
    code = code_on(response)
    assert len(code) == 14 and code.count("-") == 2
    r = InformationRequest.objects.get()
    assert r.channel == "web" and r.status == "submitted" and r.received_on is None
    assert r.query_code_hash == code_hash(code) and code not in str(r.__dict__)
    assert "no-store" in response["Cache-Control"]

    status = client.post(reverse("public-requests:status"), {"code": code.lower()})
    text = status.content.decode()
    assert status.status_code == 200
    assert r.reference in text and "Submitted online" in text
    assert PERSON["identity_number"] not in text and PERSON["phone"] not in text

    request_confirm(request=r, user=office["handler"], received_on=date.today())
    r.refresh_from_db()
    text = client.post(reverse("public-requests:status"), {"code": code}).content
    assert r.due_on.isoformat().encode() in text


def test_the_correction_notice_is_downloaded_with_the_code(client, office, apply_url):
    code = code_on(submit(client, apply_url))
    r = InformationRequest.objects.get()
    request_confirm(request=r, user=office["handler"], received_on=date.today())
    request_send_correction(
        request=r, user=office["handler"], text="请写明年度。", days=10, on=date.today()
    )
    url = reverse("public-requests:status-letter")

    letter = client.post(url, {"code": code, "kind": "correction"})

    assert letter.status_code == 200
    assert letter["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    import docx

    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(letter.content)).paragraphs
    )
    assert "请写明年度。" in text and PERSON["identity_number"] not in text
    assert client.post(url, {"code": code, "kind": "reply"}).status_code == 404
    assert (
        client.post(url, {"code": "ABCD-EFGH-JKMN", "kind": "correction"}).status_code
        == 404
    )


def test_a_wrong_answer_to_the_question_writes_nothing(client, office, apply_url):
    page = client.get(apply_url).content.decode()
    answer = captcha(page)
    wrong = str(int(answer["captcha_answer"]) + 1)
    response = client.post(apply_url, {**PERSON, **answer, "captcha_answer": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["captcha_answer"] == [
        "That is not the answer. Please answer the new question in digits."
    ]
    assert not InformationRequest.objects.exists()
    # The same question is never accepted twice.
    client.post(apply_url, {**PERSON, **answer})
    again = client.post(apply_url, {**PERSON, **answer})
    assert again.context["form"].errors["captcha_answer"] == [
        "This question was answered already. Please answer the new question."
    ]
    assert InformationRequest.objects.count() == 1


def test_a_forged_question_is_refused(client, office, apply_url):
    response = client.post(
        apply_url, {**PERSON, "captcha_token": "forged", "captcha_answer": "3"}
    )
    assert response.context["form"].errors["captcha_answer"] == [
        "The question was not recognised. Please answer the new question."
    ]


def test_guessing_query_codes_is_rate_limited(client, office, settings):
    settings.PORTAL_LOOKUP_FAILED_RATE = "3/15m"
    url = reverse("public-requests:status")
    answers = [
        client.post(url, {"code": f"AAAA-BBBB-CCC{c}"}).status_code for c in "DEFGH"
    ]
    assert answers == [200, 200, 200, 429, 429]  # three wrong codes, then wait
    limited = client.post(url, {"code": "AAAA-BBBB-CCCK"})
    assert "Too many attempts from your connection" in limited.content.decode()
    assert int(limited["Retry-After"]) > 0


def test_applications_are_rate_limited(client, office, apply_url, settings):
    settings.PORTAL_APPLY_RATE = "2/h"
    for _n in range(2):
        assert submit(client, apply_url).status_code == 200
    assert submit(client, apply_url).status_code == 429
    assert InformationRequest.objects.count() == 2


def test_the_identity_number_is_checked(client, office, apply_url):
    valid = PERSON["identity_number"]
    wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    response = submit(client, apply_url, identity_number=wrong)
    assert response.context["form"].errors["identity_number"] == [
        "This is not a valid resident identity card number: it must have 18 "
        "characters with a correct birth date and check character."
    ]
    assert not InformationRequest.objects.exists()
