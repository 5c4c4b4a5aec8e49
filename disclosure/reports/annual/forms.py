"""Forms of the annual report's staff pages; the services check and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ...models import AnnualReport
from . import layout


class DraftForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, empty_label=None
    )
    year = forms.IntegerField(label=_("Year"), min_value=2008, max_value=2100)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ReportForm(forms.Form):
    """The texts of sections 一, 五 and 六 and a field per entered cell; a cell
    the portal counts may be left blank to keep the counted figure."""

    seen_history_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, report: AnnualReport, counted: dict, seen, **kwargs):
        initial = {name: getattr(report, name) for name in layout.TEXTS}
        initial.update({key: str(v) for key, v in report.entered.items()})
        initial["seen_history_id"] = seen
        super().__init__(*args, initial=initial, **kwargs)
        for name in layout.TEXTS:
            self.fields[name] = forms.CharField(
                label=AnnualReport._meta.get_field(name).verbose_name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        for key in layout.ENTERED_KEYS:
            help_text = ""
            if key in counted:
                help_text = _(
                    "Counted from the record: %(n)s. Leave blank to use it."
                ) % {"n": counted[key]}
            self.fields[key] = forms.CharField(
                label=layout.cell_label(key),
                required=False,
                max_length=20,
                help_text=help_text,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "size": 8, "autocomplete": "off"}
                ),
            )

    def groups(self):
        """The fields in the format's order: texts, table 二, table 四."""
        return [
            [self[name] for name in layout.TEXTS],
            [self[key] for key in layout.TABLE_TWO_KEYS],
            [self[key] for key in layout.FOUR_KEYS],
        ]


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("What this correction changes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for every version after the first; shown with the report."),
    )
