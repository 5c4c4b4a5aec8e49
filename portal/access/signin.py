"""Sign-in controls: the client's address, the lock-out page and the password rule."""

import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from portal.models import Role

LOCKED_OUT_STATUS = 429


def client_ip(request) -> str | None:
    """The address a sign-in comes from, as django-axes counts failures by it.

    Behind ``PORTAL_TRUSTED_PROXY_COUNT`` reverse proxies that each append the
    address they saw to X-Forwarded-For, the client's address is that many
    entries from the end; anything further left was sent by the client and is
    not trusted. An entry that is not an IP address falls back to REMOTE_ADDR.
    """
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or None


def lockout_message(request) -> str:
    """The translated sentence shown to someone who is locked out."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return gettext(
            "Too many failed sign-ins: this account is locked for sign-in from "
            "your address. Ask a site administrator to unlock it."
        )
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    return ngettext(
        "Too many failed sign-ins: this account is locked for sign-in from your "
        "address for %(minutes)s minute. Try again later, or ask a site "
        "administrator to unlock it.",
        "Too many failed sign-ins: this account is locked for sign-in from your "
        "address for %(minutes)s minutes. Try again later, or ask a site "
        "administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lock-out page (AXES_LOCKOUT_CALLABLE): the admin's look, 429."""
    context = {
        **admin.site.each_context(request),
        "title": gettext("Sign-in locked"),
        "message": lockout_message(request),
        "login_url": reverse("admin:login"),
    }
    # Rendered here: this runs in django-axes' middleware, after the view.
    return render(request, "portal/locked_out.html", context, status=LOCKED_OUT_STATUS)


class CharacterClassesValidator:
    """A password must mix kinds of character: upper-case and lower-case letters,
    digits and symbols, at least ``min_classes`` of the four."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    @staticmethod
    def classes(password: str) -> int:
        kinds = (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
        return sum(kinds)

    def validate(self, password, user=None):
        if self.classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return gettext(
            "Your password must contain at least %(min_classes)d of these four kinds "
            "of character: upper-case letters, lower-case letters, digits and symbols."
        ) % {"min_classes": self.min_classes}


def landing_url(user) -> str:
    """Where staff land after signing in: where they work, not the admin index.

    Provincial reviewers (and nobody else in their memberships) land on the
    filings queue; every other member of an organisation, and site
    administrators, on the 工作台. Anyone else keeps the admin index.
    """
    roles = set(user.memberships.values_list("role", flat=True))
    if roles and roles <= {Role.PROVINCIAL_REVIEWER}:
        return reverse("filings:queue")
    if roles or user.is_superuser:
        return reverse("disclosure:dashboard-index")
    return reverse("admin:index")


def sign_in_view(request, extra_context=None):
    """The admin's sign-in page; a sign-in that would land on the admin index
    lands where the user works instead (an explicit ``next`` is kept)."""
    response = admin.site.login(request, extra_context)
    if (
        request.user.is_authenticated
        and response.status_code == 302
        and response.url == reverse("admin:index")
    ):
        response["Location"] = landing_url(request.user)
    return response
