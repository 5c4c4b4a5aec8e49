"""Admin for publishing: negative lists are edited here; publications and reviews are read.

Publications change only through the services (the staff pages under /staff/),
so their admin pages are read-only lists with history, scoped to the user.
"""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.admin import AuditedAdmin
from portal.models import Role
from portal.selectors import is_site_admin, organisations_for

from .models import Attachment, ComplianceReview, NegativeListEntry, Publication
from .selectors import publication_scope


class ReadOnlyAdmin(AuditedAdmin):
    """Rows are listed and their history shown; writes go through the services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["name", "kind", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "organisation",
        "level",
        "status",
        "formed_on",
        "due_on",
        "due_on_provisional",
        "published_at",
        "validity",
    ]
    list_filter = ["status", "level", "kind", "validity", "attribute"]
    search_fields = ["title", "organisation__name", "item__name"]
    list_select_related = ["organisation"]
    sortable_by = ["formed_on"]  # the one with an index (publication_formed)
    # No date_hierarchy: its year links are a DISTINCT over every row in reach
    # (1.8 s over a province's 1.1 million on PostgreSQL).
    inlines = [AttachmentInline]
    fieldsets = [
        (None, {"fields": ["title", "kind", "item", "organisation", "level"]}),
        (_("Text"), {"fields": ["body"]}),
        (
            _("Dates and status"),
            {
                "fields": [
                    "formed_on",
                    "due_on",
                    "due_on_provisional",
                    "status",
                    "published_at",
                    "withdrawn_at",
                    "withdrawal_reason",
                ]
            },
        ),
        (
            _("Attribute and validity"),
            {
                "fields": [
                    "attribute",
                    "negative_list_entry",
                    "validity",
                    "validity_on",
                    "validity_reason",
                    "replaced_by",
                    "interpretation_of",
                ]
            },
        ),
        (_("Author"), {"fields": ["author", "created_at", "updated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in self.model._meta.fields]
        return [*super().get_readonly_fields(request, obj), *names]

    def scope(self, request, queryset):
        # The reach as a predicate on the rows listed, not "pk IN (the reach)":
        # the newest page is then read along the ordering's index.
        if not request.user.has_perm("disclosure.view_publication"):
            return queryset.none()
        predicate = publication_scope(request.user)
        return queryset if predicate is None else queryset.filter(predicate)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(ComplianceReview)
class ComplianceReviewAdmin(ReadOnlyAdmin):
    list_display = [
        "information_name",
        "attribute",
        "decision",
        "reviewer",
        "filled_on",
        "uploaded_on",
    ]
    list_filter = ["decision", "attribute", "source", "legal_opinion"]
    search_fields = ["information_name", "handler", "reviewer__username"]
    list_select_related = ["reviewer"]
    sortable_by = []  # by publication, as indexed; no column sort reads every row

    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in self.model._meta.fields]
        return [*super().get_readonly_fields(request, obj), *names]

    def scope(self, request, queryset):
        if not request.user.has_perm("disclosure.view_publication"):
            return queryset.none()
        predicate = publication_scope(request.user, via="publication__")
        return queryset if predicate is None else queryset.filter(predicate)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(NegativeListEntry)
class NegativeListEntryAdmin(AuditedAdmin):
    """Each organisation may keep its own list; the defaults belong to site admins."""

    list_display = ["category", "organisation", "position"]
    list_filter = [("organisation", admin.EmptyFieldListFilter)]
    search_fields = ["category", "legal_basis", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["organisation", "position", "category"]}),
        (_("Scope and legal basis"), {"fields": ["scope", "legal_basis"]}),
    ]

    def scope(self, request, queryset):
        if is_site_admin(request.user):
            return queryset
        own = organisations_for(request.user)
        return queryset.filter(Q(organisation__isnull=True) | Q(organisation__in=own))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = organisations_for(
                request.user, roles={Role.REVIEWER, Role.SITE_ADMIN}
            )
            kwargs["required"] = not is_site_admin(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._own(request, obj)

    def _own(self, request, obj) -> bool:
        if obj is None or is_site_admin(request.user):
            return True
        if obj.organisation_id is None:
            return False  # the defaults are changed by site administrators only
        reach = organisations_for(request.user, roles={Role.REVIEWER})
        return reach.filter(pk=obj.organisation_id).exists()


from .column import admin as column_admin  # noqa: E402, F401 - registers its model
from .concerns import admin as concerns_admin  # noqa: E402, F401 - registers its models
from .participation import admin as participation_admin  # noqa: E402, F401
from .requests import admin as requests_admin  # noqa: E402, F401 - registers its models
