"""Staff pages for on-request disclosure: the queue, registering, a request's page
with its timeline and clock, each step, the letters, and the counts.

Every page reaches requests through ``selectors.requests_for`` (404 outside it)
and every step through its service; the identity number is shown in full to
the handler only.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView, TemplateView

from portal.models import Organisation

from ..models import (
    REASONS_OF_TYPE,
    ApplicantKind,
    ChallengeKind,
    ChallengeOutcome,
    InformationRequest,
    ReplyReason,
    ReplyType,
    RequestStatus,
)
from ..selectors import dashboard_organisations
from ..views import StaffMixin, add_errors
from . import clocks, forms, letters, services
from .identity import formatted_code, masked_identity
from .selectors import (
    FREQUENT_REQUESTS,
    QUEUE_TABS,
    challenge_counts,
    counting_organisations,
    frequently_requested_items,
    handling_organisations,
    item_request_count,
    may_approve_extension,
    may_handle,
    office_queue,
    overdue_days,
    queue_counts,
    request_counts,
    requests_for,
    sees_full_identity,
)

TAB_LABELS = {
    "new": gettext_lazy("New online"),
    "open": gettext_lazy("Open"),
    "correction": gettext_lazy("Awaiting correction"),
    "consulting": gettext_lazy("With a third party"),
    "extension": gettext_lazy("Extension to approve"),
    "extended": gettext_lazy("Extended"),
    "soon": gettext_lazy("Due within 5 working days"),
    "overdue": gettext_lazy("Overdue"),
    "replied": gettext_lazy("Replied, not closed"),
    "closed": gettext_lazy("Closed"),
    "all": gettext_lazy("All"),
}


class RequestsMixin(StaffMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "disclosure.view_informationrequest"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def information_request(self, pk) -> InformationRequest:
        return get_object_or_404(requests_for(self.request.user), pk=pk)


def _queue_scope(user, reach, code: str | None):
    """The bodies of the queue: all the user handles, or one dashboard's share."""
    if not code:
        return reach, None
    organisation = get_object_or_404(reach.select_related("region"), code=code)
    return dashboard_organisations(user, organisation) & reach, organisation


class CountedPaginator(Paginator):
    """A paginator told its count (the tab's count, already read in one query)."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count


class QueueView(RequestsMixin, ListView):
    """The office's queue: tabs with their counts (one query), then the rows."""

    template_name = "disclosure/requests/queue.html"
    context_object_name = "rows"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        self.today = timezone.localdate()
        self.scope, self.organisation = _queue_scope(
            user, handling_organisations(user), self.request.GET.get("organisation")
        )
        self.tab = self.request.GET.get("tab", "open")
        if self.tab not in QUEUE_TABS:
            self.tab = "open"
        self.counts = queue_counts(organisations=self.scope, today=self.today)
        return office_queue(organisations=self.scope, today=self.today, tab=self.tab)

    def get_paginator(self, queryset, per_page, **kwargs):
        return CountedPaginator(
            queryset, per_page, count=self.counts[self.tab], **kwargs
        )

    def get_context_data(self, **kwargs):
        counts = self.counts
        context = super().get_context_data(
            tabs=[(t, TAB_LABELS[t], counts[t]) for t in QUEUE_TABS],
            tab=self.tab,
            today=self.today,
            organisation=self.organisation,
            frequent=frequently_requested_items(
                organisations=self.scope, today=self.today, minimum=2
            ),
            frequent_threshold=FREQUENT_REQUESTS,
            may_register=self.request.user.has_perm(
                "disclosure.add_informationrequest"
            ),
            **kwargs,
        )
        overdue_days(context["rows"])
        return context


@method_decorator(sensitive_post_parameters("identity_number"), name="dispatch")
class RegisterView(RequestsMixin, FormView):
    """Staff register an application on someone's behalf (Art. 29, 31)."""

    template_name = "disclosure/requests/register.html"
    form_class = forms.RegisterForm

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and not handling_organisations(request.user).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": handling_organisations(self.request.user),
        }

    def get_initial(self):
        return {
            "received_on": timezone.localdate(),
            "applicant_kind": ApplicantKind.NATURAL_PERSON,
            "information_form": "paper",
            "delivery": "post",
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            created = services.request_register(
                user=self.request.user,
                organisation=data["organisation"],
                channel=data["channel"],
                received_on=data["received_on"],
                data=form.applicant_data(),
                reason=data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Registered as %(reference)s. Tell the applicant the query code "
                "%(code)s: it is shown only now."
            )
            % {
                "reference": created.request.reference,
                "code": formatted_code(created.query_code),
            },
        )
        return redirect(created.request)


class DetailView(RequestsMixin, TemplateView):
    """A request: the applicant, the clock and what pauses it, the steps."""

    template_name = "disclosure/requests/detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        r = self.information_request(kwargs["pk"])
        today = timezone.localdate()
        handles = may_handle(user, r)
        count = item_request_count(r.item_id, today)
        try:
            days_left = (
                clocks.working_days_left(r.due_on, today)
                if r.due_on and r.status in ("registered", "consulting")
                else None
            )
        except clocks.CalendarNotCovered:
            days_left = None
        return super().get_context_data(
            r=r,
            today=today,
            handles=handles,
            identity=r.identity_number
            if sees_full_identity(user, r)
            else masked_identity(r.identity_number),
            identity_masked=not sees_full_identity(user, r),
            days_left=days_left,
            consultations=list(r.consultations.all()),
            challenges=list(r.challenges.all()),
            files=list(r.files.all()),
            events=list(r.events.select_related("user")),
            history=list(
                r.history.select_related("history_user").order_by("-history_id")[:30]
            ),
            letters=letters.available(r),
            may_approve=r.extension_pending and may_approve_extension(user, r),
            item_count=count,
            frequent=count >= FREQUENT_REQUESTS,
            actions=_actions(r) if handles else [],
            **kwargs,
        )


