"""The timeliness page for provincial reviewers and county heads: a region (its
regions or bodies one level down, its domains), a body (its domains), and the
same figures as a workbook. Charts are drawn by ECharts from ``json_script``
data; every chart has its table under it."""

import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from portal.models import Region, RegionLevel
from portal.selectors import organisations_for

from ...views import StaffMixin
from .selectors import SUPERVISING_ROLES, Period, Supervisor, body_page, region_page
from .tables import (
    INTERPRETATION_COLUMNS,
    PUBLICATION_COLUMNS,
    REQUEST_COLUMNS,
    chart,
    timeliness_workbook,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_YEAR = 2020
UNIT_LABELS = {
    RegionLevel.PROVINCE: gettext_lazy("City"),
    RegionLevel.CITY: gettext_lazy("County"),
}


def chosen_period(query, today) -> Period:
    """``?year=&quarter=`` (quarter 0 or absent: the whole year), else this quarter."""
    try:
        year = int(query.get("year", ""))
    except ValueError:
        return Period(today.year, (today.month - 1) // 3 + 1)
    year = min(max(year, FIRST_YEAR), today.year)
    try:
        quarter = int(query.get("quarter", "0"))
    except ValueError:
        quarter = 0
    return Period(year, quarter if 1 <= quarter <= 4 else None)


def period_label(period: Period) -> str:
    if period.quarter is None:
        return _("%(year)s, the whole year") % {"year": period.year}
    return _("Q%(number)s %(year)s") % {"number": period.quarter, "year": period.year}


class SupervisorMixin(StaffMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.supervisor = Supervisor.of(request.user)
            if not (self.supervisor.admin or self.supervisor.memberships):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TimelinessIndexView(SupervisorMixin, View):
    """Opens on the first region the user supervises."""

    def get(self, request):
        region = self.supervisor.regions().first()
        return redirect("timeliness:region", code=region.code)


class TimelinessMixin(SupervisorMixin):
    template_name = "disclosure/timeliness/page.html"

    def respond(self, *, page, heading, trail, unit_label, file_name):
        today = timezone.localdate()
        period = self.period
        label = period_label(period)
        if self.request.GET.get("format") == "xlsx":
            stream = io.BytesIO()
            timeliness_workbook(
                page, title=heading, period_label=label, unit_label=unit_label
            ).save(stream)
            response = HttpResponse(stream.getvalue(), content_type=XLSX)
            name = f"timeliness-{file_name}-{period.year}"
            name += f"Q{period.quarter}.xlsx" if period.quarter else ".xlsx"
            response["Content-Disposition"] = content_disposition_header(True, name)
            return response
        published = ("on_time", "late", "overdue")
        answered = ("answered_in_time", "answered_late", "requests_overdue")
        charts = []
        if page.units:
            charts.append(
                chart(
                    page.units,
                    names=published,
                    chart_id="chart-units-publications",
                    title=_("Publications due, by %(unit)s") % {"unit": unit_label},
                )
            )
            charts.append(
                chart(
                    page.units,
                    names=answered,
                    chart_id="chart-units-requests",
                    title=_("Requests received, by %(unit)s") % {"unit": unit_label},
                )
            )
        charts.append(
            chart(
                page.domains,
                names=published,
                chart_id="chart-domains-publications",
                title=_("Publications due, by domain"),
            )
        )
        context = self.get_context_data(
            page=page,
            heading=heading,
            trail=trail,
            unit_label=unit_label,
            period=period,
            period_text=label,
            years=range(today.year, FIRST_YEAR - 1, -1),
            quarters=range(1, 5),
            groups=(
                (_("Publications"), PUBLICATION_COLUMNS),
                (_("Requests"), REQUEST_COLUMNS),
                (_("Interpretations"), INTERPRETATION_COLUMNS),
            ),
            columns=PUBLICATION_COLUMNS + REQUEST_COLUMNS + INTERPRETATION_COLUMNS,
            charts=charts,
            query=self.request.GET.urlencode(),
        )
        return self.render_to_response(context)

    def setup_period(self):
        self.period = chosen_period(self.request.GET, timezone.localdate())

    def trail_to(self, code: str) -> list[tuple[str, str]]:
        """The regions from the user's highest supervised one down to ``code``."""
        prefixes = [code[:n] for n in (2, 4, 6, 9, 12) if n <= len(code)]
        regions = Region.objects.filter(code__in=prefixes).order_by("code")
        return [
            (r.name, reverse("timeliness:region", kwargs={"code": r.code}))
            for r in regions
            if self.supervisor.reaches(r.code)
        ]


class RegionTimelinessView(TimelinessMixin, TemplateView):
    def get(self, request, code):
        region = get_object_or_404(Region, code=code)
        if not self.supervisor.reaches(region.code):
            raise Http404
        self.setup_period()
        page = region_page(
            self.supervisor, region, period=self.period, today=timezone.localdate()
        )
        for row in page.units:
            name = "timeliness:body" if page.units_are_bodies else "timeliness:region"
            row.url = reverse(name, kwargs={"code": row.code})
        return self.respond(
            page=page,
            heading=_("%(region)s: timeliness of disclosure") % {"region": region.name},
            trail=self.trail_to(region.code)[:-1],
            unit_label=str(UNIT_LABELS.get(region.level, _("Body"))),
            file_name=region.code,
        )


class BodyTimelinessView(TimelinessMixin, TemplateView):
    def get(self, request, code):
        body = get_object_or_404(
            organisations_for(request.user, roles=SUPERVISING_ROLES).select_related(
                "region"
            ),
            code=code,
        )
        self.setup_period()
        page = body_page(
            self.supervisor, body, period=self.period, today=timezone.localdate()
        )
        return self.respond(
            page=page,
            heading=_("%(body)s: timeliness of disclosure") % {"body": body.name},
            trail=self.trail_to(body.region.code),
            unit_label=_("Body"),
            file_name=body.code,
        )
