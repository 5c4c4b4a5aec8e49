"""Staff pages for drafting: the dashboard, the publication list, drafts and attachments."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from portal.audit import last_history_id
from portal.calendar.database import ensure_covered
from portal.calendar.selectors import calendar_reminders
from portal.pagination import EstimatedCountPaginator
from portal.selectors import is_site_admin, organisations_for

from .concerns.selectors import OVERDUE_SHOWN, concern_organisations, overdue_concerns
from .deadlines import DUE_SOON_WORKING_DAYS, due_rule_text, interpretation_lateness
from .duedates.selectors import NOTICES_SHOWN, dismissable_notices, open_notices
from .forms import AttachmentForm, PublicationForm
from .models import Attachment, PublicationStatus
from .personaldata import personal_data_report
from .requests.selectors import (
    handling_organisations,
    overdue_days,
    request_due_lists,
)
from .reviews import is_reviewer
from .selectors import (
    DUE_ROWS_SHOWN,
    current_row,
    dashboard_organisations,
    due_lists,
    items_without_publications,
    latest_review,
    may_manage,
    may_publish_for,
    publication_scope,
    publications_due,
    publications_for,
    publishing_organisations,
    recently_withdrawn,
    review_queue,
)
from .services import (
    EDITABLE_FIELDS,
    publication_attach,
    publication_create,
    publication_detach,
    publication_update,
)

MISSING_ITEMS_SHOWN = 50
COVERED_AHEAD_DAYS = 31  # more than DUE_SOON_WORKING_DAYS can span, holidays included
DUE_FILTERS = ("overdue", "soon")


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class StaffMixin(LoginRequiredMixin):
    """Signed-in staff only; the rows they reach come from the selectors."""

    def publication(self, pk):
        return get_object_or_404(publications_for(self.request.user), pk=pk)


class DashboardIndexView(StaffMixin, ListView):
    template_name = "disclosure/dashboard_index.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        if not user.has_perm("disclosure.view_publication"):
            raise PermissionDenied
        if is_site_admin(user):
            return organisations_for(user)
        return organisations_for(user).filter(memberships__user=user).distinct()

    def get(self, request, *args, **kwargs):
        organisations = list(self.get_queryset()[:2])
        if len(organisations) == 1:
            return redirect("disclosure:dashboard", code=organisations[0].code)
        return super().get(request, *args, **kwargs)


class DashboardView(StaffMixin, TemplateView):
    template_name = "disclosure/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not user.has_perm("disclosure.view_publication"):
            raise PermissionDenied
        organisation = get_object_or_404(
            organisations_for(user).select_related("region"), code=kwargs["code"]
        )
        today = timezone.localdate()
        # The due-soon window reads the calendar in SQL: have it hold the weeks ahead.
        covered = ensure_covered(today + timedelta(days=COVERED_AHEAD_DAYS))
        scope = dashboard_organisations(user, organisation)
        reach = publication_scope(user)
        notices = list(open_notices(organisations=scope)[:NOTICES_SHOWN])
        due = due_lists(
            organisations=scope, today=today, shown=DUE_ROWS_SHOWN, reach=reach
        )
        for p in due.overdue:
            if p.working_days_left is not None:
                p.days_overdue = max(0, -p.working_days_left)
        missing = items_without_publications(organisation)
        # A province's queue and withdrawals are thousands: the first ones, counted.
        queue, queue_count = _first_rows(review_queue(organisations=scope, reach=reach))
        withdrawn, withdrawn_count = _first_rows(
            recently_withdrawn(organisations=scope, today=today, reach=reach)
        )
        return super().get_context_data(
            **_request_lists(user, scope, today),
            **_concern_lists(user, scope),
            organisation=organisation,
            today=today,
            within=DUE_SOON_WORKING_DAYS,
            calendar_covered=covered,
            calendar_reminders=calendar_reminders(user, today),
            notices=notices,
            dismissable=dismissable_notices(user, notices),
            overdue=due.overdue,
            due_soon=due.due_soon,
            overdue_count=due.overdue_count,
            due_soon_count=due.due_soon_count,
            missing_items=list(missing[:MISSING_ITEMS_SHOWN]),
            missing_count=missing.count(),
            review_queue=queue,
            review_count=queue_count,
            withdrawn=withdrawn,
            withdrawn_count=withdrawn_count,
            may_create=publishing_organisations(user)
            .filter(pk=organisation.pk)
            .exists(),
            **kwargs,
        )


def _first_rows(qs) -> tuple[list, int]:
    """The first DUE_ROWS_SHOWN rows of ``qs`` and how many there are (counted
    only when there are more)."""
    rows = list(qs[:DUE_ROWS_SHOWN])
    return rows, len(rows) if len(rows) < DUE_ROWS_SHOWN else qs.count()


def _concern_lists(user, scope) -> dict:
    """The overdue public concerns in the dashboard's scope, for those who answer them."""
    if not user.has_perm("disclosure.view_concern"):
        return {"concerns_shown": False}
    reach = scope.filter(pk__in=concern_organisations(user).values("pk"))
    return {
        "concerns_shown": True,
        "overdue_concerns": list(overdue_concerns(organisations=reach)[:OVERDUE_SHOWN]),
    }


