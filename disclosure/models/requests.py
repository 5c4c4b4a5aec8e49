"""On-request disclosure (依申请公开): applications, their clock, replies and remedies.

The closed choices follow the annual report's table 三 and 四 (国办公开办函〔2021〕30号)
row for row, so every cell of those tables is a count over these records.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalogs.models import Item
from portal.models import Organisation

from .publications import AttachmentKind, NegativeListEntry, attachment_storage


class ApplicantKind(models.TextChoices):
    """The columns of table 三: 自然人 and the five kinds of 法人或其他组织."""

    NATURAL_PERSON = "natural_person", _("Natural person (自然人)")
    COMMERCIAL = "commercial", _("Commercial enterprise (商业企业)")
    RESEARCH = "research", _("Research institution (科研机构)")
    PUBLIC_INTEREST = (
        "public_interest",
        _("Social public-interest organisation (社会公益组织)"),
    )
    LEGAL_SERVICE = "legal_service", _("Legal service institution (法律服务机构)")
    OTHER = "other", _("Other legal person or organisation (其他)")


class IdentityType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport or other travel document")
    OTHER_PERSONAL = "other_personal", _("Other identity document")
    CREDIT_CODE = "credit_code", _("Unified social credit code")


class Channel(models.TextChoices):
    """How the application came in; the date of receipt follows Art. 31."""

    WEB = "web", _("Online form of the portal")
    IN_PERSON = "in_person", _("Handed in in person")
    PHONE = "phone", _("By phone, written down by staff (Art. 29)")
    POST = "post", _("By registered post, signed for")
    LETTER = "letter", _("By ordinary letter, confirmed with the applicant")
    EMAIL = "email", _("By e-mail or fax, confirmed with the applicant")


class InformationForm(models.TextChoices):
    PAPER = "paper", _("On paper")
    ELECTRONIC = "electronic", _("Electronic file")
    DISC = "disc", _("On an optical disc")
    OTHER = "other", _("Another form")


class Delivery(models.TextChoices):
    COLLECT = "collect", _("Collected in person")
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    ON_SITE = "on_site", _("Read and copied on site")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted online, awaiting confirmation")
    REGISTERED = "registered", _("Being handled")
    AWAITING_CORRECTION = "awaiting_correction", _("Awaiting correction (补正)")
    CONSULTING = "consulting", _("Consulting a third party")
    REPLIED = "replied", _("Replied")
    DELIVERED = "delivered", _("Reply delivered")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


class ReplyType(models.TextChoices):
    """The result rows of table 三 (本年度办理结果)."""

    GRANTED = "granted", _("Disclosed (予以公开)")
    PARTIAL = "partial", _("Partly disclosed (部分公开)")
    WITHHELD = "withheld", _("Not disclosed (不予公开)")
    UNABLE = "unable", _("Cannot be provided (无法提供)")
    NOT_PROCESSED = "not_processed", _("Not processed (不予处理)")
    OTHER = "other", _("Otherwise handled (其他处理)")


class ReplyReason(models.TextChoices):
    """The numbered sub-rows of table 三, each under its reply type."""

    STATE_SECRET = "state_secret", _("State secret (属于国家秘密)")
    PROHIBITED_BY_LAW = (
        "prohibited_by_law",
        _(
            "Prohibited by other laws and administrative regulations (其他法律行政法规禁止公开)"
        ),
    )
    THREE_SAFETIES = (
        "three_safeties",
        _("Would endanger the “three safeties and one stability” (危及“三安全一稳定”)"),
    )
    THIRD_PARTY = (
        "third_party",
        _("Protects a third party's lawful rights (保护第三方合法权益)"),
    )
    INTERNAL_AFFAIRS = (
        "internal_affairs",
        _("Internal affairs of the three kinds (属于三类内部事务信息)"),
    )
    PROCESS_INFORMATION = (
        "process_information",
        _("Process information of the four kinds (属于四类过程性信息)"),
    )
    ENFORCEMENT_FILE = (
        "enforcement_file",
        _("Administrative enforcement case file (属于行政执法案卷)"),
    )
    INQUIRY_MATTER = (
        "inquiry_matter",
        _("A matter of administrative inquiry (属于行政查询事项)"),
    )
    NOT_HELD = (
        "not_held",
        _("This body does not hold the information (本机关不掌握相关政府信息)"),
    )
    NEEDS_CREATION = (
        "needs_creation",
        _(
            "No existing information; it would have to be made (没有现成信息需要另行制作)"
        ),
    )
    STILL_UNCLEAR = (
        "still_unclear",
        _("Still unclear after correction (补正后申请内容仍不明确)"),
    )
    PETITION = "petition", _("A petition, report or complaint (信访举报投诉类申请)")
    REPEATED = "repeated", _("A repeated application (重复申请)")
    PUBLICATION = "publication", _("Asks for a public publication (要求提供公开出版物)")
    EXCESSIVE = (
        "excessive",
        _("Many repeated applications without good reason (无正当理由大量反复申请)"),
    )
    CONFIRMATION = (
        "confirmation",
        _(
            "Asks the body to confirm or reissue information already obtained (要求行政机关确认或重新出具已获取信息)"
        ),
    )
    NO_CORRECTION = (
        "no_correction",
        _(
            "Not corrected in time without good reason; no longer handled (申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请)"
        ),
    )
    UNPAID_FEE = (
        "unpaid_fee",
        _(
            "Fee not paid in time; no longer handled (申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请)"
        ),
    )
    OTHER_REASON = "other_reason", _("Other (其他)")


WITHHELD_REASONS = (
    ReplyReason.STATE_SECRET,
    ReplyReason.PROHIBITED_BY_LAW,
    ReplyReason.THREE_SAFETIES,
    ReplyReason.THIRD_PARTY,
    ReplyReason.INTERNAL_AFFAIRS,
    ReplyReason.PROCESS_INFORMATION,
    ReplyReason.ENFORCEMENT_FILE,
    ReplyReason.INQUIRY_MATTER,
)
# Which reasons each reply type takes; a partial disclosure names why the rest
# is withheld (Art. 37), though table 三 counts it on its own row only.
REASONS_OF_TYPE: dict[str, tuple[str, ...]] = {
    ReplyType.GRANTED: (),
    ReplyType.PARTIAL: WITHHELD_REASONS,
    ReplyType.WITHHELD: WITHHELD_REASONS,
    ReplyType.UNABLE: (
        ReplyReason.NOT_HELD,
        ReplyReason.NEEDS_CREATION,
        ReplyReason.STILL_UNCLEAR,
    ),
    ReplyType.NOT_PROCESSED: (
        ReplyReason.PETITION,
        ReplyReason.REPEATED,
        ReplyReason.PUBLICATION,
        ReplyReason.EXCESSIVE,
        ReplyReason.CONFIRMATION,
    ),
    ReplyType.OTHER: (
        ReplyReason.NO_CORRECTION,
        ReplyReason.UNPAID_FEE,
        ReplyReason.OTHER_REASON,
    ),
}
OPEN_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.REGISTERED,
    RequestStatus.AWAITING_CORRECTION,
    RequestStatus.CONSULTING,
)
# The reply clock runs in these; it is stopped while awaiting correction.
CLOCK_STATUSES = (RequestStatus.REGISTERED, RequestStatus.CONSULTING)
REPLIED_STATUSES = (
    RequestStatus.REPLIED,
    RequestStatus.DELIVERED,
    RequestStatus.CLOSED,
    RequestStatus.ARCHIVED,
)


def _reason_matches_type() -> Q:
    condition = Q(reply_type="", reply_reason="")
    for reply_type, reasons in REASONS_OF_TYPE.items():
        if reasons:
            condition |= Q(reply_type=reply_type, reply_reason__in=list(reasons))
        else:
            condition |= Q(reply_type=reply_type, reply_reason="")
    return condition


class InformationRequest(models.Model):
    """An application for government information (政府信息公开申请, Art. 27–45).

    ``received_on`` is the date of receipt of Art. 31 and ``closed_on`` the day
    its handling ended: together they decide 本年新收, 上年结转 and 结转下年度.
    ``due_on`` is recomputed by ``disclosure.requests.clocks`` at every step and
    kept, step by step, in the history. The identity number is left out of the
    history, so no history page, diff or export can show it.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("handling organisation"),
        on_delete=models.PROTECT,
        related_name="information_requests",
    )
    received_by = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation applied to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reference = models.CharField(_("reference number"), max_length=60, unique=True)
    query_code_hash = models.CharField(
        _("query code (hashed)"), max_length=64, unique=True, editable=False
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel)
    submitted_at = models.DateTimeField(_("submitted or registered at"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    applicant_kind = models.CharField(
        _("applicant kind"), max_length=20, choices=ApplicantKind
    )
    applicant_name = models.CharField(_("applicant name"), max_length=100)
    identity_type = models.CharField(
        _("identity document"), max_length=20, choices=IdentityType
    )
    identity_number = models.CharField(_("identity number"), max_length=40)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    address = models.CharField(_("postal address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    information_title = models.CharField(_("information requested"), max_length=300)
    description = models.TextField(_("description of the information"))
    purpose = models.TextField(_("purpose"), blank=True)
    information_form = models.CharField(
        _("preferred form"), max_length=12, choices=InformationForm
    )
    delivery = models.CharField(
        _("preferred delivery"), max_length=10, choices=Delivery
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("catalog item concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus,
        default=RequestStatus.SUBMITTED,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    clock_start_on = models.DateField(
        _("reply period counted from"), null=True, blank=True
    )
    due_on = models.DateField(_("reply due on"), null=True, blank=True)
    due_provisional = models.BooleanField(_("due date provisional"), default=False)
    correction_sent_on = models.DateField(
        _("correction notice sent on"), null=True, blank=True
    )
    correction_request = models.TextField(_("what is to be corrected"), blank=True)
    correction_due_on = models.DateField(_("correction due on"), null=True, blank=True)
    correction_received_on = models.DateField(
        _("correction received on"), null=True, blank=True
    )
    extension_days = models.PositiveSmallIntegerField(
        _("extension in working days"), null=True, blank=True
    )
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extension asked for by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    extension_requested_on = models.DateField(
        _("extension asked for on"), null=True, blank=True
    )
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extension approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    extension_approved_on = models.DateField(
        _("extension approved on"), null=True, blank=True
    )
    reply_type = models.CharField(
        _("reply type"), max_length=15, choices=ReplyType, blank=True
    )
    reply_reason = models.CharField(
        _("reason"), max_length=25, choices=ReplyReason, blank=True
    )
    reply_text = models.TextField(_("reply"), blank=True)
    reply_basis = models.TextField(_("legal basis stated"), blank=True)
    negative_list_entry = models.ForeignKey(
        NegativeListEntry,
        verbose_name=_("negative-list entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="information_requests",
    )
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    delivered_by = models.CharField(
        _("delivered by"), max_length=10, choices=Delivery, blank=True
    )
    tracking_number = models.CharField(_("tracking number"), max_length=50, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["identity_number"])

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "due_on"],
                name="request_org_status_due",
            ),
            models.Index(
                fields=["organisation", "received_on"], name="request_org_received"
            ),
            models.Index(fields=["item", "received_on"], name="request_item_received"),
        ]
        constraints = [
            models.CheckConstraint(
                name="request_reason_matches_type",
                violation_error_message=_(
                    "The reason does not belong to the reply type."
                ),
                condition=_reason_matches_type(),
            ),
            models.CheckConstraint(
                name="request_replied_has_type",
                violation_error_message=_(
                    "A replied request needs its reply type and date."
                ),
                condition=~Q(status__in=[s.value for s in REPLIED_STATUSES])
                | (~Q(reply_type="") & Q(replied_on__isnull=False)),
            ),
            models.CheckConstraint(
                name="request_extension_at_most_20",
                violation_error_message=_(
                    "An extension is of 1 to 20 working days (Art. 33)."
                ),
                condition=Q(extension_days__isnull=True)
                | Q(extension_days__gte=1, extension_days__lte=20),
            ),
            models.CheckConstraint(
                name="request_approval_needs_extension",
                violation_error_message=_("Only an extension asked for is approved."),
                condition=Q(extension_approved_on__isnull=True)
                | Q(extension_days__isnull=False),
            ),
            models.CheckConstraint(
                name="request_received_before_due",
                violation_error_message=_(
                    "The reply cannot be due before the application was received."
                ),
                condition=Q(due_on__isnull=True)
                | Q(received_on__isnull=False, due_on__gte=models.F("received_on")),
            ),
            models.CheckConstraint(
                name="request_closed_after_received",
                violation_error_message=_(
                    "A request cannot be closed before it was received."
                ),
                condition=Q(closed_on__isnull=True)
                | Q(received_on__isnull=False, closed_on__gte=models.F("received_on")),
            ),
            models.CheckConstraint(
                name="request_post_has_tracking",
                violation_error_message=_(
                    "A reply sent by post needs its tracking number."
                ),
                condition=~Q(delivered_by="post") | ~Q(tracking_number=""),
            ),
        ]

    def __str__(self):
        return f"{self.reference} · {self.information_title}"

    def get_absolute_url(self):
        return reverse("requests:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def extended(self) -> bool:
        return self.extension_approved_on is not None

    @property
    def extension_pending(self) -> bool:
        return self.extension_days is not None and self.extension_approved_on is None


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("Third party (Art. 32)")
    OTHER_BODY = "other_body", _("Another administrative body (Art. 34)")


class Opinion(models.TextChoices):
    AGREES = "agrees", _("Agrees to disclosure")
    OBJECTS = "objects", _("Objects to disclosure")
    NO_ANSWER = "no_answer", _("No answer within the time")


class RequestConsultation(models.Model):
    """A written consultation of a third party or another body (Art. 32, 34).

    It has 15 working days to answer; that time is not counted in the reply
    period (Art. 33), so the reply is due later by the working days it took.
    """

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("information request"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ConsultationKind)
    party = models.CharField(_("consulted party"), max_length=200)
    sent_on = models.DateField(_("letter sent on"))
    answer_due_on = models.DateField(_("answer due on"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    opinion = models.CharField(_("opinion"), max_length=10, choices=Opinion, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["request", "sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="consultation_answer_after_sending",
                violation_error_message=_(
                    "The answer cannot come before the letter was sent."
                ),
                condition=Q(answered_on__isnull=True)
                | Q(answered_on__gte=models.F("sent_on")),
            ),
            models.CheckConstraint(
                name="consultation_answered_has_opinion",
                violation_error_message=_(
                    "An answered consultation needs its opinion."
                ),
                condition=Q(answered_on__isnull=True, opinion="")
                | (Q(answered_on__isnull=False) & ~Q(opinion="")),
            ),
        ]

    def __str__(self):
        return f"{self.party} · {self.sent_on:%Y-%m-%d}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Application submitted online")
    REGISTERED = "registered", _("Application received and registered")
    TRANSFERRED = "transferred", _("Transferred to another body")
    CORRECTION_SENT = "correction_sent", _("Correction notice sent (补正)")
    CORRECTION_RECEIVED = "correction_received", _("Corrected application received")
    CONSULTATION_SENT = "consultation_sent", _("Consultation sent; the clock pauses")
    CONSULTATION_ANSWERED = (
        "consultation_answered",
        _("Consultation answered; the clock runs again"),
    )
    EXTENSION_ASKED = "extension_asked", _("Extension asked for")
    EXTENSION_APPROVED = "extension_approved", _("Reply period extended")
    EXTENSION_REFUSED = "extension_refused", _("Extension refused")
    ITEM_SET = "item_set", _("Catalog item noted")
    FILE_ADDED = "file_added", _("File prepared for the applicant")
    FILE_REMOVED = "file_removed", _("File removed")
    REPLIED = "replied", _("Replied")
    DELIVERED = "delivered", _("Reply delivered")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")
    CHALLENGED = "challenged", _("Administrative review or lawsuit recorded")
    CHALLENGE_DECIDED = "challenge_decided", _("Outcome of a review or lawsuit")


class RequestEvent(models.Model):
    """One step of a request, as it happened (全过程留痕): the timeline.

    Written by the services only and never changed; ``public`` steps are shown
    to the applicant on the status page.
    """

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("information request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("step"), max_length=25, choices=EventKind)
    on = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    due_on = models.DateField(_("reply due on after this step"), null=True, blank=True)
    public = models.BooleanField(_("shown to the applicant"), default=True)

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["request", "at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.on:%Y-%m-%d}"


class RequestFile(models.Model):
    """A file given to the applicant with the reply, checked like an attachment."""

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("information request"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    file = models.FileField(
        _("file"),
        upload_to="requests/%Y/%m/",
        storage=attachment_storage,
        max_length=255,
    )
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("file type"), max_length=5, choices=AttachmentKind)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("file for the applicant")
        verbose_name_plural = _("files for the applicant")
        ordering = ["request", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_text(self) -> bool:
        return self.kind in (AttachmentKind.TEXT, AttachmentKind.CSV)


class ChallengeKind(models.TextChoices):
    """The columns of table 四."""

    REVIEW = "review", _("Administrative review (行政复议)")
    LAWSUIT_DIRECT = (
        "lawsuit_direct",
        _("Lawsuit without prior review (行政诉讼 · 未经复议直接起诉)"),
    )
    LAWSUIT_AFTER_REVIEW = (
        "lawsuit_after_review",
        _("Lawsuit after review (行政诉讼 · 复议后起诉)"),
    )


class ChallengeOutcome(models.TextChoices):
    PENDING = "pending", _("Not yet concluded (尚未审结)")
    UPHELD = "upheld", _("Upheld (结果维持)")
    CORRECTED = "corrected", _("Corrected (结果纠正)")
    OTHER = "other", _("Other outcome (其他结果)")


class RequestChallenge(models.Model):
    """An administrative review or lawsuit about a reply, and its outcome (table 四)."""

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("information request"),
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    kind = models.CharField(_("kind"), max_length=25, choices=ChallengeKind)
    authority = models.CharField(_("review body or court"), max_length=200, blank=True)
    filed_on = models.DateField(_("filed on"))
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=ChallengeOutcome,
        default=ChallengeOutcome.PENDING,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review or lawsuit")
        verbose_name_plural = _("reviews and lawsuits")
        ordering = ["request", "filed_on", "pk"]
        indexes = [models.Index(fields=["filed_on"], name="challenge_filed")]
        constraints = [
            models.CheckConstraint(
                name="challenge_decided_has_date",
                violation_error_message=_(
                    "A concluded review or lawsuit needs the date of its decision, "
                    "and a pending one has none."
                ),
                condition=Q(outcome="pending", decided_on__isnull=True)
                | (~Q(outcome="pending") & Q(decided_on__isnull=False)),
            ),
            models.CheckConstraint(
                name="challenge_decided_after_filed",
                violation_error_message=_(
                    "The decision cannot come before the case was filed."
                ),
                condition=Q(decided_on__isnull=True)
                | Q(decided_on__gte=models.F("filed_on")),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.filed_on:%Y-%m-%d}"
