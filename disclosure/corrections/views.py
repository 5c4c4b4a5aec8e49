"""Staff pages for changes after publication: correct the text, mask personal
information. Each writes a public correction log entry (``services``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from ..forms import ReasonForm
from ..selectors import may_manage
from ..views import add_errors
from ..workflow import PublicationActionMixin
from .services import publication_correct, publication_mask_published

PUBLIC_REASON = gettext_lazy(
    "Shown to the public in the correction log; say why, not what was removed."
)


class CorrectForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"), max_length=300)
    body = forms.CharField(
        label=gettext_lazy("text"), required=False, widget=forms.Textarea
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PUBLIC_REASON,
    )


class PublicReasonForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = PUBLIC_REASON


class _AfterPublicationView(PublicationActionMixin, FormView):
    template_name = "disclosure/transition_form.html"

    def allowed(self, publication):
        return may_manage(self.request.user, publication)


class CorrectView(_AfterPublicationView):
    form_class = CorrectForm
    extra_context = {"action_title": gettext_lazy("Correct the published text")}

    def get_initial(self):
        return {"title": self.object.title, "body": self.object.body}

    def form_valid(self, form):
        try:
            publication_correct(
                publication=self.object, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The text was corrected; the correction log says so.")
        )
        return redirect(self.object)


class MaskPublishedView(_AfterPublicationView):
    form_class = PublicReasonForm
    extra_context = {
        "action_title": gettext_lazy("Mask personal information after publication")
    }

    def form_valid(self, form):
        try:
            masked = publication_mask_published(
                publication=self.object,
                user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s personal number(s) were masked; the correction log says so.")
            % {"count": len(masked)},
        )
        return redirect(self.object)
