"""The timeliness page: drill-down province → city → county → body, the workbook."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.disclosure.reports.test_timeliness_figures import world  # noqa: F401

Q3 = {"year": "2026", "quarter": "3"}


def test_drill_down_from_province_to_body(client, world, demo):  # noqa: F811
    client.force_login(demo["province_reviewer"])
    response = client.get(reverse("timeliness:index"))
    assert response.url == reverse("timeliness:region", kwargs={"code": "41"})
    page = client.get(response.url, Q3).content.decode()
    city = reverse("timeliness:region", kwargs={"code": "4102"})
    assert city in page and "<script>" not in page
    assert 'id="chart-units-publications-data" type="application/json"' in page
    county = reverse("timeliness:region", kwargs={"code": "410225"})
    assert county in client.get(city, Q3).content.decode()
    page = client.get(county, Q3).content.decode()
    body = reverse("timeliness:body", kwargs={"code": "410225-hrss"})
    assert body in page
    page = client.get(body, Q3).content.decode()
    assert "兰考县人力资源和社会保障局" in page or "410225-hrss" not in page
    assert 'id="timeliness-domains"' in page


def test_the_workbook_reads_back(client, world, demo):  # noqa: F811
    client.force_login(demo["province_reviewer"])
    url = reverse("timeliness:region", kwargs={"code": "410225"})
    response = client.get(url, {**Q3, "format": "xlsx"})
    assert response["Content-Disposition"].endswith('timeliness-410225-2026Q3.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    bureau = next(r for r in rows if r[0] == "410225-hrss")
    figures = dict(zip(header, bureau, strict=True))
    assert figures["Publications due"] == 4
    assert figures["Published late"] == 1
    assert figures["Median working days late"] == 3
    assert figures["Requests received"] == 4
    assert rows[-1][1] == "Total" and rows[-1][2] == 8


def test_who_may_open_the_page(client, world, demo):  # noqa: F811
    url = reverse("timeliness:region", kwargs={"code": "41"})
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(demo["township_publisher"])
    assert client.get(url).status_code == 403
    client.force_login(demo["county_reviewer"])
    assert client.get(url).status_code == 404  # above their county
    county = reverse("timeliness:region", kwargs={"code": "410225"})
    assert client.get(county).status_code == 200
    other = reverse("timeliness:body", kwargs={"code": "410225-mca"})
    assert client.get(other).status_code == 404


def test_odd_query_strings_fall_back_to_a_period(client, world, demo):  # noqa: F811
    client.force_login(demo["province_reviewer"])
    url = reverse("timeliness:region", kwargs={"code": "410225"})
    for query in (
        {"year": "abc"},
        {"year": "2026", "quarter": "9"},
        {"year": "1900", "quarter": "x"},
        {"year": "99999999999999999999"},
    ):
        assert client.get(url, query).status_code == 200, query
    missing = reverse("timeliness:region", kwargs={"code": "4199"})
    assert client.get(missing).status_code == 404
