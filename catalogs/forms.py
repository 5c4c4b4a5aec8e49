"""Admin forms for catalog items: channels as tick boxes, content one element a line."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import AuditedModelForm

from .models import Item
from .selectors import channel_vocabulary


class ItemAdminForm(AuditedModelForm):
    """Maps the JSON columns people edit to widgets they can read.

    ``channels`` holds channel codes; it is edited as tick boxes of the
    ``Channel`` vocabulary (the official options first, in printed order).
    ``content`` is a list of elements, edited one element per line.
    """

    channels = forms.MultipleChoiceField(
        label=_("Channels and carriers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every channel and carrier the catalog ticks (■)."),
    )
    content = forms.CharField(
        label=_("Content elements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One element per line, e.g. 办理流程."),
    )

    class Meta:
        model = Item
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.code, c.name) for c in channel_vocabulary()]
        known = {code for code, _name in choices}
        # Keep codes that are no longer in the vocabulary visible, not silently lost.
        stray = [c for c in (self.instance.channels or []) if c not in known]
        self.fields["channels"].choices = choices + [(c, c) for c in stray]
        self._channel_order = [code for code, _name in self.fields["channels"].choices]
        if not self.is_bound:
            self.initial["channels"] = list(self.instance.channels or [])
            self.initial["content"] = "\n".join(self.instance.content or [])

    def clean_channels(self) -> list[str]:
        ticked = set(self.cleaned_data["channels"])
        return [code for code in self._channel_order if code in ticked]

    def clean_content(self) -> list[str]:
        lines = (line.strip() for line in self.cleaned_data["content"].splitlines())
        return [line for line in lines if line]
