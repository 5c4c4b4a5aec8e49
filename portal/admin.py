"""Admin for regions, organisations, memberships and the working-day calendar."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .audit import audited_delete, audited_save
from .forms import AuditedModelForm
from .models import CalendarYear, Membership, Organisation, Region, Role, WorkingDay
from .selectors import calendar_next_year, is_site_admin, organisations_for
from .services import (
    CalendarError,
    calendar_add_year,
    calendar_confirm_year,
    calendar_set_day,
)

# The fields of AuditedModelForm that are not model fields.
_AUDIT = ("change_reason", "seen_history_id")


class AuditedAdmin(SimpleHistoryAdmin):
    """History shown (never edited), a reason on every edit, rows scoped to the user.

    Subclasses scope their rows by overriding ``scope``; the change, delete and
    history pages of a row outside the scope answer 404.
    """

    form = AuditedModelForm

    def scope(self, request, queryset):
        return queryset

    def get_queryset(self, request):
        return self.scope(request, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(
                gettext("No such object, or it is outside your organisations.")
            )
        return obj

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in _AUDIT]})
            for name, opts in super().get_fieldsets(request, obj)
        ]
        if obj is None:
            editable = self.has_add_permission(request)
        else:
            editable = self.has_change_permission(request, obj)
        if editable:
            fieldsets.append((_("Reason for change"), {"fields": list(_AUDIT)}))
        return fieldsets

    def change_reason(self, form, change) -> str:
        reason = form.cleaned_data.get("change_reason") if form else ""
        if reason:
            return reason
        if change:
            return gettext("Changed in the admin.")
        return gettext("Created in the admin.")

    # The forms have validated the objects; the audited save records who and why.
    def save_model(self, request, obj, form, change):
        reason = self.change_reason(form, change)
        audited_save(obj, user=request.user, reason=reason, validate=False)

    def save_formset(self, request, form, formset, change):
        reason = self.change_reason(form, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audited_delete(obj, user=request.user, reason=reason)
        for obj in instances:
            audited_save(obj, user=request.user, reason=reason, validate=False)
        formset.save_m2m()

    def delete_model(self, request, obj):
        reason = gettext("Deleted in the admin.")
        audited_delete(obj, user=request.user, reason=reason)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        self._check_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_in_scope(request, object_id)
        # simple-history saves a revert for anyone who may *view* the history; a
        # revert is a change, so it needs the change permission on the row.
        if request.method == "POST":
            current = self.get_object(request, object_id)
            if not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _check_in_scope(self, request, object_id):
        # simple-history falls back to the last historical copy of a missing row;
        # only site administrators may read history outside the scope that way.
        if is_site_admin(request.user):
            return
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404(
                gettext("No such object, or it is outside your organisations.")
            )


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["^code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    fieldsets = [(None, {"fields": ["code", "name", "level", "parent"]})]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "region"]
    list_filter = ["kind", "region__level"]
    search_fields = ["name", "code", "^region__code", "region__name"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
    fieldsets = [(None, {"fields": ["name", "code", "kind", "region"]})]

    def scope(self, request, queryset):
        return queryset.filter(pk__in=organisations_for(request.user).values("pk"))


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name", "organisation__code"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]
    fieldsets = [(None, {"fields": ["user", "organisation", "role"]})]

    def scope(self, request, queryset):
        return queryset.filter(organisation__in=organisations_for(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = organisations_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # Only site administrators may make site administrators.
        if db_field.name == "role" and not is_site_admin(request.user):
            kwargs["choices"] = [c for c in Role.choices if c[0] != Role.SITE_ADMIN]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdmin):
    """Years are added with their days (a button) and confirmed (an action)."""

    list_display = ["year", "confirmed", "source"]
    list_filter = ["confirmed"]
    readonly_fields = ["year", "confirmed"]
    fieldsets = [(None, {"fields": ["year", "confirmed", "source"]})]
    actions = ["confirm_years"]

    def has_add_permission(self, request):
        return False  # a year comes with its days: see add_next_year_view

    def has_delete_permission(self, request, obj=None):
        return False

    def can_add_year(self, request) -> bool:
        return request.user.has_perm("portal.add_calendaryear")

    @admin.action(
        description=_("Confirm the selected years against the announcement"),
        permissions=["change"],
    )
    def confirm_years(self, request, queryset):
        years = list(queryset)
        for year in years:
            calendar_confirm_year(year=year, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d year was confirmed.",
                "%(count)d years were confirmed.",
                len(years),
            )
            % {"count": len(years)},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "add-next-year/",
                self.admin_site.admin_view(self.add_next_year_view),
                name="portal_calendaryear_add_next_year",
            )
        ] + super().get_urls()

    def add_next_year_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.can_add_year(request):
            raise PermissionDenied
        year = calendar_next_year()
        try:
            calendar_add_year(year=year, user=request.user)
        except CalendarError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                gettext(
                    "The year %(year)s was added with weekends as rest days and is "
                    "not confirmed: enter its holidays and adjusted workdays, then "
                    "confirm it."
                )
                % {"year": year},
                messages.SUCCESS,
            )
        return redirect("admin:portal_calendaryear_changelist")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "next_year": calendar_next_year(),
            "can_add_year": self.can_add_year(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(y.year), str(y.year)) for y in CalendarYear.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(date__year=self.value())
        return queryset


@admin.register(WorkingDay)
class WorkingDayAdmin(AuditedAdmin):
    """Single days are edited, never added or deleted; the ordinal is recounted."""

    list_display = ["date", "weekday", "is_workday", "note", "ordinal"]
    list_filter = ["is_workday", YearFilter]
    date_hierarchy = "date"
    search_fields = ["note"]
    readonly_fields = ["date", "weekday", "ordinal"]
    fieldsets = [
        (None, {"fields": ["date", "weekday", "is_workday", "note", "ordinal"]})
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("weekday"))
    def weekday(self, obj):
        return date_format(obj.date, "l")

    def save_model(self, request, obj, form, change):
        calendar_set_day(
            day=obj.date,
            is_workday=obj.is_workday,
            note=obj.note,
            user=request.user,
            reason=self.change_reason(form, change),
        )


# The sign-in records (django-axes) are registered read-only in their own module.
from . import signinadmin  # noqa: E402, F401
