"""A local employment catalog with local edits, and a new standard version.

Shared by the carry-over tests of the services and of the command.
"""

import json

from django.conf import settings

from catalogs.layout.rows import ItemData
from catalogs.local.derivation import (
    catalog_derive,
    item_add_sub_item,
    item_add_supplement,
    item_omit,
    item_update,
)
from catalogs.models import Item
from catalogs.reference import catalog_data_from_fixture
from catalogs.selectors import standard_in_force
from catalogs.services import catalog_create_version
from portal.audit import last_history_id

REASON = "本县未开展此项业务"
ABROAD = "本县无外国人来华工作业务"
LIMIT_15 = "信息形成或变更之日起15个工作日内公开"
LIMIT_10 = "信息形成或变更之日起10个工作日内公开"
BUREAU = "兰考县人力资源和社会保障局"
LOCAL_BASIS = "《河南省就业促进条例》"


def fixture_data(key):
    path = settings.BASE_DIR / "fixtures" / "catalogs" / f"{key}.json"
    return catalog_data_from_fixture(json.loads(path.read_text(encoding="utf-8")))


def by_code(items, code):
    return next(item for item in items if item.code == code)


def item(catalog, code):
    return Item.objects.get(catalog=catalog, code=code)


def edit(target, user, **changes):
    return item_update(
        item=target,
        seen_history_id=last_history_id(target),
        changes=changes,
        user=user,
    )


def new_employment_version():
    """Version 2: 1.1 shortened, retitled body, one more channel; 1.3 gone; 3
    renamed; 1.4 and 10 added; 9 gains a second-level item."""
    data = fixture_data("employment")
    first = by_code(data.items, "1")
    clarified = by_code(first.children, "1.1")
    clarified.time_limit_text = LIMIT_10
    clarified.subject = "县级人力资源社会保障部门"
    clarified.channels = [*clarified.channels, "weibo-wechat-app"]
    first.children = [c for c in first.children if c.code != "1.3"]
    first.children.append(ItemData(name="就业见习岗位信息", code="1.4"))
    by_code(data.items, "3").name = "公共就业服务专项活动（春风行动等）"
    by_code(data.items, "9").children.append(
        ItemData(name="外国人来华工作许可", code="9.1", mode_proactive=True)
    )
    data.items.append(
        ItemData(
            name="零工市场服务",
            code="10",
            children=[ItemData(name="零工岗位信息", code="10.1")],
        )
    )
    return catalog_create_version(data=data, key="employment")


def build_scene(lankao, editor):
    """A local catalog of version 1 with local edits, and version 2 in force."""
    old = standard_in_force("employment")
    local = catalog_derive(organisation=lankao, standard=old, user=editor)
    edit(
        item(local, "1.1"),
        editor,
        time_limit_text=LIMIT_15,
        subject=BUREAU,
        channels=["gov-website", "service-centre", "other-platform", "radio-tv"],
        level_county=True,
        bases=[b.text for b in item(old, "1.1").bases.all()] + [LOCAL_BASIS],
    )
    item_omit(item=item(local, "1.2"), reason=REASON, user=editor)
    edit(item(local, "1.3"), editor, mode_proactive=True)
    item_omit(item=item(local, "9"), reason=ABROAD, user=editor)
    sub = item_add_sub_item(
        parent=item(local, "1.1"), name="创业担保贷款政策咨询", user=editor
    )
    gig = item_add_supplement(catalog=local, name="零工市场服务", user=editor)
    gig_jobs = item_add_supplement(
        catalog=local, parent=gig, name="零工求职登记", user=editor
    )
    new = new_employment_version()
    return {
        "old": old,
        "new": new,
        "local": local,
        "sub": sub,
        "gig": gig,
        "gig_jobs": gig_jobs,
    }


def ids(scene):
    clarified = item(scene["local"], "1.1").pk
    return {
        "time_limit": f"{clarified}:time_limit_text",
        "subject": f"{clarified}:subject",
        "channels": f"{clarified}:channels",
        "removed": f"{item(scene['local'], '1.3').pk}:removed",
        "overlap": f"{scene['gig'].pk}:overlap",
    }


def decide_all(scene, **overrides):
    conflict = ids(scene)
    decisions = {
        conflict["time_limit"]: "take_standard",
        conflict["subject"]: "keep_local",
        conflict["channels"]: "keep_local",
        conflict["removed"]: "keep_local",
        conflict["overlap"]: "keep_local",
    }
    decisions.update({conflict[k]: v for k, v in overrides.items()})
    return decisions
