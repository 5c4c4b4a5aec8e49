"""The default negative list (负面清单): the eleven categories of the Rizhao list.

Source: 日照市人力资源和社会保障局政务公开负面清单（试行）, attachment 1 of
日人社函〔2019〕20号. Category names and legal bases are data in the official
language, like region names; they are not translated.

The default list cites national law only (the articles of 政府信息公开条例,
国务院令第711号, and the national documents), so it holds in every province. A
province's own rules (Rizhao's list also cites 《山东省政府信息公开办法》) are in
``PROVINCIAL_BASES`` and are cited only in that province's copies: when a body
of the province adopts the list (``negative_list_adopt``).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audited_save

from .models import NegativeListEntry

_ART14 = (
    "《中华人民共和国政府信息公开条例》第十四条：依法确定为国家秘密的政府信息，"
    "法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、"
    "经济安全、社会稳定的政府信息，不予公开。"
)
_ART15 = (
    "《中华人民共和国政府信息公开条例》第十五条：涉及商业秘密、个人隐私等公开会"
    "对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开"
    "或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。"
)
_ART16 = (
    "《中华人民共和国政府信息公开条例》第十六条：行政机关的内部事务信息，包括人事"
    "管理、后勤管理、内部工作流程等方面的信息，可以不予公开。行政机关在履行行政管理"
    "职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法"
    "案卷信息，可以不予公开。"
)
_ART38 = "《中华人民共和国政府信息公开条例》第三十八条"
_GBF_2010_5 = (
    "国务院办公厅《关于做好政府信息依申请公开工作的意见》（国办发〔2010〕5号）第二条"
)

# (category, scope, legal basis)
RIZHAO_CATEGORIES = [
    (
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息",
        "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后"
        "可能危及国家安全、公共安全、经济安全、社会稳定的政府信息。",
        _ART14,
    ),
    (
        "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息",
        "第三方同意公开或者不公开会对公共利益造成重大影响的除外。",
        _ART15,
    ),
    (
        "过程性信息",
        "在行政决定作出前行政机关内部或行政机关之间形成的研究、讨论、请示、汇报等"
        "信息；决策、决定完成后，公开的需要大于不公开的需要的，仍应公开。",
        _GBF_2010_5 + "第二款；" + _ART16,
    ),
    (
        "不作为行政管理依据的内部管理信息",
        "行政机关之间和行政机关内部不作为行政管理依据的请示、报告、批复、会议纪要、"
        "抄告单等文件和资料。",
        _GBF_2010_5 + "第二项；" + _ART16,
    ),
    (
        "需汇总、分析、加工或重新制作的政府信息",
        "行政机关一般不承担为申请人汇总、加工或者重新制作政府信息，以及向其他行政机关"
        "和公民、法人或者其他组织搜集信息的义务。",
        _ART38 + "；" + _GBF_2010_5 + "第三项",
    ),
    (
        "信访、举报或咨询类事项",
        "信访、举报或咨询类事项信息不属于《条例》所规定的政府信息范畴。",
        "《中华人民共和国政府信息公开条例》第二条",
    ),
    (
        "应当依照有关法律、法规规定查阅的案卷材料",
        "行政程序中的当事人、利害关系人以政府信息公开名义申请查阅案卷材料的，告知其"
        "按照相关法律、法规的规定办理。",
        "《最高人民法院关于审理政府信息公开行政案件若干问题的规定》第二条第四项",
    ),
    (
        "档案信息",
        "已经移交各级国家档案馆和档案工作机构的政府信息；由行政机关的档案机构或者档案"
        "工作人员保管的政府信息不视为档案信息。",
        "《最高人民法院关于审理政府信息公开行政案件若干问题的规定》第七条第二款",
    ),
    (
        "单位内部信息",
        "拟制中不宜公开的政策文稿；不宜公开的会议材料、领导讲话材料；拟议中的机构设置、"
        "工作分工、人事调整和职务任免、奖惩事项；工作人员的档案及其有关材料等。",
        "《干部档案工作条例》《人事工作中国家秘密及其密级具体范围的规定》",
    ),
    (
        "业务信息",
        "各类社会保险参保人员个人权益信息，社保监督及经办机构受理、办理的举报事项以及"
        "与举报人相关的信息，劳动监察过程中涉及的被监察单位商业秘密信息。",
        "《中华人民共和国社会保险法》《社会保险基金监督举报工作管理办法》及"
        "《中华人民共和国政府信息公开条例》第十五条",
    ),
    (
        "其他法律、法规禁止公开的信息",
        "列入政务公开负面清单的事项不予公开，负面清单之外的事项原则上都要依法依规"
        "予以公开。",
        "有关法律、法规；" + _ART14,
    ),
]

# A province's own rules, cited before the national bases in that province's
# copies only: province code → category → basis.
PROVINCIAL_BASES = {
    "37": {
        "过程性信息": "《山东省政府信息公开办法》第九条第二款",
        "需汇总、分析、加工或重新制作的政府信息": "《山东省政府信息公开办法》第十条第二款",
    },
}

# Legal bases the defaults once carried (a province's rules for every body);
# loading the defaults again replaces them, in the defaults and in copies
# outside that province. (category, old basis, province code)
_SUPERSEDED = [
    (
        "过程性信息",
        "《山东省政府信息公开办法》第九条第二款；" + _GBF_2010_5 + "第二款；" + _ART16,
        "37",
    ),
    (
        "需汇总、分析、加工或重新制作的政府信息",
        "《山东省政府信息公开办法》第十条第二款；" + _GBF_2010_5 + "第三项",
        "37",
    ),
]


def legal_basis_for(category: str, basis: str, province: str | None) -> str:
    """The basis a body of ``province`` cites: its province's own rule, if any,
    before the national bases."""
    own = PROVINCIAL_BASES.get(province or "", {}).get(category)
    return f"{own}；{basis}" if own else basis


def _defaults() -> dict[str, str]:
    return {category: basis for category, _scope, basis in RIZHAO_CATEGORIES}


@transaction.atomic
def negative_list_load_defaults(*, user=None) -> int:
    """Create the default entries that are missing; returns how many were created.

    Entries that still carry a superseded basis (another province's rules) are
    given the current one, with history."""
    _replace_superseded(user)
    existing = set(
        NegativeListEntry.objects.filter(organisation__isnull=True).values_list(
            "category", flat=True
        )
    )
    created = 0
    for position, (category, scope, basis) in enumerate(RIZHAO_CATEGORIES, start=1):
        if category in existing:
            continue
        entry = NegativeListEntry(
            organisation=None,
            position=position,
            category=category,
            scope=scope,
            legal_basis=basis,
        )
        audited_save(
            entry,
            user=user,
            reason=_("Default negative list loaded (Rizhao, 日人社函〔2019〕20号)."),
        )
        created += 1
    return created


def _replace_superseded(user) -> None:
    national = _defaults()
    for category, old, province in _SUPERSEDED:
        entries = NegativeListEntry.objects.filter(
            category=category, legal_basis=old
        ).select_related("organisation__region")
        for entry in entries:
            code = entry.organisation.region.code[:2] if entry.organisation else None
            if code == province:
                continue  # that province's own copy cites its rules rightly
            entry.legal_basis = national[category]
            audited_save(
                entry,
                user=user,
                reason=_(
                    "Legal basis corrected: the default negative list cites a "
                    "province's own rules only in that province."
                ),
            )


@transaction.atomic
def negative_list_adopt(*, organisation, user=None, reason: str = "") -> int:
    """Give ``organisation`` its own copy of the defaults to edit, citing its
    province's own rules where it has some; returns the count."""
    if NegativeListEntry.objects.filter(organisation=organisation).exists():
        return 0
    defaults = NegativeListEntry.objects.filter(organisation__isnull=True)
    province = organisation.region.code[:2]
    count = 0
    for entry in defaults.order_by("position", "pk"):
        copy = NegativeListEntry(
            organisation=organisation,
            position=entry.position,
            category=entry.category,
            scope=entry.scope,
            legal_basis=legal_basis_for(entry.category, entry.legal_basis, province),
        )
        audited_save(
            copy,
            user=user,
            reason=reason or _("Copied from the default negative list."),
        )
        count += 1
    return count
