"""The quarterly progress report for provincial reviewers: a page and a workbook."""

import io

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from catalogs.filings.selectors import reviewer_provinces

from .progress import Quarter, column_labels, progress_report, progress_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_YEAR = 2020  # Henan asks for the reports from the second quarter of 2020


def chosen_quarter(query, today) -> Quarter:
    """``?year=&quarter=`` when they name a quarter that has begun, else today's."""
    current = Quarter.of(today)
    try:
        quarter = Quarter(int(query.get("year", "")), int(query.get("quarter", "")))
    except ValueError:
        return current
    if not (1 <= quarter.number <= 4 and FIRST_YEAR <= quarter.year):
        return current
    if quarter.first_day > today:
        return current
    return quarter


class ProgressReportView(LoginRequiredMixin, TemplateView):
    template_name = "disclosure/progress/report.html"

    def setup_report(self):
        user = self.request.user
        if not user.has_perm("catalogs.review_filing"):
            raise PermissionDenied
        provinces = reviewer_provinces(user)
        wanted = self.request.GET.get("province", "")
        province = (provinces.filter(code=wanted) if wanted else provinces).first()
        if province is None:
            raise PermissionDenied
        today = timezone.localdate()
        quarter = chosen_quarter(self.request.GET, today)
        rows = progress_report(province=province, quarter=quarter, today=today)
        return provinces, province, quarter, today, rows

    def get(self, request, *args, **kwargs):
        provinces, province, quarter, today, rows = self.setup_report()
        if request.GET.get("format") == "xlsx":
            stream = io.BytesIO()
            progress_workbook(
                rows, province=province, quarter=quarter, today=today
            ).save(stream)
            response = HttpResponse(stream.getvalue(), content_type=XLSX)
            name = f"progress-{province.code}-{quarter.year}Q{quarter.number}.xlsx"
            response["Content-Disposition"] = content_disposition_header(True, name)
            return response
        context = self.get_context_data(
            provinces=provinces,
            province=province,
            quarter=quarter,
            years=range(today.year, FIRST_YEAR - 1, -1),
            numbers=range(1, 5),
            rows=rows,
            labels=column_labels(),
            totals={
                "compiled": sum(1 for row in rows if row.compiled),
                "filed": sum(1 for row in rows if row.filed),
                "published": sum(row.published for row in rows),
                "on_time": sum(row.on_time for row in rows),
                "overdue": sum(row.overdue for row in rows),
                "provisional": sum(row.provisional for row in rows),
            },
            title=_("Quarterly progress"),
        )
        return self.render_to_response(context)
