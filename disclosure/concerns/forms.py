"""Staff forms for public concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Concern, Publication, PublicationStatus


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class ConcernForm(forms.ModelForm):
    noticed_at = forms.DateTimeField(
        label=_("noticed at"),
        widget=DateTimeInput(),
        input_formats=DATETIME_FORMATS,
        help_text=_("Beijing time. The clock runs from here in real hours."),
    )

    class Meta:
        model = Concern
        fields = [
            "organisation",
            "subject",
            "source",
            "source_detail",
            "severity",
            "noticed_at",
        ]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ResponseForm(forms.Form):
    response = forms.ModelChoiceField(
        label=_("response"),
        queryset=Publication.objects.none(),
        help_text=_("The published information that answers the concern."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].queryset = Publication.objects.filter(
            organisation__in=organisations, status=PublicationStatus.PUBLISHED
        ).order_by("-published_at")


class ConferenceForm(forms.Form):
    conference_at = forms.DateTimeField(
        label=_("press conference held at"),
        widget=DateTimeInput(),
        input_formats=DATETIME_FORMATS,
    )
    note = forms.CharField(label=_("press conference"), max_length=300, required=False)
