"""A limit per address across usernames, against password spraying.

django-axes locks a username from an address after five failures; someone trying
one password against many usernames never reaches five for any of them. Every
failed sign-in therefore also counts against the address alone
(``PORTAL_SIGNIN_FAILED_RATE``, 30 per 30 minutes by default: a county office
behind one address still signs in); over it, ``AddressLimitBackend`` (next after django-axes'
in AUTHENTICATION_BACKENDS) refuses every sign-in from that address, the right
password too, until the window ends, and the lock-out page says so.
"""

from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from . import ratelimit

ACTION = "signin-failed"


def _rate() -> ratelimit.Rate:
    return ratelimit.rate_of("PORTAL_SIGNIN_FAILED_RATE", "30/30m")


class AddressLimitBackend:
    """Refuses a sign-in from an address over the limit; authenticates nobody (and
    has no ``get_user``: no session ever names it, nor does ``force_login``)."""

    def authenticate(self, request, **credentials):
        if request is None:
            return None
        limited = ratelimit.is_limited(ACTION, ratelimit.client_key(request), _rate())
        if limited is None:
            return None
        request.portal_address_limited = limited
        request.axes_locked_out = True  # django-axes' middleware answers the page
        raise PermissionDenied


@receiver(user_login_failed, dispatch_uid="portal-address-limit")
def count_failure(sender, credentials, request=None, **kwargs):
    if request is None or getattr(request, "portal_address_limited", None):
        return
    ratelimit.hit(ACTION, ratelimit.client_key(request), _rate())
