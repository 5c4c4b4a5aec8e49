"""Admin for on-request disclosure: read-only lists with history, scoped to the user.

Requests change only through their services (the staff pages under
/staff/requests/), so the clock rules cannot be bypassed here; the identity
number is never listed and shown masked.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..admin import ReadOnlyAdmin
from ..models import (
    InformationRequest,
    RequestChallenge,
    RequestConsultation,
    RequestEvent,
    RequestFile,
)
from .identity import masked_identity
from .selectors import requests_for


class EventInline(admin.TabularInline):
    model = RequestEvent
    fields = ["kind", "on", "user", "note", "due_on", "public"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "information_title",
        "organisation",
        "applicant_kind",
        "status",
        "received_on",
        "due_on",
        "reply_type",
        "closed_on",
    ]
    list_filter = ["status", "applicant_kind", "channel", "reply_type"]
    search_fields = ["reference", "information_title", "organisation__name"]
    list_select_related = ["organisation"]
    date_hierarchy = "received_on"
    inlines = [EventInline]
    exclude = ["identity_number"]

    @admin.display(description=_("identity number"))
    def identity_masked(self, obj):
        return masked_identity(obj.identity_number)

    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in self.model._meta.fields if f.name != "identity_number"]
        return [*super().get_readonly_fields(request, obj), *names, "identity_masked"]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=requests_for(request.user).values("pk"))

    def view_on_site(self, obj):
        return obj.get_absolute_url()


class _RequestPartAdmin(ReadOnlyAdmin):
    list_select_related = ["request"]

    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in self.model._meta.fields]
        return [*super().get_readonly_fields(request, obj), *names]

    def scope(self, request, queryset):
        return queryset.filter(request__in=requests_for(request.user).values("pk"))


@admin.register(RequestConsultation)
class RequestConsultationAdmin(_RequestPartAdmin):
    list_display = [
        "party",
        "request",
        "kind",
        "sent_on",
        "answer_due_on",
        "answered_on",
    ]
    list_filter = ["kind", "opinion"]


@admin.register(RequestChallenge)
class RequestChallengeAdmin(_RequestPartAdmin):
    list_display = ["request", "kind", "filed_on", "outcome", "decided_on"]
    list_filter = ["kind", "outcome"]


@admin.register(RequestFile)
class RequestFileAdmin(_RequestPartAdmin):
    list_display = ["name", "request", "kind", "size", "uploaded_by", "uploaded_at"]
