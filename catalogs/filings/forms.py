"""Forms of the filing pages: the queue's filters, return with comments, accept, export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Domain, FilingStatus
from .snapshot import item_ref

COMMENT_ROWS = 5


class QueueFilterForm(forms.Form):
    """The queue's filters; every field optional, unknown values ignored."""

    city = forms.ChoiceField(label=_("City"), required=False)
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *FilingStatus.choices],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    all_rounds = forms.BooleanField(label=_("Show earlier rounds"), required=False)

    def __init__(self, *args, cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("Every city"))] + [
            (city.code, city.name) for city in cities
        ]
        self.fields["domain"].choices = [("", _("Every domain"))] + [
            (domain.key, domain.name) for domain in Domain.objects.all()
        ]


class ItemCommentForm(forms.Form):
    item_code = forms.ChoiceField(label=_("Item"), required=False)
    text = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = [("", _("Choose an item"))] + [
            (item_ref(row), f"{row.get('code') or ''} {row['name']}".strip())
            for row in items
        ]

    def clean(self):
        data = super().clean()
        if data.get("item_code") and not (data.get("text") or "").strip():
            self.add_error("text", _("Write the comment on the chosen item."))
        return data


ItemCommentFormSet = forms.formset_factory(
    ItemCommentForm, extra=COMMENT_ROWS, max_num=50, validate_max=True
)


class ReturnForm(forms.Form):
    general = forms.CharField(
        label=_("Comment on the whole catalog"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FileForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AcceptForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BundleForm(forms.Form):
    """What goes into the province bundle for the ministry."""

    domain = forms.ChoiceField(label=_("Domain"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        initial=FilingStatus.ACCEPTED,
        choices=[("", _("Any status")), *FilingStatus.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", _("Every domain"))] + [
            (domain.key, domain.name) for domain in Domain.objects.all()
        ]
