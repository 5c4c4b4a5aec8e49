"""The public side of participation: consultations per county, a consultation's
page with its comment form, and the endpoint of the public's say.

A consultation's page holds a form (CSRF, a CAPTCHA) and its open/closed state
changes with the clock, not with a write, so it is ``never_cache`` and lives
apart from the cached content pages. The public's say is asked on the cached
item and publication pages, which must carry no cookie and no CSRF token: its
form posts to ``say``, which is CSRF-exempt. What a forged cross-site post can
do there is to give one answer in the visitor's name — the same as the visitor
can — so it is bounded like the visitor: rate limited per client, and one
answer per client, page and day by a keyed hash (``services.say_key``).
"""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from portal.access import ratelimit

from ..pii import mask_personal_data
from ..public import places
from ..public.rules import county_code, public_publications, region_or_404
from ..views import add_errors
from . import selectors, services
from .forms import CommentForm, SayForm

COMMENT = "participation-comment"
SAY = "participation-say"
COMMENTS_PER_PAGE = 50


def _page(request, queryset, per_page: int):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage) as exc:
        raise Http404(
            _("There is no page “%(page)s”: pages run from 1 to %(last)s.")
            % {"page": str(request.GET.get("page"))[:20], "last": paginator.num_pages}
        ) from exc


@never_cache
@require_http_methods(["GET", "HEAD"])
def county(request, code):
    """The consultations of a county (and the places in it), newest first."""
    place = region_or_404(code)
    county = county_code(place)
    if county is None:
        raise Http404(_("Consultations are listed per county."))
    page = _page(request, selectors.consultations_at(county), 20)
    now = timezone.now()
    for consultation in page.object_list:
        consultation.open_now = services.is_open(consultation, now=now)
        consultation.last_day = services.last_day(consultation)
    return render(
        request,
        "public/participation/county.html",
        {"place": place, "trail": places.trail(place), "page_obj": page},
    )


@never_cache
@sensitive_post_parameters("contact")
@require_http_methods(["GET", "HEAD", "POST"])
def consultation(request, pk):
    found = get_object_or_404(selectors.public_consultations(), pk=pk)
    now = timezone.now()
    form = CommentForm()
    received = None
    if request.method == "POST":
        limited = ratelimit.hit(
            COMMENT,
            ratelimit.client_key(request),
            ratelimit.rate_of("PORTAL_COMMENT_RATE", "10/h"),
        )
        if limited:
            return ratelimit.limited_response(request, limited)
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                received = services.comment_submit(
                    consultation=found,
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_errors(form, error)
        if received is not None:
            form = CommentForm()
    page = _page(request, selectors.published_comments(found), COMMENTS_PER_PAGE)
    for comment in page.object_list:
        comment.text = mask_personal_data(comment.text)
        comment.name = mask_personal_data(comment.name)
    published_feedback = found.feedback_published_at is not None
    final = (
        found.final_publication
        if found.final_publication_id
        and public_publications().filter(pk=found.final_publication_id).exists()
        else None
    )
    place = found.organisation.region
    return render(
        request,
        "public/participation/consultation.html",
        {
            "c": found,
            "place": place,
            "trail": places.trail(place),
            "open_now": services.is_open(found, now=now),
            "not_yet": now < found.opens_at,
            "last_day": services.last_day(found),
            "counts": selectors.comment_counts(found),
            "page_obj": page,
            "form": form,
            "received": received,
            "feedback": list(found.feedback.all()) if published_feedback else [],
            "published_feedback": published_feedback,
            "final": final,
        },
    )


def _say_page(value: str) -> tuple[services.SayPage, str]:
    """The page named by the form, if the public may see it (else a 404), and
    its address."""
    kind, _colon, rest = value.partition(":")
    if kind == "publication":
        found = get_object_or_404(public_publications(), pk=int(rest))
        return services.SayPage(
            organisation_id=found.organisation_id, publication_id=found.pk
        ), reverse("public:publication", kwargs={"pk": found.pk})
    code, _colon, pk = rest.partition(":")
    item = places.item_at(region_or_404(code), int(pk))
    return services.SayPage(
        organisation_id=item.catalog.organisation_id, item_id=item.pk
    ), reverse("public:item", kwargs={"code": code, "pk": item.pk})


@csrf_exempt
@never_cache
@require_POST
def say(request):
    who = ratelimit.client_key(request)
    limited = ratelimit.hit(SAY, who, ratelimit.rate_of("PORTAL_SAY_RATE", "30/h"))
    if limited:
        return ratelimit.limited_response(request, limited)
    form = SayForm(request.POST, prefix="say")
    if not form.is_valid():
        return render(
            request, "public/participation/say.html", {"form": form}, status=400
        )
    page, back = _say_page(form.cleaned_data["page"])
    kept = services.say_record(client=who, page=page, answers=form.cleaned_data)
    return render(
        request,
        "public/participation/say.html",
        {"form": None, "kept": kept is not None, "back": back},
    )
