"""The public subscription form (with the CAPTCHA every public form carries)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogs.models import Domain, Item
from portal.access.captcha import CaptchaMixin
from portal.models import Region


class SubscribeForm(CaptchaMixin, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        help_text=gettext_lazy(
            "We send a confirmation link first; nothing else is sent until you open it."
        ),
    )
    place = forms.CharField(
        label=gettext_lazy("Place (division code)"),
        max_length=12,
        help_text=gettext_lazy("The place and everything below it, e.g. 410225."),
    )
    domain = forms.ModelChoiceField(
        label=gettext_lazy("Domain"),
        queryset=Domain.objects.order_by("position", "pk"),
        required=False,
        empty_label=gettext_lazy("Every domain"),
    )
    item = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["email", "place", "domain", "item", "captcha_answer"]

    def clean_place(self):
        code = self.cleaned_data["place"].strip()
        region = Region.objects.filter(code=code).first() if code.isdigit() else None
        if region is None:
            raise forms.ValidationError(
                _("There is no place with the division code “%(code)s”.")
                % {"code": code[:12]},
                code="unknown_place",
            )
        return region

    def clean_item(self):
        pk = self.cleaned_data.get("item")
        if pk is None:
            return None
        item = Item.objects.public().filter(pk=pk).first()
        if item is None:
            raise forms.ValidationError(
                _("There is no public catalog item number %(pk)s.") % {"pk": pk},
                code="unknown_item",
            )
        return item
