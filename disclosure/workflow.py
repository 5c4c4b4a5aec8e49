"""Staff pages for the transitions: submit, mask, review, withdraw, validity, links."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView

from .forms import (
    InterpretationForm,
    OptionalReasonForm,
    ReasonForm,
    ReleaseForm,
    ReleaseRequestForm,
    ReturnForm,
    ReviewForm,
    ValidityForm,
)
from .models import (
    Attribute,
    ComplianceReview,
    Decision,
    LegalOpinion,
    PublicationKind,
    PublicationStatus,
    Source,
)
from .personaldata import PersonalDataFound, personal_data_report
from .reviews import (
    FORM_FIELDS,
    check_reviewer,
    personal_data_release,
    review_approve,
    review_complete,
    review_return,
)
from .selectors import (
    may_manage,
    may_publish_for,
    negative_list_for,
    publications_for,
)
from .services import (
    interpretation_link,
    publication_mask_personal_data,
    publication_set_validity,
    publication_submit,
    publication_withdraw,
)
from .views import StaffMixin, add_errors


class PublicationActionMixin(StaffMixin):
    """Loads the publication in the user's scope and checks the action is theirs."""

    def allowed(self, publication) -> bool:
        return may_publish_for(self.request.user, publication.organisation)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.publication(kwargs["pk"])
        if not self.allowed(self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(publication=self.object, **kwargs)

    def get_success_url(self):
        return self.object.get_absolute_url()


class SubmitView(PublicationActionMixin, View):
    def post(self, request, pk):
        try:
            publication_submit(publication=self.object, user=request.user)
        except PersonalDataFound as error:
            messages.error(request, error.messages[0])
            return redirect("disclosure:publication-mask", pk=self.object.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The publication was sent for compliance review.")
            )
        return redirect(self.object)


class MaskView(PublicationActionMixin, FormView):
    """The masking offer: what was found, how it will look, and one button; for
    suspected ID numbers also the way to send them to the reviewer for release."""

    template_name = "disclosure/personal_data.html"
    form_class = OptionalReasonForm

    def get_context_data(self, **kwargs):
        report = personal_data_report(self.object)
        findings = report.findings
        suspected = [f for f in findings if f.finding.suspected and f.blocking]
        return super().get_context_data(
            findings=findings,
            maskable=[f for f in findings if f.maskable and f.blocking],
            unmaskable=[f for f in findings if not f.maskable and f.blocking],
            suspected=suspected,
            only_suspected=bool(suspected)
            and all(f.finding.suspected for f in report.blocking)
            and not report.unreadable,
            unchecked=report.unchecked,
            unreadable=report.unreadable,
            release_form=kwargs.pop("release_form", None)
            or ReleaseRequestForm(auto_id="id_release_%s"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "ask_release":
            return super().post(request, *args, **kwargs)
        form = ReleaseRequestForm(request.POST, auto_id="id_release_%s")
        if form.is_valid():
            try:
                publication_submit(
                    publication=self.object,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    ask_release=True,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The publication was sent for compliance review; the "
                        "reviewer decides on the suspected ID-card numbers."
                    ),
                )
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(release_form=form))

    def form_valid(self, form):
        try:
            masked = publication_mask_personal_data(
                publication=self.object,
                user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "%(count)s number was masked. Check the text, then submit it again.",
                "%(count)s numbers were masked. Check the text, then submit it again.",
                len(masked),
            )
            % {"count": len(masked)},
        )
        return redirect(self.object)


