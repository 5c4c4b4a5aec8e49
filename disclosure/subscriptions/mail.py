"""The subscription mails: confirmation and digest, each with its unsubscribe link
(in the text and as List-Unsubscribe, RFC 2369 and RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import tokens


def absolute(path: str) -> str:
    return settings.PORTAL_PUBLIC_URL.rstrip("/") + path


def unsubscribe_url(subscription) -> str:
    token = tokens.make(subscription, tokens.UNSUBSCRIBE)
    return absolute(reverse("subscriptions:unsubscribe", kwargs={"token": token}))


def confirm_url(subscription) -> str:
    token = tokens.make(subscription, tokens.CONFIRM)
    return absolute(reverse("subscriptions:confirm", kwargs={"token": token}))


def _message(subscription, subject: str, template: str, context: dict):
    leave = unsubscribe_url(subscription)
    text = render_to_string(
        template, {**context, "subscription": subscription, "unsubscribe_url": leave}
    )
    return EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def describe(subscription) -> str:
    """What is subscribed to, in words: 兰考县 · 社会救助 · 审核信息."""
    parts = [subscription.region.name]
    if subscription.domain_id:
        parts.append(subscription.domain.name)
    if subscription.item_id:
        parts.append(subscription.item.name)
    return " · ".join(parts)


def confirmation(subscription):
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            subscription,
            _("Confirm your subscription: %(what)s") % {"what": describe(subscription)},
            "subscriptions/confirm_mail.txt",
            {"what": describe(subscription), "confirm_url": confirm_url(subscription)},
        )


def digest(subscription, publications: list):
    """``publications``: (URL name, pk, title masked, organisation name, published
    or opened at) rows — publications and consultations."""
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            subscription,
            _("Newly published: %(what)s (%(count)s)")
            % {"what": describe(subscription), "count": len(publications)},
            "subscriptions/digest_mail.txt",
            {
                "what": describe(subscription),
                "rows": [
                    {
                        "title": title,
                        "organisation": organisation,
                        "published_at": published_at,
                        "url": absolute(reverse(url_name, kwargs={"pk": pk})),
                    }
                    for url_name, pk, title, organisation, published_at in publications
                ],
            },
        )
