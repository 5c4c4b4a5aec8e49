"""The annual report's staff pages (draft, edit, check, publish) and its public
page, per body and year, with the correction note of a later version."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from disclosure.models import AnnualReport, AnnualReportVersion
from disclosure.requests.replies import request_close, request_deliver, request_reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_year(office, register):
    h = office["handler"]
    r = register(date(2025, 3, 3))
    request_reply(request=r, user=h, reply_type="granted", on=date(2025, 3, 10))
    request_deliver(request=r, user=h, method="collect", on=date(2025, 3, 10))
    request_close(request=r, user=h, on=date(2025, 3, 11))
    return office


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def draft(client, office, year=2025):
    client.force_login(office["handler"])
    answer = client.post(
        en("annual:list"), {"organisation": office["bureau"].pk, "year": year}
    )
    report = AnnualReport.objects.get(organisation=office["bureau"], year=year)
    assert answer.status_code == 302
    assert answer["Location"] == en("annual:detail", pk=report.pk)
    return report


def edit_form(client, report):
    page = client.get(en("annual:edit", pk=report.pk))
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return page, data


def test_a_publisher_drafts_and_edits_and_a_reviewer_publishes(client, a_year):
    office = a_year
    report = draft(client, office)
    page = client.get(en("annual:detail", pk=report.pk))
    assert page.status_code == 200
    assert "Every cross-check of the tables holds." in page.content.decode()
    assert not page.context["may_publish"]  # a publisher does not publish
    # The publisher enters figures; a broken table 四 total is shown by cell.
    _page, data = edit_form(client, report)
    data.update(
        {
            "overview": "本局全面推进政务公开。",
            "2.licensing.decisions": "35",
            "4.lawsuit_direct.corrected": "1",
            "4.lawsuit_direct.total": "2",
        }
    )
    saved = client.post(en("annual:edit", pk=report.pk), data)
    assert saved.status_code == 302
    client.force_login(office["head"])
    page = client.get(en("annual:detail", pk=report.pk))
    text = page.content.decode()
    problem = (
        "Table IV, Lawsuit without prior review (行政诉讼 · 未经复议直接起诉), total: "
        "it is 2, but upheld, corrected, other and not yet concluded add up to 1; "
        "they must be equal."
    )
    assert problem in text
    refused = client.post(en("annual:detail", pk=report.pk), {"note": ""})
    assert refused.status_code == 200
    assert problem in refused.content.decode()
    assert not AnnualReportVersion.objects.exists()
    # Corrected, it is published and public.
    _page, data = edit_form(client, report)
    data["4.lawsuit_direct.total"] = "1"
    assert client.post(en("annual:edit", pk=report.pk), data).status_code == 302
    published = client.post(en("annual:detail", pk=report.pk), {"note": ""})
    assert published.status_code == 302
    version = AnnualReportVersion.objects.get()
    client.logout()
    public = client.get(version.get_absolute_url())
    assert public.status_code == 200
    body = public.content.decode()
    assert "本局全面推进政务公开。" in body
    assert public["Cache-Control"].startswith("public")
    listing = client.get(en("public:annual-reports", code="410225"))
    assert version.get_absolute_url().removeprefix("/en") in listing.content.decode()


def test_bad_input_is_named_on_the_form_and_nothing_is_saved(client, a_year):
    report = draft(client, a_year)
    _page, data = edit_form(client, report)
    data.update({"overview": "新的文字", "2.penalty.decisions": "十二"})
    answer = client.post(en("annual:edit", pk=report.pk), data)
    assert answer.status_code == 200
    assert answer.context["form"].errors == {
        "2.penalty.decisions": [
            "Table II, Administrative penalties (行政处罚), Decisions made this "
            "year: “十二” is not a whole number of 0 or more."
        ]
    }
    report.refresh_from_db()
    assert report.overview == ""


def test_a_correction_shows_what_changed(client, a_year):
    office = a_year
    report = draft(client, office)
    client.force_login(office["head"])
    assert client.post(en("annual:detail", pk=report.pk), {}).status_code == 302
    _page, data = edit_form(client, report)
    data["2.fees.amount"] = "3.5"
    client.post(en("annual:edit", pk=report.pk), data)
    no_note = client.post(en("annual:detail", pk=report.pk), {"note": ""})
    assert no_note.context["publish_form"].errors == {
        "note": ["This report was published before: say what this correction changes."]
    }
    client.post(en("annual:detail", pk=report.pk), {"note": "补录行政事业性收费金额。"})
    latest = report.versions.get(number=2)
    public = client.get(latest.get_absolute_url()).content.decode()
    assert "补录行政事业性收费金额。" in public
    assert (
        "Changed: Table II, Administrative and institutional fees (行政事业性收费), "
        "Fees collected this year (10,000 yuan)"
    ) in public
    first = client.get(latest.get_absolute_url() + "?version=1").content.decode()
    assert "This is an earlier version; it was corrected since." in first


def test_other_bodies_reports_are_out_of_reach(client, a_year):
    report = draft(client, a_year)
    client.force_login(a_year["qixian_editor"])
    assert client.get(en("annual:detail", pk=report.pk)).status_code in (403, 404)
    assert client.get(en("annual:list")).status_code == 403
    client.force_login(a_year["township_publisher"])
    assert client.get(en("annual:detail", pk=report.pk)).status_code == 404


def test_an_unpublished_report_is_not_public(client, a_year):
    report = draft(client, a_year)
    client.logout()
    url = en(
        "public:annual-report",
        code="410225",
        body=report.organisation.code,
        year=2025,
    )
    assert client.get(url).status_code == 404


def test_publishing_moves_the_cached_public_pages(client, a_year):
    office = a_year
    report = draft(client, office)
    client.logout()
    listing = en("public:annual-reports", code="410225")
    before = client.get(listing)
    assert "2025" not in before.content.decode().split("<h1>")[1].split("</main>")[0]
    again = client.get(listing, HTTP_IF_NONE_MATCH=before["ETag"])
    assert again.status_code == 304
    client.force_login(office["head"])
    client.post(en("annual:detail", pk=report.pk), {})
    client.logout()
    after = client.get(listing, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert report.versions.get().get_absolute_url() in after.content.decode()
