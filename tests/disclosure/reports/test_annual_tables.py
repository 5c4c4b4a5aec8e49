"""Table 三 of the annual report counted from a year of requests built by hand
(every reply type and reason row, carried in from 2024 and into 2026), the
勾稽关系 over every column, and table 四 from the recorded reviews and suits."""

from datetime import date

import pytest

from disclosure.models import AnnualReport
from disclosure.reports.annual import layout
from disclosure.reports.annual.checks import check_content
from disclosure.reports.annual.figures import report_content
from disclosure.requests.periods import request_lapse, request_send_correction
from disclosure.requests.replies import (
    challenge_decide,
    challenge_record,
    request_close,
    request_deliver,
    request_reply,
)

from .conftest import COMPANY

pytestmark = pytest.mark.django_db

RESEARCH = {**COMPANY, "applicant_kind": "research", "applicant_name": "某研究所"}
LAWYERS = {**COMPANY, "applicant_kind": "legal_service", "applicant_name": "某律所"}


def finish(r, user, reply_type, reason="", *, replied, closed=None):
    request_reply(
        request=r, user=user, reply_type=reply_type, reason=reason, on=replied
    )
    request_deliver(request=r, user=user, method="collect", on=replied)
    request_close(request=r, user=user, on=closed or replied)
    return r


# What the requests below must give in 2025: (row, applicant kind) → count.
EXPECTED = {
    ("new", "natural_person"): 8,
    ("new", "commercial"): 4,
    ("new", "research"): 1,
    ("new", "legal_service"): 1,
    ("carried_in", "natural_person"): 1,
    ("carried_in", "commercial"): 1,
    ("granted", "natural_person"): 2,
    ("granted", "commercial"): 1,
    ("partial", "commercial"): 1,
    ("withheld:state_secret", "natural_person"): 1,
    ("withheld:process_information", "research"): 1,
    ("unable:not_held", "natural_person"): 1,
    ("unable:needs_creation", "legal_service"): 1,
    ("not_processed:petition", "natural_person"): 1,
    ("not_processed:repeated", "commercial"): 1,
    ("other:no_correction", "natural_person"): 1,
    ("other:other_reason", "natural_person"): 1,
    ("carried_forward", "natural_person"): 2,
    ("carried_forward", "commercial"): 2,
}


@pytest.fixture
def year_2025(office, register):
    h = office["handler"]
    # Received in 2024 and closed in 2025: carried in.
    finish(register(date(2024, 12, 16)), h, "granted", replied=date(2025, 1, 6))
    finish(
        register(date(2024, 12, 20), COMPANY),
        h,
        "partial",
        "third_party",
        replied=date(2025, 1, 10),
    )
    # Received and closed in 2024: not in 2025's report.
    finish(register(date(2024, 3, 4)), h, "granted", replied=date(2024, 3, 11))
    # New in 2025, one of each result.
    finish(register(date(2025, 3, 3)), h, "granted", replied=date(2025, 3, 10))
    finish(register(date(2025, 3, 3), COMPANY), h, "granted", replied=date(2025, 3, 12))
    finish(
        register(date(2025, 4, 1)),
        h,
        "withheld",
        "state_secret",
        replied=date(2025, 4, 8),
    )
    finish(
        register(date(2025, 4, 1), RESEARCH),
        h,
        "withheld",
        "process_information",
        replied=date(2025, 4, 9),
    )
    finish(
        register(date(2025, 5, 6)), h, "unable", "not_held", replied=date(2025, 5, 9)
    )
    finish(
        register(date(2025, 5, 6), LAWYERS),
        h,
        "unable",
        "needs_creation",
        replied=date(2025, 5, 12),
    )
    finish(
        register(date(2025, 6, 3)),
        h,
        "not_processed",
        "petition",
        replied=date(2025, 6, 5),
    )
    finish(
        register(date(2025, 6, 3), COMPANY),
        h,
        "not_processed",
        "repeated",
        replied=date(2025, 6, 6),
    )
    lapsed = register(date(2025, 7, 1))
    request_send_correction(
        request=lapsed,
        user=h,
        text="请补正所需信息的名称。",
        days=5,
        on=date(2025, 7, 2),
    )
    request_lapse(request=lapsed, user=h, on=date(2025, 7, 16))
    request_deliver(request=lapsed, user=h, method="collect", on=date(2025, 7, 16))
    request_close(request=lapsed, user=h, on=date(2025, 7, 17))
    finish(
        register(date(2025, 8, 4)),
        h,
        "other",
        "other_reason",
        replied=date(2025, 8, 11),
    )
    # New in 2025, not closed within it: carried into 2026.
    register(date(2025, 12, 22))
    register(date(2025, 12, 23), COMPANY)
    replied = register(date(2025, 12, 1), COMPANY)
    request_reply(request=replied, user=h, reply_type="granted", on=date(2025, 12, 19))
    finish(register(date(2025, 12, 15)), h, "granted", replied=date(2026, 1, 5))
    # Table 四: a review decided in 2025, a direct suit pending at its end.
    review = challenge_record(
        request=lapsed, user=h, kind="review", filed_on=date(2025, 8, 1)
    )
    challenge_decide(
        challenge=review, user=h, outcome="upheld", decided_on=date(2025, 10, 9)
    )
    challenge_record(
        request=lapsed, user=h, kind="lawsuit_direct", filed_on=date(2025, 11, 3)
    )
    return office


