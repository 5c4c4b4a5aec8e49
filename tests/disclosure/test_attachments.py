"""Attachments: size and type limits checked against the content, personal data in them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import Attachment, Publication
from disclosure.personaldata import PersonalDataFound
from disclosure.services import (
    publication_attach,
    publication_mask_personal_data,
    publication_submit,
)

from .conftest import VILLAGE, id_number, make_draft, post_draft

pytestmark = pytest.mark.django_db


def test_an_oversized_attachment_is_refused(lankao, dibao_item, settings):
    settings.DISCLOSURE_ATTACHMENT_MAX_BYTES = 1_000
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    upload = SimpleUploadedFile("名单.pdf", b"%PDF-1.7\n" + b"0" * 2_000)
    with pytest.raises(ValidationError) as excinfo:
        publication_attach(
            publication=draft, user=lankao["village_publisher"], upload=upload
        )
    assert excinfo.value.messages == [
        "The file “名单.pdf” is 2.0\xa0KB; attachments may be at most 1000\xa0bytes."
    ]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("setup.exe", b"MZ\x90\x00", "is not an allowed type"),
        ("名单.pdf", b"\x89PNG\r\n\x1a\n0000", "is not really a .pdf file"),
        ("照片.jpg", b"%PDF-1.7", "is not really a .jpg file"),
        ("名单.xlsx", b"not a zip at all", "is not a real .xlsx file"),
        ("名单.txt", b"\x00\x01\x02binary", "is not really a .txt file"),
        ("page.html", b"<script>alert(1)</script>", "is not an allowed type"),
    ],
)
def test_mistyped_attachments_are_refused_with_nothing_written(
    lankao, dibao_item, name, content, expected, media
):
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    with pytest.raises(ValidationError) as excinfo:
        publication_attach(
            publication=draft,
            user=lankao["village_publisher"],
            upload=SimpleUploadedFile(name, content),
        )
    assert expected in excinfo.value.messages[0]
    assert not Attachment.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_the_draft_form_refuses_a_bad_attachment_and_writes_no_draft(
    client, lankao, dibao_item
):
    client.force_login(lankao["village_publisher"])
    upload = SimpleUploadedFile("名单.pdf", b"GIF89a")
    response = post_draft(
        client, lankao[f"org:{VILLAGE}"], dibao_item, attachment=upload
    )
    assert response.status_code == 200
    assert "is not really a .pdf file" in response.content.decode()
    assert not Publication.objects.exists()
    assert not Attachment.objects.exists()


def test_personal_data_in_a_text_attachment_blocks_submitting_until_masked(
    lankao, dibao_item
):
    user = lankao["village_publisher"]
    draft = make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )
    number = id_number("41022519580312002")
    content = f"姓名,身份证号,电话\n张秀英,{number},13937812345\n".encode("gb18030")
    attachment = publication_attach(
        publication=draft, user=user, upload=SimpleUploadedFile("名单.csv", content)
    )
    with pytest.raises(PersonalDataFound) as excinfo:
        publication_submit(publication=draft, user=user)
    message = excinfo.value.messages[0]
    assert "ID-card number 410225********" in message
    assert "in attachment “名单.csv”, line 2" in message
    assert "mobile phone number 139****2345" in message
    assert Publication.objects.get().status == "draft"
    publication_mask_personal_data(publication=draft, user=user)
    attachment.refresh_from_db()
    with attachment.file.open("rb") as stream:
        masked = stream.read().decode("gb18030")
    assert (
        masked
        == f"姓名,身份证号,电话\n张秀英,410225********{number[-4:]},139****2345\n"
    )
    assert publication_submit(publication=draft, user=user).status == "in_review"


def test_submitting_through_the_page_offers_masking(client, lankao, dibao_item):
    number = id_number("41022519650704001")
    draft = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 26),
        body=f"李建国 {number} 15803781234",
    )
    client.force_login(lankao["village_publisher"])
    response = client.post(
        reverse("disclosure:publication-submit", args=[draft.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "disclosure:publication-mask", args=[draft.pk]
    )
    body = response.content.decode()
    assert "410225********" + number[-4:] in body
    assert "158****1234" in body
    assert number not in body
    client.post(reverse("disclosure:publication-mask", args=[draft.pk]), {"reason": ""})
    draft.refresh_from_db()
    assert draft.body == f"李建国 410225********{number[-4:]} 158****1234"
    client.post(reverse("disclosure:publication-submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "in_review"
