"""Sign-in controls: the client's address, the lock-out page and the password rules
(checked on the NFKC form, so full-width letters are no way round them)."""

import ipaddress
import math
import unicodedata

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    UserAttributeSimilarityValidator,
)
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from portal.models import Role

LOCKED_OUT_STATUS = 429


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def trusted_proxy(address) -> bool:
    """Whether ``address`` is one of ``PORTAL_TRUSTED_PROXIES`` (addresses or networks)."""
    return address is not None and any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.PORTAL_TRUSTED_PROXIES
    )


def client_ip(request) -> str | None:
    """The address a sign-in comes from, as django-axes counts failures by it.

    X-Forwarded-For is believed only when the connection comes from one of the
    configured proxies (``PORTAL_TRUSTED_PROXIES``, ``DJANGO_TRUSTED_PROXIES``):
    reached directly, the header is the client's own words and REMOTE_ADDR is the
    address. From a proxy, the client is the last entry that is not itself a
    trusted proxy (each proxy appends the address it saw); an entry that is not
    an IP address ends the walk at the last proxy that was believed.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    hop = _address(remote or "")
    if not trusted_proxy(hop):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed([part for part in forwarded if part.strip()]):
        address = _address(entry)
        if address is None:
            break
        hop = address
        if not trusted_proxy(address):
            break
    return str(hop)


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


def address_message(limited) -> str:
    """Too many failed sign-ins from one address, whatever the usernames."""
    return ngettext(
        "Too many failed sign-ins from your address, for several accounts: sign-in "
        "from your address is paused for %(minutes)s minute. Try again later, or "
        "ask a site administrator.",
        "Too many failed sign-ins from your address, for several accounts: sign-in "
        "from your address is paused for %(minutes)s minutes. Try again later, or "
        "ask a site administrator.",
        limited.minutes,
    ) % {"minutes": limited.minutes}


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lock-out page (AXES_LOCKOUT_CALLABLE): the admin's look, 429.
    Also the answer to an address over the limit across usernames (spraying.py)."""
    sprayed = getattr(request, "portal_address_limited", None)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Sign-in locked"),
        "message": address_message(sprayed) if sprayed else lockout_message(request),
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


def normalised(password: str) -> str:
    """NFKC: full-width ``ｐａｓｓｗｏｒｄ１２３`` is ``password123`` to every check."""
    return unicodedata.normalize("NFKC", password)


class NormalisedCommonPasswordValidator(CommonPasswordValidator):
    """Django's common-password check on the NFKC form of the password, and on it
    with one character added at either end taken off (``password123`` + ``A``)."""

    def validate(self, password, user=None):
        text = normalised(password).strip()
        for candidate in (text, text[:-1], text[1:]):
            super().validate(candidate, user)


class NormalisedSimilarityValidator(UserAttributeSimilarityValidator):
    """Django's similarity to the username, name and e-mail, on the NFKC form."""

    def validate(self, password, user=None):
        super().validate(normalised(password), user)


class RepetitionValidator:
    """Refuses a password that only repeats a short piece (``Aa1Aa1Aa1Aa1``): its
    strength is the piece's, however long it is."""

    def __init__(self, max_piece: int = 6):
        self.max_piece = max_piece

    def validate(self, password, user=None):
        text = normalised(password).casefold()
        for size in range(1, min(self.max_piece, len(text) // 2) + 1):
            if len(text) % size == 0 and text == text[:size] * (len(text) // size):
                raise ValidationError(
                    gettext(
                        "This password only repeats a short piece of %(size)d "
                        "characters; choose one that does not repeat itself."
                    )
                    % {"size": size},
                    code="password_repetitive",
                )

    def get_help_text(self):
        return gettext("Your password must not just repeat a short piece.")


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
    asked = request.GET.get("next")  # the form posts back to its own URL, query kept
    if (
        not asked
        and request.user.is_authenticated
        and response.status_code == 302
        and response.url == reverse("admin:index")
    ):
        response["Location"] = landing_url(request.user)
    return response
