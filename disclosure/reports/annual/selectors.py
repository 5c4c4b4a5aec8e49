"""Reads of the annual report: whose reports a user drafts and publishes, and
what the public may see (published versions only)."""

from django.db.models import QuerySet

from portal.models import Organisation, Role
from portal.selectors import organisations_for

from ...models import AnnualReport, AnnualReportVersion

DRAFTING_ROLES = {Role.PUBLISHER, Role.REVIEWER}


def drafting_organisations(user) -> QuerySet[Organisation]:
    """Bodies whose report ``user`` drafts: a publisher's own, a reviewer's reach."""
    if not user.has_perm("disclosure.change_annualreport"):
        return Organisation.objects.none()
    return organisations_for(user, roles=DRAFTING_ROLES)


def reports_for(user) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(
        organisation__in=drafting_organisations(user)
    ).select_related("organisation__region")


def may_publish_report(user, report: AnnualReport) -> bool:
    """The head of the disclosure office: a reviewer whose reach covers the body."""
    return (
        user.has_perm("disclosure.add_annualreportversion")
        and organisations_for(user, roles={Role.REVIEWER})
        .filter(pk=report.organisation_id)
        .exists()
    )


def published_versions(*, region_code: str) -> QuerySet[AnnualReportVersion]:
    """Every published version of the reports of bodies at the place, newest first."""
    return (
        AnnualReportVersion.objects.filter(
            report__organisation__region__code=region_code
        )
        .select_related("report__organisation__region")
        .order_by("report__organisation__name", "-report__year", "-number")
    )


def published_report(
    *, region_code: str, body: str, year: int
) -> list[AnnualReportVersion]:
    """The versions of one body's report for ``year``, newest first (empty when
    it was never published)."""
    return list(
        AnnualReportVersion.objects.filter(
            report__organisation__code=body,
            report__organisation__region__code=region_code,
            report__year=year,
        )
        .select_related("report__organisation__region", "report")
        .order_by("-number")
    )
