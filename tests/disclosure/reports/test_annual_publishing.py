"""Drafting, editing, checking and publishing the annual report: a figure
entered by hand that breaks a sum stops publishing with the cell named; a
correction is a new version that says what changed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import AnnualReport, AnnualReportVersion
from disclosure.reports.annual.services import (
    annual_report_create,
    annual_report_publish,
    annual_report_update,
)
from disclosure.requests.replies import request_close, request_deliver, request_reply
from portal.audit import last_history_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(office, register):
    h = office["handler"]
    r = register(date(2025, 3, 3))
    request_reply(request=r, user=h, reply_type="granted", on=date(2025, 3, 10))
    request_deliver(request=r, user=h, method="collect", on=date(2025, 3, 10))
    request_close(request=r, user=h, on=date(2025, 3, 11))
    return annual_report_create(organisation=office["bureau"], year=2025, user=h)


def edit(report, user, entered=None, **texts):
    report.refresh_from_db()
    return annual_report_update(
        report=report,
        user=user,
        texts={"overview": "2025年，本局认真贯彻落实《条例》。", **texts},
        entered=entered or {},
        seen_history_id=last_history_id(report),
    )


def test_a_hand_entered_figure_that_breaks_a_sum_cannot_be_published(office, draft):
    h = office["handler"]
    edit(draft, h, {"4.review.upheld": "2", "4.review.total": "3"})
    with pytest.raises(ValidationError) as refused:
        annual_report_publish(report=draft, user=h)
    assert refused.value.messages == [
        "Table IV, Administrative review (行政复议), total: it is 3, but upheld, "
        "corrected, other and not yet concluded add up to 2; they must be equal."
    ]
    assert not AnnualReportVersion.objects.exists()
    edit(draft, h, {"4.review.upheld": "2", "4.review.total": "2"})
    version = annual_report_publish(report=draft, user=h)
    assert version.number == 1
    cells = version.content["cells"]
    assert cells["4.review.total"] == {"value": 2, "source": "entered"}
    assert cells["3.granted.natural_person"] == {"value": 1, "source": "counted"}
    assert cells["2.licensing.decisions"] == {"value": 0, "source": "entered"}
    assert version.content["texts"]["overview"] == "2025年，本局认真贯彻落实《条例》。"


def test_a_correction_is_a_new_version_saying_what_changed(office, draft):
    h = office["handler"]
    edit(draft, h, {"2.fees.amount": "1.25"})
    first = annual_report_publish(report=draft, user=h)
    with pytest.raises(ValidationError) as unchanged:
        annual_report_publish(report=draft, user=h, note="更正收费金额。")
    assert unchanged.value.messages == [
        "Nothing changed since version 1 was published; there is nothing to correct."
    ]
    edit(draft, h, {"2.fees.amount": "1.5"})
    with pytest.raises(ValidationError) as no_note:
        annual_report_publish(report=draft, user=h)
    assert no_note.value.message_dict == {
        "note": ["This report was published before: say what this correction changes."]
    }
    second = annual_report_publish(report=draft, user=h, note="更正收费金额。")
    assert (second.number, second.changes) == (2, ["2.fees.amount"])
    first.refresh_from_db()
    assert first.content["cells"]["2.fees.amount"]["value"] == "1.25"
    assert second.content["cells"]["2.fees.amount"]["value"] == "1.5"
    assert second.history.first().history_user == h


def test_bad_figures_are_refused_by_cell_and_nothing_is_saved(office, draft):
    h = office["handler"]
    with pytest.raises(ValidationError) as refused:
        edit(
            draft,
            h,
            {"2.licensing.decisions": "-1", "2.fees.amount": "1.23456"},
            problems="已改进。",
        )
    assert refused.value.message_dict == {
        "2.licensing.decisions": [
            "Table II, Administrative licensing (行政许可), Decisions made this "
            "year: “-1” is not a whole number of 0 or more."
        ],
        "2.fees.amount": [
            "Table II, Administrative and institutional fees (行政事业性收费), Fees "
            "collected this year (10,000 yuan): “1.23456” is not an amount of 0 or "
            "more in 10,000 yuan (up to four decimals)."
        ],
    }
    draft.refresh_from_db()
    assert (draft.entered, draft.problems) == ({}, "")


def test_texts_with_a_personal_number_are_refused(office, draft):
    with pytest.raises(ValidationError) as refused:
        edit(draft, office["handler"], other_matters="联系人手机13937801234。")
    assert list(refused.value.message_dict) == ["other_matters"]


def test_a_stale_edit_is_refused(office, draft):
    h = office["handler"]
    seen = last_history_id(draft)
    edit(draft, h, problems="第一次修改。")
    with pytest.raises(ValidationError, match="Someone else changed this report"):
        annual_report_update(
            report=draft,
            user=h,
            texts={"problems": "第二次修改。"},
            entered={},
            seen_history_id=seen,
        )


def test_one_report_per_body_and_year(office, draft):
    with pytest.raises(ValidationError) as refused:
        annual_report_create(
            organisation=office["bureau"], year=2025, user=office["handler"]
        )
    assert refused.value.message_dict == {
        "year": ["This body already has an annual report for that year."]
    }
    assert AnnualReport.objects.count() == 1
