"""Staff pages of participation: the consultations of the bodies one runs,
creating and editing one, moderating its comments, recording the adoption
feedback and the summary; and the public's say as counts per month.

Every page reaches consultations through ``selectors.consultations_for`` (404
outside it) and every write through its service.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from ..models import CommentStatus, Consultation
from ..public.rules import public_publications
from ..views import StaffMixin, add_errors
from . import forms, selectors, services

COMMENT_TABS = {
    "pending": gettext_lazy("Awaiting moderation"),
    "published": gettext_lazy("Published"),
    "rejected": gettext_lazy("Not published"),
    "all": gettext_lazy("All"),
}


class ParticipationMixin(StaffMixin):
    permission = "disclosure.view_consultation"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def consultation(self) -> Consultation:
        if not hasattr(self, "_consultation"):
            self._consultation = get_object_or_404(
                selectors.consultations_for(self.request.user), pk=self.kwargs["pk"]
            )
        return self._consultation


class ConsultationListView(ParticipationMixin, ListView):
    template_name = "disclosure/participation/list.html"
    context_object_name = "rows"
    paginate_by = 50

    def get_queryset(self):
        return selectors.consultations_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        for row in context["rows"]:
            row.open_now = services.is_open(row, now=now)
            row.last_day = services.last_day(row)
        context["may_create"] = self.request.user.has_perm(
            "disclosure.add_consultation"
        )
        return context


class ConsultationFormView(ParticipationMixin, FormView):
    template_name = "disclosure/participation/form.html"
    form_class = forms.ConsultationForm
    permission = "disclosure.add_consultation"

    def editing(self) -> Consultation | None:
        return self.consultation() if "pk" in self.kwargs else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = selectors.managing_organisations(self.request.user)
        found = self.editing()
        if found is not None and not self.request.method == "POST":
            kwargs["initial"] = {
                "organisation": found.organisation_id,
                "title": found.title,
                "draft_text": found.draft_text,
                "interpretation_text": found.interpretation_text,
                "opens_on": found.opens_at.astimezone(services.server_zone()).date(),
                "closes_on": services.last_day(found),
                "contact": found.contact,
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = self.editing()
        context["heading"] = (
            _("Edit the consultation") if found else _("New consultation")
        )
        context["back"] = (
            found.get_staff_url() if found else reverse("participation-staff:list")
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        found = self.editing()
        try:
            saved = services.consultation_save(
                user=self.request.user,
                data=data,
                organisation=data["organisation"],
                consultation=found,
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The consultation was saved."))
        return redirect(saved.get_staff_url())


class DetailView(ParticipationMixin, TemplateView):
    template_name = "disclosure/participation/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = self.consultation()
        tab = self.request.GET.get("tab", "pending")
        if tab not in COMMENT_TABS:
            tab = "pending"
        comments = found.comments.select_related("feedback").order_by(
            "submitted_at", "pk"
        )
        if tab != "all":
            comments = comments.filter(status=tab)
        page = Paginator(comments, 50).get_page(self.request.GET.get("page"))
        closed = services.is_closed(found)
        context.update(
            c=found,
            tab=tab,
            tabs=list(COMMENT_TABS.items()),
            page_obj=page,
            counts=selectors.comment_counts(found),
            open_now=services.is_open(found),
            closed=closed,
            last_day=services.last_day(found),
            may_change=self.request.user.has_perm("disclosure.change_consultation"),
            feedback=list(found.feedback.all()),
            moderate_form=forms.ModerateForm(),
        )
        return context


class PublishView(ParticipationMixin, View):
    permission = "disclosure.change_consultation"

    def post(self, request, pk):
        found = self.consultation()
        try:
            services.consultation_publish(user=request.user, consultation=found)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The consultation is published."))
        return redirect(found.get_staff_url())


class ModerateView(ParticipationMixin, FormView):
    template_name = "disclosure/participation/form.html"
    form_class = forms.ModerateForm
    permission = "disclosure.change_consultationcomment"

    def comment(self):
        return get_object_or_404(
            selectors.comments_for(self.request.user).filter(
                consultation=self.consultation()
            ),
            pk=self.kwargs["comment_pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=_("Moderate a comment"),
            quoted=self.comment().text,
            back=self.consultation().get_staff_url(),
        )
        return context

    def form_valid(self, form):
        comment = self.comment()
        try:
            services.comment_moderate(
                user=self.request.user,
                comment=comment,
                publish=form.cleaned_data["decision"] == "publish",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The moderation was recorded."))
        return redirect(self.consultation().get_staff_url())


class FeedbackView(ParticipationMixin, FormView):
    template_name = "disclosure/participation/form.html"
    form_class = forms.FeedbackForm
    permission = "disclosure.add_adoptionfeedback"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["comments"] = (
            self.consultation()
            .comments.filter(feedback__isnull=True)
            .exclude(status=CommentStatus.PENDING)
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=_("Record adoption feedback"),
            back=self.consultation().get_staff_url(),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.feedback_record(
                user=self.request.user,
                consultation=self.consultation(),
                comments=data["comments"],
                gist=data["gist"],
                verdict=data["verdict"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The adoption feedback was recorded."))
        return redirect(self.consultation().get_staff_url())


class SummaryView(ParticipationMixin, FormView):
    template_name = "disclosure/participation/form.html"
    form_class = forms.SummaryForm
    permission = "disclosure.change_consultation"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        found = self.consultation()
        kwargs["publications"] = (
            public_publications()
            .filter(organisation=found.organisation)
            .order_by("-published_at")
        )
        if self.request.method != "POST":
            kwargs["initial"] = {
                "summary": found.feedback_summary,
                "final_publication": found.final_publication_id,
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=_("Publish the adoption feedback"),
            back=self.consultation().get_staff_url(),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.feedback_publish(
                user=self.request.user,
                consultation=self.consultation(),
                summary=data["summary"],
                final_publication=data["final_publication"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The adoption feedback is published."))
        return redirect(self.consultation().get_staff_url())


class SayView(StaffMixin, TemplateView):
    """The public's say on disclosure: answers per body and month (12 months)."""

    template_name = "disclosure/participation/say.html"

    def get_context_data(self, **kwargs):
        if not self.request.user.has_perm("disclosure.view_disclosuresay"):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        since = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
        rows = selectors.say_trends(
            selectors.say_organisations(self.request.user), since=since
        )
        for row in rows:
            n = row["answers"] or 1
            for key in ("timely", "complete", "convenient"):
                row[f"{key}_share"] = round(100 * row[key] / n)
        context.update(rows=rows, since=since)
        return context
