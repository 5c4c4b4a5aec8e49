"""The public correction log (更正与撤回记录): what was taken down or changed, and why."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CorrectionKind(models.TextChoices):
    WITHDRAWAL = "withdrawal", _("Withdrawn")
    CORRECTION = "correction", _("Text corrected")
    ATTACHMENT = "attachment", _("Attachment corrected")
    MASKING = "masking", _("Personal information masked")


class CorrectionEntry(models.Model):
    """One public entry: a withdrawal of public content, a correction of a
    published text or attachment, or a masking of personal information after
    publication. It says what, when, which body and why, never the removed
    content: ``title`` is the publication's title after the change, masked.
    Entries are written only by the services that make the change."""

    kind = models.CharField(_("kind"), max_length=12, choices=CorrectionKind)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name=_("publication"),
        on_delete=models.PROTECT,
        related_name="correction_entries",
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="correction_entries",
    )
    county_code = models.CharField(_("county code"), max_length=6, editable=False)
    title = models.CharField(_("title"), max_length=300)
    what = models.CharField(
        _("what changed"),
        max_length=300,
        blank=True,
        help_text=_("Which part changed: the text, a named attachment."),
    )
    reason = models.TextField(_("reason"))
    replacement = models.ForeignKey(
        "disclosure.Publication",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    happened_at = models.DateTimeField(_("happened at"))

    class Meta:
        verbose_name = _("correction log entry")
        verbose_name_plural = _("correction log entries")
        ordering = ["-happened_at", "-pk"]
        indexes = [
            models.Index(
                fields=["county_code", "-happened_at"], name="correction_county_time"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return reverse("public:corrections", kwargs={"code": self.county_code})
