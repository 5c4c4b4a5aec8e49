"""Admin pages that change one item of a local catalog, each through its service.

Every page checks access through ``items_visible_to`` / ``catalogs_visible_to``
(404 outside the user's reach, 403 where they may only read), refuses catalogs
that are no longer drafts, and after a save shows the item's validation
findings as messages.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext

from portal.audit import last_history_id

from ..channels import Vocabulary
from ..local.bulkforms import BulkEditForm
from ..local.derivation import (
    item_add_sub_item,
    item_omit,
    item_remove,
    item_restore,
    item_update,
)
from ..local.edits import items_update
from ..local.forms import ItemEditForm, NewItemForm, ReasonForm, attach_errors
from ..models import LegalBasis
from ..presentation import show_value
from .base import (
    catalog_change_url,
    editable_item,
    parse_pk,
    refuse_unless_changeable,
    report_findings,
)


def _page(model_admin, request, template, item, title, form, **extra):
    return model_admin.render_operation(
        request,
        template,
        {
            "title": title % {"item": item},
            "original": item,
            "item": item,
            "catalog": item.catalog,
            "form": form,
            **extra,
        },
    )


def edit(model_admin, request, pk):
    """Change an item's columns through ``item_update``; a stale copy is refused."""
    item = editable_item(request, pk, "catalogs.change_item")
    catalog = item.catalog
    if response := refuse_unless_changeable(request, catalog):
        return response
    reverting = None
    if request.method == "POST":
        form = ItemEditForm(request.POST, domain=catalog.domain, item=item)
        if form.is_valid():
            changes = form.changes(item)
            if not changes:
                messages.info(
                    request,
                    gettext("Nothing was changed in item “%(item)s”.") % {"item": item},
                )
                return redirect(catalog_change_url(catalog, item))
            try:
                item = item_update(
                    item=item,
                    seen_history_id=form.cleaned_data["seen_history_id"],
                    changes=changes,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(
                    request, gettext("Item “%(item)s” was saved.") % {"item": item}
                )
                report_findings(request, catalog, [item])
                return redirect(catalog_change_url(catalog, item))
    else:
        form = ItemEditForm(
            initial={"seen_history_id": last_history_id(item)},
            domain=catalog.domain,
            item=item,
        )
        if "from_history" in request.GET:
            reverting = _load_version(form, item, request.GET["from_history"])
    return _page(
        model_admin,
        request,
        "admin/catalogs/item/item_form.html",
        item,
        gettext("Edit item “%(item)s”"),
        form,
        standard=_standard_summary(item.derived_from),
        reverting=reverting,
    )


def _standard_summary(source):
    """The standard item's minimums, shown beside the form."""
    if source is None:
        return []
    names = Vocabulary.load().names
    return [
        (gettext("Time limit"), show_value(source.time_limit_text)),
        (
            gettext("Channels and carriers"),
            show_value([names.get(code, code) for code in source.channels]),
        ),
        (gettext("Disclosing body"), show_value(source.subject)),
    ]


def _load_version(form, item, history_id):
    """Fill the form with an earlier version, to revert to it through the form."""
    record = item.history.filter(history_id=parse_pk(history_id)).first()
    if record is None:
        return None
    later = (
        item.history.filter(history_id__gt=record.history_id)
        .order_by("history_id")
        .first()
    )
    # Bases are saved just after their item; the set before the next item save.
    until = later.history_date - timedelta(microseconds=1) if later else timezone.now()
    bases = (
        LegalBasis.history.as_of(until)
        .filter(item_id=item.pk)
        .order_by("position", "id")
    )
    form.initial.update(
        form.item_initial(record.instance, bases=[basis.text for basis in bases])
    )
    if "name" in form.fields:
        form.initial["name"] = record.name
    return record


def omit(model_admin, request, pk):
    """Leave a standard item out as not performed locally, with the reason."""
    item = editable_item(request, pk, "catalogs.change_item")
    if response := refuse_unless_changeable(request, item.catalog):
        return response
    return _reason_operation(
        model_admin,
        request,
        item,
        service=item_omit,
        title=gettext("Omit item “%(item)s”"),
        done=gettext("Item “%(item)s” is now marked as not performed locally."),
        template="admin/catalogs/item/omit.html",
    )


def restore(model_admin, request, pk):
    item = editable_item(request, pk, "catalogs.change_item")
    if response := refuse_unless_changeable(request, item.catalog):
        return response
    return _reason_operation(
        model_admin,
        request,
        item,
        service=item_restore,
        title=gettext("Restore item “%(item)s”"),
        done=gettext("Item “%(item)s” is performed locally again."),
        template="admin/catalogs/item/restore.html",
    )


def remove(model_admin, request, pk):
    """Delete a local supplement or sub-item (a standard item is omitted instead)."""
    item = editable_item(request, pk, "catalogs.delete_item")
    if response := refuse_unless_changeable(request, item.catalog):
        return response
    return _reason_operation(
        model_admin,
        request,
        item,
        service=item_remove,
        title=gettext("Remove item “%(item)s”"),
        done=gettext("Item “%(item)s” was removed."),
        template="admin/catalogs/item/remove.html",
    )


def _reason_operation(model_admin, request, item, *, service, title, done, template):
    catalog = item.catalog
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                service(
                    item=item,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                    seen_history_id=form.cleaned_data["seen_history_id"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, done % {"item": item})
                if service is not item_remove:
                    report_findings(request, catalog, [item])
                    return redirect(catalog_change_url(catalog, item))
                return redirect(catalog_change_url(catalog))
    else:
        form = ReasonForm(initial={"seen_history_id": last_history_id(item)})
    below = item.children.order_by("position") if item.level < 3 else []
    return _page(model_admin, request, template, item, title, form, below=below)


def add_sub_item(model_admin, request, pk):
    """A third-level item (三级事项) under a second-level item."""
    parent = editable_item(request, pk, "catalogs.add_item")
    catalog = parent.catalog
    if response := refuse_unless_changeable(request, catalog):
        return response
    form = NewItemForm(request.POST or None, domain=catalog.domain)
    if request.method == "POST" and form.is_valid():
        try:
            item = item_add_sub_item(
                parent=parent,
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
                gettext("The third-level item “%(item)s” was added.") % {"item": item},
            )
            report_findings(request, catalog, [item])
            return redirect(catalog_change_url(catalog, item))
    return model_admin.render_operation(
        request,
        "admin/catalogs/catalog/item_form.html",
        {
            "title": gettext("Add a third-level item under “%(item)s”")
            % {"item": parent},
            "original": catalog,
            "catalog": catalog,
            "parent": parent,
            "form": form,
        },
    )


def bulk_edit_selected(model_admin, request, queryset):
    """The changelist action: the same columns set on the selected items of one
    local catalog, with one reason, through ``items_update``."""
    items = list(queryset.select_related("catalog__domain").order_by("position"))
    catalogs = {item.catalog_id: item.catalog for item in items}
    if len(catalogs) != 1:
        messages.error(
            request,
            gettext(
                "Select items of one local catalog; the bulk edit changes one "
                "catalog at a time."
            ),
        )
        return None
    catalog = next(iter(catalogs.values()))
    try:
        for item in items:
            editable_item(request, item.pk, "catalogs.change_item")
    except PermissionDenied:
        messages.error(
            request,
            gettext("You may not change the items of “%(catalog)s”.")
            % {"catalog": catalog},
        )
        return None
    if response := refuse_unless_changeable(request, catalog):
        return response
    applying = "apply" in request.POST
    form = BulkEditForm(request.POST if applying else None, domain=catalog.domain)
    if applying and form.is_valid():
        seen = {}
        for item in items:
            value = request.POST.get(f"seen_{item.pk}", "")
            seen[item.pk] = int(value) if value.isdigit() else None
        try:
            changed = items_update(
                items=items,
                changes=form.changes(),
                add_channels=form.added_channels(),
                seen=seen,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                gettext("%(count)s of the %(selected)s selected items were changed.")
                % {"count": len(changed), "selected": len(items)},
            )
            report_findings(request, catalog, changed)
            return redirect(catalog_change_url(catalog))
    return model_admin.render_operation(
        request,
        "admin/catalogs/item/bulk_edit.html",
        {
            "title": gettext("Change the selected items of “%(catalog)s”")
            % {"catalog": catalog},
            "catalog": catalog,
            "form": form,
            "items": [(item, last_history_id(item)) for item in items],
            "action": request.POST.get("action", ""),
        },
    )
