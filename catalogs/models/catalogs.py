"""Domains, channels, versioned catalogs, tiered items and their legal bases."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Organisation


class Domain(models.Model):
    """A policy domain (领域), e.g. 就业; each has its own standard catalogs."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    has_county_level = models.BooleanField(_("has county level"), default=True)
    has_township_level = models.BooleanField(_("has township level"), default=True)
    has_village_level = models.BooleanField(
        _("has village level"),
        default=True,
        help_text=_("Untick for domains published only at county and township level."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["position", "key"]

    def __str__(self):
        return self.name


class Channel(models.Model):
    """A disclosure channel or carrier (公开渠道和载体): the 13 official options plus local ones."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    official = models.BooleanField(
        _("official option"),
        default=False,
        help_text=_("One of the thirteen options printed in the standard catalogs."),
    )
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other spellings found in published catalogs, matched on import."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["-official", "position", "code"]

    def __str__(self):
        return self.name


class CatalogKind(models.TextChoices):
    STANDARD = "standard", _("Standard catalog")
    LOCAL = "local", _("Local catalog")


class CatalogStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


# Catalogs in these states are public; a draft is work in progress.
PUBLIC_STATUSES = (CatalogStatus.IN_FORCE, CatalogStatus.SUPERSEDED)


def public_catalog_q(prefix: str = "") -> models.Q:
    """The one rule for which catalogs the public may read, as a condition on the
    catalog reached through ``prefix`` (``"item__catalog__"`` from a publication):
    standard and local catalogs in force or superseded; a draft of either kind is
    work in progress."""
    return models.Q(**{f"{prefix}status__in": PUBLIC_STATUSES})


class CatalogQuerySet(models.QuerySet):
    def public(self):
        """Catalogs the public may read (``public_catalog_q``)."""
        return self.filter(public_catalog_q())


class Catalog(models.Model):
    """A version of a standard catalog (标准目录) or of a county's local catalog (本地目录).

    Every catalog may derive from another: national standard → provincial standard
    → county local catalog. Versions of one catalog share its ``key``.
    """

    key = models.SlugField(
        _("key"),
        max_length=80,
        help_text=_("Identifies the catalog across its versions, e.g. employment."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    kind = models.CharField(_("kind"), max_length=10, choices=CatalogKind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CatalogStatus.choices,
        default=CatalogStatus.DRAFT,
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("domain"),
        on_delete=models.PROTECT,
        related_name="catalogs",
    )
    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    document_no = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogs",
        help_text=_("The body that owns a local catalog; empty for a standard."),
    )
    derived_from = models.ForeignKey(
        "self",
        verbose_name=_("derived from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivatives",
    )
    expected_level1 = models.PositiveSmallIntegerField(
        _("declared first-level items"),
        null=True,
        blank=True,
        help_text=_("How many first-level items the issuing document declares."),
    )
    expected_level2 = models.PositiveSmallIntegerField(
        _("declared second-level items"),
        null=True,
        blank=True,
        help_text=_("How many second-level items the issuing document declares."),
    )
    notes = models.TextField(_("notes"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = CatalogQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalog")
        verbose_name_plural = _("catalogs")
        ordering = ["domain__position", "key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"], name="catalog_unique_key_version"
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(status="in_force"),
                name="catalog_one_version_in_force",
            ),
            models.CheckConstraint(
                name="catalog_local_has_organisation",
                condition=(
                    models.Q(kind="standard", organisation__isnull=True)
                    | models.Q(kind="local", organisation__isnull=False)
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title}（v{self.version}）"

    def get_absolute_url(self):
        return reverse(
            "catalogs:catalog", kwargs={"key": self.key, "version": self.version}
        )

    @property
    def is_public(self) -> bool:
        """``public_catalog_q`` for a catalog in hand."""
        return self.status in PUBLIC_STATUSES


class ItemOrigin(models.TextChoices):
    ORIGINAL = "original", _("Defined in this catalog")
    DERIVED = "derived", _("Taken from the catalog it derives from")
    SUPPLEMENT = "supplement", _("Local supplement")


class TimeLimitKind(models.TextChoices):
    WITHIN = "within", _("Within a number of days")
    REALTIME = "realtime", _("In real time")
    PROMPTLY = "promptly", _("Promptly")
    PERIODIC = "periodic", _("Updated periodically")
    UNSPECIFIED = "unspecified", _("Not stated")


class TimeLimitUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    HOURS = "hours", _("hours")


class ItemQuerySet(models.QuerySet):
    def public(self):
        """Items of catalogs the public may read (``public_catalog_q``)."""
        return self.filter(public_catalog_q("catalog__"))


class Item(models.Model):
    """A row of a catalog (公开事项): a first-, second- or third-level item and its columns."""

    catalog = models.ForeignKey(
        Catalog,
        verbose_name=_("catalog"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=[(1, _("First level")), (2, _("Second level")), (3, _("Third level"))],
    )
    code = models.CharField(
        _("number"),
        max_length=20,
        blank=True,
        help_text=_("The item's number in the catalog, e.g. 1.2; empty when unknown."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    content = models.JSONField(
        _("content elements"),
        default=list,
        blank=True,
        help_text=_("The elements to publish, one per entry, e.g. 办理流程."),
    )
    time_limit_text = models.CharField(
        _("time limit (as worded)"), max_length=300, blank=True
    )
    time_limit_kind = models.CharField(
        _("time limit kind"),
        max_length=12,
        choices=TimeLimitKind.choices,
        default=TimeLimitKind.UNSPECIFIED,
    )
    time_limit_amount = models.PositiveIntegerField(
        _("time limit amount"), null=True, blank=True
    )
    time_limit_unit = models.CharField(
        _("time limit unit"), max_length=15, choices=TimeLimitUnit.choices, blank=True
    )
    time_limit_trigger = models.CharField(
        _("time limit starts from"),
        max_length=100,
        blank=True,
        help_text=_("The event the time limit counts from, e.g. 信息形成或变更之日."),
    )
    subject = models.CharField(_("disclosing body"), max_length=300, blank=True)
    channels = models.JSONField(
        _("channels"),
        default=list,
        blank=True,
        help_text=_("Codes of the channels and carriers ticked for this item."),
    )
    audience_public = models.BooleanField(
        _("audience: whole society"), null=True, blank=True
    )
    audience_specific = models.BooleanField(
        _("audience: specific groups"), null=True, blank=True
    )
    mode_proactive = models.BooleanField(_("mode: proactive"), null=True, blank=True)
    mode_on_request = models.BooleanField(_("mode: on request"), null=True, blank=True)
    level_county = models.BooleanField(_("level: county"), null=True, blank=True)
    level_township = models.BooleanField(_("level: township"), null=True, blank=True)
    level_village = models.BooleanField(_("level: village"), null=True, blank=True)
    origin = models.CharField(
        _("origin"),
        max_length=12,
        choices=ItemOrigin.choices,
        default=ItemOrigin.ORIGINAL,
    )
    derived_from = models.ForeignKey(
        "self",
        verbose_name=_("derived from item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivatives",
    )
    lineage = models.UUIDField(
        _("row identity"),
        default=uuid.uuid4,
        editable=False,
        db_index=True,
        help_text=_(
            "Shared by a local item and its successors in later versions of the "
            "same local catalog, so publications follow their row."
        ),
    )
    omitted = models.BooleanField(
        _("not performed locally"),
        default=False,
        help_text=_(
            "The county does not perform this item; it stays listed as omitted."
        ),
    )
    omission_reason = models.TextField(_("reason for omission"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    uncertain = models.JSONField(
        _("uncertain fields"),
        default=list,
        blank=True,
        help_text=_(
            "Columns that were inferred or seen only in a locally edited copy."
        ),
    )
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    history = HistoricalRecords()

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalog item")
        verbose_name_plural = _("catalog items")
        ordering = ["catalog", "position"]
        constraints = [
            models.CheckConstraint(
                name="item_level_between_1_and_3",
                condition=models.Q(level__gte=1, level__lte=3),
            ),
            models.CheckConstraint(
                name="item_first_level_has_no_parent",
                condition=models.Q(level=1, parent__isnull=True)
                | models.Q(level__gt=1, parent__isnull=False),
            ),
            models.CheckConstraint(
                name="item_only_derived_items_are_omitted",
                condition=models.Q(omitted=False) | models.Q(origin="derived"),
            ),
            models.UniqueConstraint(
                fields=["catalog", "code"],
                condition=~models.Q(code=""),
                name="item_unique_code_per_catalog",
            ),
        ]
        indexes = [models.Index(fields=["catalog", "level"], name="item_catalog_level")]

    def __str__(self):
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self):
        return reverse("catalogs:item", kwargs={"pk": self.pk})


class LegalBasisKind(models.TextChoices):
    LAW = "law", _("Law")
    ADMINISTRATIVE_REGULATION = (
        "administrative_regulation",
        _("Administrative regulation"),
    )
    RULE = "rule", _("Departmental or local rule")
    LOCAL_REGULATION = "local_regulation", _("Local regulation")
    NORMATIVE_DOCUMENT = "normative_document", _("Normative document")
    OTHER = "other", _("Other")


class LegalScope(models.TextChoices):
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local")


class LegalBasis(models.Model):
    """A law, regulation or document named as an item's basis (公开依据), without articles."""

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="bases"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(
        _("citation as worded"),
        max_length=500,
        help_text=_("The citation exactly as the catalog prints it."),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    document_no = models.CharField(_("document number"), max_length=100, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=LegalBasisKind.choices,
        default=LegalBasisKind.OTHER,
    )
    scope = models.CharField(
        _("scope"),
        max_length=10,
        choices=LegalScope.choices,
        default=LegalScope.NATIONAL,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["item", "position"]

    def __str__(self):
        return self.text


# Filings (备案): a county's local catalog filed with the province for the record.
