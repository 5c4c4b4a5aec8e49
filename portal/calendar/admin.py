"""Admin for the working-day calendar: years, days, and a year's announcement.

A year is added with its days (provisional: weekends and the statutory
holidays), its announced schedule entered on one page and confirmed; single days
are edited. Every write goes through ``services``, which recomputes the dates
that depended on the change. Who may not edit the calendar reads it here.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..admin import AuditedAdmin
from ..models import CalendarYear, WorkingDay
from .forms import ScheduleForm, schedule_text, year_days
from .holidays import RULES_IN_FORCE_FROM, provisional_days
from .selectors import calendar_next_year, calendar_reminders, may_edit_calendar
from .services import (
    CalendarError,
    calendar_add_year,
    calendar_confirm_year,
    calendar_enter_schedule,
    calendar_set_day,
)


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdmin):
    """Years are added with their days (a button), entered and confirmed."""

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

    def get_list_display(self, request):
        if may_edit_calendar(request.user):
            return [*self.list_display, "schedule_link"]
        return self.list_display

    @admin.display(description=_("announced schedule"))
    def schedule_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:portal_calendaryear_schedule", args=[obj.year]),
            gettext("Enter the schedule")
            if not obj.confirmed
            else gettext("Correct the schedule"),
        )

    @admin.action(
        description=_("Confirm the selected years against the announcement"),
        permissions=["change"],
    )
    def confirm_years(self, request, queryset):
        years = list(queryset)
        with transaction.atomic():
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
            ),
            path(
                "schedule/<int:year>/",
                self.admin_site.admin_view(self.schedule_view),
                name="portal_calendaryear_schedule",
            ),
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
                    "The year %(year)s was added with weekends and the statutory "
                    "holidays as rest days; its dates are provisional. Enter the "
                    "announcement's schedule, then confirm it."
                )
                % {"year": year},
                messages.SUCCESS,
            )
        return redirect("admin:portal_calendaryear_changelist")

    def schedule_view(self, request, year: int):
        """Enter (or correct) a year's announced schedule and confirm it, at once."""
        if not may_edit_calendar(request.user):
            raise PermissionDenied
        existing = CalendarYear.objects.filter(year=year).first()
        if existing is None and year != calendar_next_year():
            self.message_user(
                request,
                gettext(
                    "The calendar must stay without gaps: the next year to add is "
                    "%(year)s."
                )
                % {"year": calendar_next_year()},
                messages.ERROR,
            )
            return redirect("admin:portal_calendaryear_changelist")
        if existing is not None:
            days = year_days(year)
        elif year >= RULES_IN_FORCE_FROM:
            days = provisional_days(year)
        else:
            days = []
        rest, work = schedule_text(days)
        form = ScheduleForm(
            request.POST or None,
            initial={
                "rest_days": rest,
                "workdays": work,
                "source": existing.source if existing and existing.confirmed else "",
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    if existing is None:
                        calendar_add_year(year=year, user=request.user)
                    calendar_enter_schedule(
                        year=year,
                        rest_days=data["rest_days"],
                        workdays=data["workdays"],
                        source=data["source"],
                        confirm=data["confirm"],
                        user=request.user,
                        reason=data["reason"],
                    )
            except CalendarError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    (
                        gettext("The schedule of %(year)s was saved and confirmed.")
                        if data["confirm"]
                        else gettext(
                            "The schedule of %(year)s was saved; the year is "
                            "still provisional."
                        )
                    )
                    % {"year": year},
                    messages.SUCCESS,
                )
                return redirect("admin:portal_calendaryear_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("The holiday schedule of %(year)s") % {"year": year},
            "year": year,
            "form": form,
            "confirmed": bool(existing and existing.confirmed),
        }
        return TemplateResponse(
            request, "admin/portal/calendaryear/schedule.html", context
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "next_year": calendar_next_year(),
            "can_add_year": self.can_add_year(request),
            "calendar_reminders": calendar_reminders(
                request.user, timezone.localdate()
            ),
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

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "calendar_reminders": calendar_reminders(
                request.user, timezone.localdate()
            ),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)
