"""The public side of on-request disclosure: choose a body by place, apply, and
follow the application with its 查询码.

These pages hold a form (CSRF, a CAPTCHA) or one applicant's own record, so
each is ``never_cache`` and lives apart from the cached content pages. The code
is posted, never put in a URL, and look-ups are rate limited per client: every
look-up, and failed look-ups much more tightly, so guessing codes is slowed
to a few tries a quarter of an hour.
"""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from portal.access import ratelimit
from portal.models import Organisation, Region, RegionLevel

from ..models import (
    CLOCK_STATUSES,
    EventKind,
    InformationRequest,
    RequestFile,
    RequestStatus,
)
from ..pii import mask_personal_data
from ..views import add_errors
from . import letters
from .forms import PublicApplicationForm, StatusLookupForm
from .identity import code_hash, formatted_code
from .services import request_submit_online
from .views import letter_response

APPLY = "requests-apply"
LOOKUP = "requests-lookup"
LOOKUP_FAILED = "requests-lookup-failed"
# Notes the applicant sees with a step; others (whom a consultation went to,
# internal remarks) stay with the office.
PUBLIC_NOTES = {
    EventKind.CORRECTION_SENT,
    EventKind.EXTENSION_APPROVED,
    EventKind.REPLIED,
    EventKind.DELIVERED,
}


def _rate(name: str, default: str) -> ratelimit.Rate:
    return ratelimit.rate_of(name, default)


@never_cache
@require_http_methods(["GET", "HEAD"])
def places(request):
    """Choose the body to apply to, by place: province → … → village."""
    code = request.GET.get("place", "")
    place = Region.objects.filter(code=code).first() if code else None
    if place is None:
        children = Region.objects.filter(level=RegionLevel.PROVINCE)
    else:
        children = place.children.all()
    return render(
        request,
        "public/requests/places.html",
        {
            "place": place,
            "trail": Region.objects.filter(code__in=place.ancestors_codes)
            if place
            else [],
            "children": children.order_by("code")[:500],
            "bodies": Organisation.objects.filter(region=place).order_by("name")
            if place
            else [],
        },
    )


@never_cache
@sensitive_post_parameters("identity_number")
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, code):
    organisation = get_object_or_404(
        Organisation.objects.select_related("region"), code=code
    )
    who = ratelimit.client_key(request)
    if request.method == "POST":
        limited = ratelimit.hit(APPLY, who, _rate("PORTAL_APPLY_RATE", "10/h"))
        if limited:
            return ratelimit.limited_response(request, limited)
        form = PublicApplicationForm(request.POST)
        created = None
        if form.is_valid():
            try:
                created = request_submit_online(
                    organisation=organisation, data=form.applicant_data()
                )
            except ValidationError as error:
                add_errors(form, error)
        if created is not None:
            return render(
                request,
                "public/requests/submitted.html",
                {
                    "r": created.request,
                    "code": formatted_code(created.query_code),
                },
            )
    else:
        form = PublicApplicationForm()
    return render(
        request,
        "public/requests/apply.html",
        {"organisation": organisation, "form": form},
    )


def _lookup(request) -> tuple[InformationRequest | None, HttpResponse | None]:
    """The request the posted code opens, or the answer to give instead."""
    who = ratelimit.client_key(request)
    failed_rate = _rate("PORTAL_LOOKUP_FAILED_RATE", "10/15m")
    limited = ratelimit.is_limited(LOOKUP_FAILED, who, failed_rate) or ratelimit.hit(
        LOOKUP, who, _rate("PORTAL_LOOKUP_RATE", "60/15m")
    )
    if limited:
        return None, ratelimit.limited_response(request, limited)
    form = StatusLookupForm(request.POST)
    if not form.is_valid():
        return None, None
    found = (
        InformationRequest.objects.select_related("organisation")
        .filter(query_code_hash=code_hash(form.cleaned_data["code"]))
        .first()
    )
    if found is None:
        limited = ratelimit.hit(LOOKUP_FAILED, who, failed_rate)
        if limited:
            return None, ratelimit.limited_response(request, limited)
    return found, None


def _public_steps(r: InformationRequest) -> list[dict]:
    return [
        {
            "label": event.get_kind_display(),
            "on": event.on,
            "note": mask_personal_data(event.note)
            if event.kind in PUBLIC_NOTES
            else "",
        }
        for event in r.events.filter(public=True)
    ]


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "HEAD", "POST"])
def status(request):
    """The applicant's own request: its steps, the due date, the letters."""
    if request.method != "POST":
        return render(
            request, "public/requests/lookup.html", {"form": StatusLookupForm()}
        )
    found, answer = _lookup(request)
    if answer is not None:
        return answer
    form = StatusLookupForm(request.POST)
    valid = form.is_valid()
    if found is None:
        if valid:
            form.add_error(
                "code",
                _(
                    "No application has this query code. Check it and try again; "
                    "after several wrong codes you will have to wait."
                ),
            )
        return render(request, "public/requests/lookup.html", {"form": form})
    replied = found.replied_on is not None
    return render(
        request,
        "public/requests/status.html",
        {
            "r": found,
            "code": form.cleaned_data["code"],
            "steps": _public_steps(found),
            "running": found.status in CLOCK_STATUSES,
            "awaiting_correction": found.status == RequestStatus.AWAITING_CORRECTION,
            "letters": [
                (kind, letters.build(found, kind).title)
                for kind in letters.available(found)
            ],
            "files": list(found.files.all()) if replied else [],
        },
    )


@never_cache
@sensitive_post_parameters("code")
@require_POST
def status_letter(request):
    found, answer = _lookup(request)
    if answer is not None:
        return answer
    letter = letters.build(found, request.POST.get("kind", "")) if found else None
    if letter is None:
        raise Http404
    return letter_response(letter)


@never_cache
@sensitive_post_parameters("code")
@require_POST
def status_file(request):
    found, answer = _lookup(request)
    if answer is not None:
        return answer
    if found is None or found.replied_on is None:
        raise Http404
    try:
        pk = int(request.POST.get("file", ""))
    except ValueError:
        raise Http404 from None
    record = get_object_or_404(RequestFile, pk=pk, request=found)
    return FileResponse(
        record.file.open("rb"), as_attachment=True, filename=record.name
    )
