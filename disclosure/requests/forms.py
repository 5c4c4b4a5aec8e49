"""Forms for on-request disclosure: the public application and every staff step.

Field limits match the model; choices are limited to what the user may act on
(a forged id of another body fails as an invalid choice), and the services
check again before writing.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access.captcha import CaptchaMixin

from ..forms import DateInput, ItemChoiceField
from ..models import (
    ApplicantKind,
    ChallengeKind,
    ChallengeOutcome,
    Channel,
    ConsultationKind,
    Delivery,
    IdentityType,
    InformationForm,
    Opinion,
    ReplyReason,
    ReplyType,
)
from . import clocks


def _choices(enum, *, without=()):
    return [(value, label) for value, label in enum.choices if value not in without]


class ApplicantForm(forms.Form):
    """What Art. 29 asks of an application: who, what, in which form."""

    applicant_kind = forms.ChoiceField(
        label=_("Applicant"), choices=ApplicantKind.choices, widget=forms.RadioSelect
    )
    applicant_name = forms.CharField(
        label=_("Name (of the person or organisation)"), max_length=100
    )
    identity_type = forms.ChoiceField(
        label=_("Identity document"), choices=IdentityType.choices
    )
    identity_number = forms.CharField(
        label=_("Identity document number"),
        max_length=40,
        help_text=_(
            "For an organisation, its unified social credit code. Shown in full "
            "only to the staff member handling the application."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    contact_person = forms.CharField(
        label=_("Contact person (organisations)"), max_length=50, required=False
    )
    address = forms.CharField(label=_("Postal address"), max_length=200)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    information_title = forms.CharField(
        label=_("Information requested"),
        max_length=300,
        help_text=_("Its name, or its document number (文号) if you know it."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Anything that helps find the information: the issuing body, the time, "
            "the subject."
        ),
    )
    purpose = forms.CharField(
        label=_("Purpose (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    information_form = forms.ChoiceField(
        label=_("Form of the information"),
        choices=InformationForm.choices,
        widget=forms.RadioSelect,
    )
    delivery = forms.ChoiceField(
        label=_("How you want to receive it"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )

    def applicant_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ApplicantForm.base_fields}


class PublicApplicationForm(CaptchaMixin, ApplicantForm):
    """The public form: the applicant's data and the question."""


class RegisterForm(ApplicantForm):
    """Staff register an application made in person, by phone, letter or post."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation applied to"), queryset=None, empty_label=None
    )
    channel = forms.ChoiceField(
        label=_("How it came in"), choices=_choices(Channel, without=[Channel.WEB])
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DateInput(),
        help_text=_(
            "Art. 31: the day it was handed in or phoned in; for registered post the "
            "day it was signed for; for an ordinary letter, e-mail or fax the day "
            "you confirmed it with the applicant."
        ),
    )
    reason = forms.CharField(
        label=_("Note for the history"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    field_order = ["organisation", "channel", "received_on"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput())


class ConfirmForm(forms.Form):
    received_on = forms.DateField(
        label=_("Confirmed with the applicant on"),
        widget=DateInput(),
        help_text=_(
            "Art. 31(3): an online application is received on the day the office "
            "confirms it with the applicant."
        ),
    )


class TransferForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Transfer to"), queryset=None)
    reason = forms.CharField(
        label=_("Why this body is responsible"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = organisations


class CorrectionForm(DateForm):
    text = forms.CharField(
        label=_("What the applicant is to correct"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    days = forms.IntegerField(
        label=_("Working days to correct"),
        min_value=1,
        max_value=clocks.CORRECTION_PERIOD_MAX,
        initial=clocks.CORRECTION_PERIOD_WORKING_DAYS,
    )


class CorrectionReceivedForm(DateForm):
    corrected = forms.CharField(
        label=_("The corrected content"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConsultForm(DateForm):
    kind = forms.ChoiceField(label=_("Consulted"), choices=ConsultationKind.choices)
    party = forms.CharField(label=_("Name of the party consulted"), max_length=200)


class AnswerForm(DateForm):
    opinion = forms.ChoiceField(label=_("Opinion"), choices=Opinion.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtensionForm(DateForm):
    days = forms.IntegerField(
        label=_("Extension in working days"),
        min_value=1,
        max_value=clocks.EXTENSION_MAX_WORKING_DAYS,
        initial=clocks.EXTENSION_MAX_WORKING_DAYS,
    )
    reason = forms.CharField(
        label=_("Reason for the extension"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtensionDecisionForm(DateForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required to refuse)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ItemForm(forms.Form):
    item = ItemChoiceField(
        label=_("Catalog item the request concerns"), queryset=None, required=False
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class FileForm(forms.Form):
    file = forms.FileField(label=_("File for the applicant"))


class ReplyForm(DateForm):
    reply_type = forms.ChoiceField(
        label=_("Type of reply"), choices=ReplyType.choices, widget=forms.RadioSelect
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "—"), *ReplyReason.choices],
        required=False,
        help_text=_(
            "Required for every type except “disclosed”; for a partial disclosure, "
            "why the rest is withheld."
        ),
    )
    negative_list_entry = forms.ModelChoiceField(
        label=_("Negative-list entry"),
        queryset=None,
        required=False,
        help_text=_("Where information is withheld under an entry of the list."),
    )
    basis = forms.CharField(
        label=_("Further legal basis"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = forms.CharField(
        label=_("Reply to the applicant"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, negative_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["negative_list_entry"].queryset = negative_list


class DeliverForm(DateForm):
    method = forms.ChoiceField(label=_("Delivered"), choices=Delivery.choices)
    tracking_number = forms.CharField(
        label=_("Tracking number (post)"), max_length=50, required=False
    )


class ChallengeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ChallengeKind.choices)
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput())
    authority = forms.CharField(
        label=_("Review body or court"), max_length=200, required=False
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChallengeDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=_choices(ChallengeOutcome, without=[ChallengeOutcome.PENDING]),
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StatusLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Query code (查询码)"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("The 12 characters you were given, with or without dashes."),
    )
