"""Staff pages for public concerns: the list, recording one, answering it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from ..views import StaffMixin, add_errors
from .clocks import is_overdue, late_by
from .forms import ConcernForm, ConferenceForm, ResponseForm
from .selectors import concern_organisations, concerns_for
from .services import concern_hold_conference, concern_record, concern_respond


class ConcernListView(StaffMixin, ListView):
    template_name = "disclosure/concerns/list.html"
    context_object_name = "concerns"
    paginate_by = 50

    def get_queryset(self):
        if not self.request.user.has_perm("disclosure.view_concern"):
            raise PermissionDenied
        return concerns_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        for concern in context["concerns"]:
            concern.overdue = is_overdue(concern, now)
        context["may_record"] = concern_organisations(self.request.user).exists()
        return context


class ConcernCreateView(StaffMixin, FormView):
    template_name = "disclosure/concerns/form.html"
    form_class = ConcernForm

    def get_form_kwargs(self):
        organisations = concern_organisations(self.request.user)
        if not organisations.exists():
            raise PermissionDenied
        return {**super().get_form_kwargs(), "organisations": organisations}

    def form_valid(self, form):
        try:
            concern = concern_record(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The concern was recorded; the clock runs."))
        return redirect("disclosure:concern-detail", pk=concern.pk)


class ConcernDetailView(StaffMixin, DetailView):
    template_name = "disclosure/concerns/detail.html"
    context_object_name = "concern"

    def get_queryset(self):
        return concerns_for(self.request.user)

    def get_context_data(self, **kwargs):
        organisations = concern_organisations(self.request.user)
        concern = self.object
        return super().get_context_data(
            overdue=is_overdue(concern),
            late_by=late_by(concern),
            response_form=kwargs.pop("response_form", None)
            or ResponseForm(organisations=organisations),
            conference_form=kwargs.pop("conference_form", None) or ConferenceForm(),
            **kwargs,
        )


class _ConcernActionView(StaffMixin, DetailView):
    http_method_names = ["post"]
    template_name = "disclosure/concerns/detail.html"

    def get_queryset(self):
        return concerns_for(self.request.user)

    def post(self, request, *args, **kwargs):
        concern = self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        organisations = concern_organisations(request.user)
        if not organisations.filter(pk=concern.organisation_id).exists():
            raise PermissionDenied
        form = self.form(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                self.act(concern, form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, self.done)
                return redirect("disclosure:concern-detail", pk=concern.pk)
        view = ConcernDetailView(request=request, object=concern, kwargs=kwargs)
        context = view.get_context_data(**{self.form_name: form})
        return self.render_to_response(context)


class ConcernRespondView(_ConcernActionView):
    form_name = "response_form"
    done = _("The response was linked.")

    def form(self, data, *, organisations):
        return ResponseForm(data, organisations=organisations)

    def act(self, concern, data):
        concern_respond(
            concern=concern, user=self.request.user, publication=data["response"]
        )


class ConcernConferenceView(_ConcernActionView):
    form_name = "conference_form"
    done = _("The press conference was recorded.")

    def form(self, data, *, organisations):
        return ConferenceForm(data)

    def act(self, concern, data):
        concern_hold_conference(
            concern=concern,
            user=self.request.user,
            at=data["conference_at"],
            note=data["note"],
        )
