"""Admin for catalog items and legal bases, and the pages that change a local item.

The plain change form writes standard items only (site administrators); a local
item is read here and changed through the operation pages, which call the
services that hold the derivation rules.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.selectors import is_site_admin

from ..channels import Vocabulary
from ..local.forms import ItemAdminForm
from ..models import Catalog, CatalogKind, Item, LegalBasis
from ..selectors import catalogs_visible_to
from . import itemviews
from .base import CatalogScopedAdmin, can_edit_items, item_operations
from .catalogs import admin_urls


class StandardOnlyAdmin(CatalogScopedAdmin):
    """Rows of standard catalogs are written here; rows of local ones only read."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and is_site_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._standard(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._standard(obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_site_admin(request.user):
            actions.pop("delete_selected", None)  # local rows are removed one by one
        return actions

    def _standard(self, obj) -> bool:
        return obj is None or self.catalog_of(obj).kind == CatalogKind.STANDARD

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.related_model is Catalog:
            field.queryset = catalogs_visible_to(request.user, for_editing=True).filter(
                kind=CatalogKind.STANDARD
            )
        return field


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    fields = ["position", "text", "title", "document_no", "kind", "scope"]
    extra = 0


@admin.register(Item)
class ItemAdmin(StandardOnlyAdmin):
    form = ItemAdminForm
    inlines = [LegalBasisInline]
    list_display = ["__str__", "catalog", "level", "origin", "omitted"]
    list_filter = ["level", "origin", "omitted", "catalog__kind", "catalog__domain"]
    search_fields = ["name", "code", "catalog__title", "catalog__key"]
    list_select_related = ["catalog"]
    autocomplete_fields = ["catalog", "parent", "derived_from"]
    object_history_form_template = "admin/catalogs/item/object_history_form.html"
    actions = ["bulk_edit"]
    fieldsets = [
        (
            None,
            {"fields": ["catalog", "parent", "level", "code", "position", "name"]},
        ),
        (
            _("Origin"),
            {"fields": ["origin", "derived_from", "omitted", "omission_reason"]},
        ),
        (_("Content"), {"fields": ["content", "subject"]}),
        (
            _("Time limit"),
            {
                "fields": [
                    "time_limit_text",
                    "time_limit_kind",
                    ("time_limit_amount", "time_limit_unit"),
                    "time_limit_trigger",
                ]
            },
        ),
        (_("Channels and carriers"), {"fields": ["channels"]}),
        (
            _("Audience, mode and level"),
            {
                "fields": [
                    ("audience_public", "audience_specific"),
                    ("mode_proactive", "mode_on_request"),
                    ("level_county", "level_township", "level_village"),
                ]
            },
        ),
        (
            _("Provenance"),
            {"classes": ["collapse"], "fields": ["sources", "uncertain", "evidence"]},
        ),
    ]

    @admin.action(
        description=_("Set columns of the selected items (one reason)"),
        permissions=["bulk_edit"],
    )
    def bulk_edit(self, request, queryset):
        return itemviews.bulk_edit_selected(self, request, queryset)

    def has_bulk_edit_permission(self, request):
        return request.user.has_perm("catalogs.change_item")

    def history_value(self, field, value):
        # Channels are stored as codes; a reader sees the vocabulary's names.
        if field is not None and field.name == "channels" and isinstance(value, list):
            names = Vocabulary.load().names
            value = [names.get(code, code) for code in value]
        return super().history_value(field, value)

    def get_urls(self):
        views = itemviews
        return (
            admin_urls(
                self,
                [
                    ("<int:pk>/edit/", views.edit, "edit"),
                    ("<int:pk>/omit/", views.omit, "omit"),
                    ("<int:pk>/restore/", views.restore, "restore"),
                    ("<int:pk>/remove/", views.remove, "remove"),
                    ("<int:pk>/add-sub-item/", views.add_sub_item, "add_sub_item"),
                ],
            )
            + super().get_urls()
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        editable = can_edit_items(request, item.catalog)
        extra_context = {
            "item_ops": item_operations(item, editable),
            "catalog_url": reverse(
                "admin:catalogs_catalog_change", args=[item.catalog_id]
            ),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A local item is reverted through its edit form, which asks for a reason
        # and goes through the same rules as any edit.
        item = self.get_object(request, object_id)
        revert_url = None
        if item.catalog.kind == CatalogKind.LOCAL and can_edit_items(
            request, item.catalog
        ):
            edit = reverse("admin:catalogs_item_edit", args=[item.pk])
            revert_url = f"{edit}?from_history={version_id}"
        extra_context = {"revert_url": revert_url, **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(LegalBasis)
class LegalBasisAdmin(StandardOnlyAdmin):
    catalog_path = "item__catalog"
    list_display = ["text", "document_no", "kind", "scope", "item"]
    list_filter = ["kind", "scope", "item__catalog__domain"]
    search_fields = ["text", "title", "document_no", "item__name"]
    list_select_related = ["item__catalog"]
    autocomplete_fields = ["item"]
    fieldsets = [
        (None, {"fields": ["item", "position", "text"]}),
        (
            _("Read from the citation"),
            {"fields": ["title", "document_no", "kind", "scope"]},
        ),
    ]

    def catalog_of(self, obj):
        return obj.item.catalog

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name == "item":
            field.queryset = field.queryset.filter(catalog__kind=CatalogKind.STANDARD)
        return field

    def view_on_site(self, obj):
        return None
