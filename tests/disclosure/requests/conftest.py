"""Fixtures for on-request disclosure: the demo county's bureau, its handler and
the head of its disclosure office, and real-shaped applicants."""

from datetime import date

import chinese_calendar
import pytest

from disclosure.negativelist import negative_list_load_defaults
from disclosure.pii import id_card_check_character
from disclosure.requests.services import request_register
from portal.models import Organisation

BUREAU = "410225-hrss"


def id_number(first17: str) -> str:
    return first17 + id_card_check_character(first17)


PERSON = {
    "applicant_kind": "natural_person",
    "applicant_name": "王秀兰",
    "identity_type": "resident_id",
    "identity_number": id_number("41022519800312004"),
    "contact_person": "",
    "address": "河南省开封市兰考县城关镇裕禄大道18号",
    "postcode": "475300",
    "phone": "13937801234",
    "email": "wangxl@example.com",
    "information_title": "兰考县2025年公益性岗位补贴发放情况",
    "description": "请提供2025年度公益性岗位补贴的发放人数、金额及资金来源文件。",
    "purpose": "",
    "information_form": "paper",
    "delivery": "post",
}
COMPANY = {
    **PERSON,
    "applicant_kind": "commercial",
    "applicant_name": "兰考县桐韵乐器有限公司",
    "identity_type": "credit_code",
    "identity_number": "91410225MA44XLQX0H",
    "contact_person": "赵经理",
}


def independent_workdays_after(start: date, days: int) -> date:
    """The ``days``-th working day after ``start``, counted with the
    chinesecalendar package directly, not with the portal's calendar table."""
    day, counted = start, 0
    from datetime import timedelta

    while counted < days:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def independent_workdays_between(start: date, end: date) -> int:
    from datetime import timedelta

    day, counted = start, 0
    while day < end:
        day += timedelta(days=1)
        counted += chinese_calendar.is_workday(day)
    return counted


@pytest.fixture
def office(demo):
    """The county bureau, its publisher (the handler) and its reviewer (the head
    of the disclosure office); no catalogs (deriving them is slow)."""
    negative_list_load_defaults()
    orgs = {o.code: o for o in Organisation.objects.select_related("region")}
    return {
        **demo,
        **{f"org:{code}": org for code, org in orgs.items()},
        "bureau": orgs[BUREAU],
        "handler": demo["county_publisher"],
        "head": demo["county_reviewer"],
    }


@pytest.fixture
def register(office):
    def make(received_on: date, data=None, **kwargs):
        return request_register(
            user=office["handler"],
            organisation=office["bureau"],
            channel=kwargs.pop("channel", "in_person"),
            received_on=received_on,
            data=dict(data or PERSON),
            **kwargs,
        ).request

    return make
