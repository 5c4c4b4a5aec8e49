"""The staff pages, step by step through the client: register, correct, consult,
extend, reply with a file and its letter, deliver, close, archive, challenge."""

import io
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import InformationRequest, NegativeListEntry
from disclosure.negativelist import negative_list_adopt

from .conftest import PERSON, id_number

pytestmark = pytest.mark.django_db


def post(client, name, r, data, **kwargs):
    url = reverse(f"requests:{name}", kwargs={"pk": r.pk, **kwargs})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    r.refresh_from_db()
    return response


@pytest.fixture
def handler(client, office):
    client.force_login(office["handler"])
    return office["handler"]


def test_registering_a_phoned_in_application(client, office, handler):
    url = reverse("requests:register")
    assert client.get(url).status_code == 200
    data = {
        **PERSON,
        "organisation": office["bureau"].pk,
        "channel": "phone",
        "received_on": "2026-02-06",
        "applicant_name": "李建国",
    }

    response = client.post(url, data)

    r = InformationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == r.get_absolute_url()
    assert (r.channel, r.received_on, r.due_on) == (
        "phone",
        date(2026, 2, 6),
        date(2026, 3, 12),
    )
    assert r.handler == handler and r.status == "registered"
    page = client.get(r.get_absolute_url()).content.decode()
    assert PERSON["identity_number"] in page  # the handler sees it in full
    assert "query code" in str(list(response.wsgi_request._messages)[0])


def test_the_whole_path_through_the_pages(client, office, handler, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    negative_list_adopt(organisation=office["bureau"], reason="测试")
    entry = NegativeListEntry.objects.filter(organisation=office["bureau"]).get(
        category="过程性信息"
    )
    client.post(
        reverse("requests:register"),
        {
            **PERSON,
            "organisation": office["bureau"].pk,
            "channel": "post",
            "received_on": "2026-02-02",
        },
    )
    r = InformationRequest.objects.get()
    post(
        client, "correction", r, {"on": "2026-02-04", "text": "请写明年度。", "days": 5}
    )
    assert r.status == "awaiting_correction"
    post(client, "correction-received", r, {"on": "2026-02-09", "corrected": "2025年"})
    assert r.clock_start_on == date(2026, 2, 9)
    post(
        client,
        "consult",
        r,
        {"on": "2026-02-10", "kind": "third_party", "party": "兰考县某公司"},
    )
    consultation = r.consultations.get()
    post(
        client,
        "answer",
        r,
        {"on": "2026-02-13", "opinion": "objects", "note": "不同意公开报价"},
        consultation_pk=consultation.pk,
    )
    post(client, "extension", r, {"on": "2026-02-24", "days": 10, "reason": "需调档"})
    client.force_login(office["head"])
    page = client.get(r.get_absolute_url()).content.decode()
    assert reverse("requests:extension-decision", kwargs={"pk": r.pk}) in page
    assert PERSON["identity_number"] not in page  # masked for all but the handler
    post(client, "extension-decision", r, {"on": "2026-02-24", "decision": "approve"})
    assert r.extended
    client.force_login(handler)
    upload = SimpleUploadedFile("补贴发放汇总.txt", "发放人数：120人".encode())
    post(client, "file-add", r, {"file": upload})
    post(
        client,
        "reply",
        r,
        {
            "on": "2026-03-02",
            "reply_type": "partial",
            "reason": "process_information",
            "negative_list_entry": entry.pk,
            "text": "报价部分涉及第三方商业秘密，不予公开。",
        },
    )
    assert (r.status, r.reply_type, r.reply_reason) == (
        "replied",
        "partial",
        "process_information",
    )
    letter = client.get(
        reverse("requests:letter", kwargs={"pk": r.pk, "kind": "reply"})
    )
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(letter.content)).paragraphs
    )
    for expected in [
        "Decision: Partly disclosed (部分公开).",
        "The part withheld: Process information of the four kinds",
        "Art. 37, Art. 16, paragraph 2 of the Regulations",
        "过程性信息",
        "补贴发放汇总.txt",
        "the People's Government of 兰考县",
        "within 60 days",
        "within six months",
    ]:
        assert expected in text, expected
    assert PERSON["identity_number"] not in text
    printed = client.get(
        reverse("requests:letter-print", kwargs={"pk": r.pk, "kind": "reply"})
    )
    assert "within six months" in printed.content.decode()
    response = client.post(
        reverse("requests:deliver", kwargs={"pk": r.pk}),
        {"on": "2026-03-03", "method": "post", "tracking_number": ""},
    )
    assert response.context["form"].errors == {
        "tracking_number": ["Give the tracking number of the letter."]
    }
    post(
        client,
        "deliver",
        r,
        {"on": "2026-03-03", "method": "post", "tracking_number": "1151234567890"},
    )
    post(client, "close", r, {"on": "2026-03-05"})
    post(client, "archive", r, {"on": "2026-03-06"})
    post(
        client,
        "challenge",
        r,
        {"kind": "review", "filed_on": "2026-04-01", "authority": "兰考县人民政府"},
    )
    challenge = r.challenges.get()
    post(
        client,
        "challenge-decision",
        r,
        {"outcome": "upheld", "decided_on": "2026-05-20"},
        challenge_pk=challenge.pk,
    )
    page = client.get(r.get_absolute_url()).content.decode()
    kinds = list(r.events.values_list("kind", flat=True))
    assert kinds == [
        "registered",
        "correction_sent",
        "correction_received",
        "consultation_sent",
        "consultation_answered",
        "extension_asked",
        "extension_approved",
        "file_added",
        "replied",
        "delivered",
        "closed",
        "archived",
        "challenged",
        "challenge_decided",
    ]
    assert "1151234567890" in page
    queue = client.get(reverse("requests:queue"), {"tab": "closed"}).content.decode()
    assert r.reference in queue


