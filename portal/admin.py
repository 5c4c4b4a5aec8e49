"""Admin for regions, organisations and memberships; the shared ``AuditedAdmin``."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .audit import audited_delete, audited_save
from .domains import domain_choices
from .forms import AuditedModelForm
from .models import Membership, Organisation, Region, Role
from .selectors import is_site_admin, organisations_for

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


class OrganisationForm(AuditedModelForm):
    """The body's domains as ticks by name, never as a list of keys."""

    domains = forms.MultipleChoiceField(
        label=_("domains"),
        choices=domain_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Organisation._meta.get_field("domains").help_text,
    )

    class Meta:
        model = Organisation
        fields = "__all__"


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    form = OrganisationForm
    list_display = ["name", "code", "kind", "region", "domain_names"]
    list_filter = ["kind", "region__level"]
    search_fields = ["name", "code", "^region__code", "region__name"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
    fieldsets = [(None, {"fields": ["name", "code", "kind", "region", "domains"]})]

    @admin.display(description=_("domains"))
    def domain_names(self, obj):
        if not obj.domains:
            return gettext("All domains")
        names = dict(domain_choices())
        return "、".join(names.get(key, key) for key in obj.domains)

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


# The sign-in records (django-axes) are registered read-only in their own module,
# the calendar (years, days, entering a year's schedule) in portal/calendar/.
from .access import signinadmin  # noqa: E402, F401
from .calendar import admin as calendar_admin  # noqa: E402, F401
