"""Demo requests for information: every state and every reply type, written
through the services, so a newcomer sees the whole path after ``make run``.

Dates are working days before the demo's anchor day (today, or earlier when
the calendar ends soon). Among them: one with a correction notice (补正), one
with a third party consulted, one extended, one overdue, one transferred, a
review and a lawsuit, and three requests about the same catalog item (the
"consider publishing proactively" notice). Query codes are fixed for the demo
(``DEMO-0000-0001`` …) so the status page can be tried.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from catalogs.models import Item
from portal.models import Organisation

from ..demo import anchor_date, id_number, workday
from ..models import InformationRequest
from ..selectors import negative_list_for
from . import periods, replies, services
from .identity import credit_check_character

PERSON = {
    "applicant_kind": "natural_person",
    "identity_type": "resident_id",
    "contact_person": "",
    "postcode": "475300",
    "purpose": "",
    "information_form": "paper",
    "delivery": "post",
}
ORGANISATION = {
    **PERSON,
    "identity_type": "credit_code",
    "information_form": "electronic",
    "delivery": "email",
}
# (name, kind, credit code) of the organisations that apply in the demo.
APPLICANTS = [
    ("兰考县桐韵乐器有限公司", "commercial", "91410225MA44XLQX0H"),
    ("河南省乡村治理研究院", "research", "52410000MJY123456Q"),
    ("兰考县助老志愿服务协会", "public_interest", "51410225MJ1234567X"),
    ("河南博正律师事务所", "legal_service", "31410000MD0123456X"),
]


def _credit(code: str) -> str:
    """A credit code with its GB 32100 check character put right."""
    return code[:17] + credit_check_character(code[:17])


def codes() -> list[str]:
    """The demo's query codes, printed by seed_demo."""
    return [f"DEMO0000{n:04d}" for n in range(1, 21)]


class _Scene:
    def __init__(self):
        users = {u.username: u for u in get_user_model().objects.all()}
        self.handler = users["county_publisher"]
        self.head = users["county_reviewer"]
        self.bureau = Organisation.objects.get(code="410225-hrss")
        self.mca = Organisation.objects.get(code="410225-mca")
        self.anchor = anchor_date()
        self.codes = iter(codes())
        self.serial = 0

    def day(self, offset: int):
        return workday(self.anchor, offset)

    def person(self, name, born, title, **extra):
        self.serial += 1
        return {
            **PERSON,
            "applicant_name": name,
            "identity_number": id_number("410225", born, f"{self.serial:03d}"),
            "address": f"河南省开封市兰考县城关镇中山路{self.serial}号",
            "phone": f"1393780{self.serial:04d}",
            "email": f"applicant{self.serial}@example.com",
            "information_title": title,
            "description": f"请提供{title}的相关文件。",
            **extra,
        }

    def organisation(self, index, title, **extra):
        name, kind, code = APPLICANTS[index]
        self.serial += 1
        return {
            **ORGANISATION,
            "applicant_kind": kind,
            "applicant_name": name,
            "identity_number": _credit(code),
            "contact_person": "王经办",
            "address": f"河南省开封市兰考县黄河路{self.serial}号",
            "phone": f"0371-2699{self.serial:04d}",
            "email": f"office{self.serial}@example.com",
            "information_title": title,
            "description": f"请提供{title}。",
            **extra,
        }

    def register(self, data, *, received: int, channel="in_person"):
        return services.request_register(
            user=self.handler,
            organisation=self.bureau,
            channel=channel,
            received_on=self.day(received),
            data=data,
            code=next(self.codes),
            reason="演示数据：登记",
        ).request

    def reply(self, r, reply_type, reason="", *, on: int, text="", entry=None):
        return replies.request_reply(
            request=r,
            user=self.handler,
            reply_type=reply_type,
            reason=reason,
            text=text,
            negative_list_entry=entry,
            on=self.day(on),
        )

    def finish(self, r, *, delivered: int, closed: int | None = None, method="post"):
        replies.request_deliver(
            request=r,
            user=self.handler,
            method=method,
            on=self.day(delivered),
            tracking_number="1151" + f"{r.pk:09d}" if method == "post" else "",
        )
        if closed is not None:
            replies.request_close(request=r, user=self.handler, on=self.day(closed))


def _item(code: str):
    return Item.objects.filter(
        catalog__organisation__code="410225-hrss",
        catalog__kind="local",
        catalog__domain__key="employment",
        catalog__status="in_force",
        code=code,
    ).first()


