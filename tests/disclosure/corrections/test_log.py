"""The public correction log: withdrawals, corrections and maskings after
publication leave a public entry; a withdrawn publication's URL answers 410."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from disclosure.corrections.services import (
    publication_correct,
    publication_correct_attachment,
    publication_mask_published,
)
from disclosure.models import Attachment, CorrectionEntry, Publication
from disclosure.services import publication_attach, publication_withdraw

from ..conftest import VILLAGE, id_number, make_draft, publish

pytestmark = pytest.mark.django_db

SECRET_LINE = "张三 低保金额 每月 520 元"


@pytest.fixture
def published(lankao, dibao_item):
    draft = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 26),
        title="张庄村低保公示（名单有误）",
        body=SECRET_LINE,
    )
    publish(lankao, draft)
    return Publication.objects.get(pk=draft.pk)


def test_a_withdrawal_is_logged_and_its_url_answers_410(lankao, published):
    publication_withdraw(
        publication=published,
        user=lankao["village_publisher"],
        reason="名单有误，核实后重新公示。",
    )
    entry = CorrectionEntry.objects.get()
    assert (entry.kind, entry.county_code) == ("withdrawal", "410225")
    assert entry.reason == "名单有误，核实后重新公示。"
    client = Client()
    gone = client.get(f"/p/{published.pk}/")
    assert gone.status_code == 410
    assert "名单有误，核实后重新公示。" in gone.text
    assert SECRET_LINE not in gone.text
    log = client.get("/r/410225/corrections/")
    assert log.status_code == 200
    assert "张庄村低保公示（名单有误）" in log.text
    assert "名单有误，核实后重新公示。" in log.text
    assert SECRET_LINE not in log.text
    feed = client.get("/feeds/r/410225/corrections.atom")
    assert feed.status_code == 200
    assert "名单有误，核实后重新公示。" in feed.text
    assert SECRET_LINE not in feed.text
    api = client.get("/api/v1/corrections/?region=410225").json()
    assert [r["kind"] for r in api["results"]] == ["withdrawal"]
    assert SECRET_LINE not in str(api)


def test_a_tombstone_links_to_a_public_replacement(lankao, published, dibao_item):
    newer = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 27),
        title="张庄村低保公示（更正）",
    )
    publish(lankao, newer)
    publication_withdraw(
        publication=published,
        user=lankao["village_publisher"],
        reason="名单有误。",
        replacement=newer,
    )
    gone = Client().get(f"/p/{published.pk}/")
    assert gone.status_code == 410
    assert f'href="/p/{newer.pk}/"' in gone.text


def test_a_publication_never_public_answers_404_not_410(lankao, dibao_item):
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    assert Client().get(f"/p/{draft.pk}/").status_code == 404
    assert not CorrectionEntry.objects.exists()


def test_a_text_correction_is_logged_without_the_old_text(lankao, published):
    publication_correct(
        publication=published,
        user=lankao["village_publisher"],
        title=published.title,
        body="名单如下（已更正）。",
        reason="金额录入有误。",
    )
    entry = CorrectionEntry.objects.get()
    assert entry.kind == "correction"
    assert entry.what == "Corrected: text"
    page = Client().get("/r/410225/corrections/")
    assert "金额录入有误。" in page.text
    assert SECRET_LINE not in page.text
    assert Client().get(f"/p/{published.pk}/").status_code == 200
    with translation.override("en"), pytest.raises(ValidationError) as error:
        publication_correct(
            publication=published,
            user=lankao["village_publisher"],
            title=published.title,
            body="名单如下（已更正）。",
            reason="again",
        )
    assert error.value.messages == [
        "Nothing was changed: the title and text are as published."
    ]


def test_masking_after_publication_is_logged(lankao, dibao_item, settings):
    number = id_number("41022519800101123")
    draft = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 26),
        title="张庄村低保公示",
        body="名单如下。",
    )
    publish(lankao, draft)
    # A number that reached the database anyway (loaded in bulk, say).
    Publication.objects.filter(pk=draft.pk).update(body=f"张三 {number}")
    masked = publication_mask_published(
        publication=draft,
        user=lankao["village_publisher"],
        reason="发布后发现身份证号。",
    )
    assert len(masked) == 1
    draft.refresh_from_db()
    assert number not in draft.body
    entry = CorrectionEntry.objects.get()
    assert entry.kind == "masking"
    assert number not in entry.what + entry.reason + entry.title


def test_an_attachment_correction_is_logged(lankao, dibao_item):
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    publication_attach(
        publication=draft,
        user=lankao["village_publisher"],
        upload=SimpleUploadedFile("名单.txt", "张三 500".encode()),
    )
    publish(lankao, draft)
    attachment = Attachment.objects.get(publication=draft)
    publication_correct_attachment(
        attachment=attachment,
        user=lankao["village_publisher"],
        upload=SimpleUploadedFile("名单（更正）.txt", "张三 520".encode()),
        reason="金额有误。",
    )
    attachment.refresh_from_db()
    assert attachment.name == "名单（更正）.txt"
    entry = CorrectionEntry.objects.get()
    assert entry.kind == "attachment"
    assert "名单.txt" in entry.what


def test_the_log_is_per_county(lankao):
    assert Client().get("/r/410225104/corrections/").status_code == 404
    assert Client().get("/r/410225/corrections/").status_code == 200
    bad = Client().get("/api/v1/corrections/?region=41")
    assert bad.status_code == 400


def test_staff_correct_a_published_text_through_the_page(client, lankao, published):
    from django.urls import reverse

    client.force_login(lankao["village_publisher"])
    url = reverse("disclosure:publication-correct", kwargs={"pk": published.pk})
    assert client.get(url).status_code == 200
    answer = client.post(
        url, {"title": published.title, "body": "名单如下。", "reason": "金额有误。"}
    )
    assert answer.status_code == 302
    assert CorrectionEntry.objects.get().reason == "金额有误。"
    nothing = client.post(
        reverse("disclosure:publication-mask-published", kwargs={"pk": published.pk}),
        {"reason": "检查"},
    )
    assert nothing.status_code == 200
    assert "No personal number that can be masked was found" in nothing.text
    assert CorrectionEntry.objects.count() == 1
    client.force_login(lankao["qixian_editor"])
    assert client.get(url).status_code in (403, 404)
