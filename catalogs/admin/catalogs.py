"""Admin for domains, channels and catalogs; the catalog's pages and operations."""

from functools import partial, update_wrapper

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.selectors import is_site_admin

from ..models import Catalog, CatalogKind, CatalogStatus, Channel, Domain
from ..selectors import (
    catalog_item_tree,
    catalogs_visible_to,
    catalogs_with_counts,
    organisations_editing_catalogs,
)
from . import catalogviews, spreadsheets, versionviews
from .base import (
    AuditedAdmin,
    CatalogScopedAdmin,
    can_edit_items,
    item_operations,
)

# What a local catalog's own form may not change: identity, ownership, derivation
# and status (which only "put in force" changes, after validation).
LOCAL_READONLY = [
    "key",
    "version",
    "kind",
    "status",
    "domain",
    "organisation",
    "derived_from",
    "expected_level1",
    "expected_level2",
    "sources",
]


def _counted(present, declared):
    if present is None:  # a historical copy carries no counts
        return "-"
    if declared is None:
        return format_html("{} / ?", present)
    return format_html("{} / {}", present, declared)


def admin_urls(model_admin, routes):
    """URL patterns for ``(route, view function, name)``, each behind the admin login."""
    info = model_admin.opts.app_label, model_admin.opts.model_name
    patterns = []
    for route, view, name in routes:
        bound = update_wrapper(partial(view, model_admin), view)
        patterns.append(
            path(
                route,
                model_admin.admin_site.admin_view(bound),
                name="{}_{}_{}".format(*info, name),
            )
        )
    return patterns


@admin.register(Domain)
class DomainAdmin(AuditedAdmin):
    list_display = [
        "name",
        "key",
        "position",
        "has_county_level",
        "has_township_level",
        "has_village_level",
    ]
    search_fields = ["name", "key"]
    fieldsets = [
        (None, {"fields": ["name", "key", "position"]}),
        (
            _("Levels"),
            {"fields": ["has_county_level", "has_township_level", "has_village_level"]},
        ),
    ]


@admin.register(Channel)
class ChannelAdmin(AuditedAdmin):
    list_display = ["name", "code", "official", "position"]
    list_filter = ["official"]
    search_fields = ["name", "code"]
    fieldsets = [
        (None, {"fields": ["name", "code", "official", "position", "aliases"]})
    ]


