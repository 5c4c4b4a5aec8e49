"""A write that loses to another at the same moment on SQLite ("database is
locked") answers 503 with a translated message and writes nothing (issue 15)."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import translation

from disclosure import views
from portal.models import Organisation
from tests.disclosure.conftest import VILLAGE, post_draft

from .conftest import row_counts

pytestmark = pytest.mark.django_db


def locked(**kwargs):
    raise OperationalError("database is locked")


@pytest.fixture
def publisher(lankao):
    client = Client(raise_request_exception=False)
    client.force_login(lankao["village_publisher"])
    return client


def test_a_locked_database_answers_503_with_a_message(
    publisher, dibao_item, monkeypatch
):
    monkeypatch.setattr(views, "publication_create", locked)
    before = row_counts()
    with translation.override("zh-hans"):
        response = post_draft(
            publisher, Organisation.objects.get(code=VILLAGE), dibao_item
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert "其他人正在同时保存" in response.content.decode()
    assert row_counts() == before


def test_the_message_is_in_english_too(publisher, dibao_item, monkeypatch):
    monkeypatch.setattr(views, "publication_create", locked)
    response = post_draft(publisher, Organisation.objects.get(code=VILLAGE), dibao_item)
    assert response.status_code == 503
    assert "Someone else was saving at the same moment" in response.content.decode()


def test_other_database_errors_stay_server_errors(publisher, dibao_item, monkeypatch):
    def broken(**kwargs):
        raise OperationalError("no such table: disclosure_publication")

    monkeypatch.setattr(views, "publication_create", broken)
    response = post_draft(publisher, Organisation.objects.get(code=VILLAGE), dibao_item)
    assert response.status_code == 500
