"""Publications under local catalog items, their attachments, reviews and negative lists."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalogs.models import Item, public_catalog_q
from portal.models import Organisation

from ..metadata.docnumbers import MAX_LENGTH as DOCUMENT_NUMBER_LENGTH
from ..metadata.docnumbers import validate_document_number


class AttachmentStorage(FileSystemStorage):
    """Files under MEDIA_ROOT, or BASE_DIR/media while the settings name none.

    Attachments are served through a staff view that checks who is asking,
    never straight from MEDIA_URL, so unpublished files stay private.
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(
            self._location, settings.MEDIA_ROOT or settings.BASE_DIR / "media"
        )


def attachment_storage():
    return AttachmentStorage()


class PublicationLevel(models.TextChoices):
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township level")
    VILLAGE = "village", _("Village level")


class PublicationKind(models.TextChoices):
    POLICY = "policy", _("Policy document")
    INTERPRETATION = "interpretation", _("Policy interpretation")
    NOTICE = "notice", _("Public notice (公示)")
    OTHER = "other", _("Other information")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RETAINED = "retained", _("Not published (on request or not disclosed)")


class Attribute(models.TextChoices):
    """The disclosure attribute (公开属性) every document carries after review."""

    PROACTIVE = "proactive", _("Proactive disclosure (主动公开)")
    ON_REQUEST = "on_request", _("Disclosure on request (依申请公开)")
    NOT_DISCLOSED = "not_disclosed", _("Not disclosed (不予公开)")


class Validity(models.TextChoices):
    VALID = "valid", _("In force (有效)")
    AMENDED = "amended", _("Amended (已修改)")
    ABOLISHED = "abolished", _("Abolished (已废止)")
    EXPIRED = "expired", _("Expired (失效)")


class Topic(models.TextChoices):
    """The subject classification (主题分类) of government documents, as the State
    Council's policy library and provincial portals list it."""

    GENERAL = "general", _("General government affairs (综合政务)")
    ECONOMY = (
        "economy",
        _("Economic management, state assets (国民经济管理、国有资产监管)"),
    )
    FINANCE = "finance", _("Public finance, banking, audit (财政、金融、审计)")
    LAND = "land", _("Land resources, energy (国土资源、能源)")
    AGRICULTURE = "agriculture", _("Agriculture, forestry, water (农业、林业、水利)")
    INDUSTRY = "industry", _("Industry, transport (工业、交通)")
    TRADE = "trade", _("Trade, customs, tourism (商贸、海关、旅游)")
    MARKET = "market", _("Market regulation, work safety (市场监管、安全生产监管)")
    CONSTRUCTION = (
        "construction",
        _("Urban and rural construction, environment (城乡建设、环境保护)"),
    )
    SCIENCE = "science", _("Science, education (科技、教育)")
    CULTURE = "culture", _("Culture, broadcasting, press (文化、广电、新闻出版)")
    HEALTH = "health", _("Health, sport (卫生、体育)")
    POPULATION = (
        "population",
        _("Population, women and children (人口与计划生育、妇女儿童工作)"),
    )
    LABOUR = "labour", _("Labour, personnel, supervision (劳动、人事、监察)")
    JUSTICE = "justice", _("Public security, safety, justice (公安、安全、司法)")
    CIVIL = "civil", _("Civil affairs, poverty relief, disasters (民政、扶贫、救灾)")
    ETHNIC = "ethnic", _("Ethnic and religious affairs (民族、宗教)")
    FOREIGN = "foreign", _("Foreign affairs (对外事务)")
    OVERSEAS = (
        "overseas",
        _("Hong Kong, Macao, Taiwan and overseas Chinese (港澳台侨工作)"),
    )
    DEFENCE = "defence", _("National defence (国防)")
    OTHER = "other", _("Other (其他)")


