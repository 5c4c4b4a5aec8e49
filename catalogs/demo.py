"""Demo local catalogs: each demo county derives its catalogs and edits them as a clerk would."""

from django.contrib.auth import get_user_model
from django.db import transaction

from portal.audit import last_history_id
from portal.models import Organisation

from .local.derivation import (
    catalog_derive,
    item_add_sub_item,
    item_omit,
    item_update,
)
from .local.lifecycle import catalog_put_in_force
from .models import Catalog, Item
from .selectors import standard_in_force
from .services import channel_upsert

# organisation code, standard key, editor username
DERIVATIONS = [
    ("410225-hrss", "employment", "county_editor"),
    ("410225-hrss", "social_insurance", "county_editor"),
    ("410225-mca", "social_relief_henan", "mca_editor"),
    ("410225-mca", "elderly_care_henan", "mca_editor"),
    ("410221-hrss", "employment", "qixian_editor"),
]

LOCAL_CHANNELS = [
    ("hotline-12333", "12333电话咨询"),
    ("publicity-board", "宣传栏"),
    ("cable-tv", "有线电视"),
]


def _edit(item: Item, user, reason: str, **changes) -> Item:
    return item_update(
        item=item,
        seen_history_id=last_history_id(item),
        changes=changes,
        user=user,
        reason=reason,
    )


def _fill_ticks(catalog: Catalog, user) -> None:
    """A county states audience, mode and level where the standard copy left them open."""
    domain = catalog.domain
    for item in catalog.items.filter(level__gte=2, omitted=False):
        changes = {}
        if item.mode_proactive is None and item.mode_on_request is None:
            changes.update(mode_proactive=True, mode_on_request=False)
        if item.audience_public is None and item.audience_specific is None:
            changes.update(audience_public=True, audience_specific=False)
        if item.level_county is None:
            changes["level_county"] = True
        if item.level_township is None:
            changes["level_township"] = domain.has_township_level
        if item.level_village is None and domain.has_village_level:
            changes["level_village"] = item.name.endswith(("公示", "审核信息"))
        if changes:
            _edit(item, user, "填写公开对象、公开方式和公开层级", **changes)


def _lankao_employment(catalog: Catalog, user) -> None:
    items = {i.code: i for i in catalog.items.all() if i.code}
    consult = items["1.1"]
    _edit(
        consult,
        user,
        "本县承诺10个工作日内公开，并补充地方法规",
        time_limit_text="公开事项信息形成或变更之日起10个工作日内公开",
        subject="兰考县人力资源和社会保障局；各乡镇人民政府（街道办事处）",
        channels=[*consult.channels, "notice-board", "hotline-12333"],
        bases=[
            *consult.bases.order_by("position").values_list("text", flat=True),
            "《河南省实施〈中华人民共和国就业促进法〉办法》",
        ],
    )
    item_add_sub_item(
        parent=consult,
        name="兰考县稳岗返还政策咨询",
        columns={
            "content": ["政策依据", "申领条件", "办理流程", "咨询电话"],
            "time_limit_text": "信息形成或变更之日起10个工作日内公开",
            "subject": "兰考县人力资源和社会保障局",
            "channels": ["gov-website", "service-centre"],
            "mode_proactive": True,
            "mode_on_request": False,
            "audience_public": False,
            "audience_specific": True,
            "level_county": True,
            "level_township": False,
            "level_village": False,
        },
        user=user,
        reason="增设三级事项：稳岗返还政策咨询",
    )
    not_performed = catalog.items.filter(
        level=1, name__startswith="国(境)外人员"
    ).first()
    if not_performed is not None:
        item_omit(
            item=not_performed,
            reason="本县无外国人来华工作许可受理权限，由开封市人社局办理。",
            user=user,
        )


@transaction.atomic
def seed_local_catalogs() -> list[Catalog]:
    """Derive and edit the demo catalogs that do not exist yet; returns those created."""
    for code, name in LOCAL_CHANNELS:
        channel_upsert(code=code, name=name, official=False, position=100, aliases=[])
    users = get_user_model().objects
    created = []
    for org_code, standard_key, username in DERIVATIONS:
        organisation = Organisation.objects.get(code=org_code)
        standard = standard_in_force(standard_key)
        if (
            standard is None
            or Catalog.objects.filter(
                organisation=organisation, derived_from__key=standard_key
            ).exists()
        ):
            continue
        user = users.get(username=username)
        catalog = catalog_derive(
            organisation=organisation,
            standard=standard,
            user=user,
            reason="根据标准目录编制本地目录",
        )
        _fill_ticks(catalog, user)
        if (org_code, standard_key) == ("410225-hrss", "employment"):
            _lankao_employment(catalog, user)
        created.append(catalog)
    return created


# The county's catalogs it has issued; the rest stay drafts (one filing returned,
# Qixian still compiling), so the admin shows both states.
IN_FORCE = [
    "410225-hrss-employment",
    "410225-hrss-social_insurance",
    "410225-mca-social_relief",
]


@transaction.atomic
def put_demo_catalogs_in_force() -> list[Catalog]:
    """Put the issued demo catalogs in force (drafts only; idempotent)."""
    done = []
    for catalog in Catalog.objects.filter(key__in=IN_FORCE, status="draft"):
        editor = catalog.history.earliest().history_user
        done.append(
            catalog_put_in_force(catalog=catalog, user=editor, reason="印发本地目录")
        )
    return done
