"""Every kind of public page passes axe-core with no serious or critical violation.

axe-core comes inside the ``axe-playwright-python`` package (``axe.min.js``),
so nothing is fetched at run time. Each page is checked in Chinese, a few in
English, and a catalog page again in the large-text (适老化) mode; the
violations found are listed page by page, rule by rule, element by element.
Violations of every impact are written to tests/artifacts/accessibility.txt.
"""

import pytest
from django.core.management import call_command

from catalogs.models import Catalog, Item
from disclosure.models import AnnualReportVersion, Publication

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
REPORT = SCREENSHOTS.parent / "accessibility.txt"
VILLAGE = "410225104201"
NOTICE = "张庄村2026年第四季度最低生活保障审核信息公示"


def violations(page, url: str = "", report=None) -> tuple[list[str], int]:
    """(the serious and critical violations as lines, the number of rules passed);
    every violation, whatever its impact, also goes to ``report``."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    found = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            line = (
                f"{url or page.url}: {violation['id']} ({violation['impact']}): "
                f"{violation['help']} — {', '.join(map(str, node['target']))}"
            )
            if report is not None:
                report.append(line)
            if violation["impact"] in BLOCKING:
                found.append(line)
    return found, len(results["passes"])


def checker(page, found: list[str]):
    """``check(name)``: axe on the page as it is now loaded; its serious and
    critical violations are added to ``found``, for one assertion at the end."""

    def check(name: str) -> None:
        page.wait_for_load_state()
        lines, passed = violations(page, name)
        assert passed > 10, name
        found.extend(lines)

    return check


def public_pages() -> dict[str, str]:
    """name → address of every kind of public page, from the demo data."""
    item = Item.objects.get(
        catalog__key="410225-mca-social_relief", catalog__status="in_force", code="2.3"
    )
    standard = Catalog.objects.get(key="employment", kind="standard")
    local = Catalog.objects.get(key="410225-hrss-employment", status="in_force")
    amended = Publication.objects.exclude(validity="valid").get(
        title__contains="稳岗返还实施办法（2024年）"
    )
    notice = Publication.objects.get(title=NOTICE)
    newer = Publication.objects.get(title="兰考县稳岗返还实施办法（2026年修订）")
    report = AnnualReportVersion.objects.select_related("report").get(
        report__organisation__code="410225-hrss"
    )
    return {
        "home": "/",
        "province": "/r/41/",
        "city": "/r/4102/",
        "county": "/r/410225/",
        "township": "/r/410225104/",
        "village": f"/r/{VILLAGE}/",
        "catalog at a place": f"/r/{VILLAGE}/social_relief/",
        "filtered catalog": f"/r/{VILLAGE}/social_relief/?level=village&mode=proactive",
        "item at a place": f"/r/{VILLAGE}/items/{item.pk}/",
        "publication": f"/p/{notice.pk}/",
        "publication with a validity banner": f"/p/{amended.pk}/",
        "search with results": "/search/?q=低保",
        "search without results": "/search/?q=没有这样的事项",
        "not found": "/r/999999/",
        "no such page": "/no-such-page/",
        "standard catalogs": "/catalogs/",
        "standard catalog table": f"/catalogs/{standard.key}/v{standard.version}/",
        "standard item": f"/catalogs/items/{standard.items.filter(level=2)[0].pk}/",
        "local catalog table": f"/catalogs/{local.key}/v{local.version}/",
        "local catalog compared": f"/catalogs/{local.key}/v{local.version}/compare/",
        "local item": f"/catalogs/items/{item.pk}/",
        "English home": "/en/",
        "English publication with a banner": f"/en/p/{amended.pk}/",
        "English catalog at a place": f"/en/r/{VILLAGE}/social_relief/",
        "annual reports of a place": "/r/410225/reports/",
        "annual report": f"/r/410225/reports/410225-hrss/{report.report.year}/",
        "English annual report": (
            f"/en/r/410225/reports/410225-hrss/{report.report.year}/"
        ),
        "disclosure columns of a place": "/r/410225/disclosure/",
        "a body's disclosure column": "/r/410225/disclosure/410225-hrss/",
        "English disclosure column": "/en/r/410225/disclosure/410225-hrss/",
        "publication with document metadata": f"/p/{newer.pk}/",
    }


def test_every_public_page_passes_axe(page, screenshot):
    call_command("seed_demo", verbosity=0)
    found, checked, report = [], [], []
    for name, address in public_pages().items():
        page.goto(page.base_url + address)
        lines, passed = violations(page, address, report)
        assert passed > 10, f"axe-core did not run on {address}"
        found += [f"[{name}] {line}" for line in lines]
        checked.append(name)
    page.goto(page.base_url + "/")
    page.locator("#large-text-toggle").click()
    page.goto(page.base_url + f"/r/{VILLAGE}/social_relief/")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    lines, _passed = violations(page, "large text: catalog at a place", report)
    found += lines
    screenshot(page, "a11y-large-text-catalog")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        "axe-core violations of any impact on the public pages\n"
        + ("\n".join(report) or "none")
        + "\n",
        encoding="utf-8",
    )
    assert len(checked) == len(public_pages())
    assert not found, "Serious or critical accessibility violations:\n" + "\n".join(
        found
    )


BROKEN = """<!DOCTYPE html><html lang="zh-Hans"><head><title>坏页面</title></head>
<body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">
</main></body></html>"""


def test_the_check_reports_what_it_should(chromium):
    """The checker itself: a page with an image without text and an unlabelled
    field gives serious or critical findings, named by rule and element."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_content(BROKEN)
        lines, passed = violations(page, "broken")
    finally:
        context.close()
    assert passed > 0
    assert any("image-alt (critical)" in line and "img" in line for line in lines)
    assert any(" label (critical)" in line and "input" in line for line in lines)
