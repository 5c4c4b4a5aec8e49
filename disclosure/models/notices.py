"""Notices to a body that the calendar moved its due dates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.calendar.signals import ChangeKind
from portal.models import Organisation

from .publications import Publication


class DueDateNotice(models.Model):
    """One calendar change told to one body: which of its due dates moved, and how.

    Shown on the body's staff dashboard until someone who publishes for it (or
    reviews it) dismisses it; the dismissal is in the history.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="due_date_notices",
    )
    change = models.CharField(_("calendar change"), max_length=12, choices=ChangeKind)
    year = models.PositiveSmallIntegerField(_("calendar year"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("due-date notice")
        verbose_name_plural = _("due-date notices")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation"],
                condition=models.Q(dismissed_at__isnull=True),
                name="due_notice_open",
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.year} · {self.get_change_display()}"


class DueDateMove(models.Model):
    """One publication's due date before and after a calendar change."""

    notice = models.ForeignKey(
        DueDateNotice,
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="moves",
    )
    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    old_due_on = models.DateField(_("previous due date"))
    new_due_on = models.DateField(_("new due date"))
    provisional = models.BooleanField(_("still provisional"), default=False)

    class Meta:
        verbose_name = _("due-date move")
        verbose_name_plural = _("due-date moves")
        ordering = ["new_due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "publication"], name="due_move_once_per_notice"
            ),
            models.CheckConstraint(
                condition=~models.Q(old_due_on=models.F("new_due_on")),
                name="due_move_moves",
            ),
        ]

    def __str__(self):
        return f"{self.publication_id}: {self.old_due_on} → {self.new_due_on}"
