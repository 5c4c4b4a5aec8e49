"""Filings (备案): immutable snapshots of local catalogs submitted for the record."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Organisation

from .catalogs import Catalog, Domain


class FilingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", _("Accepted")
    RECORDED = "recorded", _("Recorded with the ministry")


class Filing(models.Model):
    """One round of filing a local catalog for the record (备案).

    ``snapshot`` holds the catalog as it was filed (its items and columns), its
    comparison with the standard and its validation result; it is written once
    and never changed, so later edits to the catalog never change a filing. A
    returned filing is corrected and filed again as the next round.
    """

    catalog = models.ForeignKey(
        Catalog,
        verbose_name=_("catalog"),
        on_delete=models.PROTECT,
        related_name="filings",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="filings",
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="filings",
    )
    round = models.PositiveSmallIntegerField(
        _("round"),
        help_text=_("Counts the filings of this body in this domain, from 1."),
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_rounds",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FilingStatus.choices,
        default=FilingStatus.SUBMITTED,
    )
    snapshot = models.JSONField(
        _("snapshot"),
        encoder=DjangoJSONEncoder,
        help_text=_(
            "The catalog as filed, its comparison with the standard and its "
            "validation result. It is never changed after filing."
        ),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    # The snapshot never changes, so history keeps the review, not copies of it.
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        ordering = ["-filed_at", "-pk"]
        permissions = [
            ("review_filing", _("Can accept, return and record filings")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "domain", "round"],
                name="filing_unique_round",
            ),
            models.UniqueConstraint(
                fields=["organisation", "domain"],
                condition=models.Q(status="submitted"),
                name="filing_one_awaiting_review_per_domain",
                violation_error_message=_(
                    "This body already has a filing in this domain awaiting review."
                ),
            ),
            models.CheckConstraint(
                name="filing_round_from_one",
                condition=models.Q(round__gte=1),
            ),
            models.CheckConstraint(
                name="filing_reviewed_has_reviewer",
                condition=models.Q(status="submitted")
                | models.Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
            ),
            models.CheckConstraint(
                name="filing_recorded_has_time",
                condition=~models.Q(status="recorded")
                | models.Q(recorded_at__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "filed_at"], name="filing_status_filed"),
        ]

    def __str__(self):
        return f"{self.reference} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("filings:detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        """The filing's number: county code, domain and round, e.g. 410225-employment-2."""
        snapshot = self.snapshot or {}
        region = snapshot.get("organisation", {}).get("region_code", "")
        domain = snapshot.get("domain", {}).get("key", "")
        return f"{region}-{domain}-{self.round}"


class FilingComment(models.Model):
    """A reviewer's comment on a filing: on one item (by its number) or on the whole."""

    filing = models.ForeignKey(
        Filing,
        verbose_name=_("filing"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    item_code = models.CharField(
        _("item number"),
        max_length=20,
        blank=True,
        help_text=_(
            "The number of the item the comment is about (#id for an item without "
            "a number); empty for a comment on the whole catalog."
        ),
    )
    item_name = models.CharField(_("item name"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("filing comment")
        verbose_name_plural = _("filing comments")
        ordering = ["filing", "position", "pk"]

    def __str__(self):
        return f"{self.item_name or self.item_code or '—'}: {self.text[:40]}"
