"""Reading a 公开依据 citation into title, document number, kind and scope."""

import re
from dataclasses import dataclass

from .models import LegalBasisKind, LegalScope

_TITLE = re.compile(r"《(?P<title>[^》]+)》")
_BRACKETED = re.compile(
    r"[（(](?P<inner>[^()（）]*(?:[（(][^()（）]*[)）][^()（）]*)*)[)）]\s*$"
)
_DOC_NO = re.compile(
    r"(?:[\u4e00-\u9fa5A-Za-z]+[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d+\s*号"
    r"|[\u4e00-\u9fa5]*令第?\s*\d+\s*号)"
)
_LOCAL_ISSUER = re.compile(r"^[\u4e00-\u9fa5]{2,4}(?:省|自治区|市人民|县人民|区人民)")
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零\d]+条")
_PROVINCES = (
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
)


@dataclass(frozen=True)
class Citation:
    text: str
    title: str
    document_no: str
    kind: str
    scope: str


def cites_article(text: str) -> bool:
    """Whether a citation quotes an article (第N条), which catalogs should not do."""
    return bool(_ARTICLE.search(text or ""))


def parse_citation(text: str) -> Citation:
    wording = " ".join((text or "").split())
    title_match = _TITLE.search(wording)
    title = title_match.group("title") if title_match else wording
    document_no = ""
    bracket = _BRACKETED.search(wording)
    if bracket:
        found = _DOC_NO.search(bracket.group("inner"))
        if found:
            document_no = found.group(0).replace(" ", "")
    if not document_no:
        found = _DOC_NO.search(wording[title_match.end() :] if title_match else "")
        document_no = found.group(0) if found else ""
    return Citation(
        wording, title, document_no, _kind(title, document_no), _scope(title)
    )


def _kind(title: str, document_no: str) -> str:
    bare = re.sub(r"[（(][^()（）]*[)）]$", "", title)
    if bare.endswith("法") and not bare.endswith("办法"):
        return LegalBasisKind.LAW
    if "国务院令" in document_no or (
        "条例" in title and title.startswith("中华人民共和国")
    ):
        return LegalBasisKind.ADMINISTRATIVE_REGULATION
    if title.startswith(_PROVINCES) and "条例" in title:
        return LegalBasisKind.LOCAL_REGULATION
    if "令" in document_no:
        return LegalBasisKind.RULE
    if document_no:
        return LegalBasisKind.NORMATIVE_DOCUMENT
    if "条例" in title:
        return LegalBasisKind.ADMINISTRATIVE_REGULATION
    return LegalBasisKind.OTHER


def _scope(title: str) -> str:
    stripped = title.removeprefix("中华人民共和国")
    if stripped.startswith(_PROVINCES) or _LOCAL_ISSUER.match(stripped):
        return LegalScope.LOCAL
    return LegalScope.NATIONAL
