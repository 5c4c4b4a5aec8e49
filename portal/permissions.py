"""Model permissions granted by role: one table instead of per-user or per-group rows.

Which *models* a staff member may open comes from their roles here; which *rows*
they see is decided by ``portal.selectors.organisations_for`` in every queryset.
"""

from django.contrib.auth.backends import BaseBackend

from .models import Membership, Role

_VIEW_REFERENCE = {
    "portal.view_region",
    "portal.view_organisation",
    "portal.view_calendaryear",
    "portal.view_workingday",
    "catalogs.view_domain",
    "catalogs.view_channel",
    "catalogs.view_catalog",
    "catalogs.view_item",
    "catalogs.view_legalbasis",
}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.EDITOR: _VIEW_REFERENCE
    | {
        "catalogs.add_catalog",
        "catalogs.change_catalog",
        "catalogs.add_item",
        "catalogs.change_item",
        "catalogs.delete_item",
        "catalogs.add_legalbasis",
        "catalogs.change_legalbasis",
        "catalogs.delete_legalbasis",
        "portal.view_membership",
    },
    Role.PUBLISHER: set(_VIEW_REFERENCE),
    Role.REVIEWER: _VIEW_REFERENCE | {"portal.view_membership"},
    Role.PROVINCIAL_REVIEWER: _VIEW_REFERENCE | {"portal.view_membership"},
    Role.SITE_ADMIN: set(),  # site administrators are superusers
}


class RoleBackend(BaseBackend):
    """Grants the permissions of the roles a user holds in any organisation."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cached = getattr(user_obj, "_role_perm_cache", None)
        if cached is None:
            roles = Membership.objects.filter(user=user_obj).values_list("role", flat=True)
            cached = set().union(*(ROLE_PERMISSIONS.get(r, set()) for r in roles))
            user_obj._role_perm_cache = cached
        return cached

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(
            p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj)
        )