def _request_lists(user, scope, today) -> dict:
    """The information requests due soon and overdue in the dashboard's scope,
    from one query, for those who handle requests."""
    if not user.has_perm("disclosure.view_informationrequest"):
        return {"requests_shown": False}
    due = request_due_lists(
        organisations=scope.filter(pk__in=handling_organisations(user).values("pk")),
        today=today,
    )
    overdue_days(due.overdue)
    return {"requests_shown": True, "requests_due": due}


class PublicationListView(StaffMixin, ListView):
    """Every publication the user may read, newest first, or a dashboard's full list.

    ``?due=overdue`` or ``?due=soon`` lists the rows of ``publications_due``, most
    urgent first; with ``&organisation=<code>`` over that organisation's dashboard
    scope (``dashboard_organisations``), else over every organisation the user
    reaches. ``?status=`` narrows either.
    """

    template_name = "disclosure/publication_list.html"
    context_object_name = "publications"
    paginate_by = 50
    paginator_class = EstimatedCountPaginator  # a province's are a million

    def get_queryset(self):
        user = self.request.user
        if not user.has_perm("disclosure.view_publication"):
            raise PermissionDenied
        self.organisation = None
        self.due = self.request.GET.get("due", "")
        if self.due in DUE_FILTERS:
            code = self.request.GET.get("organisation")
            scope = organisations_for(user)
            if code:
                self.organisation = get_object_or_404(
                    scope.select_related("region"), code=code
                )
                scope = dashboard_organisations(user, self.organisation)
            qs = publications_due(
                organisations=scope,
                today=timezone.localdate(),
                reach=publication_scope(user),
            ).filter(overdue=self.due == "overdue")
        else:
            self.due = ""
            qs = publications_for(user).order_by("-updated_at", "-pk")
        status = self.request.GET.get("status")
        if status in PublicationStatus.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=PublicationStatus.choices,
            current_status=self.request.GET.get("status", ""),
            due=self.due,
            due_filters=DUE_FILTERS,
            due_organisation=self.organisation,
            within=DUE_SOON_WORKING_DAYS,
            **kwargs,
        )


