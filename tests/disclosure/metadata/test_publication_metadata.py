"""索引号 given once at publication, 文号 normalised on the draft form, the
metadata box, the API and feeds, and exact 索引号/文号 queries found first."""

import re
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Publication
from disclosure.services import publication_withdraw
from portal.models import Organisation

from ..conftest import make_draft, post_draft, publish

pytestmark = pytest.mark.django_db

COUNTY = "410225-hrss"


def county_doc(lankao, item, title, **meta):
    draft = make_draft(
        lankao,
        "county_publisher",
        COUNTY,
        item,
        formed_on=date(2025, 9, 26),
        title=title,
        kind="policy",
    )
    if meta:
        Publication.objects.filter(pk=draft.pk).update(**meta)
        draft.refresh_from_db()
    return publish(lankao, draft, author="county_publisher")


def test_index_numbers_are_given_at_publication_in_sequence_and_kept(
    lankao, employment_item
):
    draft = make_draft(
        lankao,
        "county_publisher",
        COUNTY,
        employment_item,
        formed_on=date(2025, 9, 26),
        title="草稿",
    )
    assert draft.index_number == ""
    first = county_doc(lankao, employment_item, "甲")
    second = county_doc(lankao, employment_item, "乙")
    year = timezone.localdate().year
    assert first.index_number == f"{COUNTY}/{year}-00001"
    assert second.index_number == f"{COUNTY}/{year}-00002"
    withdrawn = publication_withdraw(
        publication=first, user=lankao["county_publisher"], reason="有误"
    )
    withdrawn.refresh_from_db()
    assert withdrawn.index_number == f"{COUNTY}/{year}-00001"
    history = list(first.history.values_list("index_number", flat=True))
    assert history[0] == first.index_number and history[-1] == ""


def test_the_database_refuses_a_second_publication_with_the_same_index_number(
    lankao, employment_item
):
    first = county_doc(lankao, employment_item, "甲")
    second = county_doc(lankao, employment_item, "乙")
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.filter(pk=second.pk).update(index_number=first.index_number)


def test_the_draft_form_normalises_the_document_number(client, lankao, employment_item):
    client.force_login(lankao["county_publisher"])
    org = Organisation.objects.get(code=COUNTY)
    response = post_draft(
        client,
        org,
        employment_item,
        title="稳岗返还办法",
        document_number="兰人社（２０２５）３号",
        written_on="2025-09-20",
        topic="labour",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Publication.objects.get(title="稳岗返还办法")
    assert made.document_number == "兰人社〔2025〕3号"
    assert made.written_on == date(2025, 9, 20)
    assert made.topic == "labour"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("document_number", "2025年3号", "is not a document number"),
        ("document_number", "兰人社〔1900〕3号", "lies outside 1949–2100"),
        ("document_number", "兰" * 61, "at most 60 characters"),
        ("written_on", "2999-01-01", "cannot be in the future"),
        ("written_on", "1900-01-01", "cannot be before 1949"),
        ("written_on", "2025-13-40", "Enter a valid date"),
        ("topic", "nonsense", "Select a valid choice"),
    ],
)
def test_bad_metadata_is_refused_under_its_field_and_nothing_written(
    client, lankao, employment_item, field, value, message
):
    client.force_login(lankao["county_publisher"])
    org = Organisation.objects.get(code=COUNTY)
    response = post_draft(
        client, org, employment_item, title="坏数据", **{field: value}
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Publication.objects.filter(title="坏数据").exists()


def test_the_public_page_shows_the_metadata_box(client, lankao, employment_item):
    p = county_doc(
        lankao,
        employment_item,
        "兰考县稳岗返还实施办法",
        document_number="兰人社〔2025〕3号",
        written_on=date(2025, 9, 20),
        topic="labour",
    )
    page = client.get(reverse("public:publication", kwargs={"pk": p.pk}))
    box = re.search(
        r'<dl class="facts metadata-box".*?</dl>', page.content.decode(), re.S
    )
    text = box.group(0)
    for shown in (
        p.index_number,
        "兰人社〔2025〕3号",
        "2025-09-20",
        "Labour",
        p.organisation.name,
    ):
        assert shown in text


def test_api_and_feed_carry_the_metadata(client, lankao, employment_item):
    p = county_doc(
        lankao,
        employment_item,
        "兰考县稳岗返还实施办法",
        document_number="兰人社〔2025〕3号",
        topic="labour",
    )
    data = client.get(reverse("opendata:api-publication", kwargs={"pk": p.pk})).json()
    assert data["index_number"] == p.index_number
    assert data["document_number"] == "兰人社〔2025〕3号"
    assert data["topic"] == "labour"
    feed = client.get(reverse("opendata:feed-region", kwargs={"code": "410225"}))
    body = feed.content.decode()
    assert f"<dc:identifier>{p.index_number}</dc:identifier>" in body
    assert 'term="兰人社〔2025〕3号"' in body


@pytest.mark.parametrize("typed", ["兰人社[2025]3号", "兰人社〔2025〕3号", "INDEX"])
def test_an_exact_document_or_index_number_finds_the_publication_first(
    client, lankao, employment_item, typed
):
    # Many publications whose titles hold the same words come first otherwise.
    for n in range(3):
        county_doc(lankao, employment_item, f"兰人社 2025 年第{n}号 通知 3号")
    wanted = county_doc(
        lankao, employment_item, "稳岗返还实施办法", document_number="兰人社〔2025〕3号"
    )
    query = wanted.index_number if typed == "INDEX" else typed
    page = client.get(reverse("public:search"), {"q": query})
    results = page.context["page_obj"].object_list
    assert results[0].pk == wanted.pk
    api = client.get(reverse("opendata:api-publications"), {"q": query}).json()
    assert api["results"][0]["id"] == wanted.pk


def test_exact_matches_stay_private_for_unpublished_documents(
    client, lankao, employment_item
):
    draft = make_draft(
        lankao,
        "county_publisher",
        COUNTY,
        employment_item,
        formed_on=date(2025, 9, 26),
        title="未发布文件",
    )
    Publication.objects.filter(pk=draft.pk).update(document_number="兰人社〔2025〕9号")
    page = client.get(reverse("public:search"), {"q": "兰人社〔2025〕9号"})
    assert "未发布文件" not in page.content.decode()


def test_publications_published_before_get_their_numbers_from_the_command(
    lankao, employment_item
):
    from io import StringIO

    from django.core.management import call_command

    first = county_doc(lankao, employment_item, "甲")
    second = county_doc(lankao, employment_item, "乙")
    Publication.objects.filter(pk__in=[first.pk, second.pk]).update(
        index_number="", index_sequence=None
    )
    out = StringIO()
    call_command("assign_index_numbers", stdout=out)
    assert "Found 2 publications without an index number; gave 0." in out.getvalue()
    assert Publication.objects.get(pk=first.pk).index_number == ""
    call_command("assign_index_numbers", "--write", stdout=StringIO())
    year = first.published_at.year
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.index_number == f"{COUNTY}/{year}-00001"
    assert second.index_number == f"{COUNTY}/{year}-00002"
    latest = first.history.first()
    assert latest.index_number == first.index_number
    assert "published before" in latest.history_change_reason
