"""The demo county bureau's annual report, generated from seed_demo's data."""

from datetime import date

import pytest
from django.db.models import Q

from disclosure.demo import anchor_date
from disclosure.models import AnnualReport, InformationRequest
from disclosure.reports.annual import layout
from disclosure.reports.annual.checks import check_content
from disclosure.reports.annual.figures import report_content

pytestmark = pytest.mark.django_db


def test_the_demo_bureau_report_is_counted_from_the_demo_requests(demo_catalogs):
    year = anchor_date().year
    draft = AnnualReport.objects.get(organisation__code="410225-hrss", year=year)
    content = report_content(draft)
    cells = content["cells"]
    first, last = date(year, 1, 1), date(year, 12, 31)
    handled = InformationRequest.objects.filter(
        organisation__code="410225-hrss", received_on__lte=last
    ).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
    requests = list(handled)
    assert requests  # the demo has requests this year
    new = [r for r in requests if r.received_on >= first]
    closed = [r for r in requests if r.closed_on and r.closed_on <= last]
    assert cells["3.new.total"]["value"] == len(new)
    assert cells["3.carried_in.total"]["value"] == len(requests) - len(new)
    assert cells["3.total.total"]["value"] == len(closed)
    assert cells["3.carried_forward.total"]["value"] == len(requests) - len(closed)
    for kind in layout.KINDS:
        assert cells[layout.three("new", kind.key)]["value"] == sum(
            r.applicant_kind == kind.key for r in new
        )
    for r in closed:
        row = (
            r.reply_type
            if r.reply_type in ("granted", "partial")
            else (f"{r.reply_type}:{r.reply_reason}")
        )
        assert cells[layout.three(row, r.applicant_kind)]["value"] >= 1
    assert check_content(content) == []
    assert draft.overview.startswith(f"{year}年，兰考县人力资源和社会保障局")
    # Last year's report is published, with its entered figures.
    published = AnnualReport.objects.get(
        organisation__code="410225-hrss", year=year - 1
    ).versions.get()
    assert published.content["cells"]["2.licensing.decisions"] == {
        "value": 126,
        "source": "entered",
    }
