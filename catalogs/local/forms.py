"""Admin forms for catalogs: the item form, and the forms of the local-catalog operations.

The operation forms are plain forms; the views hand their cleaned data to the
services (``catalogs.derivation``, ``catalogs.lifecycle``), which hold the rules.
"""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.forms import AuditedModelForm

from ..channels import Vocabulary
from ..columns import COLUMNS, KEYS, Kind
from ..models import Catalog, CatalogKind, CatalogStatus, Item, ItemOrigin
from ..selectors import derivable_standards, organisations_editing_catalogs
from .edits import check_item_source

# The order the item forms show their fields in: the row's columns, printed order.
FIELD_ORDER = ["parent", "name", "code", *KEYS, "reason"]

# The tick columns: form field, label, the domain flag a level needs.
TICKS = [
    (column.key, column.form_label, column.domain_flag or None)
    for column in COLUMNS
    if column.kind == Kind.TICK
]


def lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def channel_choices(current=()) -> list[tuple[str, str]]:
    """The vocabulary, plus codes no longer in it so they are not silently lost."""
    choices = [(c.code, c.name) for c in Vocabulary.load().channels]
    known = {code for code, _name in choices}
    return choices + [(code, code) for code in current or [] if code not in known]


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


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
        self.fields["channels"].choices = channel_choices(self.instance.channels)
        self._channel_order = [code for code, _name in self.fields["channels"].choices]
        if not self.is_bound:
            self.initial["channels"] = list(self.instance.channels or [])
            self.initial["content"] = "\n".join(self.instance.content or [])

    def clean_channels(self) -> list[str]:
        ticked = set(self.cleaned_data["channels"])
        return [code for code in self._channel_order if code in ticked]

    def clean_content(self) -> list[str]:
        return lines(self.cleaned_data["content"])

    def clean(self):
        cleaned = super().clean()
        catalog, source = cleaned.get("catalog"), cleaned.get("derived_from")
        if catalog is not None and source is not None:
            probe = copy.copy(self.instance)
            probe.catalog, probe.derived_from = catalog, source
            probe.name = cleaned.get("name") or probe.name
            probe.code = cleaned.get("code") or probe.code
            try:
                check_item_source(probe)
            except ValidationError as error:
                attach_errors(self, error)
        return cleaned


def reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the history with your name and the time."),
    )


