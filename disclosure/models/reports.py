"""The annual report on government information disclosure (政府信息公开工作年度报告)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Organisation


class AnnualReport(models.Model):
    """A body's annual report for one year (条例 Art. 49–50, 国办公开办函〔2021〕30号).

    The working copy staff edit: the texts of sections 一, 五 and 六 and the
    figures entered by hand (``entered``: cell key → the figure as typed; a
    cell left out is counted from the record where the portal can count it).
    Tables 三 and the counted cells are read from the record whenever the draft
    is shown; publishing freezes everything into an ``AnnualReportVersion``.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    overview = models.TextField(_("I. Overview (总体情况)"), blank=True)
    problems = models.TextField(
        _("V. Problems and improvements (存在的主要问题及改进情况)"), blank=True
    )
    other_matters = models.TextField(
        _("VI. Other matters to report (其他需要报告的事项)"), blank=True
    )
    entered = models.JSONField(_("figures entered by staff"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["organisation", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="annual_report_one_per_year",
                violation_error_message=_(
                    "This body already has an annual report for that year."
                ),
            ),
            models.CheckConstraint(
                name="annual_report_year_range",
                condition=models.Q(year__gte=2008, year__lte=2100),
                violation_error_message=_(
                    "The year of an annual report lies between 2008 and 2100."
                ),
            ),
        ]

    def __str__(self):
        return _("%(organisation)s: annual report %(year)s") % {
            "organisation": self.organisation,
            "year": self.year,
        }


class AnnualReportVersion(models.Model):
    """One published version of an annual report, frozen as it was published.

    ``content`` holds the texts and every table cell with where it came from
    (counted or entered); a correction after publishing is a new version whose
    ``note`` says what changed (and ``changes`` lists the cells that did).
    """

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("annual report"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    note = models.TextField(_("what changed"), blank=True)
    changes = models.JSONField(_("changed cells"), default=list, blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("published annual report")
        verbose_name_plural = _("published annual reports")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"],
                name="annual_report_version_unique",
                violation_error_message=_("This version was published already."),
            ),
            models.CheckConstraint(
                name="annual_report_correction_has_note",
                condition=models.Q(number=1) | ~models.Q(note=""),
                violation_error_message=_(
                    "A correction of a published report says what changed."
                ),
            ),
        ]

    def __str__(self):
        return _("%(report)s, version %(number)s") % {
            "report": self.report,
            "number": self.number,
        }

    def get_absolute_url(self):
        org = self.report.organisation
        return reverse(
            "public:annual-report",
            kwargs={
                "code": org.region.code,
                "body": org.code,
                "year": self.report.year,
            },
        )
