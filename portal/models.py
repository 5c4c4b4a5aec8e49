"""Tenancy (regions, organisations, memberships) and the working-day calendar."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .domains import validate_domain_keys


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")


# A division code is its own path: each level adds digits to its parent's code.
CODE_LENGTHS = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.VILLAGE: 12,
}


class Region(models.Model):
    """An administrative division (GB/T 2260 to county level, statistical codes below).

    The code is the region's path in the tree: 41 ⊃ 4101 ⊃ 410102 ⊃ 410102001 ⊃
    410102001001, so all descendants of a region are a prefix query on ``code``.
    """

    code = models.CharField(
        _("division code"),
        max_length=12,
        unique=True,
        help_text=_(
            "The administrative division code: 2 digits for a province, 4 for a city, "
            "6 for a county, 9 for a township and 12 for a village."
        ),
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="region_code_length_matches_level",
                condition=(
                    models.Q(level="province", code__regex=r"^[0-9]{2}$")
                    | models.Q(level="city", code__regex=r"^[0-9]{4}$")
                    | models.Q(level="county", code__regex=r"^[0-9]{6}$")
                    | models.Q(level="township", code__regex=r"^[0-9]{9}$")
                    | models.Q(level="village", code__regex=r"^[0-9]{12}$")
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    @property
    def ancestors_codes(self) -> list[str]:
        """The codes of every ancestor, outermost first, read off the code itself."""
        lengths = [n for n in CODE_LENGTHS.values() if n < len(self.code)]
        return [self.code[:n] for n in lengths]


class OrganisationKind(models.TextChoices):
    PROVINCIAL_DEPARTMENT = "provincial_department", _("Provincial department")
    COUNTY_BUREAU = "county_bureau", _("County bureau")
    TOWNSHIP_GOVERNMENT = "township_government", _("Township government")
    VILLAGE_COMMITTEE = "village_committee", _("Village or residents' committee")
    OTHER = "other", _("Other body")


class Organisation(models.Model):
    """A disclosing body (公开主体): a bureau, a township government, a village committee."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A short unique code used in commands, e.g. 410225-hrss."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    domains = models.JSONField(
        _("domains"),
        default=list,
        blank=True,
        validators=[validate_domain_keys],
        help_text=_(
            "The domains the body is responsible for: its staff derive, edit, "
            "publish and review only in these. Leave empty for a body responsible "
            "for every domain, such as a township or village government."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["region__code", "name"]

    def __str__(self):
        return self.name

    def responsible_for(self, domain_key: str) -> bool:
        """Whether the body works in the domain: listed, or every domain."""
        return not self.domains or domain_key in self.domains


class Role(models.TextChoices):
    EDITOR = "editor", _("Catalog editor")
    PUBLISHER = "publisher", _("Publisher")
    REVIEWER = "reviewer", _("Reviewer")
    PROVINCIAL_REVIEWER = "provincial_reviewer", _("Provincial reviewer")
    SITE_ADMIN = "site_admin", _("Site administrator")


class Membership(models.Model):
    """A user's role in an organisation; every scoping rule starts from these rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="membership_unique_user_organisation_role",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class CalendarYear(models.Model):
    """A year of the State Council's holiday schedule, confirmed or provisional.

    An unconfirmed year is provisional: its days rest on weekends and the
    statutory holidays only, and every date counted across it is marked so.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=False,
        help_text=_(
            "Set once the year's holidays and adjusted workdays match the State "
            "Council's announcement. Until then the year is provisional and due "
            "dates that reach it are marked provisional (暂定)."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The announcement or data source the year's schedule follows."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self):
        return str(self.year)


class WorkingDay(models.Model):
    """One calendar date: whether it is a working day (调休 included) and its ordinal.

    ``ordinal`` counts the working days from the start of the calendar up to and
    including this date, so "N working days after D" is a lookup by ordinal.
    """

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(
        _("note"),
        max_length=100,
        blank=True,
        help_text=_("The holiday's name, or why a weekend day is an adjusted workday."),
    )
    ordinal = models.PositiveIntegerField(
        _("working-day ordinal"),
        db_index=True,
        editable=False,
        help_text=_("Working days from the calendar's first date up to this date."),
    )
    # The ordinal is derived from is_workday and recomputed in bulk; history keeps
    # the decisions people make, not the arithmetic that follows from them.
    history = HistoricalRecords(excluded_fields=["ordinal"])

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self):
        return self.date.isoformat()
