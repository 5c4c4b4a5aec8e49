"""The timeliness tallies: publications, requests and interpretations counted
per county, domain and day, so that a province's statistics add up a few
thousand tallies instead of reading a million rows.

Derived data, like the calendar's ordinals: written only by
``disclosure.reports.timeliness.tallies`` (kept in step on every save, rebuilt
by ``manage.py rebuild_timeliness``), never edited, not in history.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogs.models import Domain
from portal.models import Organisation


class TallyKind(models.TextChoices):
    PUBLICATION = "publication", _("Publications by due date")
    REQUEST = "request", _("Requests by date of receipt")
    INTERPRETATION = "interpretation", _("Interpretations by their document's date")


class TallyState(models.TextChoices):
    ON_TIME = "on_time", _("Published on time")
    LATE = "late", _("Published late")
    IN_TIME = "in_time", _("Answered in time")
    ANSWERED_LATE = "answered_late", _("Answered late")
    ANSWERED = "answered", _("Answered, no due date")
    PUBLISHED = "published", _("Published")
    OPEN = "open", _("Not yet published or answered")
    OTHER = "other", _("Closed otherwise")


class TimelinessTally(models.Model):
    """How many rows of one kind share one county (or one body above the
    county level), domain, day and outcome.

    ``region_code`` is the first six digits of the body's region code: the
    county for bodies at and below it, the body's own code above it.
    ``organisation`` is kept for bodies at county level and above only (a
    supervisor reaches their own body but not its siblings of the same place);
    the townships' and villages' rows are added up per county. ``days`` is the
    working days late (publications), to the reply (requests) or from the
    document (interpretations), 0 where there is none; ``open_due_on`` the due
    date of a request still open, so "overdue now" is counted on the day asked.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=TallyKind)
    region_code = models.CharField(_("region code"), max_length=6)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("domain"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    day = models.DateField(_("day"))
    state = models.CharField(_("outcome"), max_length=16, choices=TallyState)
    days = models.IntegerField(_("working days"), default=0)
    open_due_on = models.DateField(_("open request due on"), null=True)
    extended = models.BooleanField(_("extended"), default=False)
    corrected = models.BooleanField(_("correction asked"), default=False)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("timeliness tally")
        verbose_name_plural = _("timeliness tallies")
        indexes = [
            models.Index(
                fields=["kind", "region_code", "day"], name="tally_kind_region_day"
            ),
            models.Index(fields=["kind", "day"], name="tally_kind_day"),
        ]

    def __str__(self):
        return f"{self.kind} {self.region_code} {self.day} {self.state}: {self.count}"
