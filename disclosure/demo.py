"""Demo publications: every level in every state, written through the services.

Dates are relative to today (or, when the calendar ends soon, to a day it still
covers a month ahead), so the dashboard always has something due and overdue.
The ID-card and phone numbers are invented but real-shaped (valid check digits),
and the 低保 name list is masked through the same service staff use.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from catalogs.models import Item
from portal.audit import audited_save
from portal.models import Organisation, Role, WorkingDay

from .models import DisclosureGuide, Publication, PublicationKind, Validity
from .negativelist import negative_list_adopt, negative_list_load_defaults
from .pii import id_card_check_character
from .reviews import review_approve, review_complete, review_return
from .selectors import negative_list_for
from .services import (
    interpretation_link,
    publication_create,
    publication_mask_personal_data,
    publication_set_validity,
    publication_submit,
    publication_withdraw,
)

PLATFORM_REVIEW = {
    "source": "own",
    "is_secret": False,
    "attribute": "proactive",
    "platform_website": True,
    "platform_new_media": False,
    "legal_opinion": "agree",
    "column": "政府信息公开专栏",
    "secrecy_reviewer": "王审核",
    "legal_reviewer": "李法规",
    "head_of_unit": "赵科长",
    "leader_in_charge": "孙局长",
}


def id_number(area: str, born: str, sequence: str) -> str:
    """A real-shaped ID number with its GB 11643 check character."""
    body = f"{area}{born}{sequence}"
    return body + id_card_check_character(body)


def anchor_date() -> date:
    """Today, or a day at least 40 days before the end of the calendar.

    Provisional years count: demo drafts formed near the year's end get
    provisional due dates (暂定), as real ones do.
    """
    last = WorkingDay.objects.order_by("-date").values_list("date", flat=True).first()
    today = timezone.localdate()
    if last is None:
        return today
    return min(today, last - timedelta(days=40))


def workday(anchor: date, offset: int) -> date:
    """The working day ``offset`` working days from ``anchor`` (negative: before)."""
    ordinal = WorkingDay.objects.get(date=anchor).ordinal + offset
    return WorkingDay.objects.get(ordinal=ordinal, is_workday=True).date


def _item(org_code: str, domain: str, code: str) -> Item:
    return Item.objects.get(
        catalog__organisation__region__code=org_code.split("-")[0][:6],
        catalog__kind="local",
        catalog__domain__key=domain,
        code=code,
    )


class _Demo:
    def __init__(self):
        users = get_user_model().objects
        self.users = {u.username: u for u in users.all()}
        # Each county bureau's reviewer reviews in its own domains.
        self.reviewers = [
            self.users[name] for name in ("county_reviewer", "mca_reviewer")
        ]
        self.anchor = anchor_date()

    def org(self, code):
        return Organisation.objects.get(code=code)

    def draft(
        self, username, org_code, item, title, *, formed, body="", kind="other", **meta
    ):
        return publication_create(
            **meta,
            user=self.users[username],
            organisation=self.org(org_code),
            item=item,
            title=title,
            body=body,
            formed_on=workday(self.anchor, formed),
            kind=kind,
            reason="演示数据：起草",
        )

    def submit(self, publication, username):
        return publication_submit(
            publication=publication, user=self.users[username], reason="提交审核"
        )

    def reviewer(self, publication):
        """The county reviewer whose bureau is responsible for its domain."""
        domain = publication.item.catalog.domain.key
        for user in self.reviewers:
            bureau = user.memberships.get(role=Role.REVIEWER).organisation
            if bureau.responsible_for(domain):
                return user
        return self.reviewers[0]

    def approve(self, publication, username, *, ago=0, **review):
        data = {**PLATFORM_REVIEW, "handler": username, **review}
        reviewer = self.reviewer(publication)
        form = review_complete(publication=publication, reviewer=reviewer, data=data)
        published = review_approve(review=form, reviewer=reviewer, reason="同意")
        if ago and published.published_at:
            # Demo history: as if it had been published some working days ago.
            day = workday(self.anchor, -ago)
            published.published_at = timezone.make_aware(
                datetime.combine(day, time(10))
            )
            reason = "演示数据：发布时间设为过去"
            audited_save(published, user=reviewer, reason=reason)
            form.refresh_from_db()
            form.uploaded_on = day
            audited_save(form, user=reviewer, reason=reason)
        return published

    def publish(self, username, org_code, item, title, *, formed, ago=0, **kw):
        publication = self.draft(username, org_code, item, title, formed=formed, **kw)
        self.submit(publication, username)
        return self.approve(publication, username, ago=ago)


def _dibao_list(anchor: date) -> str:
    people = [
        ("张秀英", "19580312", "0021", "13937812345", 3, "620"),
        ("李建国", "19650704", "0013", "15803781234", 2, "485"),
        ("王桂兰", "19470915", "0042", "18637801122", 1, "390"),
    ]
    lines = [
        "根据《河南省最低生活保障审核审批办法》，经入户调查、民主评议，"
        "现将拟纳入最低生活保障对象名单公示如下：",
        "姓名\t身份证号\t联系电话\t保障人数\t月保障金（元）",
    ]
    for name, born, seq, phone, size, amount in people:
        number = id_number("410225", born, seq[:3])
        lines.append(f"{name}\t{number}\t{phone}\t{size}\t{amount}")
    lines.append(
        f"公示期：{anchor:%Y年%m月%d日}起7个工作日。如有异议，请向东坝头镇人民政府反映。"
    )
    return "\n".join(lines)


@transaction.atomic
def seed_publications() -> list[Publication]:
    """Create the demo negative lists and publications; nothing if they exist."""
    negative_list_load_defaults()
    hrss = Organisation.objects.filter(code="410225-hrss").first()
    if hrss is None or Publication.objects.filter(organisation=hrss).exists():
        return []
    try:
        employment = _item("410225-hrss", "employment", "1.2")
        policy_item = _item("410225-hrss", "employment", "1.1")
        relief_guide = _item("410225104-gov", "social_relief", "2.2")
        dibao = _item("410225104201-vc", "social_relief", "2.3")
        tekun = _item("410225104201-vc", "social_relief", "3.3")
    except Item.DoesNotExist:
        return []  # the local catalogs were not derived (no standard loaded)
    negative_list_adopt(organisation=hrss, reason="演示数据：本局负面清单")
    audited_save(
        DisclosureGuide(
            organisation=hrss,
            office="兰考县人力资源和社会保障局办公室",
            address="河南省开封市兰考县裕禄大道（演示地址）",
            hours="法定工作日 上午8:30—12:00，下午14:30—17:30",
            phone="0371-26999000",
            email="gk@lankao-hrss.example.cn",
            postal_address="河南省开封市兰考县裕禄大道 兰考县人力资源和社会保障局办公室",
            postcode="475300",
        ),
        user=None,
        reason="演示数据：政府信息公开指南",
    )
    demo = _Demo()
    made = []
    cp, tp, vp = "county_publisher", "township_publisher", "village_publisher"
    county, township, village = "410225-hrss", "410225104-gov", "410225104201-vc"

    # County level: published on time, due soon, overdue, in review, withdrawn,
    # not disclosed, and a policy replaced by a newer one with its interpretation.
    made.append(
        demo.publish(
            cp,
            county,
            employment,
            "兰考县2026年第四季度公共就业服务岗位信息",
            formed=-6,
            ago=2,
        )
    )
    made.append(
        demo.draft(cp, county, employment, "兰考县县直企业用工需求汇总", formed=-17)
    )
    made.append(
        demo.draft(cp, county, employment, "兰考县第三批公益性岗位信息", formed=-26)
    )
    review_item = demo.draft(
        cp, county, employment, "兰考县返乡创业岗位信息", formed=-2
    )
    made.append(demo.submit(review_item, cp))
    withdrawn = demo.publish(
        cp, county, employment, "兰考县招聘会场次安排（有误）", formed=-9
    )
    made.append(
        publication_withdraw(
            publication=withdrawn,
            user=demo.users[cp],
            reason="场次时间有误，更正后重新发布。",
        )
    )
    secret = demo.draft(
        cp, county, policy_item, "关于稳岗返还资金分配方案的请示", formed=-4
    )
    demo.submit(secret, cp)
    process = negative_list_for(hrss).get(category="过程性信息")
    made.append(
        demo.approve(
            secret,
            cp,
            attribute="not_disclosed",
            negative_list_entry=process,
            withheld_reason="内部请示，决定作出前不予公开。",
            platform_website=False,
        )
    )
    old = demo.publish(
        cp,
        county,
        policy_item,
        "兰考县稳岗返还实施办法（2024年）",
        formed=-30,
        kind="policy",
        ago=25,
        document_number="兰人社〔2024〕12号",
        written_on=workday(demo.anchor, -31),
        topic="labour",
    )
    new = demo.publish(
        cp,
        county,
        policy_item,
        "兰考县稳岗返还实施办法（2026年修订）",
        formed=-9,
        kind="policy",
        ago=7,
        # As a clerk types it: the service writes 兰人社〔2026〕3号.
        document_number="兰人社[２０２６]3号",
        written_on=workday(demo.anchor, -10),
        topic="labour",
    )
    publication_set_validity(
        publication=old,
        user=demo.users[cp],
        validity=Validity.AMENDED,
        on=workday(demo.anchor, -7),
        reason="已被2026年修订版替代。",
        replaced_by=new,
    )
    explain = demo.draft(
        cp,
        county,
        policy_item,
        "《兰考县稳岗返还实施办法（2026年修订）》政策解读",
        formed=-7,
        kind=PublicationKind.INTERPRETATION,
    )
    interpretation_link(interpretation=explain, document=new, user=demo.users[cp])
    demo.submit(explain, cp)
    made += [old, new, demo.approve(explain, cp, ago=1)]

    # Township level.
    made.append(
        demo.publish(
            tp, township, relief_guide, "东坝头镇最低生活保障办事指南", formed=-5, ago=1
        )
    )
    made.append(
        demo.draft(
            tp, township, relief_guide, "东坝头镇特困人员救助供养办事指南", formed=-8
        )
    )
    made.append(
        demo.draft(tp, township, relief_guide, "东坝头镇临时救助办事指南", formed=-12)
    )
    returned = demo.draft(
        tp, township, relief_guide, "东坝头镇低保年审工作安排", formed=-3
    )
    demo.submit(returned, tp)
    made.append(
        review_return(
            publication=returned,
            reviewer=demo.reviewer(returned),
            reason="请补充咨询电话后重新提交。",
        )
    )
    made.append(
        demo.submit(
            demo.draft(tp, township, relief_guide, "东坝头镇救助申请受理点", formed=-1),
            tp,
        )
    )
    gone = demo.publish(
        tp, township, relief_guide, "东坝头镇低保办理时间调整通知（旧）", formed=-10
    )
    made.append(
        publication_withdraw(
            publication=gone, user=demo.users[tp], reason="已发布新的办理时间。"
        )
    )

    # Village level: the 低保 公示 list masked before publishing, and the rest.
    listing = demo.draft(
        vp,
        village,
        dibao,
        "张庄村2026年第四季度最低生活保障审核信息公示",
        formed=-3,
        body=_dibao_list(demo.anchor),
        kind="notice",
    )
    publication_mask_personal_data(
        publication=listing,
        user=demo.users[vp],
        reason="公示前对身份证号、手机号去标识化",
    )
    demo.submit(listing, vp)
    made.append(demo.approve(listing, vp, column="村务公开栏"))
    made.append(
        demo.draft(vp, village, tekun, "张庄村特困人员供养审核信息公示", formed=-21)
    )
    made.append(demo.draft(vp, village, dibao, "张庄村低保动态调整公示", formed=-8))
    made.append(
        demo.submit(
            demo.draft(vp, village, tekun, "张庄村特困人员审核结果", formed=-2), vp
        )
    )
    wrong = demo.publish(vp, village, dibao, "张庄村低保公示（名单有误）", formed=-6)
    made.append(
        publication_withdraw(
            publication=wrong, user=demo.users[vp], reason="名单有误，核实后重新公示。"
        )
    )
    return made
