"""The footer carries what a Chinese government site must show, from settings,
and the site has a favicon (issue 16, point 6)."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

FOOTER = {
    "site_code": "4102250001",
    "icp": "豫ICP备12345678号",
    "police": "豫公网安备 41022502000123号",
    "mark_url": "https://bszs.conac.cn/sitename?method=show&id=ABC",
    "host": "兰考县人民政府办公室",
    "contact": "0371-26966000",
}


@override_settings(SITE_FOOTER=FOOTER)
def test_the_footer_shows_each_particular_from_settings(client):
    html = client.get("/catalogs/").content.decode()
    footer = html[html.index('id="site-footer-record"') :]
    assert "网站标识码：4102250001" in footer
    assert (
        '<a href="https://beian.miit.gov.cn/" rel="noopener">豫ICP备12345678号</a>'
        in footer
    )
    assert "code=41022502000123" in footer and "豫公网安备 41022502000123号" in footer
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=ABC"' in footer
    assert "兰考县人民政府办公室" in footer and "0371-26966000" in footer


@override_settings(SITE_FOOTER={**FOOTER, "icp": "", "police": ""})
def test_an_empty_particular_is_left_out(client):
    html = client.get("/catalogs/").content.decode()
    assert "beian.miit.gov.cn" not in html
    assert "beian.mps.gov.cn" not in html
    assert "4102250001" in html


def test_the_site_has_a_favicon(client):
    html = client.get("/catalogs/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
