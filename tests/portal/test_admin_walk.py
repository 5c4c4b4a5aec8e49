"""Every admin page of the demo reads as a Chinese office expects, in both languages:
no untranslated model or field name, no attribute name, no stored choice value,
no raw JSON list (issue 16, point 1)."""

import pytest
from django.contrib import admin

from catalogs.models import Item
from tests.portal.adminwalk import problems, read, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(client, demo_catalogs):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="site_admin"))
    return client


@pytest.mark.parametrize(
    "language, start", [("zh-hans", "/admin/"), ("en", "/en/admin/")]
)
def test_every_admin_page_of_the_demo_shows_no_raw_internals(
    site_admin, language, start
):
    found = walk(site_admin, start, language)
    visited = found.pop("_visited")
    assert visited > 60, f"the walk reached only {visited} pages"
    assert not found, "\n".join(f"{url}: {issues}" for url, issues in found.items())


def test_the_walk_fails_on_a_page_that_plants_a_raw_field_name_and_json(
    site_admin, monkeypatch
):
    def planted(obj):
        return '["service-centre","other-platform"]'

    planted.short_description = "mode_proactive"
    item_admin = admin.site._registry[Item]
    monkeypatch.setattr(
        type(item_admin), "list_display", [*item_admin.list_display, planted]
    )
    found = walk(site_admin, "/admin/catalogs/item/", "zh-hans", limit=1)
    issues = found["/admin/catalogs/item/"]
    assert "raw name 'mode_proactive'" in issues
    assert any(issue.startswith("raw JSON list") for issue in issues)


@pytest.mark.parametrize(
    "html, issue",
    [
        ("<td>Catalogs</td>", "untranslated 'catalogs'"),
        ("<td>draft → in_force</td>", "raw name 'in_force'"),
        ("<td>None → False</td>", "raw 'None'"),
        ("<td>字段</td><td>channels</td>", "untranslated 'channels'"),
    ],
)
def test_the_check_names_what_a_chinese_page_must_not_show(html, issue):
    text, _links = read(html)
    assert issue.lower() in [i.lower() for i in problems(text, "zh-hans")]


def test_the_check_passes_translated_text_and_reads_no_script():
    text, _links = read(
        '<p>公开渠道：政务服务中心、其他平台</p><script>var x = ["a","b"];</script>'
    )
    assert problems(text, "zh-hans") == []
