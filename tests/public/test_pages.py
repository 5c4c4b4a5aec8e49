"""The public pages: from the home page down to a village's publication."""

import re
from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.test import Client
from openpyxl import load_workbook

from disclosure.models import Attachment, Publication
from disclosure.public import views

from .conftest import COUNTY, DIBAO_NOTICE, TOWNSHIP, VILLAGE, make_publication


def links(response) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', response.content.decode()))


def test_a_citizen_walks_from_the_home_page_to_the_village_notice(site, client):
    home = client.get("/")
    assert home.status_code == 200
    assert "/r/41/" in links(home)
    assert 'name="q"' in home.content.decode()
    path = ["/r/41/", "/r/4102/", f"/r/{COUNTY}/", f"/r/{TOWNSHIP}/"]
    following = ["/r/4102/", f"/r/{COUNTY}/", f"/r/{TOWNSHIP}/", f"/r/{VILLAGE}/"]
    for page, child in zip(path, following, strict=True):
        response = client.get(page)
        assert response.status_code == 200, page
        assert child in links(response), (page, child)
    village = client.get(f"/r/{VILLAGE}/")
    catalog_link = f"/r/{VILLAGE}/social_relief/"
    assert catalog_link in links(village)
    assert DIBAO_NOTICE in village.content.decode()  # recently published
    catalog = client.get(catalog_link)
    item_links = [u for u in links(catalog) if u.startswith(f"/r/{VILLAGE}/items/")]
    notice = Publication.objects.get(title=DIBAO_NOTICE)
    assert f"/r/{VILLAGE}/items/{notice.item_id}/" in item_links
    item = client.get(f"/r/{VILLAGE}/items/{notice.item_id}/")
    assert f"/p/{notice.pk}/" in links(item)
    page = client.get(f"/p/{notice.pk}/")
    assert page.status_code == 200
    assert DIBAO_NOTICE in page.content.decode()


def test_the_catalog_page_filters_by_level_audience_and_mode(site, client):
    everything = client.get(f"/en/r/{COUNTY}/employment/").content.decode()
    village_only = client.get(f"/en/r/{COUNTY}/employment/?level=village")
    assert village_only.status_code == 200
    shown = village_only.content.decode()
    assert shown.count('class="level-') < everything.count('class="level-')
    assert "Local supplement" in everything or "Local third-level item" in everything
    assert "Not performed locally" in everything
    ignored = client.get(f"/en/r/{COUNTY}/employment/?level=<script>&mode=x")
    assert ignored.status_code == 200
    assert "<script>" not in ignored.content.decode()


def test_the_item_page_lists_what_was_published_here_newest_first(
    site, client, monkeypatch
):
    older = make_publication("较早的公示", days_ago=30)
    newer = make_publication("较新的公示", days_ago=2)
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    notice = Publication.objects.get(title=DIBAO_NOTICE)
    assert notice.item_id == older.item_id
    pages = [
        client.get(f"/r/{VILLAGE}/items/{older.item_id}/?page={n}").content.decode()
        for n in (1, 2, 3)
    ]
    order = [
        next(t for t in (DIBAO_NOTICE, newer.title, older.title) if t in p)
        for p in pages
    ]
    assert order.index(newer.title) < order.index(older.title)
    beyond = client.get(f"/en/r/{VILLAGE}/items/{older.item_id}/?page=9")
    assert beyond.status_code == 404
    assert "pages run from 1 to 3" in beyond.content.decode()
    # The township's page of the same item shows none of the village's work.
    township = client.get(f"/r/{TOWNSHIP}/items/{older.item_id}/").content.decode()
    assert older.title not in township


def test_a_replaced_document_carries_a_banner_linking_its_replacement(site, client):
    old = Publication.objects.get(title="兰考县稳岗返还实施办法（2024年）")
    assert old.validity != "valid" and old.replaced_by_id
    page = client.get(f"/en/p/{old.pk}/").content.decode()
    assert 'class="banner"' in page
    assert f"/p/{old.replaced_by_id}/" in page
    current = client.get(f"/en/p/{old.replaced_by_id}/").content.decode()
    assert 'class="banner"' not in current
    assert "Interpretation" in current  # the 政策解读 links back


def test_unknown_places_items_and_pages_get_a_404_that_helps(site, client):
    cases = {
        "/en/r/abc/": "no region with the division code",
        "/en/r/999999/": "no region with the division code “999999”",
        f"/en/r/{COUNTY}/no-such-domain/": "has no catalog in force",
        "/en/r/41/employment/": "Catalogs are kept by counties",
        f"/en/r/{COUNTY}/items/99999999/": "is not in a public catalog",
        "/en/r/410221/items/1/": "is not in a public catalog",
        "/en/p/99999999/": "no public publication number",
        "/en/no/such/page/": "There is no page at this address",
    }
    for url, message in cases.items():
        response = client.get(url)
        assert response.status_code == 404, url
        body = response.content.decode()
        assert message in body, (url, body[:300])
        assert 'name="q"' in body  # a way on: the search box
        assert "Traceback" not in body


def test_attachments_and_the_catalog_download(site, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    notice = Publication.objects.get(title=DIBAO_NOTICE)
    attachment = Attachment(
        publication=notice,
        name="名单.txt",
        kind="txt",
        size=3,
        sha256="0" * 64,
        uploaded_by=notice.author,
    )
    attachment.file.save("list.txt", ContentFile(b"abc"), save=False)
    attachment.save()
    page = client.get(f"/p/{notice.pk}/").content.decode()
    url = f"/p/{notice.pk}/files/{attachment.pk}/"
    assert url in page
    download = Client().get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"abc"
    xlsx = client.get(f"/r/{VILLAGE}/social_relief/catalog.xlsx")
    assert xlsx.status_code == 200
    assert "attachment" in xlsx["Content-Disposition"]
    sheet = load_workbook(BytesIO(xlsx.content)).active
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert notice.item.name in text


def test_a_validity_change_dated_ahead_is_announced_until_that_day_with_no_job(
    site, client, monkeypatch
):
    from django.utils import timezone

    ahead = timezone.localdate() + timedelta(days=10)
    notice = make_publication(
        "张庄村临时救助公示（有效期至年底）",
        validity="expired",
        validity_on=ahead,
        validity_reason="公示期满。",
    )
    before = client.get(f"/p/{notice.pk}/").content.decode()
    assert notice.validity_pending and notice.validity_now == "valid"
    assert f"本文件将于{ahead:%Y-%m-%d}失效。" in before
    assert 'id="validity-banner"' not in before
    english = client.get(f"/en/p/{notice.pk}/").content.decode()
    assert f"This document will be Expired (失效) from {ahead:%Y-%m-%d}." in english

    # The day comes: nothing is run, and the same row now reads 失效.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: ahead)
    on_the_day = client.get(f"/p/{notice.pk}/").content.decode()
    assert not notice.validity_pending and notice.validity_now == "expired"
    assert 'id="validity-pending"' not in on_the_day
    assert 'id="validity-banner"' in on_the_day
