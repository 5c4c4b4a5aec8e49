"""A reviewer's release of a suspected ID number in one publication."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .publications import Publication


class PersonalDataRelease(models.Model):
    """A suspected ID-card number a reviewer found to be something else.

    An 18-character number with a real region and birth date but a wrong check
    character is usually a mistyped ID number, so it stops a publication like
    one. When it is not (a file or archive number), the reviewer releases that
    exact value for that publication during the compliance review, with the
    reason; the release is in history and on the printed review form.
    """

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="personal_data_releases",
    )
    value = models.CharField(
        _("released number"),
        max_length=18,
        help_text=_("The 18 characters as the check reads them (digits, X)."),
    )
    reason = models.TextField(
        _("reason for the release"),
        help_text=_("Why this number is not an ID-card number."),
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("released suspected ID number")
        verbose_name_plural = _("released suspected ID numbers")
        ordering = ["publication", "released_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "value"],
                name="personal_data_release_once",
                violation_error_message=_(
                    "This number was already released for this publication."
                ),
            ),
            models.CheckConstraint(
                name="personal_data_release_has_reason",
                condition=~models.Q(reason=""),
                violation_error_message=_("A release needs its reason."),
            ),
        ]

    def __str__(self):
        return f"{self.value[:6]}********{self.value[14:]} · {self.publication}"
