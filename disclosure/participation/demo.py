"""Demo consultations of the 兰考县人社局, written through the services: one open
for comments (two comments, one with an ID number masked on receipt), and one
closed with its adoption feedback, the summary and the final policy linked."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.models import Organisation

from ..demo import id_number
from ..models import Consultation, PublicationKind, Verdict
from ..public.rules import public_publications
from . import services

BUREAU = "410225-hrss"


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _open(bureau, publisher, reviewer, today) -> Consultation:
    found = services.consultation_publish(
        user=publisher,
        consultation=services.consultation_save(
            user=publisher,
            organisation=bureau,
            data={
                "title": "兰考县公益性岗位开发管理办法（征求意见稿）",
                "draft_text": "第一条 为规范公益性岗位开发和管理，制定本办法。\n"
                "第二条 公益性岗位优先安置就业困难人员。",
                "interpretation_text": "一、起草背景：落实省级公益性岗位管理要求。\n"
                "二、主要内容：岗位开发、人员认定、补贴标准和退出机制。",
                "contact": "兰考县人社局就业股 0371-26961234，兰考县中山北街1号",
                "opens_on": today - dt.timedelta(days=5),
                "closes_on": today + dt.timedelta(days=25),
            },
        ),
    )
    first = services.comment_submit(
        consultation=found,
        name="王女士",
        contact="13700000000",
        text="建议将岗位补贴按月及时发放，不要拖到季度末。",
        now=found.opens_at + dt.timedelta(days=1, hours=10),
    )
    services.comment_moderate(user=reviewer, comment=first, publish=True)
    services.comment_submit(
        consultation=found,
        name="",
        contact="zhang@example.cn",
        text=f"我是就业困难人员，身份证号{id_number('410225', '19800101', '123')}，"
        "希望放宽年龄条件。",
        now=found.opens_at + dt.timedelta(days=2, hours=15),
    )
    return found


def _closed(bureau, publisher, reviewer, today) -> Consultation:
    found = services.consultation_publish(
        user=publisher,
        consultation=services.consultation_save(
            user=publisher,
            organisation=bureau,
            data={
                "title": "兰考县就业见习补贴实施细则（征求意见稿）",
                "draft_text": "第一条 见习单位按规定享受见习补贴。",
                "interpretation_text": "细则明确见习补贴的对象、标准和申领程序。",
                "contact": "兰考县人社局 0371-26961234",
                "opens_on": today - dt.timedelta(days=60),
                "closes_on": today - dt.timedelta(days=31),
            },
        ),
    )
    texts = [
        "建议提高见习补贴标准。",
        "补贴标准偏低，希望提高到当地最低工资标准。",
        "建议允许网上申领补贴。",
    ]
    comments = []
    for n, text in enumerate(texts):
        made = services.comment_submit(
            consultation=found,
            name="",
            contact=f"1370000000{n}",
            text=text,
            now=found.opens_at + dt.timedelta(days=n + 1),
        )
        services.comment_moderate(user=reviewer, comment=made, publish=True)
        comments.append(made)
    services.feedback_record(
        user=reviewer,
        consultation=found,
        comments=comments[:2],
        gist="提高见习补贴标准",
        verdict=Verdict.PARTLY,
        reason="补贴标准由省级统一规定，本细则在权限内将生活补助提高10%。",
    )
    services.feedback_record(
        user=reviewer,
        consultation=found,
        comments=comments[2:],
        gist="网上申领补贴",
        verdict=Verdict.ADOPTED,
    )
    policy = (
        public_publications()
        .filter(organisation=bureau, kind=PublicationKind.POLICY)
        .order_by("-published_at")
        .first()
    )
    services.feedback_publish(
        user=reviewer,
        consultation=found,
        summary="征求意见期间共收到意见3条，部分采纳2条，采纳1条。",
        final_publication=policy,
    )
    return found


@transaction.atomic
def seed_consultations() -> list[Consultation]:
    """Create the demo consultations once; nothing when they exist."""
    bureau = Organisation.objects.get(code=BUREAU)
    if Consultation.objects.filter(organisation=bureau).exists():
        return []
    publisher, reviewer = _user("county_publisher"), _user("county_reviewer")
    today = timezone.localdate()
    return [
        _open(bureau, publisher, reviewer, today),
        _closed(bureau, publisher, reviewer, today),
    ]