class PublicationCreateView(StaffMixin, FormView):
    template_name = "disclosure/publication_form.html"
    form_class = PublicationForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (
            user.has_perm("disclosure.add_publication")
            and publishing_organisations(user).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        # ?item= from the "consider publishing proactively" notice of requests.
        return {
            "formed_on": timezone.localdate(),
            "item": self.request.GET.get("item") or None,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                publication = publication_create(
                    user=self.request.user,
                    organisation=data["organisation"],
                    item=data["item"],
                    kind=data["kind"],
                    title=data["title"],
                    body=data["body"],
                    formed_on=data["formed_on"],
                    written_on=data["written_on"],
                    document_number=data["document_number"],
                    topic=data["topic"],
                    reason=data["change_reason"],
                )
                if data.get("attachment"):
                    try:
                        publication_attach(
                            publication=publication,
                            user=self.request.user,
                            upload=data["attachment"],
                        )
                    except ValidationError as error:
                        raise ValidationError({"attachment": error.messages}) from error
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft was saved."))
        return redirect(publication)


class PublicationEditView(StaffMixin, FormView):
    template_name = "disclosure/publication_form.html"
    form_class = PublicationForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.publication(kwargs["pk"])
        if not may_publish_for(request.user, self.object.organisation):
            raise PermissionDenied
        if not self.object.is_editable:
            messages.error(request, _("Only drafts can be edited."))
            return redirect(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "publication": self.object,
        }

    def get_initial(self):
        p = self.object
        return {
            "organisation": p.organisation,
            "item": current_row(p.item),
            "kind": p.kind,
            "title": p.title,
            "body": p.body,
            "formed_on": p.formed_on,
            "written_on": p.written_on,
            "document_number": p.document_number,
            "topic": p.topic,
            "seen_history_id": last_history_id(p),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(publication=self.object, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        changes = {field: data[field] for field in EDITABLE_FIELDS}
        try:
            publication_update(
                publication=self.object,
                user=self.request.user,
                changes=changes,
                seen_history_id=data["seen_history_id"],
                reason=data["change_reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft was saved."))
        return redirect(self.object)


class PublicationDetailView(StaffMixin, DetailView):
    template_name = "disclosure/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return publications_for(self.request.user).select_related(
            "replaced_by", "interpretation_of", "negative_list_entry"
        )

    def get_context_data(self, **kwargs):
        p, user = self.object, self.request.user
        may_edit = p.is_editable and may_publish_for(user, p.organisation)
        history = p.history.select_related("history_user").order_by("-history_id")
        return super().get_context_data(
            attachments=list(p.attachments.all()),
            attachment_form=AttachmentForm() if may_edit else None,
            may_edit=may_edit,
            may_review=p.status == PublicationStatus.IN_REVIEW and is_reviewer(p, user),
            may_manage=p.status == PublicationStatus.PUBLISHED and may_manage(user, p),
            findings=personal_data_report(p).blocking if may_edit else [],
            due_rule=due_rule_text(p.item),
            review=latest_review(p),
            reviews=list(p.reviews.select_related("reviewer")),
            interpretations=list(p.interpretations.all()),
            lateness=interpretation_lateness(p),
            on_time=p.published_on_time,
            history=list(history[:30]),
            **kwargs,
        )


class AttachmentAddView(StaffMixin, View):
    def post(self, request, pk):
        publication = self.publication(pk)
        if not may_publish_for(request.user, publication.organisation):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            for error in form.errors.get("file", []):
                messages.error(request, error)
            return redirect(publication)
        try:
            attachment = publication_attach(
                publication=publication,
                user=request.user,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("“%(name)s” was attached.") % {"name": attachment.name}
            )
        return redirect(publication)


class AttachmentDownloadView(StaffMixin, View):
    def get(self, request, pk, attachment_pk):
        publication = self.publication(pk)
        attachment = get_object_or_404(
            Attachment, pk=attachment_pk, publication=publication
        )
        return FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.name
        )


class AttachmentRemoveView(StaffMixin, View):
    def post(self, request, pk, attachment_pk):
        publication = self.publication(pk)
        attachment = get_object_or_404(
            Attachment, pk=attachment_pk, publication=publication
        )
        try:
            publication_detach(attachment=attachment, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("“%(name)s” was removed.") % {"name": attachment.name}
            )
        return redirect(publication)
