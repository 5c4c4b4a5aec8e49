"""Nothing non-public leaks: one test per channel.

Publications, the correction log, consultations and the subscription pages.

The demo county holds a draft, a publication in review, one withdrawn as
published in error, one not disclosed (不予公开); we add one disclosed on
request only and one published under a draft catalog. None may appear on any
page, feed, sitemap entry, search result, API answer or download.
"""

import re

import pytest
from django.test import Client

from catalogs.models import Catalog, Item
from disclosure.models import CorrectionEntry, Publication

from .conftest import COUNTY, TOWNSHIP, VILLAGE, make_publication

PUBLIC_STATES = {("published", "proactive")}


@pytest.fixture
def hidden(site):
    make_publication(
        "依申请公开的低保家庭收入核查记录", status="published", attribute="on_request"
    )
    draft_catalog = Catalog.objects.get(key="410225-mca-elderly_care")
    assert draft_catalog.status == "draft"
    make_publication(
        "草稿目录下的养老服务补贴名单",
        item=Item.objects.filter(catalog=draft_catalog, level=2).first(),
        org="410225-mca",
        level="county",
    )
    secret = [
        p
        for p in Publication.objects.select_related("item__catalog")
        if (p.status, p.attribute) not in PUBLIC_STATES
        or p.item.catalog.status == "draft"
    ]
    kinds = {p.status for p in secret} | {p.attribute for p in secret}
    assert {"draft", "in_review", "withdrawn", "not_disclosed", "on_request"} <= kinds
    return secret


def assert_clean(text: str, hidden, *, log: bool = False) -> None:
    """Nothing of ``hidden`` in ``text``; on the correction log (``log``) the title
    of a publication withdrawn after it was public is the point of the entry, but
    never its text."""
    logged = set(
        CorrectionEntry.objects.filter(kind="withdrawal").values_list(
            "publication_id", flat=True
        )
    )
    for p in hidden:
        if log and p.pk in logged:  # its tombstone URL may be linked, never its text
            assert not p.body or p.body not in text, p.title
            continue
        assert p.title not in text, p.title
        assert f"/p/{p.pk}/" not in text, p.title


def crawl(client, start: list[str], limit: int = 400) -> dict[str, str]:
    """Every public page reachable from ``start`` (same site, GET, no downloads)."""
    seen, queue = {}, list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            seen[url] = response.content.decode()
            for link in re.findall(r'href="(/[^"#]*)"', seen[url]):
                link = link.replace("&amp;", "&")
                if link.startswith(
                    ("/r/", "/p/", "/catalogs/", "/search/")
                ) and not link.endswith(".xlsx"):
                    queue.append(link)
    return seen


def test_pages(hidden, client):
    pages = crawl(client, ["/", f"/r/{COUNTY}/", f"/r/{TOWNSHIP}/", f"/r/{VILLAGE}/"])
    assert len(pages) > 20
    assert f"/r/{COUNTY}/corrections/" in pages
    for url, text in pages.items():
        assert_clean(text, hidden, log="/corrections/" in url)
    withdrawn = set(
        CorrectionEntry.objects.filter(kind="withdrawal").values_list(
            "publication_id", flat=True
        )
    )
    assert withdrawn
    for p in hidden:
        gone = client.get(f"/p/{p.pk}/")
        # Withdrawn after it was public: a tombstone (reason, no content).
        assert gone.status_code == (410 if p.pk in withdrawn else 404)
        if gone.status_code == 410:
            assert_clean(gone.content.decode(), hidden, log=True)
    assert client.get("/r/410225/elderly_care/").status_code == 404
    assert client.get("/catalogs/410225-mca-elderly_care/v1/").status_code == 404


