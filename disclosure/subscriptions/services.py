"""Writes for subscriptions: subscribe (and send the confirmation), confirm,
unsubscribe. The address is personal data: nothing is sent to it before it is
confirmed, and unsubscribing deletes it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogs.models import Item
from portal.models import RegionLevel

from ..models import Subscription
from ..public.rules import county_code
from . import mail


def _check_item(*, region, domain, item) -> None:
    if item is None:
        return
    if region.level not in (
        RegionLevel.COUNTY,
        RegionLevel.TOWNSHIP,
        RegionLevel.VILLAGE,
    ):
        raise ValidationError(
            {"item": _("An item is followed at a county, township or village.")},
            code="item_place",
        )
    public = Item.objects.public().filter(
        pk=item.pk,
        catalog__organisation__region__code=county_code(region),
    )
    if not public.exists():
        raise ValidationError(
            {
                "item": _("“%(item)s” is not an item of the catalogs of %(place)s.")
                % {"item": item, "place": region.name}
            },
            code="item_elsewhere",
        )
    if domain is not None and item.catalog.domain_id != domain.pk:
        raise ValidationError(
            {
                "domain": _(
                    "The item belongs to another domain; choose one or the other."
                )
            },
            code="item_domain",
        )


@transaction.atomic
def subscription_create(*, email: str, region, domain=None, item=None) -> Subscription:
    """Record an unconfirmed subscription and send the confirmation mail. Asking
    again for the same thing sends the confirmation again and adds no row."""
    email = (email or "").strip()
    _check_item(region=region, domain=domain, item=item)
    if item is not None:
        domain = None  # the item names its domain
    found = Subscription.objects.filter(
        email__iexact=email, region=region, domain=domain, item=item
    ).first()
    if found is None:
        found = Subscription(
            email=email,
            region=region,
            region_code=region.code,
            domain=domain,
            item=item,
        )
        found.full_clean()
        found.save()
    if found.confirmed_at is None:
        # Sent inside the transaction: a relay that refuses it leaves no row.
        mail.confirmation(found).send()
    return found


@transaction.atomic
def subscription_confirm(*, subscription) -> Subscription:
    current = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if current.confirmed_at is None:
        now = timezone.now()
        current.confirmed_at = now
        current.sent_until = now  # the first digest starts from here
        current.save(update_fields=["confirmed_at", "sent_until"])
    return current


@transaction.atomic
def subscription_delete(*, subscription) -> None:
    Subscription.objects.filter(pk=subscription.pk).delete()
