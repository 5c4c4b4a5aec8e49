"""The admin page for the next version of a local catalog: from the current one.

It shows what the new version carries from the current one (every local edit,
omission, supplement and third-level item), what the standard in force changed
since, and asks a decision for each real conflict; the service does the work.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext

from ..local.forms import NextVersionForm, attach_errors
from ..local.lifecycle import catalog_next_version, next_version_plan
from ..selectors import standard_in_force
from .base import catalog_change_url, editable_catalog


def next_version(model_admin, request, pk):
    """“New version from the current one”: the plan, the decisions, a reason."""
    catalog = editable_catalog(request, pk, "catalogs.add_catalog")
    standard = catalog.derived_from and (
        standard_in_force(catalog.derived_from.key) or catalog.derived_from
    )
    try:
        if standard is None:
            raise ValidationError(
                gettext("“%(catalog)s” does not derive from a standard catalog.")
                % {"catalog": catalog}
            )
        plan = next_version_plan(organisation=catalog.organisation, standard=standard)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(catalog_change_url(catalog))
    form = NextVersionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            created = catalog_next_version(
                organisation=catalog.organisation,
                standard=standard,
                decisions=form.decisions(),
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                gettext(
                    "Version %(version)s was started from version %(current)s as a "
                    "draft, with everything the county had set. Edit it, then put "
                    "it in force."
                )
                % {"version": created.version, "current": plan.local.version},
            )
            return redirect(catalog_change_url(created))
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/next_version.html",
        {
            "title": gettext("New version of “%(catalog)s” from the current one")
            % {"catalog": catalog},
            "original": catalog,
            "plan": plan,
            "form": form,
            "same_standard": plan.new_standard.pk == plan.old_standard.pk,
        },
    )
