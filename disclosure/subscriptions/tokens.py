"""Signed tokens for the links in subscription mails: no sign-in, nothing guessable.

A token names the subscription and a hash of its address, signed with the
site's secret and a salt per purpose, so a confirmation token cannot
unsubscribe and a token for a deleted row's id cannot reach a new one.
"""

import hashlib

from django.core import signing

CONFIRM = "subscriptions.confirm"
UNSUBSCRIBE = "subscriptions.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a week to confirm; unsubscribing never expires


def _address_hash(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def make(subscription, purpose: str) -> str:
    return signing.dumps(
        {"i": subscription.pk, "e": _address_hash(subscription.email)},
        salt=purpose,
        compress=True,
    )


def read(token: str, purpose: str, subscriptions):
    """The subscription ``token`` names, or None for a bad, expired or stale one."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    try:
        data = signing.loads(token or "", salt=purpose, max_age=max_age)
        pk, address = int(data["i"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    found = subscriptions.filter(pk=pk).first()
    if found is None or _address_hash(found.email) != address:
        return None
    return found
