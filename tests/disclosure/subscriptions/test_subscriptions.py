"""Subscriptions end to end through a real SMTP server on the loopback: subscribe,
the confirmation mail parsed and its link followed, the digest, the unsubscribe
link followed; nothing non-public ever in a mail."""

import re
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from disclosure.models import Publication, Subscription
from disclosure.services import publication_withdraw
from disclosure.subscriptions.digest import send_digests
from portal.models import Region

from ..conftest import VILLAGE, make_draft, publish
from ..requests.helpers import captcha

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def path_of(url: str) -> str:
    return urlparse(url).path


def subscribe(client, email, **data):
    page = client.get("/en/subscriptions/", {"region": data.get("place", "")})
    assert page.status_code == 200
    return client.post(
        "/en/subscriptions/", {"email": email, **data, **captcha(page.text)}
    )


@pytest.fixture
def county_news(lankao, dibao_item):
    """Publishes ``title`` at the village now; returns the publication."""

    def make(title, body="名单如下。"):
        draft = make_draft(
            lankao,
            "village_publisher",
            VILLAGE,
            dibao_item,
            formed_on=date(2025, 9, 26),
            title=title,
            body=body,
        )
        publish(lankao, draft)
        return Publication.objects.get(pk=draft.pk)

    return make


def test_subscribe_confirm_digest_unsubscribe(
    smtp_server, lankao, county_news, settings
):
    settings.PORTAL_PUBLIC_URL = "https://gk.example.cn"
    client = Client()
    answer = subscribe(client, "citizen@example.cn", place="410225")
    assert answer.status_code == 200
    assert "Check your e-mail" in answer.text
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None

    [confirmation] = smtp_server.to("citizen@example.cn")
    assert "兰考县" in confirmation.subject
    assert (
        str(confirmation.message["List-Unsubscribe"])
        .strip()
        .startswith("<https://gk.example.cn/")
    )
    assert confirmation.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    links = LINK.findall(confirmation.text())
    confirm = next(link for link in links if "/confirm/" in link)
    assert confirm.startswith("https://gk.example.cn/subscriptions/confirm/")

    # Nothing before confirming.
    county_news("兰考县低保公示（确认前）")
    assert send_digests().mails == 0

    page = client.get(path_of(confirm))
    assert page.status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None  # a GET (a mail scanner) confirms nothing
    assert client.post(path_of(confirm)).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    shown = county_news("张庄村2026年低保公示")
    gone = county_news("张庄村低保公示（有误）")
    publication_withdraw(
        publication=gone, user=lankao["village_publisher"], reason="有误。"
    )
    smtp_server.messages.clear()
    call_command("send_digests", verbosity=0)
    [digest] = smtp_server.to("citizen@example.cn")
    text = digest.text()
    assert "张庄村2026年低保公示" in text
    assert f"https://gk.example.cn/p/{shown.pk}/" in text
    assert "有误" not in text  # withdrawn before the run: never in a mail
    assert "确认前" not in text  # public before the subscription was confirmed

    # The next run sends nothing new.
    smtp_server.messages.clear()
    assert send_digests().mails == 0

    unsubscribe = next(link for link in LINK.findall(text) if "/unsubscribe/" in link)
    assert str(digest.message["List-Unsubscribe"]).strip() == f"<{unsubscribe}>"
    other = Client()  # no session, no sign-in, no CSRF token
    assert other.get(path_of(unsubscribe)).status_code == 200
    assert Subscription.objects.exists()  # a GET (a mail scanner) changes nothing
    done = other.post(path_of(unsubscribe))
    assert done.status_code == 200
    assert not Subscription.objects.exists()
    assert other.get(path_of(unsubscribe)).status_code == 404


def test_a_digest_never_lists_what_is_not_public(smtp_server, lankao, county_news):
    region = Region.objects.get(code="410225")
    subscription = Subscription.objects.create(
        email="a@example.cn",
        region=region,
        region_code=region.code,
        confirmed_at=timezone.now() - timedelta(days=1),
        sent_until=timezone.now() - timedelta(days=1),
    )
    public = county_news("公开的公示")
    hidden = county_news("撤回的公示", body="不应出现")
    publication_withdraw(
        publication=hidden, user=lankao["village_publisher"], reason="撤回。"
    )
    # On request only: published but never public.
    on_request = county_news("依申请公开的记录")
    Publication.objects.filter(pk=on_request.pk).update(attribute="on_request")
    summary = send_digests()
    assert summary.mails == 1
    [mail] = smtp_server.to(subscription.email)
    assert "公开的公示" in mail.text()
    assert f"/p/{public.pk}/" in mail.text()
    for title in ("撤回的公示", "依申请公开的记录"):
        assert title not in mail.text()


