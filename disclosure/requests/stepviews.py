"""The steps on a request as staff pages: one form each, then its service.

Each step's form errors (and the service's refusals) come back on the form; the
request is reached through ``requests_for`` and the step allowed by
``may_handle`` (the extension decision by ``may_approve_extension``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from portal.models import Organisation

from ..models import RequestChallenge, RequestConsultation, RequestFile
from ..selectors import negative_list_for
from ..views import add_errors
from . import forms, periods, replies, services
from .selectors import catalog_items_for, may_approve_extension, may_handle
from .views import RequestsMixin


class StepView(RequestsMixin, FormView):
    """One step on a request: a form, then its service; errors on the form."""

    template_name = "disclosure/requests/step.html"
    title = ""
    success = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.information_request(kwargs["pk"])
        if not self.allowed(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def allowed(self, user, r) -> bool:
        return may_handle(user, r)

    def get_initial(self):
        return {"on": timezone.localdate(), "received_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            r=self.object, title=self.title, **self.extra(), **kwargs
        )

    def extra(self) -> dict:
        return {}

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success)
        return redirect(self.object)

    def perform(self, data):  # pragma: no cover - every step overrides it
        raise NotImplementedError


def step(form_class, title, success, perform, *, allowed=None, form_kwargs=None):
    """A StepView for one service: ``perform(view, data)`` calls it."""
    attrs = {
        "form_class": form_class,
        "title": title,
        "success": success,
        "perform": lambda self, data: perform(self, data),
    }
    if allowed is not None:
        attrs["allowed"] = lambda self, user, r: allowed(user, r)
    if form_kwargs is not None:
        attrs["get_form_kwargs"] = lambda self: {
            **FormView.get_form_kwargs(self),
            **form_kwargs(self),
        }
    return type("Step", (StepView,), attrs)


def _user(view):
    return view.request.user


ConfirmView = step(
    forms.ConfirmForm,
    gettext_lazy("Confirm receipt"),
    gettext_lazy("Receipt confirmed; the reply period runs."),
    lambda v, d: services.request_confirm(
        request=v.object, user=_user(v), received_on=d["received_on"]
    ),
)
TransferView = step(
    forms.TransferForm,
    gettext_lazy("Transfer to another body"),
    gettext_lazy("The request was transferred."),
    lambda v, d: services.request_transfer(
        request=v.object, user=_user(v), to=d["to"], reason=d["reason"]
    ),
    form_kwargs=lambda v: {
        "organisations": Organisation.objects.exclude(
            pk=v.object.organisation_id
        ).select_related("region")
    },
)
CorrectionView = step(
    forms.CorrectionForm,
    gettext_lazy("Send a correction notice (补正)"),
    gettext_lazy("The correction notice was recorded; the clock stops."),
    lambda v, d: periods.request_send_correction(
        request=v.object, user=_user(v), text=d["text"], days=d["days"], on=d["on"]
    ),
)
CorrectionReceivedView = step(
    forms.CorrectionReceivedForm,
    gettext_lazy("Corrected application received"),
    gettext_lazy("The reply period now counts from the corrected application."),
    lambda v, d: periods.request_receive_correction(
        request=v.object, user=_user(v), on=d["on"], corrected=d["corrected"]
    ),
)
LapseView = step(
    forms.DateForm,
    gettext_lazy("Not corrected in time: treated as withdrawn"),
    gettext_lazy("The application is treated as withdrawn (Art. 30)."),
    lambda v, d: periods.request_lapse(request=v.object, user=_user(v), on=d["on"]),
)
ConsultView = step(
    forms.ConsultForm,
    gettext_lazy("Consult a third party or another body"),
    gettext_lazy("The consultation was recorded; the clock pauses."),
    lambda v, d: periods.request_consult(
        request=v.object, user=_user(v), kind=d["kind"], party=d["party"], on=d["on"]
    ),
)
ExtensionView = step(
    forms.ExtensionForm,
    gettext_lazy("Ask for an extension"),
    gettext_lazy("The extension waits for the approval of the head of the office."),
    lambda v, d: periods.request_ask_extension(
        request=v.object, user=_user(v), days=d["days"], reason=d["reason"], on=d["on"]
    ),
)
ReplyView = step(
    forms.ReplyForm,
    gettext_lazy("Reply"),
    gettext_lazy("The reply was recorded; the letter can be printed and downloaded."),
    lambda v, d: replies.request_reply(
        request=v.object,
        user=_user(v),
        reply_type=d["reply_type"],
        reason=d["reason"],
        text=d["text"],
        basis=d["basis"],
        negative_list_entry=d["negative_list_entry"],
        on=d["on"],
    ),
    form_kwargs=lambda v: {"negative_list": negative_list_for(v.object.organisation)},
)
DeliverView = step(
    forms.DeliverForm,
    gettext_lazy("Record delivery"),
    gettext_lazy("The delivery was recorded."),
    lambda v, d: replies.request_deliver(
        request=v.object,
        user=_user(v),
        method=d["method"],
        on=d["on"],
        tracking_number=d["tracking_number"],
    ),
)
CloseView = step(
    forms.DateForm,
    gettext_lazy("Close the request"),
    gettext_lazy("The request was closed."),
    lambda v, d: replies.request_close(request=v.object, user=_user(v), on=d["on"]),
)
ArchiveView = step(
    forms.DateForm,
    gettext_lazy("Archive the request"),
    gettext_lazy("The request was archived."),
    lambda v, d: replies.request_archive(request=v.object, user=_user(v), on=d["on"]),
)
ItemView = step(
    forms.ItemForm,
    gettext_lazy("Note the catalog item"),
    gettext_lazy("The catalog item was noted."),
    lambda v, d: services.request_set_item(
        request=v.object, user=_user(v), item=d["item"]
    ),
    form_kwargs=lambda v: {"items": catalog_items_for(v.object.organisation)},
)
ChallengeView = step(
    forms.ChallengeForm,
    gettext_lazy("Record an administrative review or lawsuit"),
    gettext_lazy("The review or lawsuit was recorded."),
    lambda v, d: replies.challenge_record(
        request=v.object,
        user=_user(v),
        kind=d["kind"],
        filed_on=d["filed_on"],
        authority=d["authority"],
        note=d["note"],
    ),
)


def _decide_extension(view, data):
    approve = data["decision"] == "approve"
    periods.request_decide_extension(
        request=view.object,
        user=_user(view),
        approve=approve,
        on=data["on"],
        reason=data["reason"],
    )


ExtensionDecisionView = step(
    forms.ExtensionDecisionForm,
    gettext_lazy("Approve or refuse the extension"),
    gettext_lazy("The decision on the extension was recorded."),
    _decide_extension,
    allowed=may_approve_extension,
)


class AnswerView(StepView):
    form_class = forms.AnswerForm
    title = gettext_lazy("Record the consulted party's answer")
    success = gettext_lazy("The answer was recorded; the clock runs again.")

    def extra(self):
        self.consultation = get_object_or_404(
            RequestConsultation, pk=self.kwargs["consultation_pk"], request=self.object
        )
        return {"consultation": self.consultation}

    def perform(self, data):
        self.extra()
        periods.request_consultation_answered(
            consultation=self.consultation,
            user=self.request.user,
            on=data["on"],
            opinion=data["opinion"],
            note=data["note"],
        )


class ChallengeDecisionView(StepView):
    form_class = forms.ChallengeDecisionForm
    title = gettext_lazy("Record the outcome")
    success = gettext_lazy("The outcome was recorded.")

    def get_initial(self):
        return {"decided_on": timezone.localdate()}

    def perform(self, data):
        challenge = get_object_or_404(
            RequestChallenge, pk=self.kwargs["challenge_pk"], request=self.object
        )
        replies.challenge_decide(
            challenge=challenge,
            user=self.request.user,
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            note=data["note"],
        )


class FileAddView(StepView):
    form_class = forms.FileForm
    title = gettext_lazy("Add a file for the applicant")
    success = gettext_lazy("The file was added.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("initial", None)
        return kwargs

    def perform(self, data):
        try:
            replies.request_add_file(
                request=self.object, user=self.request.user, upload=data["file"]
            )
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error


class FileDownloadView(RequestsMixin, View):
    def get(self, request, pk, file_pk):
        record = get_object_or_404(
            RequestFile, pk=file_pk, request=self.information_request(pk)
        )
        return FileResponse(
            record.file.open("rb"), as_attachment=True, filename=record.name
        )


class FileRemoveView(RequestsMixin, View):
    def post(self, request, pk, file_pk):
        r = self.information_request(pk)
        if not may_handle(request.user, r):
            raise PermissionDenied
        record = get_object_or_404(RequestFile, pk=file_pk, request=r)
        try:
            replies.request_remove_file(record=record, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The file was removed."))
        return redirect(r)
