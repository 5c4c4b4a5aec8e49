"""Staff pages for filings: the queue, a filing and its review, filing a catalog
and the province overview (the downloads are in ``filingdownloads``).

Rows come from ``filingselectors`` (scoped through ``portal.selectors``); every
write goes through ``filingservices``, which checks who is acting again.
"""

import copy

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from ..local.validation import catalog_validate
from ..models import FilingStatus
from .exports import filing_identity, layout_table
from .forms import (
    AcceptForm,
    BundleForm,
    FileForm,
    ItemCommentFormSet,
    QueueFilterForm,
    ReturnForm,
)
from .selectors import (
    cities_of,
    fileable_catalogs,
    filing_queue,
    filing_rounds,
    filings_visible_to,
    may_file_for,
    may_review,
    province_overview,
    reviewer_provinces,
)
from .services import (
    FilingInvalidError,
    ItemComment,
    filing_accept,
    filing_record,
    filing_return,
    filing_submit,
)


class FilingMixin(LoginRequiredMixin):
    """Signed-in staff who may read filings; rows from ``filings_visible_to``."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (
            user.has_perm("catalogs.view_filing")
            or user.has_perm("catalogs.add_filing")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def filing(self, pk):
        return get_object_or_404(filings_visible_to(self.request.user), pk=pk)

    def province(self):
        """The province a reviewer works on: theirs, or ``?province=`` among theirs."""
        provinces = reviewer_provinces(self.request.user)
        wanted = self.request.GET.get("province", "")
        province = (provinces.filter(code=wanted) if wanted else provinces).first()
        if province is None:
            raise PermissionDenied
        return province


class QueueView(FilingMixin, ListView):
    template_name = "catalogs/filings/queue.html"
    context_object_name = "filings"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        provinces = reviewer_provinces(user)
        wanted = self.request.GET.get("province", "")
        self.current_province = (
            provinces.filter(code=wanted) if wanted else provinces
        ).first()
        cities = cities_of(self.current_province.code) if self.current_province else []
        self.form = QueueFilterForm(self.request.GET or None, cities=cities)
        filters = self.form.cleaned_data if self.form.is_valid() else {}
        return filing_queue(
            user,
            today=timezone.localdate(),
            province=self.current_province.code if self.current_province else "",
            city=filters.get("city", ""),
            domain=filters.get("domain", ""),
            status=filters.get("status", ""),
            overdue=filters.get("overdue", False),
            all_rounds=filters.get("all_rounds", False),
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            form=self.form,
            province=self.current_province,
            provinces=reviewer_provinces(user),
            may_file=user.has_perm("catalogs.add_filing"),
            query=_query_without_page(self.request),
            **kwargs,
        )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class FileListView(FilingMixin, ListView):
    """A county editor's local catalogs, each with the way to file it."""

    template_name = "catalogs/filings/file_list.html"
    context_object_name = "catalogs"

    def get_queryset(self):
        if not self.request.user.has_perm("catalogs.add_filing"):
            raise PermissionDenied
        return fileable_catalogs(self.request.user)