def test_feeds(hidden, client):
    for url in [f"/feeds/r/{c}.atom" for c in ("41", COUNTY, TOWNSHIP, VILLAGE)] + [
        f"/feeds/d/{d}.atom"
        for d in ("employment", "social_relief", "elderly_care", "social_insurance")
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_clean(response.content.decode(), hidden)
    log = client.get(f"/feeds/r/{COUNTY}/corrections.atom")
    assert log.status_code == 200
    assert_clean(log.content.decode(), hidden, log=True)


def test_sitemap(hidden, client):
    index = client.get("/sitemap.xml").content.decode()
    for section in re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", index):
        text = client.get(section).content.decode()
        assert_clean(text, hidden)
        assert "/r/410225/elderly_care/" not in text
        assert "410225-mca-elderly_care" not in text


def test_search(hidden, client):
    for p in hidden:
        for query in (p.title, p.title[:4], p.item.name):
            page = client.get("/search/", {"q": query}).content.decode()
            for other in hidden:  # the query itself is echoed in the search box
                assert f"/p/{other.pk}/" not in page, other.title
            api = client.get("/api/v1/publications/", {"q": query}).json()
            assert {r["id"] for r in api["results"]}.isdisjoint(h.pk for h in hidden)


def test_api(hidden, client):
    for url in [
        "/api/v1/publications/?page_size=100",
        f"/api/v1/publications/?region={COUNTY}&page_size=100",
        "/api/v1/catalogs/?page_size=100",
        f"/api/v1/regions/{COUNTY}/",
    ]:
        assert_clean(client.get(url).content.decode(), hidden)
    log = client.get(f"/api/v1/corrections/?region={COUNTY}&page_size=100")
    assert log.json()["count"] >= 1
    assert_clean(log.content.decode(), hidden, log=True)
    assert (
        "elderly_care"
        not in client.get(f"/api/v1/regions/{COUNTY}/").json()["catalogs"].__repr__()
    )
    for p in hidden:
        assert client.get(f"/api/v1/publications/{p.pk}/").status_code == 404
        assert client.get(f"/api/v1/items/{p.item_id}/").status_code in (200, 404)
    draft = Catalog.objects.get(key="410225-mca-elderly_care")
    assert client.get(f"/api/v1/catalogs/{draft.key}/v1/").status_code == 404
    assert client.get(f"/api/v1/items/{draft.items.first().pk}/").status_code == 404


def test_downloads(hidden, client, settings, tmp_path):
    from django.core.files.base import ContentFile

    from disclosure.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    for p in hidden:
        attachment = Attachment(
            publication=p,
            name="x.txt",
            kind="txt",
            size=1,
            sha256="0" * 64,
            uploaded_by=p.author,
        )
        attachment.file.save("x.txt", ContentFile(b"x"), save=False)
        attachment.save()
        assert Client().get(f"/p/{p.pk}/files/{attachment.pk}/").status_code == 404
    assert client.get(f"/r/{COUNTY}/elderly_care/catalog.xlsx").status_code == 404
    assert client.get("/r/410221/employment/catalog.xlsx").status_code == 404


# ── On-request disclosure: the status page behind the 查询码 ────────────────


def _applicant_texts(r) -> list[str]:
    return [
        r.applicant_name,
        r.identity_number,
        r.phone,
        r.address,
        r.description,
        r.email,
    ]


def test_request_status_pages_show_only_their_own_request(site, client):
    import io

    import docx

    from disclosure.models import InformationRequest
    from disclosure.requests.demo import codes
    from disclosure.requests.identity import code_hash

    by_code = {
        code: InformationRequest.objects.get(query_code_hash=code_hash(code))
        for code in codes()
        if InformationRequest.objects.filter(query_code_hash=code_hash(code)).exists()
    }
    assert len(by_code) >= 10
    everyone = list(by_code.values())
    for code, own in by_code.items():
        page = client.post("/requests/status/", {"code": code})
        text = page.content.decode()
        assert page.status_code == 200 and own.reference in text
        assert "no-store" in page["Cache-Control"]
        for other in everyone:
            assert other.identity_number not in text  # not even the applicant's own
            if other.pk == own.pk:
                continue
            assert other.reference not in text
            for value in _applicant_texts(other):
                if value and value not in own.organisation.name:
                    assert value not in text, (code, value)
        for kind in ("correction", "extension", "reply"):
            letter = client.post(
                "/requests/status/letter/", {"code": code, "kind": kind}
            )
            if letter.status_code == 404:
                continue
            body = "\n".join(
                p.text for p in docx.Document(io.BytesIO(letter.content)).paragraphs
            )
            for other in everyone:
                assert other.identity_number not in body
                if other.pk != own.pk:
                    assert other.reference not in body


def test_no_applicant_appears_on_any_public_page(site, client):
    from disclosure.models import InformationRequest

    pages = crawl(
        client, ["/", f"/r/{COUNTY}/", "/requests/", "/requests/?place=410225"]
    )
    feeds = [
        client.get(url).content.decode()
        for url in ["/sitemap.xml", f"/feeds/r/{COUNTY}.atom", "/api/v1/publications/"]
    ]
    searched = [
        client.get("/search/", {"q": r.information_title}).content.decode()
        for r in InformationRequest.objects.all()
    ]
    everything = "\n".join([*pages.values(), *feeds, *searched])
    for r in InformationRequest.objects.all():
        assert r.identity_number not in everything
        assert r.reference not in everything
        for value in (r.applicant_name, r.phone, r.description):
            assert value not in everything, value


def test_no_identity_number_is_logged(site, client, caplog):
    import logging

    from disclosure.models import InformationRequest

    caplog.set_level(logging.DEBUG)
    r = InformationRequest.objects.exclude(identity_type="credit_code").first()
    client.post(
        "/requests/apply/410225-hrss/",
        {"identity_number": r.identity_number, "applicant_name": "日志检查"},
    )
    client.post("/requests/status/", {"code": r.identity_number})
    assert r.identity_number not in caplog.text
    assert r.identity_number not in "".join(
        str(h.history_change_reason) for h in r.history.all()
    )
    assert not hasattr(r.history.first(), "identity_number")


def test_disclosure_columns(hidden, client):
    """Every body's column, its place's list and the API: nothing non-public,
    and a personal number typed into a guide is masked."""
    from disclosure.models import DisclosureGuide
    from portal.audit import audited_save
    from portal.models import Organisation

    mobile = "13937812345"
    for code in ("410225-mca", "410225104201-vc"):
        guide = DisclosureGuide(
            organisation=Organisation.objects.get(code=code),
            how_to_apply=f"请致电李主任 {mobile} 咨询。",
            rules=f"联系人手机 {mobile}",
        )
        audited_save(guide, user=None, reason="test")
    for org in Organisation.objects.filter(region__code__startswith=COUNTY):
        for url in (
            f"/r/{org.region.code}/disclosure/",
            f"/r/{org.region.code}/disclosure/{org.code}/",
            f"/api/v1/bodies/{org.code}/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            text = response.content.decode()
            assert_clean(text, hidden)
            assert mobile not in text, url
    assert_clean(client.get("/api/v1/bodies/?page_size=100").content.decode(), hidden)


# ── Participation: consultations, subscriptions ─────────────────────────────


def test_consultation_pages(hidden, client):
    """The county's consultations, each consultation page, its feed, the
    sitemap and the API: no draft or withdrawn consultation, no unmoderated or
    rejected comment, never a contact or an ID number, and no link to a final
    policy the public may not see."""
    from django.contrib.auth import get_user_model

    from disclosure.models import Consultation, ConsultationComment
    from disclosure.participation import services

    publisher = get_user_model().objects.get(username="county_publisher")
    reviewer = get_user_model().objects.get(username="county_reviewer")
    opened = Consultation.objects.get(title__contains="公益性岗位开发管理办法")
    closed = Consultation.objects.filter(feedback_published_at__isnull=False).get()
    data = {
        "title": "未发布的征求意见稿草稿",
        "draft_text": "草稿正文：不得公开。",
        "interpretation_text": "草稿起草说明：不得公开。",
        "contact": "兰考县人社局",
        "opens_on": opened.opens_at.date(),
        "closes_on": opened.closes_at.date(),
    }
    draft = services.consultation_save(
        user=publisher, data=data, organisation=opened.organisation
    )
    withdrawn = services.consultation_publish(
        user=publisher,
        consultation=services.consultation_save(
            user=publisher,
            data={**data, "title": "已撤回的征求意见稿"},
            organisation=opened.organisation,
        ),
    )
    Consultation.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    rejected = services.comment_submit(
        consultation=opened,
        name="李某",
        contact="13812345678",
        text="不予发布的意见：含有不当内容。",
        now=opened.opens_at,
    )
    services.comment_moderate(
        user=reviewer, comment=rejected, publish=False, reason="与征求意见无关"
    )
    pending = ConsultationComment.objects.filter(consultation=opened, status="pending")
    assert pending.exists()
    secret_policy = next(p for p in hidden if p.status == "draft")
    Consultation.objects.filter(pk=closed.pk).update(final_publication=secret_policy)
    unseen = ["未发布的征求意见稿草稿", "草稿正文", "已撤回的征求意见稿", rejected.text]
    unseen += [c.text for c in pending] + [
        c.contact for c in ConsultationComment.objects.all()
    ]
    unseen += ["与征求意见无关"]
    ids = [c.text for c in pending]  # the pending comment carries an ID number
    pages = {
        url: client.get(url)
        for url in [
            f"/consultations/r/{COUNTY}/",
            f"/en/consultations/r/{COUNTY}/",
            opened.get_absolute_url(),
            closed.get_absolute_url(),
            f"/en{closed.get_absolute_url()}",
            f"/feeds/consultations/r/{COUNTY}.atom",
            "/sitemap-consultations.xml",
            "/api/v1/consultations/?page_size=100",
            f"/api/v1/consultations/?county={COUNTY}",
            f"/api/v1/consultations/{opened.pk}/",
            f"/api/v1/consultations/{closed.pk}/",
        ]
    }
    assert opened.title in pages[f"/consultations/r/{COUNTY}/"].content.decode()
    assert closed.feedback_summary in pages[closed.get_absolute_url()].content.decode()
    for url, response in pages.items():
        assert response.status_code == 200, url
        text = response.content.decode()
        assert_clean(text, hidden)
        for value in unseen + ids:
            assert value not in text, (url, value)
        assert f"/consultations/{draft.pk}/" not in text, url
        assert f"/consultations/{withdrawn.pk}/" not in text, url
    for gone in (draft, withdrawn):
        assert client.get(f"/consultations/{gone.pk}/").status_code == 404
        assert client.get(f"/api/v1/consultations/{gone.pk}/").status_code == 404
    assert (
        pages[f"/api/v1/consultations/{closed.pk}/"].json()["feedback"]["final_policy"]
        is None
    )


def test_subscription_pages(hidden, client):
    """The subscription pages name no non-public item and do not tell whether
    an address is already subscribed; a bad token says nothing of anyone."""
    from disclosure.models import Subscription
    from disclosure.subscriptions import tokens

    from ..disclosure.requests.helpers import captcha

    draft_item = Item.objects.filter(
        catalog__key="410225-mca-elderly_care", level=2
    ).first()
    form = client.get("/subscriptions/", {"region": COUNTY, "item": draft_item.pk})
    assert form.status_code == 200
    assert draft_item.name not in form.content.decode()
    assert_clean(form.content.decode(), hidden)
    refused = client.post(
        "/subscriptions/",
        {
            "email": "someone@example.cn",
            "place": COUNTY,
            "item": draft_item.pk,
            **captcha(form.content.decode()),
        },
    )
    assert refused.status_code == 200 and draft_item.name not in refused.text
    assert not Subscription.objects.filter(email="someone@example.cn").exists()

    known = Subscription.objects.get(email="demo-subscriber@example.cn")
    answers = []
    for email in (known.email, "newcomer@example.cn"):
        page = client.get("/subscriptions/")
        sent = client.post(
            "/subscriptions/",
            {"email": email, "place": COUNTY, **captcha(page.content.decode())},
        )
        assert sent.status_code == 200
        text = sent.content.decode()
        assert email not in text
        answers.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text))
    assert answers[0] == answers[1]  # the same answer for a known address
    for purpose, path in (
        (tokens.CONFIRM, "confirm"),
        (tokens.UNSUBSCRIBE, "unsubscribe"),
    ):
        page = client.get(f"/subscriptions/{path}/{tokens.make(known, purpose)}/")
        assert page.status_code == 200
        assert known.email not in page.content.decode()
        assert_clean(page.content.decode(), hidden)
        bad = client.get(f"/subscriptions/{path}/{tokens.make(known, purpose)}x/")
        assert bad.status_code == 404
        assert "兰考县" not in bad.content.decode().split("<main", 1)[1]
