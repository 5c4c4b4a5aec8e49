"""A body's guide to government information disclosure (政府信息公开指南)."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Organisation

PHONE = RegexValidator(
    r"^[0-9０-９+()（）\-—－ ,，、/转]{3,60}$",
    _("Write a telephone number with digits, dashes and brackets, e.g. 0371-12345678."),
    code="phone_shape",
)
POSTCODE = RegexValidator(
    r"^\d{6}$", _("A postcode has six digits, e.g. 475300."), code="postcode_shape"
)


class DisclosureGuide(models.Model):
    """What a body tells the public about applying for its information (条例
    Art. 12, 27–33): the office that takes applications, where and when to reach
    it, how to apply, and its disclosure rules (信息公开制度). A field left empty
    is shown with the default the regulation gives (``disclosure.column.guide``).
    """

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="disclosure_guide",
    )
    office = models.CharField(
        _("office that takes applications"),
        max_length=200,
        blank=True,
        help_text=_(
            "The body's government information disclosure office; leave empty to "
            "show the body's name with “政府信息公开工作机构”."
        ),
    )
    address = models.CharField(_("office address"), max_length=300, blank=True)
    hours = models.CharField(
        _("office hours"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the statutory working hours on working days."),
    )
    phone = models.CharField(
        _("telephone"),
        max_length=60,
        blank=True,
        validators=[PHONE],
        help_text=_("The office's public telephone, not a person's mobile."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.CharField(
        _("postal address for letters"), max_length=300, blank=True
    )
    postcode = models.CharField(
        _("postcode"), max_length=6, blank=True, validators=[POSTCODE]
    )
    how_to_apply = models.TextField(
        _("how to apply"),
        blank=True,
        help_text=_("Leave empty to show the procedure of the regulation."),
    )
    rules = models.TextField(
        _("disclosure rules (信息公开制度)"),
        blank=True,
        help_text=_(
            "Leave empty to show the rules every body follows under the regulation."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disclosure guide")
        verbose_name_plural = _("disclosure guides")
        ordering = ["organisation__region__code", "organisation__name"]

    def __str__(self):
        return _("%(organisation)s: disclosure guide") % {
            "organisation": self.organisation
        }

    def get_absolute_url(self):
        org = self.organisation
        return reverse(
            "public:column", kwargs={"code": org.region.code, "body": org.code}
        )