def test_a_file_with_personal_numbers_is_refused(client, office, handler, register):
    r = register(date(2026, 2, 2))
    listed = f"赵红梅 {id_number('41022519720815003')} 13937805678"
    upload = SimpleUploadedFile("名单.txt", listed.encode())
    response = client.post(
        reverse("requests:file-add", kwargs={"pk": r.pk}), {"file": upload}
    )
    errors = response.context["form"].errors["file"]
    assert errors[0].startswith("The file “名单.txt” holds personal information")
    assert "410225********" in errors[0] and "139****5678" in errors[0]
    assert not r.files.exists()


def test_other_counties_and_provincial_reviewers_see_no_applicant(
    client, office, register
):
    r = register(date(2026, 2, 2))
    for username in ("qixian_editor", "province_reviewer", "county_editor"):
        client.force_login(office[username])
        assert client.get(r.get_absolute_url()).status_code in (403, 404), username
    client.force_login(office["province_reviewer"])
    stats = client.get(reverse("requests:statistics"), {"year": 2026})
    text = stats.content.decode()
    assert stats.status_code == 200
    assert "兰考县人力资源和社会保障局" in text
    assert PERSON["applicant_name"] not in text and r.reference not in text


def test_transfer_to_the_responsible_body(client, office, handler, register):
    r = register(date(2026, 2, 2))
    mca = office["org:410225-mca"]
    post(client, "transfer", r, {"to": mca.pk, "reason": "低保信息由民政局掌握"})
    assert r.organisation == mca and r.received_by == office["bureau"]
    assert r.due_on == date(2026, 3, 6)  # the clock keeps running
    # The receiving body still sees it; the one it went to handles it now.
    assert client.get(r.get_absolute_url()).status_code == 200
    page = client.get(r.get_absolute_url()).content.decode()
    assert reverse("requests:reply", kwargs={"pk": r.pk}) not in page
    # The first to act at the new body becomes the handler.
    assert r.handler is None
    client.force_login(office["site_admin"])
    post(
        client,
        "consult",
        r,
        {"on": "2026-02-05", "kind": "other_body", "party": "财政局"},
    )
    assert r.handler == office["site_admin"]


def test_pages_of_the_queue(client, office, handler, register):
    for received in (date(2026, 2, 2), date(2026, 11, 20)):
        register(received)
    for tab in ("open", "overdue", "soon", "new", "extended", "all", "bogus"):
        response = client.get(reverse("requests:queue"), {"tab": tab})
        assert response.status_code == 200, tab
    overdue = client.get(reverse("requests:queue"), {"tab": "overdue"})
    assert "2026-00001" in overdue.content.decode()


def test_the_statistics_are_a_page_of_bodies_at_a_time(client, office, monkeypatch):
    from disclosure.requests import views
    from tests.disclosure.reports.test_timeliness_figures import application

    monkeypatch.setattr(views, "BODIES_PER_PAGE", 1)
    for body in ("410225-hrss", "410225104-gov"):
        application(body, received=date(2026, 3, 2), due=date(2026, 3, 30))
    client.force_login(office["province_reviewer"])
    url = reverse("requests:statistics")
    first = client.get(url, {"year": 2026}).content.decode()
    second = client.get(url, {"year": 2026, "page": 2}).content.decode()
    names = ("兰考县人力资源和社会保障局", "兰考县东坝头镇人民政府")
    assert [name in first for name in names].count(True) == 1
    assert [name in second for name in names].count(True) == 1
    assert "Page 1 of 2" in first and "year=2026&amp;page=2" in first
