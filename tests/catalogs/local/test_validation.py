"""Validating a local catalog against its standard: coded, translated findings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalogs.columns import LEVEL_FLAGS
from catalogs.folding import normalise_name
from catalogs.local.derivation import (
    catalog_derive,
    item_add_sub_item,
    item_add_supplement,
    item_omit,
    item_update,
)
from catalogs.local.validation import (
    BASIS_CITES_ARTICLE,
    CHANNEL_DROPPED,
    ERROR,
    LEVEL_MISSING,
    LEVEL_OUTSIDE_STANDARD,
    MODE_MISSING,
    OMISSION_WITHOUT_REASON,
    SUPPLEMENT_OVERLAPS,
    THIRD_LEVEL_MISPLACED,
    TIME_LIMIT_LONGER,
    WARNING,
    catalog_is_valid,
    catalog_validate,
)
from catalogs.models import Item
from catalogs.selectors import standard_in_force
from portal.audit import last_history_id
from portal.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def derive(org_code: str, standard_key: str):
    return catalog_derive(
        organisation=Organisation.objects.get(code=org_code),
        standard=standard_in_force(standard_key),
    )


@pytest.fixture
def employment(demo):
    return derive("410225-hrss", "employment")


@pytest.fixture
def elderly(demo):
    """The elderly-care catalog of 兰考县民政局, with the one missing mode filled in."""
    catalog = derive("410225-mca", "elderly_care_henan")
    update(item(catalog, "3.2"), mode_proactive=True)
    state_levels(catalog)
    return catalog


# The elderly-care domain publishes at county and township level only.
STATED_LEVELS = {"level_county": True, "level_township": False}


def state_levels(catalog):
    """Tick every level the standard leaves open (不详), as a county must."""
    for row in Item.objects.filter(catalog=catalog, level__gte=2, omitted=False):
        changes = {
            name: True
            for name, flag in LEVEL_FLAGS.items()
            if getattr(row, name) is None and getattr(catalog.domain, flag)
        }
        if changes:
            update(row, **changes)


def item(catalog, code):
    return Item.objects.get(catalog=catalog, code=code)


def update(target, **changes):
    return item_update(
        item=target, seen_history_id=last_history_id(target), changes=changes
    )


def found(catalog, code):
    return [f for f in catalog_validate(catalog) if f.code == code]


def test_a_faithful_copy_of_a_complete_standard_is_valid(elderly):
    assert catalog_validate(elderly) == []
    assert catalog_is_valid(elderly)


def test_a_shorter_time_limit_is_valid(elderly):
    update(item(elderly, "1.1"), time_limit_text="制定或获取文件之日起5个工作日内")
    assert found(elderly, TIME_LIMIT_LONGER) == []


def test_a_longer_time_limit_is_an_error(elderly):
    target = update(
        item(elderly, "1.1"), time_limit_text="制定或获取文件之日起15个工作日内"
    )
    (finding,) = found(elderly, TIME_LIMIT_LONGER)
    assert (finding.severity, finding.item, finding.field) == (
        ERROR,
        target,
        "time_limit_text",
    )
    assert finding.message == (
        "Item “1.1 国家和地方层面养老服务相关法律、法规、政策文件”, field “time "
        "limit (as worded)”: the time limit “制定或获取文件之日起15个工作日内” is "
        "longer than the standard’s “制定或获取文件之日起10个工作日内”. A local "
        "catalog may shorten a time limit but never lengthen it."
    )
    assert not catalog_is_valid(elderly)


def test_a_time_limit_that_cannot_be_compared_is_an_error(elderly):
    update(item(elderly, "1.1"), time_limit_text="及时公开")
    (finding,) = found(elderly, TIME_LIMIT_LONGER)
    assert "cannot be compared with the standard’s" in finding.message


def test_the_same_uncounted_time_limit_is_valid(elderly):
    local = item(elderly, "1.1")
    # The standard says "及时" (promptly); the county keeps the same kind of limit.
    Item.objects.filter(pk=local.derived_from_id).update(
        time_limit_text="及时公开",
        time_limit_kind="promptly",
        time_limit_amount=None,
        time_limit_unit="",
        time_limit_trigger="",
    )
    update(local, time_limit_text="及时")
    assert found(elderly, TIME_LIMIT_LONGER) == []


def test_a_dropped_channel_is_named(elderly):
    update(item(elderly, "2.1"), channels=["gov-website", "targeted-push"])
    (finding,) = found(elderly, CHANNEL_DROPPED)
    assert finding.field == "channels"
    assert finding.message == (
        "Item “2.1 养老机构备案”, field “channels”: the standard item’s channel "
        "“政务服务中心” is missing. A local catalog may add channels but never "
        "drop one."
    )


def test_added_channels_are_fine(elderly):
    update(
        item(elderly, "2.1"),
        channels=["gov-website", "service-centre", "door-to-door", "notice-board"],
    )
    assert catalog_is_valid(elderly)


def test_a_supplement_repeating_a_standard_item_overlaps(elderly):
    parent = item(elderly, "2")
    supplement = item_add_supplement(
        catalog=elderly,
        parent=parent,
        name="养老机构 备案",
        columns={"mode_proactive": True},
    )
    (finding,) = found(elderly, SUPPLEMENT_OVERLAPS)
    assert (finding.item, finding.field) == (supplement, "name")
    assert finding.message == (
        "Item “2.4 养老机构 备案”, field “name”: the supplementary item duplicates "
        "the standard item “2.1 养老机构备案”. A supplement must not repeat a "
        "first- or second-level item of the standard; use or restore that item "
        "instead."
    )


@pytest.mark.parametrize(
    "name", ["养老机构备案服务", "养老服务扶持补贴资金", "养老服务扶持补帖"]
)
def test_near_same_names_overlap(elderly, name):
    item_add_supplement(catalog=elderly, name=name, columns={"mode_proactive": True})
    (finding,) = found(elderly, SUPPLEMENT_OVERLAPS)
    assert "overlaps the standard item" in finding.message


def test_a_new_supplement_does_not_overlap(elderly):
    top = item_add_supplement(catalog=elderly, name="居家社区养老服务")
    item_add_supplement(
        catalog=elderly,
        parent=top,
        name="助餐点运营信息",
        columns={"mode_proactive": True, **STATED_LEVELS},
    )
    assert catalog_is_valid(elderly)


def test_generic_names_overlap_only_under_the_same_parent(demo):
    relief = derive("410225-mca", "social_relief_henan")
    other = item_add_supplement(catalog=relief, name="医疗救助")
    item_add_supplement(catalog=relief, parent=other, name="政策法规文件")
    assert found(relief, SUPPLEMENT_OVERLAPS) == []
    item_add_supplement(catalog=relief, parent=item(relief, "2"), name="政策法规文件")
    (finding,) = found(relief, SUPPLEMENT_OVERLAPS)
    assert "“2.1 政策法规文件”" in finding.message


def test_names_are_normalised_for_width_spaces_and_punctuation():
    assert normalise_name(
        "就业困难人员（含建档立卡贫困劳动力） 认定"
    ) == normalise_name("就业困难人员(含建档立卡贫困劳动力)认定")


def test_a_third_level_item_under_a_first_level_item_is_misplaced(elderly):
    first = item(elderly, "1")
    misplaced = Item.objects.create(
        catalog=elderly,
        parent=first,
        level=3,
        code="1.9",
        position=99,
        name="错位的三级事项",
        origin="supplement",
        mode_proactive=True,
    )
    (finding,) = found(elderly, THIRD_LEVEL_MISPLACED)
    assert (finding.item, finding.field) == (misplaced, "parent")
    assert finding.message == (
        "Item “1.9 错位的三级事项”, field “parent item”: a third-level item must "
        "sit under a second-level item, but “1 养老服务通用政策” is at level 1."
    )


def test_a_sub_item_added_through_the_service_is_well_placed(elderly):
    item_add_sub_item(
        parent=item(elderly, "2.3"),
        name="高龄津贴",
        columns={"mode_proactive": True, **STATED_LEVELS},
    )
    assert catalog_is_valid(elderly)


def test_an_item_needs_a_mode(employment):
    findings = found(employment, MODE_MISSING)
    assert {f.item.level for f in findings} == {2}
    first = next(f for f in findings if f.item.code == "1.1")
    assert first.field == "mode_proactive"
    assert first.message == (
        "Item “1.1 就业政策法规咨询”, field “mode”: neither proactive nor "
        "on-request disclosure is ticked. Every item must say how it is disclosed."
    )
    update(item(employment, "1.1"), mode_on_request=True)
    assert "1.1" not in {f.item.code for f in found(employment, MODE_MISSING)}


def test_omitted_items_need_no_mode_but_a_reason(employment):
    target = item(employment, "1.2")
    item_omit(item=target, reason="本县未开展")
    assert target not in {f.item for f in found(employment, MODE_MISSING)}
    assert found(employment, OMISSION_WITHOUT_REASON) == []
    # An import or a hand edit can still leave the reason out.
    target.refresh_from_db()
    target.omission_reason = ""
    target.save()
    (finding,) = found(employment, OMISSION_WITHOUT_REASON)
    assert finding.message == (
        "Item “1.2 岗位信息发布”, field “reason for omission”: the item is marked "
        "as not performed locally but no reason is given. Record why it is left out."
    )


def test_a_village_level_in_elderly_care_is_outside_the_standard(elderly):
    target = item(elderly, "2.3")
    target.level_village = True  # the service refuses this; an import might not
    target.save()
    (finding,) = found(elderly, LEVEL_OUTSIDE_STANDARD)
    assert (finding.item, finding.field, finding.severity) == (
        target,
        "level_village",
        ERROR,
    )
    assert finding.message == (
        "Item “2.3 老年人补贴”, field “level: village”: the 养老服务 domain is not "
        "published at this level, so it cannot be ticked."
    )


def test_a_basis_quoting_an_article_is_a_warning(elderly):
    update(
        item(elderly, "1.1"),
        bases=["《养老机构管理办法》(民政部令第66号)第十二条"],
    )
    (finding,) = found(elderly, BASIS_CITES_ARTICLE)
    assert (finding.severity, finding.field) == (WARNING, "bases")
    assert finding.message == (
        "Item “1.1 国家和地方层面养老服务相关法律、法规、政策文件”, field “legal "
        "basis”: the legal basis “《养老机构管理办法》(民政部令第66号)第十二条” "
        "quotes an article. Name laws and documents with their document number, "
        "without article numbers."
    )
    assert catalog_is_valid(elderly)


def test_validation_queries_do_not_grow_with_the_catalog(demo):
    small = derive("410225-mca", "elderly_care_henan")
    large = derive("410225-hrss", "social_insurance")
    counts = []
    for catalog in (small, large):
        with CaptureQueriesContext(connection) as queries:
            catalog_validate(catalog)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6


def test_validation_builds_an_item_only_for_the_items_a_finding_names(elderly):
    """Rows are read as values: building every row (and its standard item) as an
    ``Item`` was most of the time of putting a 1,500-row version in force."""
    from django.db.models.signals import post_init

    catalog = elderly
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance)

    post_init.connect(count, sender=Item)
    try:
        assert catalog_validate(catalog) == []
        assert built == []
        target = Item.objects.filter(catalog=catalog, level=2).first()
        update(target, mode_proactive=None, mode_on_request=None)
        built.clear()
        (finding,) = catalog_validate(catalog)
    finally:
        post_init.disconnect(count, sender=Item)
    assert finding.code == MODE_MISSING
    assert isinstance(finding.item, Item) and finding.item.pk == target.pk
    assert [i.pk for i in built] == [target.pk]


def test_a_level_left_unstated_is_an_error_naming_the_item(employment):
    # The employment standard leaves 1.1's village level open (不详).
    findings = [f for f in found(employment, LEVEL_MISSING) if f.item.code == "1.1"]
    assert "level_village" in {f.field for f in findings}
    village = next(f for f in findings if f.field == "level_village")
    assert village.is_error
    assert village.message == (
        "Item “1.1 就业政策法规咨询”, field “level: village”: it is not stated (不详) "
        "whether the item is published at this level. Tick or untick it: until then "
        "publishers at this level are not offered the item."
    )
    update(item(employment, "1.1"), level_village=False)
    fields = {f.field for f in found(employment, LEVEL_MISSING) if f.item.code == "1.1"}
    assert "level_village" not in fields


def test_a_level_the_domain_does_not_publish_at_may_stay_unstated(elderly):
    assert not elderly.domain.has_village_level
    update(item(elderly, "2.2"), level_village=None)
    assert item(elderly, "2.2").level_village is None
    assert found(elderly, LEVEL_MISSING) == []
    update(item(elderly, "2.2"), level_township=None)
    assert [f.field for f in found(elderly, LEVEL_MISSING)] == ["level_township"]


def test_omitted_items_and_headings_need_no_level(employment):
    target = item(employment, "1.1")
    item_omit(item=target, reason="本县未开展")
    codes = {f.item.code for f in found(employment, LEVEL_MISSING)}
    assert "1.1" not in codes
    assert not any(code and "." not in code for code in codes)


def test_the_level_finding_is_translated(employment):
    with translation.override("zh-hans"):
        (finding, *_) = [
            f for f in catalog_validate(employment) if f.code == LEVEL_MISSING
        ]
    assert "不详" in finding.message and "Tick" not in finding.message
