"""A publication's text allows a safe subset of markup (issue 16 §6): headings, lists,
tables and links render; scripts, handlers, javascript: links, images and styles never
do (nh3). A plain-text body stays plain text."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from disclosure.public.markup import body_html, is_markup, plain_text

from .conftest import COUNTY, make_publication

TABLE = (
    "<h2>低保名单</h2><p>公示期七天。</p>"
    '<table><thead><tr><th scope="col">户主</th><th>人数</th></tr></thead>'
    '<tbody><tr><td colspan="2" onclick="steal()">张某某 3</td></tr></tbody></table>'
    '<ul><li>异议电话见下</li></ul><a href="https://www.gov.cn/">中国政府网</a>'
)
HOSTILE = [
    "<p>x</p><script>alert(1)</script>",
    '<p>x</p><img src=x onerror="alert(1)">',
    '<p><a href="javascript:alert(1)">点我</a></p>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<p>x</p><iframe src="https://evil.example/"></iframe>',
    '<p>x</p><svg onload="alert(1)"></svg>',
    '<table><tr><td><form action="/x"><input name=a></form></td></tr></table>',
    "<p>x</p><style>body{display:none}</style>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a><p>y</p>',
    '<p onmouseover="alert(1)">x</p>',
    "<p>x<!-- <script>alert(1)</script> --></p>",
    "<P>x</P><SCRIPT>alert(1)</SCRIPT>",
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onclick",
    "onload",
    "onmouseover",
    "javascript:",
    "<img",
    "<iframe",
    "<svg",
    "<form",
    "<input",
    "style=",
    "<style",
    "data:",
]


def test_allowed_markup_is_kept():
    out = str(body_html(TABLE))
    for kept in (
        "<h2>低保名单</h2>",
        '<th scope="col">户主</th>',
        '<td colspan="2">',
        "<li>异议电话见下</li>",
        'href="https://www.gov.cn/"',
        'rel="noopener noreferrer nofollow"',
    ):
        assert kept in out
    assert "steal" not in out


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_markup_is_removed(body):
    assert is_markup(body)
    out = str(body_html(body)).lower()
    for bad in FORBIDDEN:
        assert bad not in out, (bad, out)


def test_plain_text_stays_text_with_its_line_breaks():
    out = str(body_html("收入<2000元的家庭\n第二行 <img src=x onerror=alert(1)>"))
    assert out == "收入&lt;2000元的家庭<br>第二行 &lt;img src=x onerror=alert(1)&gt;"


def test_plain_text_of_markup_has_the_words_only():
    text = plain_text(TABLE)
    assert "张某某 3" in text and "低保名单" in text
    assert "<" not in text and "steal" not in text


@pytest.mark.django_db
def test_the_public_page_renders_the_table_and_strips_the_rest(site, client):
    p = make_publication(
        "低保名单表格公示（测试）", body=TABLE + HOSTILE[0] + HOSTILE[1]
    )

    html = client.get(
        reverse("public:publication", kwargs={"pk": p.pk})
    ).content.decode()

    body = html[html.index('class="publication-body"') :]
    body = body[: body.index("</div>\n")]
    assert '<th scope="col">户主</th>' in body and "<h2>低保名单</h2>" in body
    assert "alert(1)" not in body and "onclick" not in body and "<img" not in body


@pytest.mark.django_db
def test_the_feed_gets_the_words_not_the_tags(site, client):
    make_publication("低保名单表格公示（测试）", body=TABLE, days_ago=0)

    feed = ElementTree.fromstring(client.get(f"/feeds/r/{COUNTY}.atom").content)
    summary = next(
        e.find("{http://www.w3.org/2005/Atom}summary")
        for e in feed.iter("{http://www.w3.org/2005/Atom}entry")
        if e.find("{http://www.w3.org/2005/Atom}title").text
        == "低保名单表格公示（测试）"
    )
    assert "张某某 3" in summary.text and "<th" not in summary.text
