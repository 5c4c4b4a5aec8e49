"""Build the POST data an admin change page would send, from the page's own forms."""

from django import forms


def _encode(bound_field):
    field, value = bound_field.field, bound_field.value()
    if isinstance(field.widget, forms.NullBooleanSelect):
        return {True: "true", False: "false", None: "unknown"}[value]
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return [str(v) for v in value or []]
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return field.prepare_value(value)


def form_data(form) -> dict:
    return {bf.html_name: _encode(bf) for bf in form}


def admin_form_data(response, **changes) -> dict:
    """The data of the change form and its inlines as rendered, with ``changes``."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    data.update(changes)
    return data
