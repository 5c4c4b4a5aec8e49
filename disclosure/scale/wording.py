"""What synthetic publications say: titles, kinds and the reasons people give.

These are data in the catalogs' own language, like the demo's, not interface
text, so they are not translated.
"""

import random
from datetime import date

from ..models import PublicationKind, PublicationLevel, Validity
from .edits import VILLAGE_ITEM_ENDINGS

WITHDRAWAL_REASONS = (
    "信息有误，更正后重新发布。",
    "政策已调整，原信息停止公开。",
    "公示期满，按规定撤下。",
)
RETURN_REASONS = (
    "请补充咨询电话后重新提交。",
    "请核实名单信息后重新提交。",
    "附件不全，请补充后重新提交。",
)
VALIDITY_REASONS = {
    Validity.AMENDED: "已被新修订的文件替代。",
    Validity.ABOLISHED: "经文件清理，该文件已废止。",
    Validity.EXPIRED: "有效期届满，自动失效。",
}
WITHHELD_REASON = "内部研究过程中形成的信息，决定作出前不予公开。"
COLUMNS = {
    PublicationLevel.COUNTY: "政府信息公开专栏",
    PublicationLevel.TOWNSHIP: "乡镇政务公开栏",
    PublicationLevel.VILLAGE: "村务公开栏",
}


def publication_kind(rng: random.Random, item) -> str:
    name = item.name
    if "政策" in name or "法规" in name or "文件" in name:
        draw = rng.random()
        if draw < 0.6:
            return PublicationKind.POLICY
        return PublicationKind.INTERPRETATION if draw < 0.8 else PublicationKind.OTHER
    if name.endswith(VILLAGE_ITEM_ENDINGS):
        return PublicationKind.NOTICE
    return PublicationKind.NOTICE if rng.random() < 0.3 else PublicationKind.OTHER


def publication_title(organisation, item, kind: str, formed: date, serial: int) -> str:
    name = item.name
    if kind == PublicationKind.POLICY:
        text = f"关于做好{name}工作的通知"
    elif kind == PublicationKind.INTERPRETATION:
        text = f"《关于做好{name}工作的通知》政策解读"
    elif kind == PublicationKind.NOTICE and not name.endswith("公示"):
        text = f"{name}公示"
    else:
        text = name
    return f"{organisation.name}{text}（{formed.year}年第{serial}期）"
