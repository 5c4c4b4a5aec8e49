"""Public participation: consultations on policy drafts (意见征集) with their
comments and adoption feedback, and the public's say on disclosure.

A consultation's window is two instants (``opens_at``, ``closes_at``); the
server decides, in Asia/Shanghai, whether a comment is on time. A comment's
text is stored masked (the personal-data check runs as it comes in), and its
contact is kept for the asking body only: it is left out of the history and
shown on no page.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalogs.models import Item
from portal.models import Organisation

from .publications import Publication


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, not shown to the public")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class Verdict(models.TextChoices):
    ADOPTED = "adopted", _("Adopted (采纳)")
    PARTLY = "partly", _("Partly adopted (部分采纳)")
    NOT_ADOPTED = "not_adopted", _("Not adopted (不予采纳)")


class Consultation(models.Model):
    """A draft policy published for comment, with its draft interpretation.

    Shanghai publishes every draft with an interpretation, so both texts are
    required. After ``closes_at`` no comment is accepted; staff then record
    the adoption feedback and a summary, and link the final policy.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("asking body"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    title = models.CharField(_("title"), max_length=300)
    draft_text = models.TextField(_("draft policy"))
    interpretation_text = models.TextField(
        _("draft interpretation"),
        help_text=_("What the draft is for, its main points and the reasons for them."),
    )
    opens_at = models.DateTimeField(_("comments open at"))
    closes_at = models.DateTimeField(_("comments close at"))
    contact = models.CharField(
        _("how to reach the asking body"),
        max_length=300,
        help_text=_("A phone number, an address or an e-mail address for questions."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ConsultationStatus,
        default=ConsultationStatus.DRAFT,
    )
    feedback_summary = models.TextField(_("summary of the adoption"), blank=True)
    feedback_published_at = models.DateTimeField(
        _("feedback published at"), null=True, blank=True
    )
    final_publication = models.ForeignKey(
        Publication,
        verbose_name=_("final policy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "opens_at"],
                name="consultation_org_status",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="consultation_closes_after_opening",
                condition=Q(closes_at__gt=F("opens_at")),
                violation_error_message=_(
                    "The consultation must close after it opens."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:consultation", kwargs={"pk": self.pk})

    def get_staff_url(self):
        return reverse("participation-staff:detail", kwargs={"pk": self.pk})


class ConsultationComment(models.Model):
    """A citizen's opinion on a draft; shown only once moderated as published."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField(_("commenter's name"), max_length=50, blank=True)
    contact = models.CharField(_("contact"), max_length=100)
    text = models.TextField(_("opinion"))
    had_personal_data = models.BooleanField(
        _("personal data masked on receipt"), default=False
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(
        _("moderation"),
        max_length=10,
        choices=CommentStatus,
        default=CommentStatus.PENDING,
    )
    moderation_reason = models.CharField(
        _("reason it is not published"), max_length=300, blank=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    feedback = models.ForeignKey(
        "AdoptionFeedback",
        verbose_name=_("adoption feedback"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    history = HistoricalRecords(excluded_fields=["contact"])

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(
                fields=["consultation", "status", "submitted_at"],
                name="comment_consultation_status",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="comment_rejected_has_reason",
                condition=~Q(status=CommentStatus.REJECTED) | ~Q(moderation_reason=""),
                violation_error_message=_(
                    "A comment that is not published needs the reason."
                ),
            )
        ]

    def __str__(self):
        return f"{self.consultation} · {self.submitted_at:%Y-%m-%d %H:%M}"


class AdoptionFeedback(models.Model):
    """How one comment, or a group of similar comments, was taken up."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    gist = models.CharField(
        _("the opinion in short"),
        max_length=500,
        help_text=_("What the comments of this group ask for, in one sentence."),
    )
    verdict = models.CharField(_("adoption decision"), max_length=12, choices=Verdict)
    reason = models.TextField(_("reason"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("feedback recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("feedback recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adoption feedback")
        verbose_name_plural = _("adoption feedback")
        ordering = ["consultation", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="feedback_not_adopted_has_reason",
                condition=Q(verdict=Verdict.ADOPTED) | ~Q(reason=""),
                violation_error_message=_(
                    "An opinion adopted in part or not adopted needs the reason."
                ),
            )
        ]

    def __str__(self):
        return f"{self.gist} · {self.get_verdict_display()}"


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class DisclosureSay(models.Model):
    """One person's answer on one page, one day: was the information timely,
    complete and convenient to find (是否及时、全面、便民). Never public text.

    ``answer_key`` is a keyed hash of the client, the page and the day, so the
    same person answers once per page per day without a cookie and without
    their address being stored.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        related_name="disclosure_says",
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("catalog item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="disclosure_says",
    )
    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="disclosure_says",
    )
    timely = models.CharField(_("timely"), max_length=3, choices=Answer)
    complete = models.CharField(_("complete"), max_length=3, choices=Answer)
    convenient = models.CharField(_("convenient"), max_length=3, choices=Answer)
    comment = models.TextField(_("comment"), blank=True)
    answered_on = models.DateField(_("answered on"))
    answer_key = models.CharField(
        _("answer key"), max_length=64, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("public's say on disclosure")
        verbose_name_plural = _("public's say on disclosure")
        ordering = ["-answered_on", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation", "answered_on"], name="say_org_answered"
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="say_names_a_page",
                condition=Q(item__isnull=False) | Q(publication__isnull=False),
                violation_error_message=_(
                    "An answer belongs to an item page or a publication page."
                ),
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.answered_on}"
