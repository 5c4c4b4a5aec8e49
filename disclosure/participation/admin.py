"""Admin for participation: read-only lists with history, scoped to the user.

Consultations, comments and feedback change only through their services (the
staff pages under /staff/consultations/), so the closing time and the
moderation rules cannot be bypassed here; a comment's contact is never shown.
"""

from django.contrib import admin

from ..admin import ReadOnlyAdmin
from ..models import AdoptionFeedback, Consultation, ConsultationComment
from .selectors import consultations_for


class _ScopedReadOnly(ReadOnlyAdmin):
    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in self.model._meta.fields if f.name != "contact"]
        return [*super().get_readonly_fields(request, obj), *names]


@admin.register(Consultation)
class ConsultationAdmin(_ScopedReadOnly):
    list_display = ["title", "organisation", "status", "opens_at", "closes_at"]
    list_filter = ["status"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation"]
    date_hierarchy = "opens_at"

    def scope(self, request, queryset):
        return queryset.filter(pk__in=consultations_for(request.user).values("pk"))

    def view_on_site(self, obj):
        return obj.get_staff_url()


@admin.register(ConsultationComment)
class ConsultationCommentAdmin(_ScopedReadOnly):
    list_display = ["consultation", "submitted_at", "status", "feedback"]
    list_filter = ["status"]
    list_select_related = ["consultation", "feedback"]
    exclude = ["contact"]

    def scope(self, request, queryset):
        return queryset.filter(
            consultation__in=consultations_for(request.user).values("pk")
        )


@admin.register(AdoptionFeedback)
class AdoptionFeedbackAdmin(_ScopedReadOnly):
    list_display = ["gist", "consultation", "verdict", "recorded_at"]
    list_filter = ["verdict"]
    list_select_related = ["consultation"]

    def scope(self, request, queryset):
        return queryset.filter(
            consultation__in=consultations_for(request.user).values("pk")
        )
