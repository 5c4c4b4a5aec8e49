"""Demo annual reports of 兰考县人社局: last year's published (its figures entered
as a county would), this year's drafted from the demo requests."""

from django.contrib.auth import get_user_model
from django.db import transaction

from portal.audit import last_history_id
from portal.models import Organisation

from ...demo import anchor_date
from ...models import AnnualReport
from .services import annual_report_create, annual_report_publish, annual_report_update

BUREAU = "410225-hrss"
OVERVIEW = (
    "{year}年，兰考县人力资源和社会保障局坚持以公开为常态、不公开为例外，"
    "对照就业、社会保险领域基层政务公开标准目录，及时主动公开政策文件、"
    "办事指南和补贴发放信息，依法办理政府信息公开申请。"
)
PROBLEMS = (
    "部分乡镇公开栏目更新不够及时。下一步将按目录逐项明确公开时限，每季度通报公开进度。"
)


@transaction.atomic
def seed_annual_reports() -> list[AnnualReport]:
    """Create the demo reports once; nothing when the bureau has any."""
    bureau = Organisation.objects.get(code=BUREAU)
    if AnnualReport.objects.filter(organisation=bureau).exists():
        return []
    users = get_user_model().objects
    publisher = users.get(username="county_publisher")
    reviewer = users.get(username="county_reviewer")
    year = anchor_date().year
    made = []
    for report_year, entered in [
        (
            year - 1,
            {
                "2.licensing.decisions": "126",
                "2.penalty.decisions": "3",
                "2.fees.amount": "0",
            },
        ),
        (year, {}),
    ]:
        report = annual_report_create(
            organisation=bureau, year=report_year, user=publisher
        )
        report = annual_report_update(
            report=report,
            user=publisher,
            texts={
                "overview": OVERVIEW.format(year=report_year),
                "problems": PROBLEMS,
                "other_matters": "本年度未收取信息处理费。",
            },
            entered=entered,
            seen_history_id=last_history_id(report),
        )
        made.append(report)
    annual_report_publish(report=made[0], user=reviewer)
    return made