def _actions(r: InformationRequest) -> list[tuple[str, str]]:
    """(url name, label) of the steps open to a request in its status."""
    status = r.status
    steps = []
    if status == RequestStatus.SUBMITTED:
        steps += [("confirm", _("Confirm receipt")), ("transfer", _("Transfer"))]
    if status == RequestStatus.REGISTERED:
        steps += [("transfer", _("Transfer"))]
        if not r.correction_sent_on:
            steps.append(("correction", _("Send a correction notice")))
        steps.append(("consult", _("Consult a third party")))
    if status == RequestStatus.AWAITING_CORRECTION:
        steps += [
            ("correction-received", _("Corrected application received")),
            ("lapse", _("Not corrected in time")),
        ]
    if status in ("registered", "consulting"):
        if r.extension_days is None:
            steps.append(("extension", _("Ask for an extension")))
        steps.append(("file-add", _("Add a file for the applicant")))
    if status == RequestStatus.REGISTERED:
        steps.append(("reply", _("Reply")))
    if status == RequestStatus.REPLIED:
        steps.append(("deliver", _("Record delivery")))
    if status == RequestStatus.DELIVERED:
        steps.append(("close", _("Close")))
    if status == RequestStatus.CLOSED:
        steps.append(("archive", _("Archive")))
    if r.replied_on:
        steps.append(("challenge", _("Record a review or lawsuit")))
    if status != RequestStatus.ARCHIVED:
        steps.append(("item", _("Note the catalog item")))
    return steps


def letter_response(letter) -> HttpResponse:
    response = HttpResponse(
        letters.docx_bytes(letter), content_type=letters.DOCX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class LetterView(RequestsMixin, View):
    """A letter as a Word document."""

    def get(self, request, pk, kind):
        letter = letters.build(self.information_request(pk), kind)
        if letter is None:
            return HttpResponse(status=404)
        return letter_response(letter)


class LetterPrintView(RequestsMixin, TemplateView):
    """A letter laid out for printing."""

    template_name = "disclosure/requests/letter_print.html"

    def get_context_data(self, **kwargs):
        r = self.information_request(kwargs["pk"])
        letter = letters.build(r, kwargs["kind"])
        if letter is None:
            raise PermissionDenied
        return super().get_context_data(r=r, letter=letter, **kwargs)


BODIES_PER_PAGE = 20


class StatisticsView(StaffMixin, TemplateView):
    """Counts per body and year as the annual report's tables 三 and 四 count
    them: what provincial reviewers see of requests (never the applicants)."""

    template_name = "disclosure/requests/statistics.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        bodies = counting_organisations(user)
        if not bodies.exists():
            raise PermissionDenied
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = timezone.localdate().year
        year = min(max(year, 2008), 2100)
        tables = request_counts(organisations=bodies, year=year)
        reviews = challenge_counts(organisations=bodies, year=year)
        names = dict(
            Organisation.objects.filter(pk__in=set(tables) | set(reviews)).values_list(
                "pk", "name"
            )
        )
        rows = [
            ("new", _("New this year (本年新收)")),
            ("carried_in", _("Carried over from last year (上年结转)")),
        ]
        for reply_type in ReplyType:
            rows.append((reply_type.value, reply_type.label))
            if reply_type != ReplyType.PARTIAL:
                rows += [
                    (f"{reply_type.value}:{reason}", "— " + ReplyReason(reason).label)
                    for reason in REASONS_OF_TYPE[reply_type]
                ]
        rows += [
            ("total", _("Total (总计)")),
            ("carried_forward", _("Carried into next year (结转下年度继续办理)")),
        ]
        kinds = ApplicantKind.choices
        # A province has hundreds of bodies with requests: a page of them at a
        # time (every body's counts come from the same two queries).
        page = Paginator(sorted(names, key=names.get), BODIES_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        bodies_out = []
        for pk in page.object_list:
            table = tables.get(pk)
            bodies_out.append(
                {
                    "name": names[pk],
                    "balanced": table.balanced if table else True,
                    "rows": [
                        (
                            label,
                            [table.cell(key, k) if table else 0 for k, _l in kinds],
                            table.cell(key) if table else 0,
                        )
                        for key, label in rows
                    ],
                    "reviews": [
                        (
                            label,
                            [
                                reviews.get(pk, {}).get((kind, outcome), 0)
                                for outcome in [*ChallengeOutcome.values[1:], "pending"]
                            ]
                            + [reviews.get(pk, {}).get((kind, "total"), 0)],
                        )
                        for kind, label in ChallengeKind.choices
                    ],
                }
            )
        return super().get_context_data(
            year=year,
            kinds=kinds,
            bodies=bodies_out,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            outcomes=[
                ChallengeOutcome.UPHELD.label,
                ChallengeOutcome.CORRECTED.label,
                ChallengeOutcome.OTHER.label,
                ChallengeOutcome.PENDING.label,
                _("Total"),
            ],
            **kwargs,
        )
