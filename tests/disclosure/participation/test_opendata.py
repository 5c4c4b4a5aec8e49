"""Consultations in the open data: the sitemap, the county feed and the API show
published consultations only, with counts and the feedback, never a contact."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosure.participation import services

from .conftest import DRAFT, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def commented(demo, consultation):
    made = services.comment_submit(
        consultation=consultation,
        name="",
        contact="secret@example.cn",
        text="建议。",
        now=consultation.opens_at,
    )
    services.comment_moderate(user=demo["county_reviewer"], comment=made, publish=True)
    services.feedback_record(
        user=demo["county_reviewer"],
        consultation=consultation,
        comments=[made],
        gist="一条建议",
        verdict="not_adopted",
        reason="与上位法不符",
    )
    services.feedback_publish(
        user=demo["county_reviewer"], consultation=consultation, summary="收到1条。"
    )
    return consultation


def test_the_api_lists_published_consultations_with_feedback(client, demo, commented):
    draft = services.consultation_save(
        user=demo["county_publisher"],
        data={**DRAFT, "title": "未发布的草稿"},
        organisation=commented.organisation,
    )
    listing = client.get(reverse("opendata:api-consultations"), {"county": "410225"})
    data = listing.json()
    assert data["count"] == 1 and "未发布的草稿" not in listing.content.decode()
    row = data["results"][0]
    assert row["comments_received"] == 1 and row["comments_published"] == 1
    assert row["feedback"]["groups"] == [
        {
            "opinion": "一条建议",
            "decision": "not_adopted",
            "decision_label": "不予采纳",  # the API answers in the site language
            "reason": "与上位法不符",
        }
    ]
    assert "secret@example.cn" not in listing.content.decode()
    missing = client.get(reverse("opendata:api-consultation", kwargs={"pk": draft.pk}))
    assert missing.status_code == 404 and "error" in missing.json()
    bad = client.get(reverse("opendata:api-consultations"), {"page": "x"})
    assert bad.status_code == 400


def test_the_feed_and_the_sitemap(client, commented):
    feed = client.get(
        reverse("opendata:feed-consultations", kwargs={"code": "410225"})
    ).content.decode()
    assert commented.title in feed and commented.get_absolute_url() in feed
    sitemap = client.get(
        reverse("opendata:sitemap-section", kwargs={"section": "consultations"})
    ).content.decode()
    assert commented.get_absolute_url() in sitemap


def _more_consultations(demo, bureau, count):
    """``count`` published, closed consultations, each with a published comment,
    an adopted feedback group and a published summary."""
    publisher, reviewer = demo["county_publisher"], demo["county_reviewer"]
    for n in range(count):
        found = services.consultation_publish(
            user=publisher,
            consultation=services.consultation_save(
                user=publisher,
                data={**DRAFT, "title": f"兰考县第{n}号办法（征求意见稿）"},
                organisation=bureau,
            ),
        )
        made = services.comment_submit(
            consultation=found,
            name="",
            contact="secret@example.cn",
            text=f"第{n}条建议。",
            now=at(2026, 3, 2, 9),
        )
        services.comment_moderate(user=reviewer, comment=made, publish=True)
        services.feedback_record(
            user=reviewer,
            consultation=found,
            comments=[made],
            gist=f"建议{n}",
            verdict="adopted",
        )
        services.feedback_publish(
            user=reviewer, consultation=found, summary="收到1条。"
        )


def test_the_api_list_answers_in_constant_queries(
    client, demo, bureau, django_assert_num_queries
):
    """Counts, the final policy's visibility and the feedback groups come with
    the page, not one query per consultation: 2 and 12 rows cost the same."""
    url = reverse("opendata:api-consultations")
    _more_consultations(demo, bureau, 2)
    with CaptureQueriesContext(connection) as at_two:
        first = client.get(url, {"county": "410225"}).json()
    assert first["count"] == 2
    _more_consultations(demo, bureau, 10)
    with django_assert_num_queries(len(at_two)):
        data = client.get(url, {"county": "410225"}).json()
    assert data["count"] == 12 and len(data["results"]) == 12
    for row in data["results"]:
        assert (row["comments_received"], row["comments_published"]) == (1, 1)
        assert row["comments_adopted"] == 1
        assert [g["decision"] for g in row["feedback"]["groups"]] == ["adopted"]
        assert row["feedback"]["final_policy"] is None
