"""The form of the bulk edit: the same columns set on many items of one catalog."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..channels import Vocabulary
from ..columns import BY_KEY, LEVEL_FLAGS
from .forms import reason_field

KEEP, YES, NO = "", "yes", "no"
TICK_CHOICES = [
    (KEEP, _("Leave as it is")),
    (YES, _("Ticked")),
    (NO, _("Not ticked")),
]
TICK_KEYS = (
    "audience_public",
    "audience_specific",
    "mode_proactive",
    "mode_on_request",
)


class BulkEditForm(forms.Form):
    """公开方式, 公开对象, 公开层级 (the domain's levels), 公开主体 and a channel to add;
    a column left as it is keeps each item's own value."""

    subject = forms.CharField(
        label=BY_KEY["subject"].form_label,
        required=False,
        max_length=300,
        help_text=_("Leave empty to keep each item's own disclosing body."),
    )
    add_channel = forms.ChoiceField(
        label=_("Add a channel"),
        required=False,
        help_text=_("Added to each item that does not list it yet."),
    )

    def __init__(self, *args, domain, **kwargs):
        super().__init__(*args, **kwargs)
        keys = [
            *TICK_KEYS,
            *(key for key, flag in LEVEL_FLAGS.items() if getattr(domain, flag)),
        ]
        for key in keys:
            self.fields[key] = forms.ChoiceField(
                label=BY_KEY[key].form_label,
                choices=TICK_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
        self.tick_keys = keys
        channels = Vocabulary.load().rows()
        self.fields["add_channel"].choices = [
            ("", _("No channel added")),
            *((code, name) for code, name, _official in channels),
        ]
        self.fields["reason"] = reason_field()
        order = [*keys, "subject", "add_channel", "reason"]
        self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (self.changes() or self.added_channels()):
            raise forms.ValidationError(
                _(
                    "Nothing would change: choose at least one column to set or a "
                    "channel to add."
                )
            )
        return cleaned

    def changes(self) -> dict:
        """The columns to set on every item, as ``item_update`` takes them."""
        data = self.cleaned_data
        changes = {
            key: data[key] == YES
            for key in self.tick_keys
            if data.get(key) in (YES, NO)
        }
        subject = (data.get("subject") or "").strip()
        if subject:
            changes["subject"] = subject
        return changes

    def added_channels(self) -> list[str]:
        code = self.cleaned_data.get("add_channel")
        return [code] if code else []
