"""Admin for concerns, the correction log and subscriptions: read-only lists.

Concerns and log entries change only through their services (the clocks and the
public log cannot be bypassed here); subscriptions hold citizens' addresses and
are listed to site administrators only.
"""

from django.contrib import admin
from django.http import Http404
from django.utils.translation import gettext as _

from ..admin import ReadOnlyAdmin
from ..models import Concern, CorrectionEntry, Subscription
from ..selectors import publications_for
from .selectors import concerns_for


class ListOnlyAdmin(admin.ModelAdmin):
    """For rows without simple-history (written once by a service, never edited):
    listed and shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def scope(self, request, queryset):
        return queryset

    def get_queryset(self, request):
        return self.scope(request, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        # A row outside the scope answers 404, like AuditedAdmin, not Django's
        # redirect that says whether the number exists.
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404(_("No such object, or it is outside your organisations."))
        return found


@admin.register(Concern)
class ConcernAdmin(ReadOnlyAdmin):
    list_display = [
        "subject",
        "organisation",
        "severity",
        "source",
        "noticed_at",
        "response_due_at",
        "responded_at",
        "conference_due_at",
        "conference_at",
    ]
    list_filter = ["severity", "source"]
    search_fields = ["subject", "organisation__name"]
    list_select_related = ["organisation"]
    date_hierarchy = "noticed_at"

    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in self.model._meta.fields]
        return [*super().get_readonly_fields(request, obj), *names]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=concerns_for(request.user).values("pk"))


@admin.register(CorrectionEntry)
class CorrectionEntryAdmin(ListOnlyAdmin):
    list_display = ["title", "kind", "organisation", "happened_at", "county_code"]
    list_filter = ["kind"]
    search_fields = ["title", "organisation__name", "county_code"]
    list_select_related = ["organisation"]
    date_hierarchy = "happened_at"

    def scope(self, request, queryset):
        return queryset.filter(
            publication__in=publications_for(request.user).values("pk")
        )


@admin.register(Subscription)
class SubscriptionAdmin(ListOnlyAdmin):
    list_display = ["email", "region", "domain", "item", "created_at", "confirmed_at"]
    list_filter = ["domain"]
    search_fields = ["email", "region_code"]
    list_select_related = ["region", "domain", "item"]
