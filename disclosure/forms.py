"""Staff forms for drafting, reviewing and managing publications.

Choices are limited to what the user may act on, so a forged post naming
another organisation or item fails as an invalid choice; the services check
again before writing.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogs.models import CatalogStatus, Item

from .attachments import allowed_types_text, max_bytes
from .metadata.docnumbers import MAX_LENGTH as DOCUMENT_NUMBER_LENGTH
from .models import ComplianceReview, Publication, PublicationKind, Topic, Validity
from .reviews import FORM_FIELDS
from .selectors import (
    items_level_unstated,
    publishable_items,
    publishable_items_of,
    publishing_organisations,
)

REASON_HELP = _("Recorded in the history with your name.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.catalog.domain.name} · {obj}"

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            # A forged item of a catalog not in force: say so, not just "invalid".
            item = (
                Item.objects.filter(pk=value)
                .exclude(catalog__status=CatalogStatus.IN_FORCE)
                .select_related("catalog")
                .first()
                if str(value).isdigit()
                else None
            )
            if item is None:
                raise
            raise forms.ValidationError(
                gettext(
                    "“%(item)s” belongs to “%(catalog)s”, which is %(status)s, not "
                    "in force; publish only under the catalog in force."
                )
                % {
                    "item": item,
                    "catalog": item.catalog,
                    "status": str(item.catalog.get_status_display()).lower(),
                },
                code="invalid_choice",
            ) from None


class PublicationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Publishing organisation"), queryset=None, empty_label=None
    )
    item = ItemChoiceField(
        label=_("Catalog item"),
        queryset=None,
        help_text=_("Only items your organisation publishes at its level are listed."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PublicationKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    formed_on = forms.DateField(
        label=_("Formed or changed on"),
        widget=DateInput(),
        help_text=_(
            "The date the information was formed or last changed; the due date "
            "is counted from it on the working-day calendar."
        ),
    )
    written_on = forms.DateField(
        label=_("Date written (成文日期)"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional: the date the document was signed, as printed on it."),
    )
    document_number = forms.CharField(
        label=_("Document number (文号)"),
        required=False,
        max_length=DOCUMENT_NUMBER_LENGTH,
        help_text=_(
            "Optional, e.g. 兰人社〔2025〕3号; brackets such as [2025] or （2025） "
            "and full-width digits are accepted and written 〔2025〕."
        ),
    )
    topic = forms.ChoiceField(
        label=_("Topic (主题分类)"),
        required=False,
        choices=[("", "—"), *Topic.choices],
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
    )
    change_reason = forms.CharField(
        label=_("Reason for change"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )
    seen_history_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, publication: Publication | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = publishing_organisations(user)
        if publication is not None:
            organisations = organisations.filter(pk=publication.organisation_id)
            self.fields["change_reason"].required = True
            # Without the copy's token a second editor's save would go unchecked.
            self.fields["seen_history_id"].required = True
            del self.fields["attachment"]
        else:
            self.fields["attachment"].help_text = _(
                "Optional; more can be added later. Allowed types: %(types)s, at "
                "most %(max)s MB each."
            ) % {"types": allowed_types_text(), "max": max_bytes() // 1_000_000}
        self.fields["organisation"].queryset = organisations
        chosen = list(organisations.select_related("region"))
        self.fields["item"].queryset = _items_for(chosen)
        # Items the catalog leaves open at this body's level (不详) are not offered:
        # named here so they do not disappear unnoticed.
        self.level_unstated = (
            list(items_level_unstated(chosen[0])[:50]) if len(chosen) == 1 else []
        )


def _items_for(organisations) -> QuerySet[Item]:
    """One body's items; for someone publishing for several, the items of every
    catalog any of them publishes under (never the whole country's).

    The service checks the chosen pair of organisation and item either way.
    """
    if len(organisations) == 1:
        return publishable_items(organisations[0])
    return publishable_items_of(organisations)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Allowed types: %(types)s, at most %(max)s MB."
        ) % {"types": allowed_types_text(), "max": max_bytes() // 1_000_000}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Note for the history"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class ReviewForm(forms.ModelForm):
    """The Rizhao compliance review form; 不予公开 reasons come from the negative list."""

    decision_reason = forms.CharField(
        label=_("Reason or note for the decision"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return the publication to its author."),
    )

    class Meta:
        model = ComplianceReview
        fields = FORM_FIELDS
        widgets = {
            "source": forms.RadioSelect,
            "attribute": forms.RadioSelect,
            "legal_opinion": forms.RadioSelect,
            "filled_on": DateInput(),
            "withheld_reason": forms.Textarea(attrs={"rows": 2}),
        }

    GROUPS = [
        (_("Information and source"), ["source", "reprint_source"]),
        (
            _("Secrecy and disclosure attribute"),
            ["is_secret", "attribute", "negative_list_entry", "withheld_reason"],
        ),
        (
            _("Platform and column"),
            ["platform_website", "platform_new_media", "platform_other", "column"],
        ),
        (_("Legal review"), ["legal_opinion"]),
        (
            _("Sign-offs"),
            [
                "handler",
                "secrecy_reviewer",
                "legal_reviewer",
                "head_of_unit",
                "leader_in_charge",
                "publisher_name",
                "filled_on",
            ],
        ),
        (_("Decision"), ["decision_reason"]),
    ]

    def __init__(self, *args, negative_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["negative_list_entry"].queryset = negative_list
        self.fields["negative_list_entry"].required = False
        for name in ("source", "attribute", "legal_opinion"):
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0] != ""]

    def grouped(self):
        return [(legend, [self[n] for n in names]) for legend, names in self.GROUPS]


class ReleaseRequestForm(forms.Form):
    """The author's note when sending suspected ID numbers for release."""

    reason = forms.CharField(
        label=_("Why these numbers are not ID-card numbers"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example: “the archive numbers of the files”. The reviewer reads "
            "it and releases each number, or returns the draft for masking."
        ),
    )


class ReleaseForm(forms.Form):
    """A reviewer's release of one suspected ID number (checked by the service)."""

    value = forms.CharField(max_length=18, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for the release"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why this number is not an ID-card number; kept in the history."),
    )


class ReturnForm(forms.Form):
    """Returning a publication to its author needs only the reason (checked by
    ``review_return``), not a completed review form."""

    decision_reason = forms.CharField(max_length=1000, required=False)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("Validity"), choices=Validity.choices)
    on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput(),
        help_text=_("The date the document was amended, abolished or expired."),
    )
    replaced_by = forms.ModelChoiceField(
        label=_("Replaced by"),
        queryset=None,
        required=False,
        help_text=_("The publication that amends or replaces this one, if any."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )

    def __init__(self, *args, replacements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = replacements


class InterpretationForm(forms.Form):
    document = forms.ModelChoiceField(label=_("Policy document"), queryset=None)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
