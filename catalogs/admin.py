"""Admin for domains, channels, catalogs, items and their legal bases."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin import AuditedAdmin
from portal.models import Organisation
from portal.selectors import is_site_admin, organisations_for

from .forms import ItemAdminForm
from .models import Catalog, CatalogKind, Channel, Domain, Item, LegalBasis
from .selectors import catalogs_visible_to, catalogs_with_counts, items_visible_to


def _counted(present, declared):
    if present is None:  # a historical copy carries no counts
        return "-"
    if declared is None:
        return format_html("{} / ?", present)
    return format_html("{} / {}", present, declared)


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
        if catalog.kind != CatalogKind.STANDARD:
            return None  # local catalogs get public pages later
        return obj.get_absolute_url()


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

    def scope(self, request, queryset):
        return queryset.filter(pk__in=catalogs_visible_to(request.user).values("pk"))

    def get_queryset(self, request):
        return catalogs_with_counts(super().get_queryset(request))

    def catalog_of(self, obj):
        return obj

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # Only site administrators issue standard catalogs.
        if db_field.name == "kind" and not is_site_admin(request.user):
            kwargs["choices"] = [(CatalogKind.LOCAL, CatalogKind.LOCAL.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

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


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    fields = ["position", "text", "title", "document_no", "kind", "scope"]
    extra = 0


@admin.register(Item)
class ItemAdmin(CatalogScopedAdmin):
    form = ItemAdminForm
    inlines = [LegalBasisInline]
    list_display = ["__str__", "catalog", "level", "origin", "omitted"]
    list_filter = ["level", "origin", "omitted", "catalog__kind", "catalog__domain"]
    search_fields = ["name", "code", "catalog__title", "catalog__key"]
    list_select_related = ["catalog"]
    autocomplete_fields = ["catalog", "parent", "derived_from"]
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


@admin.register(LegalBasis)
class LegalBasisAdmin(CatalogScopedAdmin):
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

    def view_on_site(self, obj):
        return None
