"""The pages: a consultation's public page and its comment form (CAPTCHA, the
closing time, no contact shown), the county list, the staff pages scoped to
the body, the link to the final policy and back, and the public's say posted
from a cached page without a CSRF token."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from disclosure.models import CommentStatus, ConsultationComment, DisclosureSay
from disclosure.participation import services
from portal.access.captcha import Challenge

from ..conftest import id_number, make_draft, publish
from ..requests.helpers import captcha
from .conftest import BUREAU, DRAFT

pytestmark = pytest.mark.django_db

ID = id_number("41022519800101123")


@pytest.fixture
def open_now(demo, bureau):
    today = timezone.localdate()
    user = demo["county_publisher"]
    found = services.consultation_save(
        user=user,
        data={
            **DRAFT,
            "opens_on": today - dt.timedelta(days=3),
            "closes_on": today + dt.timedelta(days=10),
        },
        organisation=bureau,
    )
    return services.consultation_publish(user=user, consultation=found)


def post_comment(client, url, **data):
    page = client.get(url).content.decode()
    return client.post(
        url, {"name": "", "contact": "zhang@example.cn", **captcha(page), **data}
    )


def test_a_citizen_comments_and_sees_nothing_until_moderated(client, demo, open_now):
    url = open_now.get_absolute_url()
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert DRAFT["draft_text"] in text and DRAFT["interpretation_text"] in text
    assert DRAFT["contact"] in text

    response = post_comment(client, url, text=f"身份证{ID}，建议延长期限。")
    assert "Thank you. Your opinion was received" in response.content.decode()
    stored = ConsultationComment.objects.get()
    assert ID not in stored.text and stored.contact == "zhang@example.cn"
    text = client.get(url).content.decode()
    assert "延长期限" not in text

    services.comment_moderate(
        user=demo["county_reviewer"], comment=stored, publish=True
    )
    text = client.get(url).content.decode()
    assert "建议延长期限" in text and ID not in text
    assert "zhang@example.cn" not in text
    assert "1 received · 1 published · 0 adopted" in text


def test_a_wrong_captcha_keeps_nothing(client, open_now):
    url = open_now.get_absolute_url()
    page = client.get(url).content.decode()
    answer = captcha(page)
    answer["captcha_answer"] = str(int(answer["captcha_answer"]) + 1)
    response = client.post(url, {"contact": "a@b.cn", "text": "意见", **answer})
    assert "That is not the answer" in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_a_comment_after_closing_is_refused(client, consultation):
    # DRAFT closed at the end of 2026-03-31; today is later than that.
    url = consultation.get_absolute_url()
    text = client.get(url).content.decode()
    assert "This consultation is closed" in text
    challenge = Challenge()  # the page shows no form; a script posts anyway
    response = client.post(
        url,
        {
            "contact": "a@b.cn",
            "text": "迟到的意见",
            "captcha_token": challenge.token,
            "captcha_answer": challenge.answer,
        },
    )
    assert (
        "This consultation closed at the end of March 31, 2026 (Beijing time)"
        in response.content.decode()
    )
    assert not ConsultationComment.objects.exists()


def test_drafts_are_not_public(client, demo, bureau):
    draft = services.consultation_save(
        user=demo["county_publisher"], data=DRAFT, organisation=bureau
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    listing = client.get(reverse("participation:county", kwargs={"code": "410225"}))
    assert DRAFT["title"] not in listing.content.decode()


def test_the_county_lists_its_consultations(client, consultation):
    listing = client.get(reverse("participation:county", kwargs={"code": "410225"}))
    assert consultation.get_absolute_url() in listing.content.decode()
    other = client.get(reverse("participation:county", kwargs={"code": "410221"}))
    assert consultation.get_absolute_url() not in other.content.decode()


def test_staff_pages_are_scoped_to_the_body(client, demo, consultation):
    detail = reverse("participation-staff:detail", kwargs={"pk": consultation.pk})
    client.force_login(demo["county_publisher"])
    assert client.get(detail).status_code == 200
    client.force_login(demo["qixian_editor"])
    assert client.get(detail).status_code == 403
    client.force_login(demo["township_publisher"])
    assert client.get(detail).status_code == 404
    assert (
        DRAFT["title"]
        not in client.get(reverse("participation-staff:list")).content.decode()
    )


def test_staff_create_moderate_and_publish_feedback(client, lankao, employment_item):
    users = lankao
    policy = make_draft(
        users,
        "county_publisher",
        BUREAU,
        employment_item,
        formed_on=dt.date(2025, 9, 26),
        title="兰考县就业补贴办法",
        kind="policy",
    )
    publish(users, policy, author="county_publisher")
    client.force_login(users["county_publisher"])
    response = client.post(
        reverse("participation-staff:create"),
        {
            **DRAFT,
            "organisation": users["org:" + BUREAU].pk,
            "opens_on": "2026-03-01",
            "closes_on": "2026-03-31",
        },
    )
    assert response.status_code == 302
    found = services.Consultation.objects.get()
    client.post(reverse("participation-staff:publish", kwargs={"pk": found.pk}))
    found.refresh_from_db()
    assert found.status == "published"
    made = services.comment_submit(
        consultation=found,
        name="",
        contact="13800000000",
        text="建议简化申领流程。",
        now=found.opens_at + dt.timedelta(days=1),
    )
    moderate = reverse(
        "participation-staff:moderate", kwargs={"pk": found.pk, "comment_pk": made.pk}
    )
    refused = client.post(moderate, {"decision": "reject", "reason": ""})
    assert "Say why the comment is not published." in refused.content.decode()
    client.post(moderate, {"decision": "publish"})
    made.refresh_from_db()
    assert made.status == CommentStatus.PUBLISHED
    client.post(
        reverse("participation-staff:feedback", kwargs={"pk": found.pk}),
        {"comments": [made.pk], "gist": "简化流程", "verdict": "adopted"},
    )
    assert found.feedback.get().verdict == "adopted"
    client.post(
        reverse("participation-staff:summary", kwargs={"pk": found.pk}),
        {"summary": "共收到意见1条，采纳1条。", "final_publication": policy.pk},
    )
    found.refresh_from_db()
    assert found.final_publication == policy

    public = Client()
    text = public.get(found.get_absolute_url()).content.decode()
    assert "共收到意见1条" in text and "简化流程" in text
    assert reverse("public:publication", kwargs={"pk": policy.pk}) in text
    assert "1 received · 1 published · 1 adopted" in text
    back = public.get(reverse("public:publication", kwargs={"pk": policy.pk}))
    assert found.get_absolute_url() in back.content.decode()


def test_the_say_form_posts_from_a_cached_page_without_csrf(lankao, employment_item):
    users = lankao
    policy = make_draft(
        users,
        "county_publisher",
        BUREAU,
        employment_item,
        formed_on=dt.date(2025, 9, 26),
        title="岗位信息",
    )
    publish(users, policy, author="county_publisher")
    browser = Client(enforce_csrf_checks=True)
    url = reverse("public:publication", kwargs={"pk": policy.pk})
    page = browser.get(url)
    text = page.content.decode()
    assert "csrfmiddlewaretoken" not in text and not page.cookies
    assert "public" in page["Cache-Control"]
    assert reverse("participation:say") in text
    page_value = re.search(r'name="say-page" value="([^"]+)"', text).group(1)
    answer = {
        "say-page": page_value,
        "say-timely": "yes",
        "say-complete": "no",
        "say-convenient": "yes",
        "say-comment": f"找了很久 {ID}",
    }
    kept = browser.post(reverse("participation:say"), answer)
    assert kept.status_code == 200 and "Thank you" in kept.content.decode()
    again = browser.post(reverse("participation:say"), answer)
    assert "already answered on this page today" in again.content.decode()
    say = DisclosureSay.objects.get()
    assert say.publication == policy and say.organisation == policy.organisation
    assert ID not in say.comment

    item_url = reverse(
        "public:item", kwargs={"code": "410225", "pk": employment_item.pk}
    )
    assert f"item:410225:{employment_item.pk}" in browser.get(item_url).content.decode()
    forged = browser.post(
        reverse("participation:say"), {**answer, "say-page": "publication:999999"}
    )
    assert forged.status_code == 404
    bad = browser.post(reverse("participation:say"), {**answer, "say-timely": "x"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()

    staff = Client()
    staff.force_login(users["county_publisher"])
    counts = staff.get(reverse("participation-staff:say")).content.decode()
    assert "兰考县人力资源和社会保障局" in counts and "找了很久" not in counts