@admin.register(Catalog)
class CatalogAdmin(CatalogScopedAdmin):
    list_display = [
        "title",
        "version",
        "kind",
        "status",
        "domain",
        "organisation",
        "issued_on",
        "level1_counts",
        "level2_counts",
        "items_link",
    ]
    list_filter = ["kind", "status", "domain"]
    search_fields = ["title", "key", "document_no", "issuer", "organisation__name"]
    list_select_related = ["domain", "organisation"]
    autocomplete_fields = ["domain", "organisation", "derived_from"]
    readonly_fields = [
        "level1_counts",
        "level2_counts",
        "level3_count",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "key", "version", "kind", "status", "domain"]}),
        (_("Issuing document"), {"fields": ["issuer", "document_no", "issued_on"]}),
        (_("Ownership and derivation"), {"fields": ["organisation", "derived_from"]}),
        (
            _("Completeness"),
            {
                "fields": [
                    "expected_level1",
                    "expected_level2",
                    "level1_counts",
                    "level2_counts",
                    "level3_count",
                ]
            },
        ),
        (
            _("Provenance"),
            {
                "classes": ["collapse"],
                "fields": ["notes", "sources", "created_at", "updated_at"],
            },
        ),
    ]
    actions = ["put_in_force"]
    change_form_template = "admin/catalogs/catalog/change_form_spreadsheets.html"

    def get_urls(self):
        views = catalogviews
        return (
            admin_urls(
                self,
                [
                    ("derive/", views.derive, "derive"),
                    ("<int:pk>/validate/", views.validate, "validate"),
                    ("<int:pk>/compare/", views.compare, "compare"),
                    ("<int:pk>/put-in-force/", views.put_in_force, "put_in_force"),
                    (
                        "<int:pk>/next-version/",
                        versionviews.next_version,
                        "next_version",
                    ),
                    ("<int:pk>/add-item/", views.add_supplement, "add_supplement"),
                    ("<int:pk>/changes/", views.changes, "changes"),
                ],
            )
            + admin_urls(self, spreadsheets.ROUTES)
            + super().get_urls()
        )

    def scope(self, request, queryset):
        return queryset.filter(pk__in=catalogs_visible_to(request.user).values("pk"))

    def get_queryset(self, request):
        # Meta.ordering does not apply to the aggregated query; order it here.
        queryset = catalogs_with_counts(super().get_queryset(request))
        return queryset.order_by(*Catalog._meta.ordering)

    def catalog_of(self, obj):
        return obj

    def has_add_permission(self, request):
        # Standard catalogs are issued by site administrators; a county derives.
        return super().has_add_permission(request) and is_site_admin(request.user)

    def has_change_permission(self, request, obj=None):
        # A local catalog in force (or superseded) is a record: frozen.
        frozen = (
            obj is not None
            and obj.kind == CatalogKind.LOCAL
            and obj.status != CatalogStatus.DRAFT
        )
        return super().has_change_permission(request, obj) and not frozen

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.kind == CatalogKind.LOCAL:
            readonly += LOCAL_READONLY
        return readonly

    def save_model(self, request, obj, form, change):
        # A revert from the history saves the whole historical copy; a local
        # catalog's identity, ownership and status stay as they are now.
        if change and obj.kind == CatalogKind.LOCAL:
            current = Catalog.objects.get(pk=obj.pk)
            for name in LOCAL_READONLY:
                setattr(obj, name, getattr(current, name))
        super().save_model(request, obj, form, change)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # Only site administrators issue standard catalogs.
        if db_field.name == "kind" and not is_site_admin(request.user):
            kwargs["choices"] = [(CatalogKind.LOCAL, CatalogKind.LOCAL.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.action(
        description=_("Put the selected catalogs in force"), permissions=["change"]
    )
    def put_in_force(self, request, queryset):
        return catalogviews.put_in_force_selected(self, request, queryset)

    def changelist_view(self, request, extra_context=None):
        can_derive = (
            request.user.has_perm("catalogs.add_catalog")
            and organisations_editing_catalogs(request.user).exists()
        )
        extra_context = {"can_derive": can_derive, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        catalog = self.get_object(request, object_id)
        editable = can_edit_items(request, catalog)
        rows = []

        def walk(items, parent):
            for item in items:
                item.parent_omitted = parent is not None and parent.omitted
                rows.append((item, item_operations(item, editable)))
                walk(item.tree_children, item)

        walk(catalog_item_tree(catalog, activity=True), None)
        extra_context = {
            "item_rows": rows,
            "items_editable": editable,
            "is_local": catalog.kind == CatalogKind.LOCAL,
            "can_put_in_force": (
                editable
                or (
                    catalog.kind == CatalogKind.STANDARD and is_site_admin(request.user)
                )
            )
            and catalog.status == CatalogStatus.DRAFT
            and request.user.has_perm("catalogs.change_catalog"),
            "can_start_next_version": catalog.kind == CatalogKind.LOCAL
            and catalog.status == CatalogStatus.IN_FORCE
            and request.user.has_perm("catalogs.add_catalog")
            and catalogs_visible_to(request.user, for_editing=True)
            .filter(pk=catalog.pk)
            .exists(),
            "versions": Catalog.objects.filter(key=catalog.key)
            .exclude(pk=catalog.pk)
            .order_by("-version")
            .values_list("version", flat=True),
            **spreadsheets.change_context(request, catalog),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("first-level items (present / declared)"))
    def level1_counts(self, obj):
        return _counted(getattr(obj, "present_level1", None), obj.expected_level1)

    @admin.display(description=_("second-level items (present / declared)"))
    def level2_counts(self, obj):
        return _counted(getattr(obj, "present_level2", None), obj.expected_level2)

    @admin.display(description=_("third-level items"))
    def level3_count(self, obj):
        return getattr(obj, "present_level3", "-")

    @admin.display(description=_("items"))
    def items_link(self, obj):
        url = reverse("admin:catalogs_item_changelist")
        return format_html(
            '<a href="{}?catalog__id__exact={}">{}</a>', url, obj.pk, _("Items")
        )
