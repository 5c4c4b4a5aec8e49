"""Public concerns staff answer within fixed hours (回应关切, Rizhao §四(二))."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Organisation


class Severity(models.TextChoices):
    MAJOR = "major", _("Especially major or major emergency (特别重大/重大突发事件)")
    OTHER = "other", _("Other public concern")


class ConcernSource(models.TextChoices):
    MEDIA = "media", _("News media")
    ONLINE = "online", _("Online discussion")
    HOTLINE = "hotline", _("Hotline (12345)")
    LETTER = "letter", _("Letters and visits")
    OTHER = "other", _("Other source")


class Concern(models.Model):
    """A public concern a body noticed; the clock runs from ``noticed_at`` in real
    hours (``disclosure.concerns.clocks``): a major emergency needs authoritative
    information within 5 hours and a press conference within 24 hours, any other
    concern a response within 48 hours. The due times are stored when the concern
    is recorded, so the dashboard finds overdue ones in one query."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    subject = models.CharField(_("subject"), max_length=300)
    source = models.CharField(_("source"), max_length=10, choices=ConcernSource)
    source_detail = models.CharField(
        _("where it was raised"),
        max_length=300,
        blank=True,
        help_text=_("The outlet, thread or hotline ticket the concern came from."),
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity)
    noticed_at = models.DateTimeField(_("noticed at"))
    response_due_at = models.DateTimeField(_("response due at"), editable=False)
    conference_due_at = models.DateTimeField(
        _("press conference due at"), null=True, blank=True, editable=False
    )
    response = models.ForeignKey(
        "disclosure.Publication",
        verbose_name=_("response"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="concerns_answered",
        help_text=_("The published information that answers the concern."),
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    conference_at = models.DateTimeField(
        _("press conference held at"), null=True, blank=True
    )
    conference_note = models.CharField(
        _("press conference"), max_length=300, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public concern")
        verbose_name_plural = _("public concerns")
        ordering = ["-noticed_at", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation", "response_due_at"],
                condition=models.Q(responded_at__isnull=True),
                name="concern_open_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="concern_major_has_conference_due",
                violation_error_message=_(
                    "A major emergency needs the time its press conference is due."
                ),
                condition=~models.Q(severity="major")
                | models.Q(conference_due_at__isnull=False),
            ),
            models.CheckConstraint(
                name="concern_response_has_time",
                violation_error_message=_(
                    "A concern answered by a publication needs the time it was answered."
                ),
                condition=models.Q(response__isnull=True)
                | models.Q(responded_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.subject