def report_of(office, year=2025):
    report, _created = AnnualReport.objects.select_related(
        "organisation"
    ).get_or_create(organisation=office["bureau"], year=year)
    return report


def content_of(office, year=2025):
    return report_content(report_of(office, year))


def test_every_cell_of_table_three(year_2025, django_assert_max_num_queries):
    report = report_of(year_2025)
    with django_assert_max_num_queries(3):  # requests, challenges, documents
        content = report_content(report)
    cells = content["cells"]
    kinds = [k.key for k in layout.KINDS]
    for row in layout.THREE_ROWS:
        for kind in kinds:
            expected = EXPECTED.get((row.key, kind), 0)
            if row.key == "total":
                expected = sum(
                    n
                    for (r, k), n in EXPECTED.items()
                    if k == kind and r not in ("new", "carried_in", "carried_forward")
                )
            cell = cells[layout.three(row.key, kind)]
            assert cell == {"value": expected, "source": "counted"}, (row.key, kind)
        total = cells[layout.three(row.key, "total")]["value"]
        assert total == sum(cells[layout.three(row.key, k)]["value"] for k in kinds)
    assert cells[layout.three("total", "total")]["value"] == 12
    assert cells[layout.three("new", "total")]["value"] == 14
    assert cells[layout.three("carried_forward", "total")]["value"] == 4
    # 25 rows of the format: I, II, (1), (2), 8 + 3 + 5 + 3 reasons, (7), IV.
    assert len(layout.THREE_ROWS) == 25
    assert check_content(content) == []


def test_table_four_is_counted_from_the_challenges(year_2025):
    cells = content_of(year_2025)["cells"]
    values = {key: cells[key]["value"] for key in layout.FOUR_KEYS}
    assert values.pop("4.review.upheld") == values.pop("4.review.total") == 1
    assert values.pop("4.lawsuit_direct.pending") == 1
    assert values.pop("4.lawsuit_direct.total") == 1
    assert set(values.values()) == {0}


def test_the_next_year_starts_from_what_was_carried_forward(year_2025):
    content = content_of(year_2025, 2026)
    cells = content["cells"]
    assert cells["3.carried_in.total"]["value"] == 4
    assert cells["3.granted.natural_person"]["value"] == 1  # closed on 5 January
    assert check_content(content) == []


def test_a_broken_table_three_names_the_cell(year_2025):
    content = content_of(year_2025)
    content["cells"]["3.total.natural_person"]["value"] += 1
    problems = check_content(content)
    assert problems == [
        "Table III, row III (7) total, column Natural person (自然人): it is 8, but "
        "rows III (1) to (6) add up to 7; they must be equal.",
        "Table III, row III (7) total, column total: it is 12, but the six kinds "
        "of applicant add up to 13; they must be equal.",
        "Table III, column Natural person (自然人): rows I and II add up to 9, but "
        "row III (7) total and row IV add up to 10; they must be equal.",
    ]


def test_the_check_names_the_cell_in_chinese(year_2025):
    from django.utils import translation

    content = content_of(year_2025)
    content["cells"]["3.total.natural_person"]["value"] += 1
    with translation.override("zh-hans"):
        problems = check_content(content)
    assert problems[0].startswith("表三 第三项（七）总计，自然人列：")