class ReasonForm(forms.Form):
    """The reason an operation records in the history, and the copy it was based on."""

    reason = reason_field()
    seen_history_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DeriveForm(forms.Form):
    """Which organisation derives a local catalog from which standard in force."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        help_text=_("The body that will own the local catalog."),
    )
    standard = forms.ModelChoiceField(
        label=_("Standard catalog"),
        queryset=Catalog.objects.filter(
            kind=CatalogKind.STANDARD, status=CatalogStatus.IN_FORCE
        ).select_related("domain"),
        help_text=_("Only standard catalogs in force can be derived from."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Recorded in the history; leave empty to record that the catalog was "
            "derived from the standard."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_editing_catalogs(user)
        self.fields["standard"].queryset = derivable_standards(user)


class ItemColumnsForm(forms.Form):
    """The columns of an item a county sets: content, bases, time limit, body, ticks."""

    content = forms.CharField(
        label=_("Content elements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One element per line, e.g. 办理流程."),
    )
    bases = forms.CharField(
        label=_("Legal bases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One law, regulation or document per line, with its document number "
            "and without article numbers; local regulations go here too."
        ),
    )
    time_limit_text = forms.CharField(
        label=_("Time limit"),
        required=False,
        max_length=300,
        help_text=_(
            "As worded, e.g. 信息形成或变更之日起10个工作日内公开. The standard's "
            "time limit is the longest allowed."
        ),
    )
    subject = forms.CharField(
        label=_("Disclosing body"),
        required=False,
        max_length=300,
        help_text=_("The concrete body, e.g. 兰考县人力资源和社会保障局."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels and carriers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The standard's channels are the minimum: add channels, never drop one."
        ),
    )

    def __init__(self, *args, domain, item: Item | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, flag in TICKS:
            if flag is None or getattr(domain, flag):
                self.fields[name] = forms.NullBooleanField(
                    label=label, required=False, widget=forms.NullBooleanSelect
                )
        current = item.channels if item is not None else []
        self.fields["channels"].choices = channel_choices(current)
        self._channel_order = [code for code, _name in self.fields["channels"].choices]
        if item is not None and not self.is_bound:
            self.initial.update(self.item_initial(item))
        self.order_fields(FIELD_ORDER)

    def item_initial(self, item: Item, bases: list[str] | None = None) -> dict:
        if bases is None:
            bases = [basis.text for basis in item.bases.order_by("position", "pk")]
        initial = {
            "content": "\n".join(item.content or []),
            "bases": "\n".join(bases),
            "time_limit_text": item.time_limit_text,
            "subject": item.subject,
            "channels": list(item.channels or []),
        }
        initial.update({name: getattr(item, name) for name, _l, _f in TICKS})
        return initial

    @property
    def tick_fields(self):
        return [self[name] for name, _label, _flag in TICKS if name in self.fields]

    def clean_channels(self) -> list[str]:
        ticked = set(self.cleaned_data["channels"])
        return [code for code in self._channel_order if code in ticked]

    def columns(self) -> dict:
        """The cleaned columns in the shape ``item_update`` takes."""
        data = self.cleaned_data
        columns = {
            "content": lines(data["content"]),
            "bases": lines(data["bases"]),
            "time_limit_text": data["time_limit_text"].strip(),
            "subject": data["subject"].strip(),
            "channels": data["channels"],
        }
        columns.update({name: data[name] for name, _l, _f in TICKS if name in data})
        return columns

    def changes(self, item: Item) -> dict:
        """Only the columns that differ from ``item``, so history records real edits."""
        current = {
            "bases": [basis.text for basis in item.bases.order_by("position", "pk")]
        }
        changes = {}
        for name, value in self.columns().items():
            old = current.get(name, getattr(item, name, None))
            if name == "channels":
                # The order follows the vocabulary; only what is ticked matters.
                old, new = set(old or []), set(value)
            else:
                new = value
            if old != new:
                changes[name] = value
        return changes


class ItemEditForm(ItemColumnsForm):
    """Editing a local item; local additions can also be renamed."""

    reason = reason_field()
    seen_history_id = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, domain, item: Item, **kwargs):
        super().__init__(*args, domain=domain, item=item, **kwargs)
        if item.origin != ItemOrigin.DERIVED:
            self.fields["name"] = forms.CharField(label=_("Name"), max_length=200)
            self.order_fields(FIELD_ORDER)
            if not self.is_bound:
                self.initial["name"] = item.name

    def columns(self) -> dict:
        columns = super().columns()
        if "name" in self.fields:
            columns["name"] = " ".join(self.cleaned_data["name"].split())
        return columns


class NewItemForm(ItemColumnsForm):
    """A supplementary item or a third-level sub-item, with its columns."""

    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.CharField(
        label=_("Number"),
        max_length=20,
        required=False,
        help_text=_("Leave empty to number it after the items already there."),
    )
    reason = reason_field()

    def __init__(self, *args, domain, parents=None, **kwargs):
        super().__init__(*args, domain=domain, **kwargs)
        if parents is not None:
            self.fields["parent"] = forms.ModelChoiceField(
                label=_("Under the first-level item"),
                queryset=parents,
                required=False,
                empty_label=_("None: a new first-level item"),
                help_text=_(
                    "Choose a first-level item to add a second-level item under it."
                ),
            )
            self.order_fields(FIELD_ORDER)


DECISION_LABELS = {
    "keep_local": _("Keep the local value"),
    "take_standard": _("Take the new standard’s value"),
    "drop": _("Drop the local edit"),
}


class NextVersionForm(forms.Form):
    """A reason, and one decision per conflict of a ``CarryoverPlan``."""

    reason = reason_field()

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict_fields = []
        for number, conflict in enumerate(plan.conflicts):
            name = f"conflict_{number}"
            self.fields[name] = forms.ChoiceField(
                label=conflict.message,
                choices=[(c, DECISION_LABELS[c]) for c in conflict.choices],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Decide this conflict: %(message)s")
                    % {"message": conflict.message}
                },
            )
            self.conflict_fields.append((name, conflict))

    def decisions(self) -> dict[str, str]:
        return {
            conflict.id: self.cleaned_data[name]
            for name, conflict in self.conflict_fields
        }
