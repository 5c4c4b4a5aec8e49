"""Demo filings: one returned with comments, one accepted, one awaiting review.

Written through the services as the demo county editors and the provincial
reviewer would, so the filing pages have every status to show.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from ..models import Catalog, Filing
from .services import ItemComment, filing_accept, filing_return, filing_submit

# catalog key, editor, what the provincial reviewer does with it
DEMO_FILINGS = [
    ("410225-hrss-social_insurance", "county_editor", "accept"),
    ("410221-hrss-employment", "qixian_editor", None),
    ("410225-mca-elderly_care", "mca_editor", "return"),
]
REVIEWER = "province_reviewer"


@transaction.atomic
def seed_filings() -> list[Filing]:
    """File the demo catalogs that have no filing yet; returns the filings made."""
    users = get_user_model().objects
    made = []
    for key, editor, decision in DEMO_FILINGS:
        catalog = Catalog.objects.filter(key=key).order_by("-version").first()
        if catalog is None or Filing.objects.filter(catalog__key=key).exists():
            continue
        filing = filing_submit(
            catalog=catalog, user=users.get(username=editor), reason="报送备案"
        )
        reviewer = users.get(username=REVIEWER)
        if decision == "accept":
            filing_accept(filing=filing, user=reviewer, comment="同意备案。")
        elif decision == "return":
            first = catalog.items.filter(level=2).order_by("position").first()
            filing_return(
                filing=filing,
                user=reviewer,
                comments=[
                    ItemComment("", "请补充本县地方性法规和政策文件。"),
                    ItemComment(
                        first.code or f"#{first.pk}",
                        "请写明具体的公开主体（县民政局或乡镇人民政府）。",
                    ),
                ],
                reason="退回修改",
            )
        made.append(filing)
    return made
