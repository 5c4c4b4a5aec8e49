"""Forms of public participation: the citizen's comment (with the CAPTCHA of
every public form), the staff's consultation, moderation and feedback forms,
and the short form of the public's say."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.access.captcha import CaptchaMixin

from ..forms import DateInput
from ..models import Answer, Verdict


class CommentForm(CaptchaMixin, forms.Form):
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=50,
        required=False,
        help_text=_(
            "Shown with your opinion if it is published; you may leave it out."
        ),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail"),
        max_length=100,
        help_text=_(
            "So the asking body can reach you about your opinion; never shown."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Your opinion"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Opinions are read before they are published; ID and phone numbers "
            "in the text are masked."
        ),
    )

    field_order = ["name", "contact", "text"]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your opinion."))
        return text


class ConsultationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Asking body"), queryset=None, empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    draft_text = forms.CharField(
        label=_("Draft policy"), widget=forms.Textarea(attrs={"rows": 10})
    )
    interpretation_text = forms.CharField(
        label=_("Draft interpretation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the draft is for, its main points and the reasons for them."),
    )
    opens_on = forms.DateField(
        label=_("Open for comments from"),
        widget=DateInput(),
        help_text=_("From the start of this day, Beijing time."),
    )
    closes_on = forms.DateField(
        label=_("Last day for comments"),
        widget=DateInput(),
        help_text=_("Until the end of this day, Beijing time."),
    )
    contact = forms.CharField(
        label=_("How to reach the asking body"),
        max_length=300,
        help_text=_("A phone number, an address or an e-mail address for questions."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Moderation decision"),
        choices=[("publish", _("Publish")), ("reject", _("Do not publish"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason it is not published"), max_length=300, required=False
    )


class FeedbackForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(
        label=_("Comments"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One comment, or several that ask for the same thing."),
    )
    gist = forms.CharField(label=_("The opinion in short"), max_length=500)
    verdict = forms.ChoiceField(
        label=_("Adoption decision"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the opinion is adopted in part or not adopted."),
    )

    def __init__(self, *args, comments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].queryset = comments
        self.fields["comments"].label_from_instance = lambda c: f"#{c.pk} {c.text[:80]}"


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the adoption"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    final_publication = forms.ModelChoiceField(
        label=_("Final policy"),
        queryset=None,
        required=False,
        help_text=_(
            "The published policy this consultation led to, once it is public."
        ),
    )

    def __init__(self, *args, publications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["final_publication"].queryset = publications


class SayForm(forms.Form):
    """The public's say; posted without a CSRF token (see ``publicviews.say``)."""

    page = forms.RegexField(
        regex=r"^(item:\d{6,12}:\d{1,10}|publication:\d{1,10})$",
        max_length=40,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("The page this answer is about was not recognised.")
        },
    )
    timely = forms.ChoiceField(
        label=_("Was it published in time? (及时)"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    complete = forms.ChoiceField(
        label=_("Is it complete? (全面)"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    convenient = forms.ChoiceField(
        label=_("Was it easy to find? (便民)"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional, not published)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