class ReviewView(PublicationActionMixin, FormView):
    """The compliance review form, with approve and return buttons."""

    template_name = "disclosure/review_form.html"
    form_class = ReviewForm

    def allowed(self, publication):
        check_reviewer(publication, self.request.user)
        return True

    def get(self, request, *args, **kwargs):
        if self.object.status != PublicationStatus.IN_REVIEW:
            messages.error(request, _("Only publications in review can be reviewed."))
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        report = personal_data_report(self.object)
        note = (
            self.object.history.filter(status=PublicationStatus.IN_REVIEW)
            .order_by("-history_id")
            .values_list("history_change_reason", flat=True)
            .first()
        )
        return super().get_context_data(
            personal=report,
            suspected=[
                (
                    item,
                    ReleaseForm(
                        initial={"value": item.finding.digits},
                        auto_id=f"id_release{index}_%s",
                    ),
                )
                for index, item in enumerate(
                    [item for item in report.suspected if item.blocking], start=1
                )
            ],
            releases=list(
                self.object.personal_data_releases.select_related("released_by")
            ),
            submission_note=note,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "release":
            return self.release(request)
        if request.POST.get("action") != "return":
            return super().post(request, *args, **kwargs)
        # Returning needs only the reason, not a completed form.
        form = ReturnForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["decision_reason"])
            review_return(
                publication=self.object,
                reviewer=request.user,
                reason=form.cleaned_data["decision_reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("disclosure:review", pk=self.object.pk)
        messages.success(request, _("The publication was returned to its author."))
        return redirect(self.object)

    def release(self, request):
        """Release one suspected ID number (its own small form on the page)."""
        form = ReleaseForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(
                    [e for errors in form.errors.values() for e in errors]
                )
            personal_data_release(
                publication=self.object,
                reviewer=request.user,
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The suspected ID-card number was released for this publication."),
            )
        return redirect("disclosure:review", pk=self.object.pk)

    def get_form_kwargs(self):
        pending = self.object.reviews.filter(decision=Decision.PENDING).first()
        return {
            **super().get_form_kwargs(),
            "instance": pending
            or ComplianceReview(publication=self.object, reviewer=self.request.user),
            "negative_list": negative_list_for(self.object.organisation),
        }

    def get_initial(self):
        user = self.request.user
        author = self.object.author
        return {
            "filled_on": timezone.localdate(),
            "source": "own",
            "attribute": "proactive",
            "legal_opinion": "agree",
            "platform_website": True,
            "handler": author.get_full_name() or author.username,
            "secrecy_reviewer": user.get_full_name() or user.username,
            "legal_reviewer": user.get_full_name() or user.username,
        }

    def form_valid(self, form):
        action = self.request.POST.get("action", "save")
        reason = form.cleaned_data.get("decision_reason", "")
        data = {f: form.cleaned_data[f] for f in FORM_FIELDS}
        user = self.request.user
        try:
            review = review_complete(publication=self.object, reviewer=user, data=data)
            if action == "approve":
                publication = review_approve(
                    review=review, reviewer=user, reason=reason
                )
                if publication.status == PublicationStatus.PUBLISHED:
                    messages.success(self.request, _("Approved and published."))
                else:
                    messages.success(
                        self.request, _("Approved; it is kept unpublished.")
                    )
                return redirect(self.object)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The review form was saved."))
        return redirect("disclosure:review", pk=self.object.pk)


class ReviewPrintView(StaffMixin, DetailView):
    """The completed form laid out like the paper original, for printing and filing."""

    template_name = "disclosure/review_print.html"
    context_object_name = "review"

    def get_queryset(self):
        if not self.request.user.has_perm("disclosure.view_compliancereview"):
            raise PermissionDenied
        return ComplianceReview.objects.filter(
            publication__in=publications_for(self.request.user)
        ).select_related("publication__organisation", "negative_list_entry", "reviewer")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            releases=list(
                self.object.publication.personal_data_releases.select_related(
                    "released_by"
                )
            ),
            sources=Source.choices,
            attributes=Attribute.choices,
            opinions=LegalOpinion.choices,
            **kwargs,
        )


class WithdrawView(PublicationActionMixin, FormView):
    template_name = "disclosure/transition_form.html"
    form_class = ReasonForm
    extra_context = {"action_title": _("Withdraw the publication")}

    def allowed(self, publication):
        return may_manage(self.request.user, publication)

    def form_valid(self, form):
        try:
            publication_withdraw(
                publication=self.object,
                user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The publication was withdrawn."))
        return redirect(self.object)


class ValidityView(PublicationActionMixin, FormView):
    template_name = "disclosure/transition_form.html"
    form_class = ValidityForm
    extra_context = {"action_title": _("Mark the validity of the document")}

    def allowed(self, publication):
        return may_manage(self.request.user, publication)

    def get_form_kwargs(self):
        replacements = (
            publications_for(self.request.user)
            .filter(status=PublicationStatus.PUBLISHED)
            .exclude(pk=self.object.pk)
        )
        return {**super().get_form_kwargs(), "replacements": replacements}

    def get_initial(self):
        return {"validity": self.object.validity, "on": timezone.localdate()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            publication_set_validity(
                publication=self.object,
                user=self.request.user,
                validity=data["validity"],
                on=data["on"],
                reason=data["reason"],
                replaced_by=data["replaced_by"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The validity was recorded."))
        return redirect(self.object)


class InterpretationView(PublicationActionMixin, FormView):
    template_name = "disclosure/transition_form.html"
    form_class = InterpretationForm
    extra_context = {"action_title": _("Link to the policy document it interprets")}

    def allowed(self, publication):
        return publication.kind == PublicationKind.INTERPRETATION and may_manage(
            self.request.user, publication
        )

    def get_form_kwargs(self):
        documents = publications_for(self.request.user).filter(
            kind=PublicationKind.POLICY
        )
        return {**super().get_form_kwargs(), "documents": documents}

    def form_valid(self, form):
        try:
            interpretation_link(
                interpretation=self.object,
                document=form.cleaned_data["document"],
                user=self.request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The interpretation was linked."))
        return redirect(self.object)