class NegativeListEntry(models.Model):
    """A category of information not disclosed (负面清单), with its legal basis.

    Entries without an organisation are the defaults (the Rizhao list); an
    organisation that keeps its own entries uses those instead.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="negative_list",
        help_text=_("Leave empty for a default entry used by every organisation."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    category = models.CharField(_("category"), max_length=200)
    scope = models.TextField(
        _("scope"),
        blank=True,
        help_text=_("What the category covers, in the list's own words."),
    )
    legal_basis = models.TextField(_("legal basis"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("negative-list entry")
        verbose_name_plural = _("negative-list entries")
        ordering = ["organisation__code", "position", "pk"]

    def __str__(self):
        return self.category


def public_publication_q(prefix: str = "") -> models.Q:
    """The one rule for what the public may see of publications, as a condition on
    the publication reached through ``prefix``: published as proactive disclosure
    under an item of a catalog the public may read (``public_catalog_q``). Drafts,
    publications in review, withdrawn ones, and information not disclosed or
    disclosed on request only are never public."""
    return models.Q(
        **{
            f"{prefix}status": PublicationStatus.PUBLISHED,
            f"{prefix}attribute": Attribute.PROACTIVE,
        }
    ) & public_catalog_q(f"{prefix}item__catalog__")


# On time: public no later than the due date, the day counted in local time. The
# same rule in Python is ``Publication.published_on_time``.
PUBLISHED_ON_TIME = models.Q(published_at__date__lte=models.F("due_on"))


class PublicationQuerySet(models.QuerySet):
    def public(self):
        """Publications the public may see (``public_publication_q``)."""
        return self.filter(public_publication_q())


class Publication(models.Model):
    """A piece of information published under a local catalog item by one body.

    The level is the publishing organisation's level and must be one the item
    allows. ``due_on`` is computed from the item's time limit and the working-day
    calendar when the information's ``formed_on`` date is set
    (``disclosure.deadlines.due_date``); ``due_on_provisional`` says the count
    crossed a year whose schedule is not confirmed, so the date may still move.
    """

    item = models.ForeignKey(
        Item,
        verbose_name=_("catalog item"),
        on_delete=models.PROTECT,
        related_name="publications",
        limit_choices_to={"catalog__kind": "local"},
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    level = models.CharField(_("level"), max_length=10, choices=PublicationLevel)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=PublicationKind,
        default=PublicationKind.OTHER,
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    formed_on = models.DateField(
        _("formed or changed on"),
        help_text=_("The date the information was formed or last changed."),
    )
    due_on = models.DateField(_("due on"), editable=False)
    due_on_provisional = models.BooleanField(
        _("due date provisional"),
        default=False,
        editable=False,
        help_text=_(
            "The due date was counted across a year whose holiday schedule is not "
            "confirmed yet; it is recomputed when the year is."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
    )
    attribute = models.CharField(
        _("disclosure attribute"), max_length=15, choices=Attribute, blank=True
    )
    negative_list_entry = models.ForeignKey(
        NegativeListEntry,
        verbose_name=_("negative-list reason"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    validity = models.CharField(
        _("validity"), max_length=10, choices=Validity, default=Validity.VALID
    )
    validity_on = models.DateField(_("validity changed on"), null=True, blank=True)
    validity_reason = models.TextField(_("reason for the validity change"), blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        db_index=False,  # partial index below
    )
    interpretation_of = models.ForeignKey(
        "self",
        verbose_name=_("interpretation of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpretations",
        db_index=False,  # partial index below
    )
    index_number = models.CharField(
        _("index number (索引号)"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_(
            "The body's code, the year and a serial number, given once when the "
            "publication is first published and never changed."
        ),
    )
    index_sequence = models.PositiveIntegerField(
        _("serial number of the index number"), null=True, blank=True, editable=False
    )
    written_on = models.DateField(
        _("date written (成文日期)"),
        null=True,
        blank=True,
        help_text=_("The date the document was signed, as printed on it."),
    )
    document_number = models.CharField(
        _("document number (文号)"),
        max_length=DOCUMENT_NUMBER_LENGTH,
        blank=True,
        validators=[validate_document_number],
        help_text=_("Optional, e.g. 兰人社〔2025〕3号."),
    )
    topic = models.CharField(
        _("topic (主题分类)"), max_length=20, choices=Topic, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-formed_on", "-pk"]
        indexes = [
            # The due lists and the progress report's overdue rows: a province's
            # unpublished rows numbered by due date, or counted per county and
            # domain, from the index alone (no read of the table).
            models.Index(
                fields=[
                    "status",
                    "due_on",
                    "organisation",
                    "item",
                    "due_on_provisional",
                    "id",
                ],
                name="publication_status_due",
            ),
            # The dashboard's recent withdrawals, newest first, and their count.
            models.Index(
                fields=["status", "withdrawn_at", "organisation"],
                name="publication_withdrawn",
            ),
            # The orderings of the admin's list (newest formed first) and the
            # staff's (last changed first): a page of them read along an index,
            # not a sort of every row in a province's reach.
            models.Index(fields=["-formed_on", "-id"], name="publication_formed"),
            models.Index(fields=["-updated_at", "-id"], name="publication_updated"),
            # What was published in a quarter (the progress report), counted
            # from the index alone.
            models.Index(
                fields=[
                    "published_at",
                    "status",
                    "due_on",
                    "organisation",
                    "item",
                    "due_on_provisional",
                    "id",
                ],
                condition=models.Q(published_at__isnull=False),
                name="publication_published_at",
            ),
            models.Index(
                fields=["organisation", "status"], name="publication_org_status"
            ),
            # Nearly every row has no replacement and interprets nothing. A full
            # index on these columns is one value (NULL) to SQLite's statistics,
            # so it scanned the table for "the interpretations of X" (0.1 s at
            # 360,000 publications); indexing the rows that have one fixes that.
            models.Index(
                fields=["interpretation_of"],
                condition=models.Q(interpretation_of__isnull=False),
                name="publication_interprets",
            ),
            models.Index(
                fields=["replaced_by"],
                condition=models.Q(replaced_by__isnull=False),
                name="publication_replaced_by",
            ),
            models.Index(
                fields=["document_number"],
                condition=~models.Q(document_number=""),
                name="publication_document_number",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["index_number"],
                condition=~models.Q(index_number=""),
                name="publication_index_number_unique",
                violation_error_message=_(
                    "Another publication has this index number already."
                ),
            ),
            models.CheckConstraint(
                name="publication_published_has_time",
                violation_error_message=_(
                    "A published or withdrawn publication must have its publication time."
                ),
                condition=~models.Q(status__in=["published", "withdrawn"])
                | models.Q(published_at__isnull=False),
            ),
            models.CheckConstraint(
                name="publication_not_disclosed_has_reason",
                violation_error_message=_(
                    "Information that is not disclosed needs a reason from the negative list."
                ),
                condition=~models.Q(attribute="not_disclosed")
                | models.Q(negative_list_entry__isnull=False),
            ),
            models.CheckConstraint(
                name="publication_validity_change_has_date",
                violation_error_message=_(
                    "A document that is amended, abolished or expired needs the date it happened."
                ),
                condition=models.Q(validity="valid")
                | models.Q(validity_on__isnull=False),
            ),
            models.CheckConstraint(
                name="publication_due_not_before_formed",
                violation_error_message=_(
                    "The due date cannot be before the date the information was formed."
                ),
                condition=models.Q(due_on__gte=models.F("formed_on")),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:publication-detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status == PublicationStatus.DRAFT

    @property
    def validity_pending(self) -> bool:
        """A change of validity dated after today: it is announced ("将于 … 失效")
        and the document stays in force until that day; no job flips it."""
        return (
            self.validity != Validity.VALID
            and self.validity_on is not None
            and self.validity_on > timezone.localdate()
        )

    @property
    def validity_now(self) -> str:
        """The validity a reader sees today."""
        return Validity.VALID if self.validity_pending else self.validity

    @property
    def published_on_time(self) -> bool:
        """``PUBLISHED_ON_TIME`` for a publication in hand."""
        return self.published_at is not None and (
            timezone.localdate(self.published_at) <= self.due_on
        )


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word document (.docx)")
    XLSX = "xlsx", _("Excel workbook (.xlsx)")
    TEXT = "txt", _("Plain text (.txt)")
    CSV = "csv", _("Comma-separated values (.csv)")
    JPEG = "jpg", _("JPEG image")
    PNG = "png", _("PNG image")


class Attachment(models.Model):
    """A file published with a publication; its type is checked against its content."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"),
        upload_to="disclosure/%Y/%m/",
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
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["publication", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_text(self) -> bool:
        return self.kind in (AttachmentKind.TEXT, AttachmentKind.CSV)


class Source(models.TextChoices):
    OWN = "own", _("Issued by this body (本机关制发)")
    REPRINTED = "reprinted", _("Reprinted, source stated (转载)")
    OTHER_BODY = "other_body", _("Information of another body (非本机关信息)")


class LegalOpinion(models.TextChoices):
    AGREE = "agree", _("Agree (同意)")
    DISAGREE = "disagree", _("Disagree (不同意)")


class Decision(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned to the author")


class ComplianceReview(models.Model):
    """The compliance review form (政府信息公开及合规性审核表, Rizhao attachment 2).

    Filled in by a reviewer who is not the author before anything is published;
    the completed form is kept, one per round of review, and can be printed.
    """

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    information_name = models.CharField(_("information name"), max_length=300)
    source = models.CharField(_("source"), max_length=12, choices=Source)
    reprint_source = models.CharField(
        _("reprinted from"),
        max_length=200,
        blank=True,
        help_text=_("Required for reprinted information: where it was taken from."),
    )
    is_secret = models.BooleanField(_("contains state secrets"), default=False)
    attribute = models.CharField(
        _("disclosure attribute"), max_length=15, choices=Attribute
    )
    negative_list_entry = models.ForeignKey(
        NegativeListEntry,
        verbose_name=_("negative-list reason"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )
    withheld_reason = models.TextField(
        _("explanation of the reason"),
        blank=True,
        help_text=_("How the negative-list category applies to this information."),
    )
    platform_website = models.BooleanField(_("platform: website"), default=False)
    platform_new_media = models.BooleanField(_("platform: new media"), default=False)
    platform_other = models.CharField(_("platform: other"), max_length=100, blank=True)
    legal_opinion = models.CharField(
        _("legal review opinion"), max_length=10, choices=LegalOpinion
    )
    column = models.CharField(_("column"), max_length=100, blank=True)
    handler = models.CharField(_("handler (承办人)"), max_length=50)
    secrecy_reviewer = models.CharField(
        _("secrecy and attribute reviewer"), max_length=50
    )
    legal_reviewer = models.CharField(_("legal reviewer"), max_length=50)
    head_of_unit = models.CharField(_("head of the unit"), max_length=50)
    leader_in_charge = models.CharField(
        _("leader in charge"), max_length=50, blank=True
    )
    publisher_name = models.CharField(
        _("publisher (信息发布人员)"), max_length=50, blank=True
    )
    filled_on = models.DateField(_("form filled on"))
    uploaded_on = models.DateField(_("uploaded on"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision, default=Decision.PENDING
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compliance review")
        verbose_name_plural = _("compliance reviews")
        ordering = ["publication", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="review_not_disclosed_has_reason",
                violation_error_message=_(
                    "Information that is not disclosed needs a reason: choose the category of the negative list it falls under."
                ),
                condition=~models.Q(attribute="not_disclosed")
                | models.Q(negative_list_entry__isnull=False),
            ),
            models.CheckConstraint(
                name="review_secret_is_not_disclosed",
                violation_error_message=_(
                    "Information containing state secrets is never disclosed: choose “not disclosed” and the negative-list category for secrets."
                ),
                condition=models.Q(is_secret=False)
                | models.Q(attribute="not_disclosed"),
            ),
        ]

    def __str__(self):
        return f"{self.information_name} · {self.get_decision_display()}"

    def get_absolute_url(self):
        return reverse("disclosure:review-print", kwargs={"pk": self.pk})
