"""Admin pages of a catalog: derive, validate, compare, put in force, add a supplement.

Each view checks access through ``catalogs_visible_to`` (404 outside the user's
reach, 403 where they may only read) and hands the work to a service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext

from ..local.derivation import (
    catalog_derivation_plan,
    catalog_derive,
    item_add_supplement,
)
from ..local.forms import DeriveForm, NewItemForm, ReasonForm, attach_errors
from ..local.lifecycle import CatalogInvalidError, catalog_put_in_force
from ..local.validation import catalog_validate
from ..models import Catalog, CatalogKind, Item
from ..presentation import comparison_context
from ..selectors import catalog_version, local_catalog_latest
from .base import (
    activatable_catalog,
    catalog_change_url,
    editable_catalog,
    readable_catalog,
    refuse_unless_changeable,
    report_findings,
)
from .history import catalog_changes_page


def derive(model_admin, request):
    """Choose an organisation and a standard, see what will be copied, then derive."""
    if not request.user.has_perm("catalogs.add_catalog"):
        raise PermissionDenied
    form = DeriveForm(request.POST or None, user=request.user)
    if not form.fields["organisation"].queryset.exists():
        raise PermissionDenied
    plan = None
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        standard = form.cleaned_data["standard"]
        try:
            if "confirm" in request.POST:
                catalog = catalog_derive(
                    organisation=organisation,
                    standard=standard,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(
                    request,
                    gettext(
                        "“%(catalog)s” was derived from “%(standard)s” as a draft. "
                        "Omit what the county does not perform, add local items, "
                        "then put it in force."
                    )
                    % {"catalog": catalog, "standard": standard},
                )
                return redirect(catalog_change_url(catalog))
            plan = catalog_derivation_plan(organisation=organisation, standard=standard)
        except ValidationError as error:
            attach_errors(form, error)
    existing = None
    if plan is not None:
        existing = local_catalog_latest(
            organisation=plan.organisation, domain=plan.standard.domain
        )
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/derive.html",
        {
            "title": gettext("Derive a local catalog"),
            "form": form,
            "plan": plan,
            "existing": existing,
            "first_level": [i for i in plan.items if i.level == 1] if plan else [],
        },
    )


def validate(model_admin, request, pk):
    catalog = readable_catalog(request, pk)
    findings = catalog_validate(catalog)
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/validate.html",
        {
            "title": gettext("Validation of “%(catalog)s”") % {"catalog": catalog},
            "original": catalog,
            "findings": findings,
            "errors": sum(1 for f in findings if f.is_error),
            "warnings": sum(1 for f in findings if not f.is_error),
        },
    )


def compare(model_admin, request, pk):
    """The catalog beside its standard, or beside another version (``?with=``)."""
    catalog = readable_catalog(request, pk)
    if "with" in request.GET:
        left = catalog_version(catalog, request.GET["with"])
        if left is None:
            raise Http404(gettext("This catalog has no such version."))
    else:
        left = catalog.derived_from
    context = {
        "title": gettext("Compare “%(catalog)s”") % {"catalog": catalog},
        "original": catalog,
        "versions": Catalog.objects.filter(key=catalog.key)
        .exclude(pk=catalog.pk)
        .order_by("-version")
        .values_list("version", flat=True),
    }
    if left is not None:
        context.update(
            title=gettext("“%(right)s” compared with “%(left)s”")
            % {"right": catalog, "left": left},
            **comparison_context(left, catalog),
        )
    return model_admin.render_operation(
        request, "admin/catalogs/catalog/compare.html", context
    )


def put_in_force(model_admin, request, pk):
    catalog = activatable_catalog(request, pk)
    form = ReasonForm(request.POST or None)
    findings = []
    if catalog.kind == CatalogKind.LOCAL:
        findings = [f for f in catalog_validate(catalog) if f.is_error]
    if request.method == "POST" and form.is_valid():
        try:
            catalog_put_in_force(
                catalog=catalog, user=request.user, reason=form.cleaned_data["reason"]
            )
        except CatalogInvalidError as error:
            messages.error(request, error.message)  # the page lists the findings
            findings = error.findings
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                gettext("“%(catalog)s” is now in force.") % {"catalog": catalog},
            )
            return redirect(catalog_change_url(catalog))
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/put_in_force.html",
        {
            "title": gettext("Put “%(catalog)s” in force") % {"catalog": catalog},
            "original": catalog,
            "form": form,
            "findings": findings,
        },
    )


def put_in_force_selected(model_admin, request, queryset):
    """The changelist action: asks for a reason, then puts each valid draft in force."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        for catalog in queryset:
            try:
                activatable_catalog(request, catalog.pk)
                catalog_put_in_force(
                    catalog=catalog,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except PermissionDenied:
                messages.error(
                    request,
                    gettext("You may not change “%(catalog)s”.") % {"catalog": catalog},
                )
            except CatalogInvalidError as error:
                messages.error(request, error.message)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    gettext("“%(catalog)s” is now in force.") % {"catalog": catalog},
                )
        return None
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/put_in_force_selected.html",
        {
            "title": gettext("Put the selected catalogs in force"),
            "form": form,
            "catalogs": list(queryset),
            "action": request.POST.get("action", ""),
        },
    )


def add_supplement(model_admin, request, pk):
    """A supplementary first-level item, or a second-level one under ``?parent=``."""
    catalog = editable_catalog(request, pk, "catalogs.add_item")
    if response := refuse_unless_changeable(request, catalog):
        return response
    parents = Item.objects.filter(catalog=catalog, level=1, omitted=False)
    initial = {"parent": request.GET.get("parent")} if "parent" in request.GET else {}
    form = NewItemForm(
        request.POST or None,
        initial=initial,
        domain=catalog.domain,
        parents=parents.order_by("position"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = item_add_supplement(
                catalog=catalog,
                parent=form.cleaned_data["parent"],
                name=form.cleaned_data["name"],
                code=form.cleaned_data["code"].strip(),
                columns=form.columns(),
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                gettext("The supplementary item “%(item)s” was added.")
                % {"item": item},
            )
            report_findings(request, catalog, [item])
            return redirect(catalog_change_url(catalog, item))
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/item_form.html",
        {
            "title": gettext("Add a supplementary item to “%(catalog)s”")
            % {"catalog": catalog},
            "original": catalog,
            "catalog": catalog,
            "form": form,
        },
    )


def changes(model_admin, request, pk):
    """Every recorded change to the catalog, its items and their legal bases."""
    catalog = readable_catalog(request, pk)
    page = catalog_changes_page(catalog, request.GET.get("p"))
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/changes.html",
        {
            "title": gettext("Changes to “%(catalog)s”") % {"catalog": catalog},
            "original": catalog,
            "page_obj": page,
            "is_local": catalog.kind == CatalogKind.LOCAL,
        },
    )
