"""The public subscription pages: subscribe, confirm, unsubscribe.

They hold a form or act on a signed token, so each is ``never_cache`` and lives
apart from the cached content pages (which link here and set no cookie). The
links in the mails open a page with one button: mail scanners that follow links
must not confirm or cancel anything by fetching them. Mail programs unsubscribe
in one click with the List-Unsubscribe-Post header: a POST to the same link,
without CSRF token (the signed token is the proof).
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.access import ratelimit

from ..models import Subscription
from ..views import add_errors
from . import tokens
from .forms import SubscribeForm
from .mail import describe
from .services import subscription_confirm, subscription_create, subscription_delete

SUBSCRIBE = "subscriptions-subscribe"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method == "POST":
        limited = ratelimit.hit(
            SUBSCRIBE,
            ratelimit.client_key(request),
            ratelimit.rate_of("PORTAL_SUBSCRIBE_RATE", "10/h"),
        )
        if limited:
            return ratelimit.limited_response(request, limited)
        form = SubscribeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                subscription = subscription_create(
                    email=data["email"],
                    region=data["place"],
                    domain=data["domain"],
                    item=data["item"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                return render(
                    request,
                    "subscriptions/sent.html",
                    {"what": describe(subscription)},
                )
    else:
        initial = {
            "place": request.GET.get("region", "")[:12],
            "item": request.GET.get("item", "")[:12] or None,
        }
        if request.GET.get("domain", "").isdigit():
            initial["domain"] = request.GET["domain"]
        form = SubscribeForm(initial=initial)
    return render(request, "subscriptions/subscribe.html", {"form": form})


def _answer(request, template, subscription, *, done=False, status=200):
    return render(
        request,
        template,
        {
            "subscription": subscription,
            "what": describe(subscription) if subscription else "",
            "done": done,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    subscription = tokens.read(token, tokens.CONFIRM, Subscription.objects.all())
    if subscription is None:
        return _answer(request, "subscriptions/bad_link.html", None, status=404)
    if request.method == "POST":
        subscription_confirm(subscription=subscription)
        return _answer(request, "subscriptions/confirm.html", subscription, done=True)
    return _answer(request, "subscriptions/confirm.html", subscription)


@csrf_exempt  # the signed token is the proof; RFC 8058 one-click POSTs carry no CSRF
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscription = tokens.read(token, tokens.UNSUBSCRIBE, Subscription.objects.all())
    if subscription is None:
        # Already gone (or a bad link): say so plainly; nothing to do.
        return _answer(request, "subscriptions/bad_link.html", None, status=404)
    if request.method == "POST":
        what = describe(subscription)
        subscription_delete(subscription=subscription)
        return render(
            request, "subscriptions/unsubscribed.html", {"what": what, "done": True}
        )
    return _answer(request, "subscriptions/unsubscribe.html", subscription)
