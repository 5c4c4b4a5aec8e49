"""Demo regions, organisations and accounts: one real-shaped province → city → county."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import (
    Membership,
    Organisation,
    OrganisationKind,
    Region,
    RegionLevel,
    Role,
)

# 河南省 › 开封市 › 兰考县 and 杞县, with townships and villages. Codes follow
# GB/T 2260 to county level and the statistical code shape below it.
REGIONS = [
    ("41", "河南省", RegionLevel.PROVINCE),
    ("4102", "开封市", RegionLevel.CITY),
    ("410225", "兰考县", RegionLevel.COUNTY),
    ("410225100", "城关镇", RegionLevel.TOWNSHIP),
    ("410225100201", "城关镇八里湾村", RegionLevel.VILLAGE),
    ("410225100202", "城关镇朱庄村", RegionLevel.VILLAGE),
    ("410225104", "东坝头镇", RegionLevel.TOWNSHIP),
    ("410225104201", "东坝头镇张庄村", RegionLevel.VILLAGE),
    ("410225104202", "东坝头镇杨庄村", RegionLevel.VILLAGE),
    ("410225105", "堌阳镇", RegionLevel.TOWNSHIP),
    ("410225105201", "堌阳镇徐场村", RegionLevel.VILLAGE),
    ("410221", "杞县", RegionLevel.COUNTY),
    ("410221100", "城关镇", RegionLevel.TOWNSHIP),
    ("410221100201", "城关镇金城村", RegionLevel.VILLAGE),
]

ORGANISATIONS = [
    (
        "41-hrss",
        "河南省人力资源和社会保障厅",
        OrganisationKind.PROVINCIAL_DEPARTMENT,
        "41",
    ),
    ("41-mca", "河南省民政厅", OrganisationKind.PROVINCIAL_DEPARTMENT, "41"),
    (
        "410225-hrss",
        "兰考县人力资源和社会保障局",
        OrganisationKind.COUNTY_BUREAU,
        "410225",
    ),
    ("410225-mca", "兰考县民政局", OrganisationKind.COUNTY_BUREAU, "410225"),
    (
        "410225100-gov",
        "兰考县城关镇人民政府",
        OrganisationKind.TOWNSHIP_GOVERNMENT,
        "410225100",
    ),
    (
        "410225104-gov",
        "兰考县东坝头镇人民政府",
        OrganisationKind.TOWNSHIP_GOVERNMENT,
        "410225104",
    ),
    (
        "410225105-gov",
        "兰考县堌阳镇人民政府",
        OrganisationKind.TOWNSHIP_GOVERNMENT,
        "410225105",
    ),
    (
        "410225104201-vc",
        "东坝头镇张庄村民委员会",
        OrganisationKind.VILLAGE_COMMITTEE,
        "410225104201",
    ),
    (
        "410225100201-vc",
        "城关镇八里湾村民委员会",
        OrganisationKind.VILLAGE_COMMITTEE,
        "410225100201",
    ),
    (
        "410221-hrss",
        "杞县人力资源和社会保障局",
        OrganisationKind.COUNTY_BUREAU,
        "410221",
    ),
    ("410221-mca", "杞县民政局", OrganisationKind.COUNTY_BUREAU, "410221"),
    (
        "410221100-gov",
        "杞县城关镇人民政府",
        OrganisationKind.TOWNSHIP_GOVERNMENT,
        "410221100",
    ),
]

# The domains each county bureau is responsible for (by the code's suffix);
# township and village governments keep none: every domain, and so do the
# provincial departments, whose reviewer accepts every domain's filings.
BUREAU_DOMAINS = {
    "hrss": ["employment", "social_insurance"],
    "mca": ["social_relief", "elderly_care"],
}

DEMO_PASSWORD = "Lankao-Demo-2026"  # noqa: S105 - printed for the demo, never for production

# username, organisation code, role, description (printed)
ACCOUNTS = [
    ("site_admin", "41-hrss", Role.SITE_ADMIN, "站点管理员 / site administrator"),
    (
        "province_reviewer",
        "41-hrss",
        Role.PROVINCIAL_REVIEWER,
        "河南省人社厅 省级审核 / provincial reviewer",
    ),
    (
        "county_editor",
        "410225-hrss",
        Role.EDITOR,
        "兰考县人社局 目录编辑 / county editor",
    ),
    (
        "county_reviewer",
        "410225-hrss",
        Role.REVIEWER,
        "兰考县人社局 审核 / county reviewer",
    ),
    (
        "county_publisher",
        "410225-hrss",
        Role.PUBLISHER,
        "兰考县人社局 信息发布 / county publisher",
    ),
    (
        "mca_editor",
        "410225-mca",
        Role.EDITOR,
        "兰考县民政局 目录编辑 / civil affairs editor",
    ),
    (
        "mca_reviewer",
        "410225-mca",
        Role.REVIEWER,
        "兰考县民政局 审核 / civil affairs reviewer",
    ),
    (
        "township_publisher",
        "410225104-gov",
        Role.PUBLISHER,
        "东坝头镇人民政府 信息发布 / township publisher",
    ),
    (
        "village_publisher",
        "410225104201-vc",
        Role.PUBLISHER,
        "张庄村民委员会 信息发布 / village publisher",
    ),
    (
        "qixian_editor",
        "410221-hrss",
        Role.EDITOR,
        "杞县人社局 目录编辑 / second county editor",
    ),
]


@transaction.atomic
def seed_regions_and_accounts() -> list[tuple[str, str, str]]:
    """Create what is missing; returns (username, password, description) per account."""
    by_code: dict[str, Region] = {}
    for code, name, level in REGIONS:
        parent = by_code.get(code[: {2: 0, 4: 2, 6: 4, 9: 6, 12: 9}[len(code)]])
        region, _created = Region.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent": parent}
        )
        by_code[code] = region
    organisations = {}
    for code, name, kind, region_code in ORGANISATIONS:
        organisations[code], _created = Organisation.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "region": by_code[region_code],
                "domains": BUREAU_DOMAINS.get(code.rsplit("-", 1)[-1], [])
                if kind == OrganisationKind.COUNTY_BUREAU
                else [],
            },
        )
    users = get_user_model().objects
    printed = []
    for username, org_code, role, description in ACCOUNTS:
        account = users.filter(username=username).first()
        if account is None:
            account = users.create_user(
                username=username,
                password=DEMO_PASSWORD,
                is_staff=True,
                is_superuser=(role == Role.SITE_ADMIN),
            )
        Membership.objects.get_or_create(
            user=account, organisation=organisations[org_code], role=role
        )
        printed.append((username, DEMO_PASSWORD, description))
    citizen = users.filter(username="citizen").first()
    if citizen is None:
        users.create_user(username="citizen", password=DEMO_PASSWORD)
    printed.append(
        ("citizen", DEMO_PASSWORD, "公众（无后台权限）/ citizen, no staff access")
    )
    return printed
