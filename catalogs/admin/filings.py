"""Filings in the admin: read-only lists and records; the review happens on /filings/.

Nothing here can add, change or delete a filing or revert its history: a
filing's snapshot is immutable, and its status moves only through the services.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin import AuditedAdmin

from ..filings.selectors import filings_visible_to
from ..models import Filing, FilingComment


class ReadOnlyAdmin(AuditedAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":  # a revert would change the record
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class FilingCommentInline(admin.TabularInline):
    model = FilingComment
    fields = ["item_code", "item_name", "text", "author", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "organisation",
        "domain",
        "round",
        "status",
        "filed_at",
        "reviewed_at",
    ]
    list_filter = ["status", "domain"]
    search_fields = ["organisation__name", "^organisation__region__code"]
    list_select_related = ["organisation__region", "domain"]
    date_hierarchy = "filed_at"
    inlines = [FilingCommentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "review_page",
                    "catalog",
                    "organisation",
                    "domain",
                    "round",
                    "previous",
                    "status",
                ]
            },
        ),
        (
            _("Filing and review"),
            {
                "fields": [
                    "filed_by",
                    "filed_at",
                    "reviewed_by",
                    "reviewed_at",
                    "recorded_by",
                    "recorded_at",
                ]
            },
        ),
    ]
    readonly_fields = [
        "review_page",
        *fieldsets[0][1]["fields"][1:],
        *fieldsets[1][1]["fields"],
    ]

    def scope(self, request, queryset):
        # The snapshot is shown on the filing page, not here; lists stay light.
        visible = filings_visible_to(request.user).values("pk")
        return queryset.filter(pk__in=visible).defer("snapshot")

    @admin.display(description=_("Filing page"))
    def review_page(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("filings:detail", args=[obj.pk]),
            self.reference(obj),
        )

    @admin.display(description=_("filing number"))
    def reference(self, obj):
        return f"{obj.organisation.region.code}-{obj.domain.key}-{obj.round}"
