"""The default negative list: national bases everywhere, a province's own rules
only in that province (seen: 《山东省政府信息公开办法》 offered to a Henan county)."""

import pytest

from disclosure.models import NegativeListEntry
from disclosure.negativelist import (
    RIZHAO_CATEGORIES,
    negative_list_adopt,
    negative_list_load_defaults,
)
from disclosure.selectors import negative_list_for
from portal.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

NATIONAL = "《中华人民共和国政府信息公开条例》"
SHANDONG = "《山东省政府信息公开办法》"
OLD_PROCESS_BASIS = "《山东省政府信息公开办法》第九条第二款；" + RIZHAO_CATEGORIES[2][2]


def body(code: str) -> Organisation:
    return Organisation.objects.create(
        code=f"{code}-hrss",
        name=f"{code}人社局",
        kind="county_bureau",
        region=factories.region(code),
    )


def test_every_default_entry_cites_national_law_and_no_province(db):
    negative_list_load_defaults()
    defaults = NegativeListEntry.objects.filter(organisation__isnull=True)
    assert defaults.count() == 11
    for entry in defaults:
        assert SHANDONG not in entry.legal_basis, entry.category
        assert "省" not in entry.legal_basis.replace("国务院办公厅", ""), entry.category
    cited = [e for e in defaults if NATIONAL in e.legal_basis]
    assert len(cited) >= 7  # the regulation's articles where it is the ground
    process = defaults.get(category="过程性信息")
    assert "第十六条" in process.legal_basis


def test_a_henan_county_is_offered_no_shandong_rule(db):
    negative_list_load_defaults()
    henan = body("410225")
    assert not any(SHANDONG in e.legal_basis for e in negative_list_for(henan))
    negative_list_adopt(organisation=henan)
    own = NegativeListEntry.objects.filter(organisation=henan)
    assert own.count() == 11
    assert not any(SHANDONG in e.legal_basis for e in own)


def test_a_shandong_county_cites_its_provinces_rules_before_the_national_ones(db):
    negative_list_load_defaults()
    rizhao = body("371102")
    negative_list_adopt(organisation=rizhao)
    own = {
        e.category: e.legal_basis
        for e in NegativeListEntry.objects.filter(organisation=rizhao)
    }
    assert own["过程性信息"].startswith(f"{SHANDONG}第九条第二款；")
    assert NATIONAL + "第十六条" in own["过程性信息"]
    assert own["需汇总、分析、加工或重新制作的政府信息"].startswith(
        f"{SHANDONG}第十条第二款；"
    )
    assert sum(SHANDONG in basis for basis in own.values()) == 2


def test_loading_again_corrects_the_old_bases_outside_shandong_only(db):
    negative_list_load_defaults()
    henan, rizhao = body("410225"), body("371102")
    for organisation in (henan, rizhao):
        negative_list_adopt(organisation=organisation)
    stale = NegativeListEntry.objects.filter(category="过程性信息")
    for entry in stale:  # as the list was loaded before the correction
        entry.legal_basis = OLD_PROCESS_BASIS
        entry.save()
    assert negative_list_load_defaults() == 0
    bases = {
        (e.organisation.code if e.organisation else None): e
        for e in NegativeListEntry.objects.filter(category="过程性信息")
    }
    assert SHANDONG not in bases[None].legal_basis
    assert SHANDONG not in bases["410225-hrss"].legal_basis
    assert (
        bases["410225-hrss"]
        .history.latest()
        .history_change_reason.startswith("Legal basis corrected")
        or "更正" in bases["410225-hrss"].history.latest().history_change_reason
    )
    assert bases["371102-hrss"].legal_basis == OLD_PROCESS_BASIS
