"""Fixtures for participation: a consultation of the 兰考县人社局."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from disclosure.participation.services import consultation_publish, consultation_save
from portal.models import Organisation

SHANGHAI = ZoneInfo("Asia/Shanghai")
BUREAU = "410225-hrss"
DRAFT = {
    "title": "兰考县就业补贴办法（征求意见稿）",
    "draft_text": "第一条 为促进就业，制定本办法。",
    "interpretation_text": "本办法的起草背景、主要内容和理由。",
    "contact": "兰考县人社局 0371-26961234",
    "opens_on": dt.date(2026, 3, 1),
    "closes_on": dt.date(2026, 3, 31),
}


def at(*args) -> dt.datetime:
    """An instant in Beijing time."""
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def bureau(demo):
    return Organisation.objects.get(code=BUREAU)


@pytest.fixture
def consultation(demo, bureau):
    user = demo["county_publisher"]
    found = consultation_save(user=user, data=DRAFT, organisation=bureau)
    return consultation_publish(user=user, consultation=found)
