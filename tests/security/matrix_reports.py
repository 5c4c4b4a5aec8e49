"""The expected-access table for the annual report (/staff/reports/ and its public
pages), merged into matrix.py's tables.

Targets: "county" the report of the own county bureau 兰考县人社局 (published),
"township" the draft of 东坝头镇 (the township publisher's), "other" the draft
of 杞县人社局. A body's publishers and the reviewers whose reach covers it draft
and edit its report; only such a reviewer publishes it. On the public pages
"public" is the county's published report and "draft" the township's, which
nobody may see.
"""

from .matrix import ADMIN, EVERYONE, NOBODY, A, Entry, M, R, T, attr, per, pk, roles

TARGETS = ("county", "township", "other")
DRAFT = per(county=roles(R, A), township=roles(T, R, M, A), other=ADMIN)
PUBLISH = per(county=roles(R, A), township=roles(R, M, A), other=ADMIN)
ON = {t: {"pk": pk(f"annualreport.{t}")} for t in TARGETS}

REPORT_PAGES = {
    # Drafting for another body is refused by the form's choices.
    "annual:list": Entry(
        {"township": {}, "other": {}},
        roles(T, R, M, A),
        post=lambda world, target: {
            "organisation": world[f"org.{target}"].pk,
            "year": str(world["annualreport.county"].year - 1),
        },
        allow_post=per(township=roles(T, R, M, A), other=ADMIN),
        refused_by_form=True,
    ),
    "annual:detail": Entry(
        ON, DRAFT, post={"note": "授权矩阵更正"}, allow_post=PUBLISH
    ),
    "annual:edit": Entry(ON, DRAFT, post={"overview": "伪造"}),
    "annual:docx": Entry(ON, DRAFT),
    "annual:xlsx": Entry(ON, DRAFT),
}

YEAR = attr("annualreport.county", "year")
PUBLISHED = {
    "public": {"code": "410225", "body": "410225-hrss", "year": YEAR},
    "draft": {"code": "410225104", "body": "410225104-gov", "year": YEAR},
}
PUBLIC_REPORTS = {
    "public:annual-reports": Entry(
        {"public": {"code": "410225"}, "other": {"code": "410221"}}, EVERYONE
    ),
    **{
        f"public:{name}": Entry(PUBLISHED, per(public=EVERYONE, draft=NOBODY))
        for name in ("annual-report", "annual-report-docx", "annual-report-xlsx")
    },
}