class FileView(FilingMixin, TemplateView):
    """Confirm filing one catalog: its findings first, the last round's comments."""

    template_name = "catalogs/filings/file.html"

    def catalog(self):
        return get_object_or_404(
            fileable_catalogs(self.request.user), pk=self.kwargs["catalog_pk"]
        )

    def get_context_data(self, **kwargs):
        catalog = kwargs.pop("catalog", None) or self.catalog()
        findings = catalog_validate(catalog)
        last = (
            filings_visible_to(self.request.user)
            .filter(organisation=catalog.organisation, domain=catalog.domain)
            .order_by("-round")
            .first()
        )
        return super().get_context_data(
            catalog=catalog,
            errors=[f for f in findings if f.is_error],
            warnings=[f for f in findings if not f.is_error],
            last=last,
            last_comments=list(last.comments.all()) if last else [],
            awaiting=last is not None and last.status == FilingStatus.SUBMITTED,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        catalog = self.catalog()
        form = FileForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return self.render_to_response(self.get_context_data(catalog=catalog))
        try:
            filing = filing_submit(
                catalog=catalog,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except FilingInvalidError as error:
            messages.error(request, error.messages[0])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Filed as %(reference)s; the provincial reviewer has been sent it.")
                % {"reference": filing.reference},
            )
            return redirect(filing)
        return self.render_to_response(self.get_context_data(catalog=catalog))


def table_with_comments(snapshot: dict, comments) -> dict:
    """The filed catalog's table, each row carrying the comments on its item."""
    by_item: dict[str, list] = {}
    for comment in comments:
        if comment.item_code:
            by_item.setdefault(comment.item_code, []).append(comment)
    table = layout_table(snapshot)
    for row in table["rows"]:
        row["comments"] = by_item.get(row["ref"], [])
    return table


def detail_context(request, filing, *, return_form=None, formset=None, accept=None):
    """What the filing page shows, with the review forms (bound after a failed POST)."""
    snapshot = filing.snapshot
    user = request.user
    comments = list(filing.comments.all())
    table = table_with_comments(snapshot, comments)
    rounds = list(filing_rounds(filing))
    reviewer = may_review(user, filing)
    refile = (
        filing.status == FilingStatus.RETURNED
        and rounds[0].pk == filing.pk
        and may_file_for(user, filing.organisation)
    )
    return {
        "filing": filing,
        "snapshot": snapshot,
        "identity": filing_identity(filing),
        "table": table,
        "comments": comments,
        "rounds": rounds,
        "comparison": _readable(snapshot.get("comparison")),
        "validation": snapshot.get("validation", {}),
        "may_review": reviewer and filing.status == FilingStatus.SUBMITTED,
        "may_record": reviewer and filing.status == FilingStatus.ACCEPTED,
        "refile_catalogs": list(
            fileable_catalogs(user).filter(
                organisation=filing.organisation, domain=filing.domain
            )
        )
        if refile
        else [],
        "return_form": return_form or ReturnForm(),
        "formset": formset
        or ItemCommentFormSet(prefix="items", form_kwargs={"items": snapshot["items"]}),
        "accept_form": accept or AcceptForm(),
    }


def shown(value) -> str:
    """A column's value as a reader writes it: lists joined, ticks as words."""
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, list | tuple):
        return "、".join(shown(v) for v in value)
    return str(value)


def _readable(comparison: dict | None) -> dict | None:
    if comparison is None:
        return None
    comparison = copy.deepcopy(comparison)  # the filing's own snapshot stays as filed
    for change in comparison.get("changed", []):
        for diff in change["differences"]:
            diff["old_text"], diff["new_text"] = shown(diff["old"]), shown(diff["new"])
    return comparison


class DetailView(FilingMixin, View):
    def get(self, request, pk):
        filing = self.filing(pk)
        context = detail_context(request, filing)
        return render(request, "catalogs/filings/detail.html", context)


class ReturnView(FilingMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        filing = self.filing(pk)
        form = ReturnForm(request.POST)
        formset = ItemCommentFormSet(
            request.POST,
            prefix="items",
            form_kwargs={"items": filing.snapshot["items"]},
        )
        if form.is_valid() and formset.is_valid():
            comments = [ItemComment("", form.cleaned_data["general"])] + [
                ItemComment(
                    f.cleaned_data.get("item_code") or "", f.cleaned_data["text"]
                )
                for f in formset.forms
                if f.cleaned_data.get("text")
            ]
            try:
                filing_return(filing=filing, user=request.user, comments=comments)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Filing %(reference)s was returned to the county for correction.")
                    % {"reference": filing.reference},
                )
                return redirect(filing)
        context = detail_context(request, filing, return_form=form, formset=formset)
        return render(request, "catalogs/filings/detail.html", context, status=400)


class AcceptView(FilingMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        filing = self.filing(pk)
        form = AcceptForm(request.POST)
        if form.is_valid():
            try:
                filing_accept(
                    filing=filing,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Filing %(reference)s was accepted for the record.")
                    % {"reference": filing.reference},
                )
                return redirect(filing)
        context = detail_context(request, filing, accept=form)
        return render(request, "catalogs/filings/detail.html", context, status=400)


class RecordView(FilingMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        filing = self.filing(pk)
        try:
            filing_record(filing=filing, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Filing %(reference)s is marked as recorded with the ministry.")
                % {"reference": filing.reference},
            )
        return redirect(filing)


class OverviewView(FilingMixin, TemplateView):
    template_name = "catalogs/filings/overview.html"

    def get_context_data(self, **kwargs):
        province = self.province()
        domains, rows = province_overview(province)
        totals = [
            {
                "domain": domain,
                "filed": sum(1 for row in rows if row.cells[i].filed),
                "accepted": sum(
                    1
                    for row in rows
                    if row.cells[i].filed
                    and row.cells[i].filing["status"]
                    in (FilingStatus.ACCEPTED, FilingStatus.RECORDED)
                ),
                "missing": sum(1 for row in rows if not row.cells[i].filed),
            }
            for i, domain in enumerate(domains)
        ]
        return super().get_context_data(
            province=province,
            provinces=reviewer_provinces(self.request.user),
            domains=domains,
            rows=rows,
            totals=totals,
            bundle_form=BundleForm(),
            **kwargs,
        )
