"""What the catalogs admin classes and views share: scoping, access checks, findings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.admin import AuditedAdmin
from portal.models import Organisation
from portal.selectors import is_site_admin, organisations_for

from ..local.edits import check_local_catalog
from ..local.validation import catalog_validate
from ..models import Catalog, CatalogKind, Item, ItemOrigin, LegalBasis
from ..selectors import catalogs_visible_to, items_visible_to

OUTSIDE = _("No such object, or it is outside your organisations.")


class CatalogScopedAdmin(AuditedAdmin):
    """Rows reached through a catalog the user may read; changed only where editable.

    Standard catalogs are read by all staff and changed by site administrators;
    local ones through the owner's organisations (``catalogs_visible_to``).
    """

    catalog_path = "catalog"

    def scope(self, request, queryset):
        visible = catalogs_visible_to(request.user)
        return queryset.filter(**{f"{self.catalog_path}__in": visible})

    def catalog_of(self, obj):
        return obj.catalog

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related, user = db_field.related_model, request.user
        if related is Catalog:
            # Items are written into editable catalogs; catalogs derive from any.
            editing = self.model is not Catalog
            kwargs["queryset"] = catalogs_visible_to(user, for_editing=editing)
        elif related is Item:
            editing = self.model is LegalBasis
            kwargs["queryset"] = items_visible_to(user, for_editing=editing)
        elif related is Organisation:
            kwargs["queryset"] = organisations_for(user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(
            request, obj
        )

    def _editable(self, request, obj) -> bool:
        if obj is None or obj.pk is None:
            return True
        editable = catalogs_visible_to(request.user, for_editing=True)
        return editable.filter(pk=self.catalog_of(obj).pk).exists()

    def view_on_site(self, obj):
        catalog = self.catalog_of(obj)
        if catalog.is_public:
            return obj.get_absolute_url()
        return None

    def render_operation(self, request, template, context):
        """A custom admin page with the admin's own header, breadcrumbs and styles."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "catalog_opts": Catalog._meta,
            "item_opts": Item._meta,
            **context,
        }
        return TemplateResponse(request, template, context)


def readable_catalog(request, pk) -> Catalog:
    """The catalog if ``request.user`` may read it, else 404."""
    queryset = catalogs_visible_to(request.user).select_related(
        "domain", "organisation", "derived_from"
    )
    return get_object_or_404(queryset, pk=pk)


def editable_catalog(request, pk, perm: str) -> Catalog:
    """The catalog if the user may change it: 404 outside their reach, 403 if read-only."""
    catalog = readable_catalog(request, pk)
    _check_editable(request, catalog, perm)
    return catalog


def activatable_catalog(request, pk) -> Catalog:
    """A catalog the user may put in force: a local one they edit, or a standard
    version (imported as a draft) for a site administrator."""
    catalog = readable_catalog(request, pk)
    if catalog.kind == CatalogKind.STANDARD:
        if not (
            is_site_admin(request.user)
            and request.user.has_perm("catalogs.change_catalog")
        ):
            raise PermissionDenied
        return catalog
    _check_editable(request, catalog, "catalogs.change_catalog")
    return catalog


def readable_item(request, pk) -> Item:
    queryset = items_visible_to(request.user).select_related(
        "catalog__domain", "catalog__organisation", "catalog__derived_from", "parent"
    )
    return get_object_or_404(queryset, pk=pk)


def editable_item(request, pk, perm: str) -> Item:
    item = readable_item(request, pk)
    _check_editable(request, item.catalog, perm)
    return item


def _check_editable(request, catalog: Catalog, perm: str) -> None:
    if catalog.kind != CatalogKind.LOCAL:
        raise PermissionDenied
    editable = catalogs_visible_to(request.user, for_editing=True)
    if not request.user.has_perm(perm) or not editable.filter(pk=catalog.pk).exists():
        raise PermissionDenied


def can_edit_items(request, catalog: Catalog) -> bool:
    """Whether the item operations are offered for ``catalog`` to this user now."""
    try:
        _check_editable(request, catalog, "catalogs.change_item")
        check_local_catalog(catalog)
    except (PermissionDenied, ValidationError):
        return False
    return True


def refuse_unless_changeable(request, catalog: Catalog):
    """A redirect with the reason when the catalog cannot be changed, else None."""
    try:
        check_local_catalog(catalog)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(catalog_change_url(catalog))
    return None


def catalog_change_url(catalog: Catalog, item: Item | None = None) -> str:
    url = reverse("admin:catalogs_catalog_change", args=[catalog.pk])
    return f"{url}#item-{item.pk}" if item is not None else url


def parse_pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404(OUTSIDE) from None


def finding_text(finding) -> str:
    return gettext("%(message)s (%(code)s)") % {
        "message": finding.message,
        "code": finding.code,
    }


def report_findings(request, catalog: Catalog, items) -> None:
    """After a save: the changed items' findings as messages, and a count of the rest.

    This is how an editor is told at once why an edit breaks the standard (a
    channel dropped, a time limit lengthened): the edit is kept as a draft, and
    the catalog cannot be put in force until the finding is resolved.
    """
    pks = {item.pk for item in items}
    others = 0
    for finding in catalog_validate(catalog):
        if finding.item is not None and finding.item.pk in pks:
            level = messages.ERROR if finding.is_error else messages.WARNING
            messages.add_message(request, level, finding_text(finding))
        else:
            others += 1
    if others:
        url = reverse("admin:catalogs_catalog_validate", args=[catalog.pk])
        messages.info(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                ngettext(
                    "The catalog has %(count)s other finding against its standard.",
                    "The catalog has %(count)s other findings against its standard.",
                    others,
                )
                % {"count": others},
                url,
                gettext("See the validation page."),
            ),
        )


def item_operations(item: Item, editable: bool) -> list[tuple[str, str]]:
    """(label, url) of what may be done to ``item`` in a draft local catalog."""
    if not editable:
        return []

    def url(name, *args):
        return reverse(f"admin:catalogs_{name}", args=args)

    ops = []
    if item.omitted:
        # The tree sets parent_omitted; elsewhere the parent is read.
        parent_omitted = getattr(item, "parent_omitted", None)
        if parent_omitted is None:
            parent_omitted = item.parent is not None and item.parent.omitted
        if not parent_omitted:
            ops.append((gettext("Restore"), url("item_restore", item.pk)))
        return ops
    ops.append((gettext("Edit"), url("item_edit", item.pk)))
    if item.origin == ItemOrigin.DERIVED:
        ops.append((gettext("Omit"), url("item_omit", item.pk)))
    if item.level == 1:
        add = url("catalog_add_supplement", item.catalog_id)
        ops.append((gettext("Add a second-level item"), f"{add}?parent={item.pk}"))
    if item.level == 2:
        ops.append(
            (gettext("Add a third-level item"), url("item_add_sub_item", item.pk))
        )
    if item.origin != ItemOrigin.DERIVED and not getattr(item, "tree_children", None):
        ops.append((gettext("Remove"), url("item_remove", item.pk)))
    return ops
