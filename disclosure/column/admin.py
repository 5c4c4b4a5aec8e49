"""The disclosure guide in the audited admin: a body's publishers and the
reviewers over it keep its guide; rows scoped to their organisations."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin import AuditedAdmin
from portal.models import Role
from portal.selectors import is_site_admin, organisations_for

from ..models import DisclosureGuide

KEEPERS = {Role.PUBLISHER, Role.REVIEWER, Role.SITE_ADMIN}


@admin.register(DisclosureGuide)
class DisclosureGuideAdmin(AuditedAdmin):
    list_display = ["organisation", "office", "phone", "updated_at"]
    search_fields = ["organisation__name", "organisation__code", "office"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["organisation", "office"]}),
        (
            _("Where and when"),
            {
                "fields": [
                    "address",
                    "hours",
                    "phone",
                    "email",
                    "postal_address",
                    "postcode",
                ]
            },
        ),
        (_("How to apply and the rules"), {"fields": ["how_to_apply", "rules"]}),
    ]

    def scope(self, request, queryset):
        if is_site_admin(request.user):
            return queryset
        return queryset.filter(
            organisation__in=organisations_for(request.user, roles=KEEPERS)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = organisations_for(request.user, roles=KEEPERS)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def view_on_site(self, obj):
        return obj.get_absolute_url()