def test_a_domain_or_an_item_narrows_the_digest(
    smtp_server, lankao, county_news, dibao_item
):
    region = Region.objects.get(code="410225")
    yesterday = timezone.now() - timedelta(days=1)
    common = {
        "region": region,
        "region_code": region.code,
        "confirmed_at": yesterday,
        "sent_until": yesterday,
    }
    employment = dibao_item.catalog.domain.__class__.objects.get(key="employment")
    Subscription.objects.create(email="jobs@example.cn", domain=employment, **common)
    Subscription.objects.create(email="item@example.cn", item=dibao_item, **common)
    Region.objects.get(code="410221")
    other = Region.objects.get(code="410221")
    Subscription.objects.create(
        email="qixian@example.cn",
        region=other,
        region_code=other.code,
        confirmed_at=yesterday,
        sent_until=yesterday,
    )
    county_news("张庄村低保审核信息")
    send_digests()
    assert [m.recipients for m in smtp_server.messages] == [["item@example.cn"]]


def test_bad_input_is_refused_with_a_message(lankao):
    client = Client()
    answer = subscribe(client, "not-an-address", place="999999")
    assert answer.status_code == 200
    assert "Enter a valid email address." in answer.text
    assert "There is no place with the division code “999999”." in answer.text
    assert not Subscription.objects.exists()
    assert client.get("/subscriptions/confirm/forged/").status_code == 404
    assert client.post("/subscriptions/unsubscribe/forged/").status_code == 404


def test_a_consultation_opened_since_the_last_digest_is_listed(
    smtp_server, lankao, dibao_item
):
    from disclosure.models import Consultation, ConsultationStatus
    from disclosure.participation.services import (
        consultation_publish,
        consultation_save,
    )
    from portal.models import Organisation

    from ..participation.conftest import DRAFT

    region = Region.objects.get(code="410225")
    yesterday = timezone.now() - timedelta(days=1)
    common = {"region": region, "region_code": region.code, "confirmed_at": yesterday}
    domain = dibao_item.catalog.domain.__class__.objects
    Subscription.objects.create(
        email="place@example.cn", sent_until=yesterday, **common
    )
    Subscription.objects.create(
        email="jobs@example.cn",
        domain=domain.get(key="employment"),
        sent_until=yesterday,
        **common,
    )
    Subscription.objects.create(
        email="relief@example.cn",
        domain=domain.get(key="social_relief"),
        sent_until=yesterday,
        **common,
    )
    Subscription.objects.create(
        email="item@example.cn", item=dibao_item, sent_until=yesterday, **common
    )
    bureau = Organisation.objects.get(code="410225-hrss")  # employment, insurance
    user = lankao["county_publisher"]
    today = timezone.localdate()
    opened = consultation_publish(
        user=user,
        consultation=consultation_save(
            user=user,
            data={**DRAFT, "opens_on": today, "closes_on": today + timedelta(days=30)},
            organisation=bureau,
        ),
    )
    withdrawn = consultation_publish(
        user=user,
        consultation=consultation_save(
            user=user,
            data={
                **DRAFT,
                "title": "撤回的征求意见稿",
                "opens_on": today,
                "closes_on": today + timedelta(days=30),
            },
            organisation=bureau,
        ),
    )
    Consultation.objects.filter(pk=withdrawn.pk).update(
        status=ConsultationStatus.WITHDRAWN
    )

    send_digests(now=timezone.now() + timedelta(minutes=1))

    assert sorted(r for m in smtp_server.messages for r in m.recipients) == [
        "jobs@example.cn",
        "place@example.cn",
    ]
    text = smtp_server.to("place@example.cn")[0].text()
    assert DRAFT["title"] in text
    assert f"/consultations/{opened.pk}/" in text
    assert "撤回的征求意见稿" not in text