@transaction.atomic
def seed_requests() -> list[InformationRequest]:
    """Create the demo requests once; nothing when they exist."""
    if InformationRequest.objects.filter(reference__startswith="410225-hrss-").exists():
        return []
    s = _Scene()
    made = []
    posts = _item("1.2")  # 公益性岗位: asked about three times → publish proactively

    # New online, awaiting confirmation.
    made.append(
        services.request_submit_online(
            organisation=s.bureau,
            data=s.person("陈晓燕", "19910214", "2026年城乡公益性岗位招聘计划"),
            code=next(s.codes),
        ).request
    )
    # Being handled, due soon; and one overdue.
    due_soon = s.register(
        s.person("刘振华", "19770502", "兰考县公益性岗位补贴发放名单"), received=-17
    )
    overdue = s.register(
        s.person("孙桂芝", "19620820", "公益性岗位人员招用审批材料"),
        received=-30,
        channel="post",
    )
    for r in (due_soon, overdue):
        services.request_set_item(request=r, user=s.handler, item=posts)
    made += [due_soon, overdue]
    # Awaiting correction (补正).
    r = s.register(s.person("赵建军", "19850111", "那个补贴的文件"), received=-4)
    periods.request_send_correction(
        request=r,
        user=s.handler,
        text="请写明所需补贴的名称、年度及发文机关。",
        days=15,
        on=s.day(-2),
    )
    made.append(r)
    # Corrected: the clock counts again from the corrected application.
    r = s.register(
        s.person("周丽", "19900909", "2025年就业补助资金使用情况"),
        received=-12,
        channel="letter",
    )
    periods.request_send_correction(
        request=r, user=s.handler, text="请写明资金类别。", days=10, on=s.day(-10)
    )
    periods.request_receive_correction(
        request=r,
        user=s.handler,
        on=s.day(-6),
        corrected="就业补助资金中的职业培训补贴",
    )
    services.request_set_item(request=r, user=s.handler, item=posts)
    made.append(r)
    # With a third party (the clock paused).
    r = s.register(
        s.organisation(0, "兰考县2025年职业技能培训机构补贴拨付明细"), received=-15
    )
    periods.request_consult(
        request=r,
        user=s.handler,
        kind="third_party",
        party="兰考县某职业培训学校",
        on=s.day(-3),
    )
    made.append(r)
    # Extended with the head's approval; and one extension still to approve.
    r = s.register(
        s.organisation(1, "2021—2025年兰考县农民工返乡创业统计数据"), received=-25
    )
    periods.request_ask_extension(
        request=r,
        user=s.handler,
        days=20,
        reason="所需数据跨五个年度，需调取档案逐年核对。",
        on=s.day(-7),
    )
    periods.request_decide_extension(request=r, user=s.head, approve=True, on=s.day(-6))
    made.append(r)
    r = s.register(
        s.person("郭明", "19810606", "2025年失业保险金发放汇总表"), received=-16
    )
    periods.request_ask_extension(
        request=r, user=s.handler, days=10, reason="需社保中心协助汇总。", on=s.day(-1)
    )
    made.append(r)

    # The reply types.
    first = s.person("马秀英", "19730318", "兰考县就业创业扶持政策汇编")
    r = s.register(first, received=-40)
    s.reply(r, "granted", on=-30, text="所申请信息已主动公开，现随本答复书提供。")
    s.finish(r, delivered=-29, closed=-28)
    made.append(r)
    process = negative_list_for(s.bureau).filter(category="过程性信息").first()
    r = s.register(s.organisation(3, "兰考县公益性岗位招聘考核评分材料"), received=-38)
    periods.request_consult(
        request=r, user=s.handler, kind="third_party", party="考核评委", on=s.day(-36)
    )
    periods.request_consultation_answered(
        consultation=r.consultations.get(),
        user=s.handler,
        on=s.day(-30),
        opinion="objects",
        note="不同意公开评委个人评分",
    )
    services.request_set_item(request=r, user=s.handler, item=posts)
    s.reply(
        r,
        "partial",
        "process_information",
        on=-26,
        text="评分汇总表予以公开；评委个人打分记录属于过程性信息，不予公开。",
        entry=process,
    )
    s.finish(r, delivered=-25, closed=-24)
    replies.challenge_record(
        request=r,
        user=s.handler,
        kind="review",
        filed_on=s.day(-10),
        authority="兰考县人民政府",
    )
    made.append(r)
    r = s.register(
        s.person("杨帆", "19880712", "关于稳岗返还资金分配方案的请示"), received=-35
    )
    s.reply(
        r,
        "withheld",
        "process_information",
        on=-25,
        text="所申请的请示属于内部过程性信息。",
        entry=process,
    )
    s.finish(r, delivered=-24, closed=-23)
    replies.request_archive(request=r, user=s.handler, on=s.day(-20))
    lawsuit = replies.challenge_record(
        request=r,
        user=s.handler,
        kind="lawsuit_direct",
        filed_on=s.day(-18),
        authority="兰考县人民法院",
    )
    replies.challenge_decide(
        challenge=lawsuit, user=s.handler, outcome="upheld", decided_on=s.day(-2)
    )
    made.append(r)
    r = s.register(s.organisation(2, "全县养老机构床位补贴名单"), received=-33)
    s.reply(
        r,
        "unable",
        "not_held",
        on=-28,
        text="养老机构补贴由兰考县民政局负责，请向该局申请（联系电话0371-26961234）。",
    )
    s.finish(r, delivered=-27, method="email")
    made.append(r)
    r = s.register(first, received=-22)
    s.reply(
        r,
        "not_processed",
        "repeated",
        on=-20,
        text="您已于此前就相同信息提出申请并获答复。",
    )
    made.append(r)
    r = s.register(s.person("高伟", "19950101", "去年的那些材料"), received=-30)
    periods.request_send_correction(
        request=r, user=s.handler, text="请写明所需材料的名称。", days=5, on=s.day(-29)
    )
    periods.request_lapse(request=r, user=s.handler, on=s.day(-22))
    made.append(r)
    # Transferred to the body that holds the information.
    r = s.register(s.person("黄丽娟", "19790423", "城乡低保对象认定条件"), received=-3)
    services.request_transfer(
        request=r, user=s.handler, to=s.mca, reason="低保认定由兰考县民政局负责。"
    )
    made.append(r)
    return made
