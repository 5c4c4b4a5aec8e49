"""E-mail subscriptions to what is newly public (精准推送, Shanghai §二(四))."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    """A citizen's e-mail subscription: to a place and everything below it,
    optionally narrowed to one domain, or to one catalog item at the place.

    Nothing is sent before the address is confirmed (double opt-in); the daily
    digest (``send_digests``) lists the public publications that became public
    since ``sent_until``. Unsubscribing deletes the row: the address is personal
    data and is kept no longer than it is needed.
    """

    email = models.EmailField(_("e-mail address"), max_length=254)
    region = models.ForeignKey(
        "portal.Region",
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    region_code = models.CharField(_("place code"), max_length=12, editable=False)
    domain = models.ForeignKey(
        "catalogs.Domain",
        verbose_name=_("domain"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    item = models.ForeignKey(
        "catalogs.Item",
        verbose_name=_("catalog item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    sent_until = models.DateTimeField(
        _("digest sent up to"),
        null=True,
        blank=True,
        help_text=_("Publications public before this time were already sent."),
    )

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["id"],
                condition=models.Q(confirmed_at__isnull=False),
                name="subscription_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.region_code}"
