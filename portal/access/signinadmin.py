"""Sign-in records in the admin: successful and failed sign-ins are read-only.

django-axes' own registration is off (``AXES_ENABLE_ADMIN = False``) so these
audit records cannot be edited or deleted in any UI; only ``archive_audit``
moves old ones out. Current lock-outs (access attempts) stay deletable: deleting
one unlocks that username and address.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin


class ReadOnlyRecordAdmin:
    """Viewing only: no add, change or delete, not even for a superuser."""

    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class SignInRecordAdmin(ReadOnlyRecordAdmin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class FailedSignInRecordAdmin(ReadOnlyRecordAdmin, AccessFailureLogAdmin):
    pass


admin.site.register(AccessAttempt, AccessAttemptAdmin)
