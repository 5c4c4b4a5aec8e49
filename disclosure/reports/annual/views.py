"""Staff pages of the annual report: the list and a new draft, the draft with its
check, the edit form, publishing, and the draft's files. Reports are reached
through ``selectors.reports_for`` (404 outside it); every write is a service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from portal.audit import last_history_id

from ...views import StaffMixin, add_errors
from . import files, services
from .checks import check_content
from .figures import counted_cells, report_content
from .forms import DraftForm, PublishForm, ReportForm
from .selectors import drafting_organisations, may_publish_report, reports_for
from .tables import laid_out


class ReportMixin(StaffMixin):
    def report(self, pk):
        return get_object_or_404(reports_for(self.request.user), pk=pk)


class ReportListView(ReportMixin, TemplateView):
    template_name = "disclosure/annual/list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.organisations = drafting_organisations(request.user)
            if not self.organisations.exists():
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self):
        return DraftForm(
            self.request.POST or None,
            organisations=self.organisations,
            initial={"year": timezone.localdate().year - 1},
        )

    def get_context_data(self, **kwargs):
        reports = (
            reports_for(self.request.user)
            .prefetch_related("versions")
            .order_by("-year", "organisation__name")
        )
        return super().get_context_data(
            reports=reports, form=kwargs.pop("form", None) or self.form(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = self.form()
        if form.is_valid():
            try:
                report = services.annual_report_create(
                    organisation=form.cleaned_data["organisation"],
                    year=form.cleaned_data["year"],
                    user=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The draft was generated from the record."))
                return redirect("annual:detail", pk=report.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ReportDetailView(ReportMixin, TemplateView):
    template_name = "disclosure/annual/detail.html"

    def get_context_data(self, **kwargs):
        report = self.report(kwargs["pk"])
        content = report_content(report)
        versions = list(report.versions.order_by("-number"))
        return super().get_context_data(
            report=report,
            shown=laid_out(content, public=False),
            problems=check_content(content),
            versions=versions,
            may_publish=may_publish_report(self.request.user, report),
            publish_form=kwargs.pop("publish_form", None) or PublishForm(),
            **kwargs,
        )

    def post(self, request, pk):
        report = self.report(pk)
        if not may_publish_report(request.user, report):
            raise PermissionDenied
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                version = services.annual_report_publish(
                    report=report, user=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Version %(number)s of the report is public.")
                    % {"number": version.number},
                )
                return redirect("annual:detail", pk=report.pk)
        return self.render_to_response(self.get_context_data(pk=pk, publish_form=form))


class ReportEditView(ReportMixin, TemplateView):
    template_name = "disclosure/annual/edit.html"

    def form(self, report):
        counted = counted_cells(
            organisation_id=report.organisation_id, year=report.year
        )
        return ReportForm(
            self.request.POST or None,
            report=report,
            counted=counted,
            seen=last_history_id(report),
        )

    def get_context_data(self, **kwargs):
        report = self.report(kwargs["pk"])
        form = kwargs.pop("form", None) or self.form(report)
        return super().get_context_data(report=report, form=form, **kwargs)

    def post(self, request, pk):
        report = self.report(pk)
        form = self.form(report)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.annual_report_update(
                    report=report,
                    user=request.user,
                    texts={
                        name: data[name]
                        for name in ("overview", "problems", "other_matters")
                    },
                    entered={
                        key: data[key] for key in form.fields if key[:2] in ("2.", "4.")
                    },
                    seen_history_id=data["seen_history_id"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The report was saved."))
                return redirect("annual:detail", pk=report.pk)
        return self.render_to_response(self.get_context_data(pk=pk, form=form))


class DraftFileView(ReportMixin, View):
    """The draft as it reads now, as .docx or .xlsx (texts unmasked: staff only)."""

    def get(self, request, pk, extension):
        content = report_content(self.report(pk))
        if extension == "docx":
            body, kind = files.docx_bytes(content, public=False), files.DOCX
        else:
            body, kind = files.xlsx_bytes(content, public=False), files.XLSX
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = content_disposition_header(
            True, files.filename(content, extension)
        )
        return response
