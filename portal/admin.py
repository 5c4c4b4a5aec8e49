"""Admin for regions, organisations and memberships; the shared ``AuditedAdmin``;
the scoped "view on site" redirect."""

from datetime import date, datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from .audit import audited_delete, audited_save
from .domains import domain_choices
from .forms import AuditedModelForm
from .models import Membership, Organisation, Region, Role
from .pagination import EstimatedCountPaginator
from .selectors import is_site_admin, organisations_for

# The admin is the portal's, not "Django 管理".
admin.site.site_header = _("Grassroots disclosure catalogs · staff")
admin.site.site_title = _("Grassroots disclosure catalogs")
admin.site.index_title = _("Administration")
admin.site.site_url = None  # the public site is linked from the portal's own links

# The fields of AuditedModelForm that are not model fields.
_AUDIT = ("change_reason", "seen_history_id")
# A read-only field shown in words, not as its stored value: "<name>__shown".
_SHOWN = "__shown"
_BUSY = "_portal_reading_fieldsets"


def show_history_value(field, value) -> str:
    """A stored value as a reader would write it: a choice's label, 是/否 for a
    tick, "—" for nothing, a list's names joined; never ``None`` or JSON."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return "—"
        return gettext("%(kind)s no longer there") % {
            "kind": capfirst(str(value.model._meta.verbose_name))
        }
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    choices = dict(getattr(field, "flatchoices", None) or [])
    if choices and not isinstance(value, list | dict):
        return str(choices.get(value, value))
    if value is True:
        return gettext("Yes")
    if value is False:
        return gettext("No")
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return "、".join(
            str(choices.get(v, v))
            if not isinstance(v, list | dict)
            else show_history_value(None, v)
            for v in value
        )
    return str(value)


class HistoryValues(HistoricalRecordContextHelper):
    """History diffs with translated field names and values shown as words."""

    def __init__(self, model, record, show):
        super().__init__(model, record)
        self.show = show

    def format_delta_change(self, change):
        field = self.model._meta.get_field(change.field)
        old = conditional_escape(self.show(field, change.old))
        new = conditional_escape(self.show(field, change.new))
        return type(change)(capfirst(str(field.verbose_name)), old, new)


class IndexedOrderingChangeList(ChangeList):
    """A column the admin does not offer to sort by (``sortable_by``: those
    with an index to read a page along) is not sorted by from the URL either."""

    def get_ordering(self, request, queryset):
        order = self.params.get(ORDER_VAR)
        if order and self.sortable_by is not None:
            kept = []
            for part in order.split("."):
                index = part.rpartition("-")[2]
                if (
                    index.isdigit()
                    and int(index) < len(self.list_display)
                    and self.list_display[int(index)] in self.sortable_by
                ):
                    kept.append(part)
            if kept:
                self.params[ORDER_VAR] = ".".join(kept)
            else:
                del self.params[ORDER_VAR]
        return super().get_ordering(request, queryset)


class AuditedAdmin(SimpleHistoryAdmin):
    """History shown (never edited), a reason on every edit, rows scoped to the user.

    Subclasses scope their rows by overriding ``scope``; the change, delete and
    history pages of a row outside the scope answer 404.
    """

    form = AuditedModelForm
    # At a province's scale a change list must not count every row twice:
    # no count of the unfiltered rows, and the planner's estimate of the
    # filtered ones above 1,000 (portal.pagination).
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    def get_changelist(self, request, **kwargs):
        return IndexedOrderingChangeList

    def scope(self, request, queryset):
        return queryset

    def history_value(self, field, value) -> str:
        """How a history page writes a field's stored value; subclasses name
        codes (channels by their labels) and call this for the rest."""
        return show_history_value(field, value)

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryValues(self.model, historical_record, self.history_value)

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
        if self._reading_only(request, obj):
            return [
                (name, {**opts, "fields": [self._shown(f) for f in opts["fields"]]})
                for name, opts in fieldsets
            ]
        if obj is None:
            editable = self.has_add_permission(request)
        else:
            editable = self.has_change_permission(request, obj)
        if editable:
            fieldsets.append((_("Reason for change"), {"fields": list(_AUDIT)}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # get_fieldsets may ask the form, which asks for these again: once is enough.
        if self._reading_only(request, obj) and not getattr(request, _BUSY, False):
            setattr(request, _BUSY, True)
            try:
                shown = flatten_fieldsets(self.get_fieldsets(request, obj))
            finally:
                setattr(request, _BUSY, False)
            readonly += [name for name in shown if name not in readonly]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        # A page that only reads shows no form field: the fieldsets name the
        # "__shown" read-outs, and nothing is posted (history_form_view refuses).
        if self._reading_only(request, obj):
            kwargs["fields"] = []
        return super().get_form(request, obj, change, **kwargs)

    # A row read but not changed (a view-only change page, a history record)
    # shows every field in words: choices by label, lists by name, never JSON.
    def _in_history_record(self, request) -> bool:
        match = getattr(request, "resolver_match", None)
        return bool(match) and match.url_name.endswith("_simple_history")

    def _reading_only(self, request, obj) -> bool:
        if obj is None:
            return False
        if self._in_history_record(request):
            return self.revert_disabled(request, obj)
        match = getattr(request, "resolver_match", None)
        return (
            bool(match)
            and match.url_name.endswith("_change")
            and not self.has_change_permission(request, obj)
        )

    def _shown(self, entry):
        if isinstance(entry, list | tuple):
            return tuple(self._shown(name) for name in entry)
        try:
            self.model._meta.get_field(entry)
        except FieldDoesNotExist:
            return entry
        return f"{entry}{_SHOWN}"

    def __getattr__(self, name):
        if not name.endswith(_SHOWN) or "model" not in self.__dict__:
            raise AttributeError(name)
        field = self.model._meta.get_field(name.removesuffix(_SHOWN))

        def shown(obj):
            value = getattr(obj, field.name)
            if field.is_relation and not field.many_to_many:
                return str(value) if value is not None else "—"
            return self.history_value(field, value)

        shown.short_description = field.verbose_name
        return shown

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


# Roles (memberships) grant the permissions, never groups or per-user rows: the
# user and group pages show no permission list (the stock one lists ~200 untranslated names).
class PortalUserAdmin(UserAdmin):
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    list_filter = ["is_staff", "is_superuser", "is_active"]


class PortalGroupAdmin(GroupAdmin):
    fields = ["name"]


admin.site.unregister(get_user_model())
admin.site.unregister(Group)
admin.site.register(get_user_model(), PortalUserAdmin)
admin.site.register(Group, PortalGroupAdmin)


# The sign-in records (django-axes) are registered read-only in their own module,
# the calendar (years, days, entering a year's schedule) in portal/calendar/.
from .access import signinadmin  # noqa: E402, F401
from .calendar import admin as calendar_admin  # noqa: E402, F401


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect (``/admin/r/<type>/<id>/``), for objects
    the user may see in the admin only: anything else, existing or not, is the same
    404, so nobody learns which ids exist outside their organisations."""
    missing = Http404(gettext("No such object, or it is outside your organisations."))
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise missing from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        raise missing
    try:
        pk = model._meta.pk.to_python(unquote(object_id))
        visible = model_admin.get_queryset(request).filter(pk=pk).exists()
    except (ValidationError, ValueError, OverflowError):
        visible = False
    if not visible:
        raise missing
    return shortcut(request, content_type_id, object_id)
