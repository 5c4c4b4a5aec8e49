"""Withdrawn attachments reach downloads as fast as pages (issue 15): downloads carry
validators and ``no-cache``, so an HTTP cache asks again and meets the 404."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from disclosure.models import Attachment, Publication, PublicationStatus

from .conftest import DIBAO_NOTICE

pytestmark = pytest.mark.django_db


@pytest.fixture
def download(site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    notice = Publication.objects.get(title=DIBAO_NOTICE)
    attachment = Attachment(
        publication=notice,
        name="名单.txt",
        kind="txt",
        size=3,
        sha256="a" * 64,
        uploaded_by=notice.author,
    )
    attachment.file.save("list.txt", ContentFile(b"abc"), save=False)
    attachment.save()
    return notice, f"/p/{notice.pk}/files/{attachment.pk}/"


def test_a_download_carries_validators_and_must_be_revalidated(download):
    _notice, url = download
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"
    assert response["ETag"].startswith('"' + "a" * 64)
    assert response["Last-Modified"]
    again = Client().get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again["Cache-Control"] == "public, no-cache"


def test_revalidating_a_withdrawn_attachment_answers_404(download):
    notice, url = download
    etag = Client().get(url)["ETag"]
    Publication.objects.filter(pk=notice.pk).update(status=PublicationStatus.WITHDRAWN)
    assert Client().get(url, headers={"If-None-Match": etag}).status_code == 404
