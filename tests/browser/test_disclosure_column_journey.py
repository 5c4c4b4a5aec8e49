"""A citizen finds a county bureau's 信息公开指南 and its 2025 annual report from
the home page, through the place's disclosure columns; then a policy's 文号
and 索引号 in its metadata box, and the policy again by its 文号 as typed."""

from django.core.management import call_command

from disclosure.models import AnnualReportVersion, Publication

BODY = "兰考县人力资源和社会保障局"


def test_a_citizen_finds_a_bodys_guide_and_annual_report(page, screenshot):
    call_command("seed_demo", verbosity=0)
    year = (
        AnnualReportVersion.objects.filter(report__organisation__code="410225-hrss")
        .values_list("report__year", flat=True)
        .get()
    )
    assert year == 2025
    page.goto(page.base_url + "/")
    page.get_by_role("link", name="河南省政府信息公开专栏").click()
    page.get_by_role("link", name="开封市", exact=True).click()
    page.get_by_role("link", name="兰考县", exact=True).click()
    screenshot(page, "column-01-county-bodies")
    page.get_by_role("link", name=BODY, exact=True).click()
    assert page.locator("h1").inner_text() == f"{BODY}政府信息公开"
    guide = page.locator("section", has=page.locator("#guide"))
    assert "兰考县人力资源和社会保障局办公室" in guide.inner_text()
    assert "0371-26999000" in guide.inner_text()
    assert "二十个工作日" in guide.inner_text() or "20个工作日" in guide.inner_text()
    screenshot(page, "column-02-guide")
    page.get_by_role("link", name=f"{year}年度报告").click()
    assert str(year) in page.locator("h1").inner_text()
    screenshot(page, "column-03-annual-report-2025")


def test_the_metadata_box_and_a_search_by_document_number(page, screenshot):
    call_command("seed_demo", verbosity=0)
    policy = Publication.objects.get(title="兰考县稳岗返还实施办法（2026年修订）")
    assert policy.document_number == "兰人社〔2026〕3号"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/")
    page.get_by_role("searchbox").fill("兰人社（2026）３号")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    first = page.locator(".results li").first
    assert policy.title in first.inner_text()
    assert "按索引号或文号找到" in first.inner_text()
    first.get_by_role("link", name=policy.title).click()
    box = page.locator("#metadata").inner_text()
    for shown in (policy.index_number, "兰人社〔2026〕3号", "劳动、人事、监察", BODY):
        assert shown in box
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, "no sideways scrolling on a phone"
    screenshot(page, "column-04-metadata-box-phone")
